//! Conversions between Python values (`int`, `str`, `datetime`, `Decimal`,
//! enum members, ...) and the ORM's [`OrmValue`]s.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use retort_orm::OrmValue;
use retort_python::stdlib::datetime::{Date, DateTime, Time, TimeDelta};
use retort_python::stdlib::decimal::Decimal;
use retort_python::stdlib::uuid::Uuid;
use retort_python::{Interpreter, PyErr, PyResult, Value};
use retort_sql::SqlType;

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// A Python value as an attribute or parameter value.
pub fn to_orm(interp: &mut Interpreter, value: &Value) -> PyResult<OrmValue> {
    Ok(match value {
        Value::None => OrmValue::None,
        Value::Bool(b) => OrmValue::Bool(*b),
        Value::Int(i) => OrmValue::Int(*i),
        Value::Float(f) => OrmValue::Float(*f),
        Value::Str(s) => OrmValue::Str(s.to_string()),
        other => {
            if let Some(d) = other.downcast_native::<Date>() {
                return Ok(OrmValue::Date {
                    year: d.0.year(),
                    month: d.0.month(),
                    day: d.0.day(),
                });
            }
            if let Some(dt) = other.downcast_native::<DateTime>() {
                let n = dt.naive;
                return Ok(OrmValue::DateTime {
                    year: n.year(),
                    month: n.month(),
                    day: n.day(),
                    hour: n.hour(),
                    minute: n.minute(),
                    second: n.second(),
                    microsecond: n.nanosecond() / 1000,
                });
            }
            if let Some(t) = other.downcast_native::<Time>() {
                return Ok(OrmValue::Time {
                    hour: t.0.hour(),
                    minute: t.0.minute(),
                    second: t.0.second(),
                    microsecond: t.0.nanosecond() / 1000,
                });
            }
            if let Some(delta) = other.downcast_native::<TimeDelta>() {
                let days = delta.0.div_euclid(MICROS_PER_DAY);
                let rest = delta.0.rem_euclid(MICROS_PER_DAY);
                return Ok(OrmValue::Timedelta {
                    days,
                    seconds: rest / 1_000_000,
                    microseconds: rest % 1_000_000,
                });
            }
            if let Some(bytes) = other.downcast_native::<retort_python::builtins::bytes::Bytes>() {
                return Ok(OrmValue::Bytes(bytes.0.clone()));
            }
            if let Some(decimal) = other.downcast_native::<Decimal>() {
                return Ok(OrmValue::Decimal(decimal.0.to_string()));
            }
            if let Some(id) = other.downcast_native::<Uuid>() {
                return Ok(OrmValue::Uuid(id.0.to_be_bytes()));
            }
            if let Value::Instance(_) = other {
                let class = interp.class_of(other);
                let is_enum = class.mro_iter().any(|c| c.name.as_ref() == "Enum");
                if is_enum {
                    let member = interp.get_attr(other, "name")?;
                    return Ok(OrmValue::enum_member(
                        class.name.to_string(),
                        interp.str(&member)?,
                    ));
                }
            }
            let type_name = interp.class_of(other).name.to_string();
            return Err(PyErr::type_error(format!(
                "unsupported value of type '{type_name}' for a column"
            )));
        }
    })
}

/// An attribute value as a Python value.
pub fn from_orm(value: &OrmValue) -> Value {
    match value {
        OrmValue::None => Value::None,
        OrmValue::Bool(b) => Value::Bool(*b),
        OrmValue::Int(i) => Value::Int(*i),
        OrmValue::Float(f) => Value::Float(*f),
        OrmValue::Str(s) => Value::str(s.as_str()),
        OrmValue::Decimal(text) => match rust_decimal::Decimal::from_str(text) {
            Ok(exact) => Value::native(Decimal(exact)),
            Err(_) => Value::str(text.as_str()),
        },
        OrmValue::Date { year, month, day } => match NaiveDate::from_ymd_opt(*year, *month, *day) {
            Some(date) => Value::native(Date(date)),
            None => Value::None,
        },
        OrmValue::DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            microsecond,
        } => {
            let date = NaiveDate::from_ymd_opt(*year, *month, *day);
            let time = NaiveTime::from_hms_micro_opt(*hour, *minute, *second, *microsecond);
            match (date, time) {
                (Some(date), Some(time)) => Value::native(DateTime {
                    naive: date.and_time(time),
                    offset: None,
                }),
                _ => Value::None,
            }
        }
        OrmValue::Time {
            hour,
            minute,
            second,
            microsecond,
        } => match NaiveTime::from_hms_micro_opt(*hour, *minute, *second, *microsecond) {
            Some(time) => Value::native(Time(time)),
            None => Value::None,
        },
        OrmValue::Timedelta {
            days,
            seconds,
            microseconds,
        } => Value::native(TimeDelta(
            days * MICROS_PER_DAY + seconds * 1_000_000 + microseconds,
        )),
        OrmValue::Enum(e) => Value::str(e.member.as_str()),
        OrmValue::Bytes(bytes) => retort_python::builtins::bytes::Bytes::value(bytes.clone()),
        OrmValue::Uuid(bytes) => Value::native(Uuid(u128::from_be_bytes(*bytes))),
    }
}

/// A Python value as a plain SQL parameter (no column type known).
pub fn to_param(interp: &mut Interpreter, value: &Value) -> PyResult<retort_sql::Value> {
    Ok(match to_orm(interp, value)? {
        OrmValue::None => retort_sql::Value::Null,
        OrmValue::Bool(b) => retort_sql::Value::Integer(i64::from(b)),
        OrmValue::Int(i) => retort_sql::Value::Integer(i),
        OrmValue::Float(f) => retort_sql::Value::Real(f),
        OrmValue::Str(s) => retort_sql::Value::Text(s),
        other => retort_orm::types::to_param(&other, &natural_type(&other)),
    })
}

/// [`from_orm`], with enum members looked up on their class among the
/// script's globals (`Mood.happy`).
pub fn from_orm_in(interp: &mut Interpreter, value: &OrmValue) -> PyResult<Value> {
    if let OrmValue::Enum(e) = value
        && let Some(class_value) = interp.global(&e.class)
    {
        return interp.get_attr(&class_value, &e.member);
    }
    Ok(from_orm(value))
}

/// The SQL type SQLAlchemy infers for a literal Python value.
fn natural_type(value: &OrmValue) -> SqlType {
    match value {
        OrmValue::None => SqlType::Null,
        OrmValue::Bool(_) => SqlType::Boolean,
        OrmValue::Int(_) => SqlType::Integer,
        OrmValue::Float(_) => SqlType::Float(None),
        OrmValue::Str(_) => SqlType::String(None),
        OrmValue::Bytes(_) => SqlType::LargeBinary,
        OrmValue::Date { .. } => SqlType::Date,
        OrmValue::DateTime { .. } => SqlType::DateTime,
        OrmValue::Time { .. } => SqlType::Time,
        OrmValue::Timedelta { .. } => SqlType::Interval,
        OrmValue::Decimal(_) => SqlType::Numeric(None, None),
        OrmValue::Enum(_) => SqlType::enum_of(Vec::<String>::new()),
        OrmValue::Uuid(_) => SqlType::uuid(),
    }
}

/// A type's affinity (`TypeEngine._type_affinity`).
fn affinity(sql_type: &SqlType) -> u8 {
    match sql_type {
        SqlType::Integer | SqlType::SmallInteger | SqlType::BigInteger => 1,
        SqlType::String(_)
        | SqlType::Text
        | SqlType::Unicode(_)
        | SqlType::UnicodeText
        | SqlType::Enum { .. } => 2,
        SqlType::Float(_) | SqlType::Numeric(..) => 3,
        SqlType::Boolean => 4,
        SqlType::Date => 5,
        SqlType::DateTime => 6,
        SqlType::Time => 7,
        SqlType::Interval => 8,
        SqlType::LargeBinary | SqlType::PickleType => 9,
        SqlType::Json => 10,
        SqlType::Uuid { .. } => 11,
        SqlType::Null => 0,
    }
}

/// A value compared with a column of `column_type`: SQLAlchemy binds it
/// with the column's type when the value's own type has the same
/// affinity (`coerce_compared_value`), otherwise with its own type (so
/// `numeric_col > 5` binds the integer 5, not 5.0). `Uuid` also binds a
/// string with its own type.
pub fn compared_param(value: &OrmValue, column_type: &SqlType) -> retort_sql::Value {
    let natural = natural_type(value);
    let uuid_text = matches!(
        (value, column_type),
        (OrmValue::Str(_), SqlType::Uuid { .. })
    );
    if uuid_text || matches!(natural, SqlType::Null) || affinity(&natural) == affinity(column_type)
    {
        retort_orm::types::to_param(value, column_type)
    } else {
        retort_orm::types::to_param(value, &natural)
    }
}
