//! Values as the report shows them ([`Shown`]): Python's `repr` and a
//! typed form, for SQL values (parameters, table cells) and attribute
//! values.

use retort_orm::OrmValue;
use retort_python::Interpreter;
use retort_python::format::float_repr::float_repr;
use retort_python::format::repr::str_repr;
use retort_report::{Shown, TypedValue};

use crate::convert::from_orm_in;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Python's `repr` of a `bytes` value.
fn bytes_repr(bytes: &[u8]) -> String {
    let mut out = String::from("b'");
    for byte in bytes {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\'' => out.push_str("\\'"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(char::from(*byte)),
            other => out.push_str(&format!("\\x{other:02x}")),
        }
    }
    out.push('\'');
    out
}

/// A value as `sqlite3` hands it to Python.
pub fn shown_driver(value: &retort_driver::Value) -> Shown {
    use retort_driver::Value as V;
    let (text, value) = match value {
        V::Null => ("None".to_owned(), TypedValue::None),
        V::Integer(i) => (i.to_string(), TypedValue::Int(*i)),
        V::Real(f) => (float_repr(*f), TypedValue::Float(*f)),
        V::Text(t) => (str_repr(t), TypedValue::Str(t.clone())),
        V::Blob(b) => (bytes_repr(b), TypedValue::Bytes(hex(b))),
    };
    Shown { text, value }
}

/// A bound parameter as the echo log shows it.
pub fn shown_param(value: &retort_sql::Value) -> Shown {
    use retort_sql::Value as V;
    shown_driver(&match value {
        V::Null => retort_driver::Value::Null,
        V::Integer(i) => retort_driver::Value::Integer(*i),
        V::Real(f) => retort_driver::Value::Real(*f),
        V::Text(t) => retort_driver::Value::Text(t.clone()),
        V::Blob(b) => retort_driver::Value::Blob(b.clone()),
    })
}

/// A row of parameters as Python prints the tuple.
pub fn tuple_text(row: &[Shown]) -> String {
    match row {
        [only] => format!("({},)", only.text),
        _ => {
            let items: Vec<&str> = row.iter().map(|s| s.text.as_str()).collect();
            format!("({})", items.join(", "))
        }
    }
}

/// The typed form of an attribute value.
fn typed(value: &OrmValue) -> TypedValue {
    match value {
        OrmValue::None => TypedValue::None,
        OrmValue::Bool(b) => TypedValue::Bool(*b),
        OrmValue::Int(i) => TypedValue::Int(*i),
        OrmValue::Float(f) => TypedValue::Float(*f),
        OrmValue::Str(s) => TypedValue::Str(s.clone()),
        OrmValue::Bytes(b) => TypedValue::Bytes(hex(b)),
        OrmValue::Date { year, month, day } => {
            TypedValue::Date(format!("{year:04}-{month:02}-{day:02}"))
        }
        OrmValue::DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            microsecond,
        } => TypedValue::DateTime(format!(
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{}",
            micros(*microsecond)
        )),
        OrmValue::Time {
            hour,
            minute,
            second,
            microsecond,
        } => TypedValue::Time(format!(
            "{hour:02}:{minute:02}:{second:02}{}",
            micros(*microsecond)
        )),
        OrmValue::Timedelta {
            days,
            seconds,
            microseconds,
        } => TypedValue::Timedelta {
            days: *days,
            seconds: *seconds,
            microseconds: *microseconds,
        },
        OrmValue::Decimal(text) => TypedValue::Decimal(text.clone()),
        OrmValue::Enum(e) => TypedValue::Enum {
            class: e.class.clone(),
            member: e.member.clone(),
        },
        OrmValue::Uuid(bytes) => {
            TypedValue::Uuid(retort_orm::types::dashed_uuid(u128::from_be_bytes(*bytes)))
        }
    }
}

fn micros(microsecond: u32) -> String {
    if microsecond == 0 {
        String::new()
    } else {
        format!(".{microsecond:06}")
    }
}

/// An attribute value: its `repr` through the interpreter (built-in
/// types and enum members only, so no script code runs).
pub fn shown_orm(interp: &mut Interpreter, value: &OrmValue) -> Shown {
    let text = from_orm_in(interp, value)
        .and_then(|v| interp.repr(&v))
        .unwrap_or_else(|_| format!("{value:?}"));
    Shown {
        text,
        value: typed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_values_show_as_python_reprs() {
        let row: Vec<Shown> = [
            retort_sql::Value::Text("it's".into()),
            retort_sql::Value::Real(2.0),
            retort_sql::Value::Null,
            retort_sql::Value::Blob(vec![0, b'a']),
        ]
        .iter()
        .map(shown_param)
        .collect();
        assert_eq!(tuple_text(&row), "(\"it's\", 2.0, None, b'\\x00a')");
        assert_eq!(row[3].value, TypedValue::Bytes("0061".into()));
        assert_eq!(tuple_text(&row[..1]), "(\"it's\",)");
    }

    #[test]
    fn attribute_values_keep_their_python_type() {
        let mut interp = Interpreter::new(retort_python::Limits::default());
        let when = OrmValue::DateTime {
            year: 2024,
            month: 1,
            day: 2,
            hour: 3,
            minute: 4,
            second: 5,
            microsecond: 6,
        };
        let shown = shown_orm(&mut interp, &when);
        assert_eq!(shown.text, "datetime.datetime(2024, 1, 2, 3, 4, 5, 6)");
        assert_eq!(
            shown.value,
            TypedValue::DateTime("2024-01-02T03:04:05.000006".into())
        );
        let price = shown_orm(&mut interp, &OrmValue::Decimal("1.50".into()));
        assert_eq!(price.text, "Decimal('1.50')");
    }
}
