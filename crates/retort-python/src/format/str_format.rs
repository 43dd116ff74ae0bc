//! `str.format`: positional, indexed and named fields, attribute and index
//! access inside fields, conversions and nested format specs.

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

fn resolve_field(
    interp: &mut Interpreter,
    field: &str,
    args: &CallArgs,
    auto_index: &mut usize,
) -> PyResult<Value> {
    let name_end = field.find(['.', '[']).unwrap_or(field.len());
    let (name, mut rest) = field.split_at(name_end);
    let mut value = if name.is_empty() {
        let value = args.positional.get(*auto_index).cloned().ok_or_else(|| {
            PyErr::index_error(format!(
                "Replacement index {} out of range for positional args tuple",
                auto_index
            ))
        })?;
        *auto_index += 1;
        value
    } else if let Ok(index) = name.parse::<usize>() {
        args.positional.get(index).cloned().ok_or_else(|| {
            PyErr::index_error(format!(
                "Replacement index {index} out of range for positional args tuple"
            ))
        })?
    } else {
        args.keywords
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| PyErr::key_error(Value::str(name)))?
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            value = interp.get_attribute(&value, &after[..end])?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after
                .find(']')
                .ok_or_else(|| PyErr::value_error("Missing ']' in format string"))?;
            let key_text = &after[..end];
            let key = match key_text.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => Value::str(key_text),
            };
            value = interp.get_item(&value, &key)?;
            rest = &after[end + 1..];
        } else {
            return Err(PyErr::value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}

/// Formats `template` with `args` like `template.format(*args, **kwargs)`.
pub fn str_format(interp: &mut Interpreter, template: &str, args: &CallArgs) -> PyResult<String> {
    let mut out = String::new();
    let mut auto_index = 0;
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '{' if chars.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if chars.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '}' => {
                return Err(PyErr::value_error(
                    "Single '}' encountered in format string",
                ));
            }
            '{' => {
                let mut depth = 1;
                let start = i + 1;
                i += 1;
                while let Some(&k) = chars.get(i) {
                    if k == '{' {
                        depth += 1;
                    } else if k == '}' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                }
                if depth != 0 {
                    return Err(PyErr::value_error(
                        "Single '{' encountered in format string",
                    ));
                }
                let inner: String = chars
                    .get(start..i)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default();
                i += 1;
                let (field_and_conversion, spec) = match inner.find(':') {
                    Some(index) => (inner[..index].to_string(), inner[index + 1..].to_string()),
                    None => (inner.clone(), String::new()),
                };
                let (field, conversion) = match field_and_conversion.split_once('!') {
                    Some((field, conversion)) => (field.to_string(), conversion.chars().next()),
                    None => (field_and_conversion, None),
                };
                let value = resolve_field(interp, &field, args, &mut auto_index)?;
                let spec = if spec.contains('{') {
                    str_format_nested(interp, &spec, args, &mut auto_index)?
                } else {
                    spec
                };
                let value = match conversion {
                    Some('r') | Some('a') => Value::str(interp.repr_value(&value)?),
                    Some('s') => Value::str(interp.str_value(&value)?),
                    Some(other) => {
                        return Err(PyErr::value_error(format!(
                            "Unknown conversion specifier {other}"
                        )));
                    }
                    None => value,
                };
                out.push_str(&interp.format_value(&value, &spec)?);
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    Ok(out)
}

fn str_format_nested(
    interp: &mut Interpreter,
    spec: &str,
    args: &CallArgs,
    auto_index: &mut usize,
) -> PyResult<String> {
    let mut out = String::new();
    let mut rest = spec;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| c + open)
            .ok_or_else(|| PyErr::value_error("unmatched '{' in format spec"))?;
        let value = resolve_field(interp, &rest[open + 1..close], args, auto_index)?;
        out.push_str(&interp.str_value(&value)?);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}
