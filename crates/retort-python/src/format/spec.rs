//! The format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`)
//! for `int`, `float`, `bool` and `str`, with CPython's rules for fill,
//! alignment, sign, `#`, `0`, width, grouping, precision and type.

use crate::error::{PyErr, PyResult};
use crate::format::float_repr::{exponent_suffix, float_repr};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

/// A parsed format specification.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alternate: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub kind: Option<char>,
}

/// Parses `[[fill]align][sign][#][0][width][grouping][.precision][type]`.
pub fn parse_spec(text: &str) -> Option<Spec> {
    let chars: Vec<char> = text.chars().collect();
    let mut spec = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        spec.fill = Some(chars[0]);
        spec.align = Some(chars[1]);
        i = 2;
    } else if chars.first().is_some_and(|c| is_align(*c)) {
        spec.align = chars.first().copied();
        i = 1;
    }
    if let Some(&c) = chars.get(i)
        && matches!(c, '+' | '-' | ' ')
    {
        spec.sign = Some(c);
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        spec.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        spec.zero = true;
        i += 1;
    }
    let start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i > start {
        spec.width = chars[start..i].iter().collect::<String>().parse().ok()?;
    }
    if let Some(&c) = chars.get(i)
        && (c == ',' || c == '_')
    {
        spec.grouping = Some(c);
        i += 1;
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        let start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        spec.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
    }
    if let Some(&c) = chars.get(i) {
        spec.kind = Some(c);
        i += 1;
    }
    (i == chars.len()).then_some(spec)
}

fn group_digits(digits: &str, separator: char, every: usize) -> String {
    let mut out = String::new();
    let len = digits.chars().count();
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (len - index).is_multiple_of(every) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// Pads a formatted number (`sign` + `body`) or string.
fn align(spec: &Spec, sign: &str, body: &str, numeric: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    if spec.width <= len {
        return format!("{sign}{body}");
    }
    let padding = spec.width - len;
    let (fill, default_align) = if spec.zero && spec.fill.is_none() && numeric {
        ('0', '=')
    } else {
        (' ', if numeric { '>' } else { '<' })
    };
    let fill = spec.fill.unwrap_or(fill);
    let pad = |n: usize| fill.to_string().repeat(n);
    match spec.align.unwrap_or(default_align) {
        '<' => format!("{sign}{body}{}", pad(padding)),
        '^' => format!(
            "{}{sign}{body}{}",
            pad(padding / 2),
            pad(padding - padding / 2)
        ),
        '=' => format!("{sign}{}{body}", pad(padding)),
        _ => format!("{}{sign}{body}", pad(padding)),
    }
}

fn sign_text(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

fn apply_grouping(body: &str, spec: &Spec) -> String {
    let Some(separator) = spec.grouping else {
        return body.to_string();
    };
    let (integer, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
        Some(index) => body.split_at(index),
        None => (body, ""),
    };
    format!("{}{rest}", group_digits(integer, separator, 3))
}

/// Formats an integer.
pub fn format_int(n: i64, spec: &Spec) -> PyResult<String> {
    let magnitude = n.unsigned_abs();
    let body = match spec.kind {
        None | Some('d') | Some('n') => apply_grouping(&magnitude.to_string(), spec),
        Some('x') => format!(
            "{}{}",
            if spec.alternate { "0x" } else { "" },
            group_with(&format!("{magnitude:x}"), spec)
        ),
        Some('X') => format!(
            "{}{}",
            if spec.alternate { "0X" } else { "" },
            group_with(&format!("{magnitude:X}"), spec)
        ),
        Some('o') => format!(
            "{}{}",
            if spec.alternate { "0o" } else { "" },
            group_with(&format!("{magnitude:o}"), spec)
        ),
        Some('b') => format!(
            "{}{}",
            if spec.alternate { "0b" } else { "" },
            group_with(&format!("{magnitude:b}"), spec)
        ),
        Some('c') => {
            let c = u32::try_from(n)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| PyErr::overflow_error("%c arg not in range(0x110000)"))?;
            return Ok(align(spec, "", &c.to_string(), false));
        }
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => return format_float(n as f64, spec),
        Some(other) => {
            return Err(PyErr::value_error(format!(
                "Unknown format code '{other}' for object of type 'int'"
            )));
        }
    };
    if spec.precision.is_some() {
        return Err(PyErr::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    Ok(align(spec, sign_text(n < 0, spec), &body, true))
}

fn group_with(digits: &str, spec: &Spec) -> String {
    match spec.grouping {
        Some(separator) => group_digits(digits, separator, 4),
        None => digits.to_string(),
    }
}

/// Fixed notation with `precision` decimals, correctly rounded.
fn fixed(x: f64, precision: usize) -> String {
    format!("{:.*}", precision, x)
}

/// Scientific notation with `precision` decimals: `1.50e+03`.
fn scientific(x: f64, precision: usize, letter: char) -> String {
    let text = format!("{:.*e}", precision, x);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    format!(
        "{mantissa}{}",
        exponent_suffix(exponent.parse().unwrap_or(0), letter)
    )
}

/// General notation (`g`): precision significant digits, trailing zeros removed.
fn general(x: f64, precision: usize, alternate: bool, letter: char) -> String {
    let precision = precision.max(1);
    if x == 0.0 {
        return if alternate {
            format!("{:.*}", precision - 1, 0.0)
        } else {
            "0".into()
        };
    }
    let probe = format!("{:.*e}", precision - 1, x);
    let exponent: i32 = probe
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let text = if exponent >= -4 && exponent < precision as i32 {
        fixed(x, (precision as i32 - 1 - exponent).max(0) as usize)
    } else {
        scientific(x, precision - 1, letter)
    };
    if alternate {
        return text;
    }
    match text.split_once(letter) {
        Some((mantissa, exponent)) => {
            let mantissa = if mantissa.contains('.') {
                mantissa.trim_end_matches('0').trim_end_matches('.')
            } else {
                mantissa
            };
            format!("{mantissa}{letter}{exponent}")
        }
        None if text.contains('.') => text.trim_end_matches('0').trim_end_matches('.').to_string(),
        None => text,
    }
}

/// Formats a float.
pub fn format_float(x: f64, spec: &Spec) -> PyResult<String> {
    let negative = x.is_sign_negative();
    let magnitude = x.abs();
    let upper = matches!(spec.kind, Some('E' | 'F' | 'G'));
    let special = if magnitude.is_nan() {
        Some("nan")
    } else if magnitude.is_infinite() {
        Some("inf")
    } else {
        None
    };
    let body = match (special, spec.kind) {
        (Some(word), Some('%')) => format!("{word}%"),
        (Some(word), _) => word.to_string(),
        (None, Some('f' | 'F')) => fixed(magnitude, spec.precision.unwrap_or(6)),
        (None, Some('e' | 'E')) => scientific(
            magnitude,
            spec.precision.unwrap_or(6),
            if upper { 'E' } else { 'e' },
        ),
        (None, Some('g' | 'G')) => general(
            magnitude,
            spec.precision.unwrap_or(6),
            spec.alternate,
            if upper { 'E' } else { 'e' },
        ),
        (None, Some('n')) => general(magnitude, spec.precision.unwrap_or(6), spec.alternate, 'e'),
        (None, Some('%')) => format!("{}%", fixed(magnitude * 100.0, spec.precision.unwrap_or(6))),
        (None, None) => match spec.precision {
            None => float_repr(magnitude),
            Some(precision) => {
                let text = general(magnitude, precision, spec.alternate, 'e');
                if text.contains(['.', 'e', 'n', 'i']) {
                    text
                } else {
                    format!("{text}.0")
                }
            }
        },
        (_, Some(other)) => {
            return Err(PyErr::value_error(format!(
                "Unknown format code '{other}' for object of type 'float'"
            )));
        }
    };
    let body = if upper { body.to_uppercase() } else { body };
    let body = apply_grouping(&body, spec);
    Ok(align(
        spec,
        sign_text(negative && !magnitude.is_nan(), spec),
        &body,
        true,
    ))
}

/// Formats a string.
pub fn format_str(text: &str, spec: &Spec) -> PyResult<String> {
    if let Some(kind) = spec.kind.filter(|k| *k != 's') {
        return Err(PyErr::value_error(format!(
            "Unknown format code '{kind}' for object of type 'str'"
        )));
    }
    if spec.sign.is_some() {
        return Err(PyErr::value_error(
            "Sign not allowed in string format specifier",
        ));
    }
    let truncated: String = match spec.precision {
        Some(precision) => text.chars().take(precision).collect(),
        None => text.to_string(),
    };
    Ok(align(spec, "", &truncated, false))
}

impl Interpreter {
    /// `format(value, spec)`.
    pub(crate) fn format_value(&mut self, value: &Value, spec_text: &str) -> PyResult<String> {
        match value {
            Value::Instance(_) => {
                if let Some(method) = self.user_method(value, "__format__") {
                    let result =
                        self.call_value(&method, CallArgs::new(vec![Value::str(spec_text)]))?;
                    return self.str_value(&result);
                }
                if spec_text.is_empty() {
                    return self.str_value(value);
                }
                return Err(PyErr::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    value.type_name()
                )));
            }
            Value::Native(object) => {
                if let Some(text) = object.clone().format(self, value, spec_text)? {
                    return Ok(text);
                }
                if spec_text.is_empty() {
                    return self.str_value(value);
                }
                return Err(PyErr::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    value.type_name()
                )));
            }
            _ => {}
        }
        if spec_text.is_empty() {
            return self.str_value(value);
        }
        let spec =
            parse_spec(spec_text).ok_or_else(|| PyErr::value_error("Invalid format specifier"))?;
        self.check_string_len(spec.width)?;
        self.check_string_len(spec.precision.unwrap_or(0))?;
        match value {
            // bool has no `__format__` of its own: int's formats it as a
            // number once the spec is not empty (`f"{True:^8}"` is `   1    `).
            Value::Int(_) | Value::Bool(_) => format_int(value.as_int().unwrap_or(0), &spec),
            Value::Float(x) => format_float(*x, &spec),
            Value::Str(text) => format_str(text, &spec),
            // `object.__format__` takes only an empty spec.
            other => Err(PyErr::type_error(format!(
                "unsupported format string passed to {}.__format__",
                other.type_name()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(x: f64, spec: &str) -> String {
        format_float(x, &parse_spec(spec).unwrap()).unwrap()
    }

    fn int(n: i64, spec: &str) -> String {
        format_int(n, &parse_spec(spec).unwrap()).unwrap()
    }

    fn string(s: &str, spec: &str) -> String {
        format_str(s, &parse_spec(spec).unwrap()).unwrap()
    }

    #[test]
    fn floats_match_cpython() {
        assert_eq!(float(1.23456, "08.3f"), "0001.235");
        assert_eq!(float(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(float(0.256, ".2%"), "25.60%");
        assert_eq!(float(12345.678, "e"), "1.234568e+04");
        assert_eq!(float(0.125, ".2f"), "0.12");
        assert_eq!(float(2.5, ".0f"), "2");
        assert_eq!(float(1.23456, ".3"), "1.23");
        assert_eq!(float(2.0, ".3"), "2.0");
        assert_eq!(float(1e20, ".2"), "1e+20");
        assert_eq!(float(0.0001234, "g"), "0.0001234");
        assert_eq!(float(1234567.0, "g"), "1.23457e+06");
        assert_eq!(float(-1.5, "+.1f"), "-1.5");
        assert_eq!(float(1.5, "+.1f"), "+1.5");
        assert_eq!(float(42.0, ">10"), "      42.0");
        assert_eq!(float(-3.0, "08.2f"), "-0003.00");
    }

    #[test]
    fn ints_match_cpython() {
        assert_eq!(int(42, ">10"), "        42");
        assert_eq!(int(42, "<5"), "42   ");
        assert_eq!(int(42, "^7"), "  42   ");
        assert_eq!(int(1234567, ","), "1,234,567");
        assert_eq!(int(255, "x"), "ff");
        assert_eq!(int(255, "#X"), "0XFF");
        assert_eq!(int(-42, "05d"), "-0042");
        assert_eq!(int(5, "03"), "005");
        assert_eq!(int(10, "b"), "1010");
        assert_eq!(int(1, ".2f"), "1.00");
        assert_eq!(int(7, "*^9"), "****7****");
    }

    #[test]
    fn strings_match_cpython() {
        assert_eq!(string("abc", ">10"), "       abc");
        assert_eq!(string("abc", "10"), "abc       ");
        assert_eq!(string("abcdef", ".3"), "abc");
        assert_eq!(string("ab", "-^6"), "--ab--");
    }
}
