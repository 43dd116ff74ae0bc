//! Inline rendering of values, as SQLAlchemy's literal processors do for
//! `literal_binds` and server defaults: integers as digits, floats as
//! Python's `repr`, strings single-quoted with quotes doubled.

use crate::error::CompileError;
use crate::value::Value;

/// Renders a value as an SQL literal.
pub fn render_literal(value: &Value) -> Result<String, CompileError> {
    match value {
        Value::Null => Ok("NULL".to_owned()),
        Value::Integer(i) => Ok(i.to_string()),
        Value::Real(f) => Ok(python_float_repr(*f)),
        Value::Text(s) => Ok(quote_string(s)),
        Value::Blob(_) => Err(CompileError::new(
            "No literal value renderer is available for literal value of type LargeBinary",
        )),
    }
}

/// Quotes a string literal the way SQLAlchemy's `String` literal processor does.
pub fn quote_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Formats a double exactly as Python's `repr(float)`.
pub fn python_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // Rust's `{:e}` gives the shortest round-tripping digits, like Python.
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat(point.unsigned_abs() as usize), digits)
        } else if (point as usize) >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            let (int, frac) = digits.split_at(point as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let mantissa = if rest.is_empty() {
            first.to_owned()
        } else {
            format!("{first}.{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exponent.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_match_python_repr() {
        assert_eq!(python_float_repr(1.5), "1.5");
        assert_eq!(python_float_repr(1.0), "1.0");
        assert_eq!(python_float_repr(19.9), "19.9");
        assert_eq!(python_float_repr(-0.25), "-0.25");
        assert_eq!(python_float_repr(1e20), "1e+20");
        assert_eq!(python_float_repr(1e-7), "1e-07");
        assert_eq!(python_float_repr(0.0001), "0.0001");
        assert_eq!(python_float_repr(1e16), "1e+16");
        assert_eq!(python_float_repr(123456789012345.0), "123456789012345.0");
        assert_eq!(python_float_repr(1.25e-5), "1.25e-05");
    }

    #[test]
    fn strings_double_their_quotes() {
        assert_eq!(
            render_literal(&Value::Text("it's".into())).unwrap(),
            "'it''s'"
        );
        assert_eq!(render_literal(&Value::Null).unwrap(), "NULL");
        assert!(render_literal(&Value::Blob(vec![0])).is_err());
    }
}
