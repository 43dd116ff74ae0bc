//! `%`-formatting (`"%s is %d" % (name, age)`), with a tuple, a single
//! value, or a mapping for `%(key)s`.

use crate::error::{PyErr, PyResult};
use crate::format::spec::{Spec, format_float, format_int, format_str};
use crate::interp::Interpreter;
use crate::value::Value;

/// Applies `format % values`.
pub fn percent_format(interp: &mut Interpreter, format: &str, values: &Value) -> PyResult<String> {
    let (positional, mapping) = match values {
        Value::Tuple(items) => (items.to_vec(), None),
        Value::Dict(_) => (vec![values.clone()], Some(values.clone())),
        other => (vec![other.clone()], None),
    };
    let mut next = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    let mut used_mapping = false;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while let Some(&k) = chars.get(i) {
                if k == '(' {
                    depth += 1;
                } else if k == ')' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                i += 1;
            }
            key = Some(
                chars
                    .get(start..i)
                    .map(|s| s.iter().collect::<String>())
                    .unwrap_or_default(),
            );
            i += 1;
        }
        let mut spec = Spec::default();
        while let Some(&flag) = chars.get(i) {
            match flag {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => spec.sign = spec.sign.or(Some(' ')),
                '#' => spec.alternate = true,
                '0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut take_value = |interp: &mut Interpreter, key: &Option<String>| -> PyResult<Value> {
            if let Some(key) = key {
                let Some(mapping) = &mapping else {
                    return Err(PyErr::type_error("format requires a mapping"));
                };
                used_mapping = true;
                return interp.get_item(mapping, &Value::str(key.as_str()));
            }
            let value = positional
                .get(next)
                .cloned()
                .ok_or_else(|| PyErr::type_error("not enough arguments for format string"))?;
            next += 1;
            Ok(value)
        };
        if chars.get(i) == Some(&'*') {
            i += 1;
            spec.width = take_value(interp, &None)?.as_int().unwrap_or(0).max(0) as usize;
        } else {
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            spec.width = chars
                .get(start..i)
                .map(|s| s.iter().collect::<String>())
                .unwrap_or_default()
                .parse()
                .unwrap_or(0);
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            spec.precision = Some(
                chars
                    .get(start..i)
                    .map(|s| s.iter().collect::<String>())
                    .unwrap_or_default()
                    .parse()
                    .unwrap_or(0),
            );
        }
        if spec.align == Some('<') {
            spec.zero = false;
        }
        interp.check_string_len(spec.width)?;
        interp.check_string_len(spec.precision.unwrap_or(0))?;
        let Some(&kind) = chars.get(i) else {
            return Err(PyErr::value_error("incomplete format"));
        };
        i += 1;
        if kind == '%' {
            out.push('%');
            continue;
        }
        let value = take_value(interp, &key)?;
        let text = match kind {
            's' | 'r' | 'a' => {
                let text = if kind == 's' {
                    interp.str_value(&value)?
                } else {
                    interp.repr_value(&value)?
                };
                let precision = spec.precision.take();
                let text: String = match precision {
                    Some(p) => text.chars().take(p).collect(),
                    None => text,
                };
                format_str(
                    &text,
                    &Spec {
                        zero: false,
                        sign: None,
                        align: spec.align.or(Some('>')),
                        ..spec
                    },
                )?
            }
            'd' | 'i' | 'u' => {
                let n = match &value {
                    Value::Float(x) => x.trunc() as i64,
                    // A Decimal's `__int__`: its integral part.
                    other
                        if let Some(decimal) =
                            other.downcast_native::<crate::stdlib::decimal::Decimal>() =>
                    {
                        decimal.truncated().ok_or_else(|| {
                            PyErr::overflow_error("Python int too large to convert to C long")
                        })?
                    }
                    other => other.as_int().ok_or_else(|| {
                        PyErr::type_error(format!(
                            "%{kind} format: a real number is required, not {}",
                            other.type_name()
                        ))
                    })?,
                };
                spec.precision = None;
                format_int(
                    n,
                    &Spec {
                        kind: Some('d'),
                        ..spec
                    },
                )?
            }
            'x' | 'X' | 'o' => {
                let n = value.as_int().ok_or_else(|| {
                    PyErr::type_error(format!(
                        "%{kind} format: an integer is required, not {}",
                        value.type_name()
                    ))
                })?;
                spec.precision = None;
                format_int(
                    n,
                    &Spec {
                        kind: Some(kind),
                        ..spec
                    },
                )?
            }
            'c' => match &value {
                Value::Str(s) => format_str(
                    s,
                    &Spec {
                        zero: false,
                        ..spec
                    },
                )?,
                other => format_int(
                    other.as_int().unwrap_or(0),
                    &Spec {
                        kind: Some('c'),
                        ..spec
                    },
                )?,
            },
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let x = match &value {
                    Value::Float(x) => *x,
                    other => match other.as_int() {
                        Some(n) => n as f64,
                        None => match interp.get_attribute(other, "__float__") {
                            Ok(method) => match interp
                                .call_value(&method, crate::native::CallArgs::default())?
                            {
                                Value::Float(x) => x,
                                _ => 0.0,
                            },
                            Err(_) => {
                                return Err(PyErr::type_error(format!(
                                    "must be real number, not {}",
                                    other.type_name()
                                )));
                            }
                        },
                    },
                };
                if spec.precision.is_none() {
                    spec.precision = Some(6);
                }
                format_float(
                    x,
                    &Spec {
                        kind: Some(kind),
                        ..spec
                    },
                )?
            }
            other => {
                return Err(PyErr::value_error(format!(
                    "unsupported format character '{other}' (0x{:x}) at index {}",
                    other as u32,
                    i - 1
                )));
            }
        };
        out.push_str(&text);
    }
    if next < positional.len() && !used_mapping && mapping.is_none() {
        return Err(PyErr::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}
