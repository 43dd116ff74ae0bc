//! Python-level attribute values ([`OrmValue`]) and their conversion to and
//! from SQLite parameters, per column type, as SQLAlchemy's SQLite types'
//! bind and result processors do it.

use retort_sql::{SqlType, Value};
use serde::{Deserialize, Serialize};

use crate::error::OrmError;

/// A Python scalar as the ORM sees it in an attribute.
///
/// Every variant fits in 32 bytes (an enum member is boxed), so an
/// object's values, its identity and a result row's items stay small.
/// `Debug` prints as a derived one would print the unboxed variants
/// (see `value_debug`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub enum OrmValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    /// `datetime.date`.
    Date {
        year: i32,
        month: u32,
        day: u32,
    },
    /// `datetime.datetime` (naive).
    DateTime {
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        microsecond: u32,
    },
    /// `datetime.time`.
    Time {
        hour: u32,
        minute: u32,
        second: u32,
        microsecond: u32,
    },
    /// `datetime.timedelta`, normalised as Python does.
    Timedelta {
        days: i64,
        seconds: i64,
        microseconds: i64,
    },
    /// `decimal.Decimal`, as its exact decimal string (`"19.90"`).
    Decimal(String),
    /// A member of a Python `enum.Enum` class, by class and member name
    /// (serialized as the struct variant `Enum { class, member }` was).
    Enum(Box<EnumMember>),
    /// `uuid.UUID`, as its 128 bits, big-endian (bytes rather than a
    /// `u128`, whose 16-byte alignment would grow every value).
    Uuid([u8; 16]),
}

/// A member of a Python `enum.Enum` class: [`OrmValue::Enum`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    pub class: String,
    pub member: String,
}

impl OrmValue {
    /// The enum member `class.member`.
    pub fn enum_member(class: impl Into<String>, member: impl Into<String>) -> OrmValue {
        OrmValue::Enum(Box::new(EnumMember {
            class: class.into(),
            member: member.into(),
        }))
    }
}

impl OrmValue {
    /// Whether this is Python `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, OrmValue::None)
    }

    /// A canonical text used to compare identity keys (`1` and `True` differ
    /// only by type, as they would not in Python, which is acceptable for
    /// primary keys).
    pub fn identity_text(&self) -> String {
        match self {
            OrmValue::Bool(b) => i64::from(*b).to_string(),
            OrmValue::Int(i) => i.to_string(),
            OrmValue::Str(s) => format!("s:{s}"),
            other => format!("{other:?}"),
        }
    }
}

impl From<i64> for OrmValue {
    fn from(v: i64) -> Self {
        OrmValue::Int(v)
    }
}

impl From<&str> for OrmValue {
    fn from(v: &str) -> Self {
        OrmValue::Str(v.to_owned())
    }
}

impl From<bool> for OrmValue {
    fn from(v: bool) -> Self {
        OrmValue::Bool(v)
    }
}

impl From<f64> for OrmValue {
    fn from(v: f64) -> Self {
        OrmValue::Float(v)
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// Formats a datetime as SQLAlchemy's SQLite `DATETIME` storage format.
fn datetime_text(
    (year, month, day): (i32, u32, u32),
    (hour, minute, second, micro): (u32, u32, u32, u32),
) -> String {
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}.{micro:06}")
}

/// Converts an attribute value to the parameter SQLAlchemy binds for a
/// column of `sql_type` (its `bind_processor`).
/// What SQLAlchemy's SQLite bind processor of `sql_type` raises for
/// `value`, if it refuses it: the Python exception class and message
/// (`Date` takes only dates, `Boolean` only None, True, False, 0 or 1).
pub fn refused_bind(value: &OrmValue, sql_type: &SqlType) -> Option<(&'static str, String)> {
    let refuse = |message: &str| Some(("TypeError", message.to_owned()));
    match (sql_type, value) {
        (_, OrmValue::None) => None,
        (SqlType::Date, OrmValue::Date { .. } | OrmValue::DateTime { .. }) => None,
        (SqlType::Date, _) => refuse("SQLite Date type only accepts Python date objects as input."),
        (SqlType::DateTime, OrmValue::Date { .. } | OrmValue::DateTime { .. }) => None,
        (SqlType::DateTime, _) => {
            refuse("SQLite DateTime type only accepts Python datetime and date objects as input.")
        }
        (SqlType::Time, OrmValue::Time { .. }) => None,
        (SqlType::Time, _) => refuse("SQLite Time type only accepts Python time objects as input."),
        (SqlType::Boolean, OrmValue::Bool(_) | OrmValue::Int(0 | 1)) => None,
        (SqlType::Boolean, OrmValue::Float(f)) if *f == 0.0 || *f == 1.0 => None,
        (SqlType::Boolean, OrmValue::Int(i)) => Some((
            "ValueError",
            format!("Value {i} is not None, True, or False"),
        )),
        (SqlType::Boolean, other) => Some((
            "TypeError",
            format!("Not a boolean value: {}", bind_repr(other, sql_type)),
        )),
        // `Uuid` binds `value.hex` (or, with `as_uuid=False`,
        // `value.replace("-", "")`): another type has no such attribute.
        (SqlType::Uuid { as_uuid: true, .. }, OrmValue::Uuid(_)) => None,
        (SqlType::Uuid { as_uuid: true, .. }, other) => Some((
            "AttributeError",
            format!(
                "'{}' object has no attribute 'hex'",
                python_type_name(other)
            ),
        )),
        (SqlType::Uuid { as_uuid: false, .. }, OrmValue::Str(_)) => None,
        (SqlType::Uuid { as_uuid: false, .. }, other) => Some((
            "AttributeError",
            format!(
                "'{}' object has no attribute 'replace'",
                python_type_name(other)
            ),
        )),
        _ => None,
    }
}

/// The Python type name of an attribute value, as an error names it.
fn python_type_name(value: &OrmValue) -> &str {
    match value {
        OrmValue::None => "NoneType",
        OrmValue::Bool(_) => "bool",
        OrmValue::Int(_) => "int",
        OrmValue::Float(_) => "float",
        OrmValue::Str(_) => "str",
        OrmValue::Bytes(_) => "bytes",
        OrmValue::Date { .. } => "date",
        OrmValue::DateTime { .. } => "datetime",
        OrmValue::Time { .. } => "time",
        OrmValue::Timedelta { .. } => "timedelta",
        OrmValue::Decimal(_) => "Decimal",
        OrmValue::Enum(member) => &member.class,
        OrmValue::Uuid(_) => "UUID",
    }
}

/// Python's `repr` of a value refused at bind time (as its parameter).
fn bind_repr(value: &OrmValue, sql_type: &SqlType) -> String {
    match value {
        OrmValue::Str(text) => crate::error::python_str_repr(text),
        other => crate::error::python_value_repr(&to_param(other, sql_type)),
    }
}

pub fn to_param(value: &OrmValue, sql_type: &SqlType) -> Value {
    match (value, sql_type) {
        (OrmValue::None, _) => Value::Null,
        (OrmValue::Bool(b), _) => Value::Integer(i64::from(*b)),
        (OrmValue::Int(i), SqlType::Numeric(..) | SqlType::Float(_)) => Value::Real(*i as f64),
        (OrmValue::Float(f), _) => Value::Real(*f),
        (OrmValue::Decimal(d), SqlType::Numeric(..) | SqlType::Float(_)) => d
            .parse::<f64>()
            .map_or_else(|_| Value::Text(d.clone()), Value::Real),
        (OrmValue::Decimal(d), _) => Value::Text(d.clone()),
        (OrmValue::Str(_) | OrmValue::Int(_) | OrmValue::Enum(_), SqlType::Enum { .. })
            if let Some(stored) = enum_lookup(value, sql_type) =>
        {
            Value::Text(stored.to_owned())
        }
        (OrmValue::Int(i), _) => Value::Integer(*i),
        (OrmValue::Str(s), SqlType::Uuid { as_uuid: false, .. }) => Value::Text(s.replace('-', "")),
        (OrmValue::Str(s), _) => Value::Text(s.clone()),
        (OrmValue::Uuid(bytes), _) => Value::Text(format!("{:032x}", u128::from_be_bytes(*bytes))),
        (OrmValue::Bytes(b), _) => Value::Blob(b.clone()),
        (OrmValue::Enum(e), _) => Value::Text(e.member.clone()),
        // SQLite's DATETIME stores a date at midnight, and DATE keeps
        // only a datetime's date.
        (OrmValue::Date { year, month, day }, SqlType::DateTime) => {
            Value::Text(datetime_text((*year, *month, *day), (0, 0, 0, 0)))
        }
        (OrmValue::Date { year, month, day }, _)
        | (
            OrmValue::DateTime {
                year, month, day, ..
            },
            SqlType::Date,
        ) => Value::Text(format!("{year:04}-{month:02}-{day:02}")),
        (
            OrmValue::DateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
                microsecond,
            },
            _,
        ) => Value::Text(datetime_text(
            (*year, *month, *day),
            (*hour, *minute, *second, *microsecond),
        )),
        (
            OrmValue::Time {
                hour,
                minute,
                second,
                microsecond,
            },
            _,
        ) => Value::Text(format!(
            "{hour:02}:{minute:02}:{second:02}.{microsecond:06}"
        )),
        (
            OrmValue::Timedelta {
                days,
                seconds,
                microseconds,
            },
            _,
        ) => {
            // `Interval` on SQLite: the epoch plus the delta, as a DATETIME.
            let total_micros = (days * 86_400 + seconds) * 1_000_000 + microseconds;
            let day_count = total_micros.div_euclid(86_400_000_000);
            let rest = total_micros.rem_euclid(86_400_000_000);
            let secs = rest / 1_000_000;
            Value::Text(datetime_text(
                civil_from_days(day_count),
                (
                    (secs / 3600) as u32,
                    (secs % 3600 / 60) as u32,
                    (secs % 60) as u32,
                    (rest % 1_000_000) as u32,
                ),
            ))
        }
    }
}

/// The value an `Enum` type stores for `value`, found as SQLAlchemy's
/// `Enum._db_value_for_elem` finds it: a member of the type's class gives
/// its stored value; so does a plain value equal to the data-type value
/// of a member (`"banned"` for `Status.BANNED` of `class Status(str,
/// Enum)`), or a stored value itself. `None` for anything else, which
/// SQLAlchemy passes through when it is a string.
fn enum_lookup<'t>(value: &OrmValue, sql_type: &'t SqlType) -> Option<&'t str> {
    let SqlType::Enum {
        members, objects, ..
    } = sql_type
    else {
        return None;
    };
    let index = match value {
        OrmValue::Enum(member) => objects.iter().position(|o| o.name == member.member),
        OrmValue::Str(text) => objects
            .iter()
            .position(|o| matches!(&o.data_value, Some(Value::Text(t)) if t == text))
            .or_else(|| members.iter().position(|m| m == text)),
        OrmValue::Int(number) => objects
            .iter()
            .position(|o| o.data_value == Some(Value::Integer(*number))),
        _ => None,
    };
    index.and_then(|i| members.get(i)).map(String::as_str)
}

/// The member name of the class behind `stored` in an `Enum` type made
/// from a Python enum class (the stored value itself when the type names
/// no members for it: a member name, as before `values_callable`).
fn enum_member_name<'v>(stored: &'v str, sql_type: &'v SqlType) -> &'v str {
    match sql_type {
        SqlType::Enum {
            members, objects, ..
        } => members
            .iter()
            .position(|m| m == stored)
            .and_then(|i| objects.get(i))
            .map_or(stored, |o| o.name.as_str()),
        _ => stored,
    }
}

/// Whether [`check_stored`] can refuse a value of `sql_type`.
pub fn refuses_values(sql_type: &SqlType) -> bool {
    matches!(sql_type, SqlType::Enum { .. })
}

/// SQLAlchemy's `Enum` result processor's refusal: a stored value that is
/// none of the type's stored values raises `LookupError` (NULL passes).
/// Every other type takes any value.
pub fn check_stored(value: &Value, sql_type: &SqlType) -> Result<(), OrmError> {
    let SqlType::Enum { members, name, .. } = sql_type else {
        return Ok(());
    };
    let shown = match value {
        Value::Null => return Ok(()),
        Value::Text(text) if members.contains(text) => return Ok(()),
        Value::Text(text) => text.clone(),
        Value::Integer(number) => number.to_string(),
        Value::Real(number) => retort_sql::literal::python_float_repr(*number),
        Value::Blob(bytes) => format!("{bytes:?}"),
    };
    Err(OrmError::LookupError(format!(
        "'{shown}' is not among the defined enum values. Enum name: {}. Possible values: {}",
        name.as_deref().unwrap_or("None"),
        repr_tuple_names(members)
    )))
}

/// SQLAlchemy's `langhelpers.repr_tuple_names`: up to four names, or the
/// first three and the last around `...`; a name longer than 11
/// characters cut to its first 11 and `..`; `None` for no names.
fn repr_tuple_names(names: &[String]) -> String {
    let short = |name: &String| match name.char_indices().nth(11) {
        Some((end, _)) => format!("{}..", &name[..end]),
        None => name.clone(),
    };
    match names {
        [] => "None".to_owned(),
        [_, _, _, _, _, ..] => {
            let head: Vec<String> = names[..3].iter().map(short).collect();
            format!(
                "{}, ..., {}",
                head.join(", "),
                short(&names[names.len() - 1])
            )
        }
        _ => names.iter().map(short).collect::<Vec<_>>().join(", "),
    }
}

/// Parses `digits` at `range` of `text` as a number.
fn number(text: &str, from: usize, to: usize) -> Option<u32> {
    text.get(from..to)?.parse().ok()
}

/// Parses `YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let year = text.get(0..4)?.parse().ok()?;
    Some((year, number(text, 5, 7)?, number(text, 8, 10)?))
}

/// Parses `HH:MM[:SS[.ffffff]]`.
fn parse_time(text: &str) -> Option<(u32, u32, u32, u32)> {
    let hour = number(text, 0, 2)?;
    let minute = number(text, 3, 5)?;
    let second = if text.len() >= 8 {
        number(text, 6, 8)?
    } else {
        0
    };
    let micro = match text.get(9..) {
        Some(frac) if !frac.is_empty() => {
            let padded = format!("{frac:0<6}");
            padded.get(0..6)?.parse().ok()?
        }
        _ => 0,
    };
    Some((hour, minute, second, micro))
}

/// Formats a float as Python's `"%.{scale}f"` does (round half to even on
/// the binary value, which Rust's formatting matches).
fn decimal_at_scale(value: f64, scale: u32) -> String {
    format!("{value:.prec$}", prec = scale as usize)
}

/// Converts a result column value back to the Python value SQLAlchemy's
/// `result_processor` gives for `sql_type`; `enum_class` names the Python
/// enum class of an `Enum` column built from one.
pub fn from_result(value: &Value, sql_type: &SqlType, enum_class: Option<&str>) -> OrmValue {
    match (value, sql_type) {
        (Value::Null, _) => OrmValue::None,
        (Value::Integer(i), SqlType::Boolean) => OrmValue::Bool(*i != 0),
        (Value::Integer(i), SqlType::Numeric(_, scale)) => {
            OrmValue::Decimal(decimal_at_scale(*i as f64, scale.unwrap_or(10)))
        }
        (Value::Real(f), SqlType::Numeric(_, scale)) => {
            OrmValue::Decimal(decimal_at_scale(*f, scale.unwrap_or(10)))
        }
        // SQLAlchemy's Float has no result processor on SQLite: an integer
        // (`coalesce(rating, 0)`) stays one.
        (Value::Integer(i), SqlType::Float(_)) => OrmValue::Int(*i),
        (Value::Text(t), SqlType::Date) => match parse_date(t) {
            Some((year, month, day)) => OrmValue::Date { year, month, day },
            None => OrmValue::Str(t.clone()),
        },
        (Value::Text(t), SqlType::DateTime) => parse_datetime(t),
        (Value::Text(t), SqlType::Interval) => match parse_datetime(t) {
            OrmValue::DateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
                microsecond,
            } => {
                let days = days_from_civil(year, month, day);
                let seconds = i64::from(hour * 3600 + minute * 60 + second);
                OrmValue::Timedelta {
                    days,
                    seconds,
                    microseconds: i64::from(microsecond),
                }
            }
            other => other,
        },
        (Value::Text(t), SqlType::Time) => match parse_time(t) {
            Some((hour, minute, second, microsecond)) => OrmValue::Time {
                hour,
                minute,
                second,
                microsecond,
            },
            None => OrmValue::Str(t.clone()),
        },
        (Value::Text(t), SqlType::Uuid { as_uuid, .. }) => match parse_uuid(t) {
            Some(bits) if *as_uuid => OrmValue::Uuid(bits.to_be_bytes()),
            Some(bits) => OrmValue::Str(dashed_uuid(bits)),
            None => OrmValue::Str(t.clone()),
        },
        (Value::Text(t), SqlType::Enum { .. }) => match enum_class {
            Some(class) => OrmValue::enum_member(class, enum_member_name(t, sql_type).to_owned()),
            None => OrmValue::Str(t.clone()),
        },
        (other, _) => raw(other),
    }
}

/// Whether an integer in a result column of `sql_type` is the Python
/// `int` itself (not a `bool` or a `Decimal`).
#[inline]
fn keeps_integer(sql_type: &SqlType) -> bool {
    !matches!(sql_type, SqlType::Boolean | SqlType::Numeric(..))
}

/// Whether text in a result column of `sql_type` is the Python `str`
/// itself (not a date, time, interval, enum member or UUID).
#[inline]
fn keeps_text(sql_type: &SqlType) -> bool {
    !matches!(
        sql_type,
        SqlType::Date
            | SqlType::DateTime
            | SqlType::Interval
            | SqlType::Time
            | SqlType::Enum { .. }
            | SqlType::Uuid { .. }
    )
}

/// [`from_result`] taking the value: text and bytes move into the result
/// instead of being copied, and the common cases (NULL, a plain integer,
/// text or bytes) are answered here.
#[inline]
pub fn from_result_owned(value: Value, sql_type: &SqlType, enum_class: Option<&str>) -> OrmValue {
    match value {
        Value::Null => OrmValue::None,
        Value::Integer(i) if keeps_integer(sql_type) => OrmValue::Int(i),
        Value::Text(t) if keeps_text(sql_type) => OrmValue::Str(t),
        Value::Blob(b) => OrmValue::Bytes(b),
        other => from_result(&other, sql_type, enum_class),
    }
}

/// [`from_result`] of a value borrowed from the row SQLite hands over:
/// the common cases copy its text or bytes once, straight into the
/// result.
#[inline]
pub fn from_result_ref(
    value: retort_driver::ValueRef<'_>,
    sql_type: &SqlType,
    enum_class: Option<&str>,
) -> OrmValue {
    use retort_driver::ValueRef;
    match value {
        ValueRef::Null => OrmValue::None,
        ValueRef::Integer(i) if keeps_integer(sql_type) => OrmValue::Int(i),
        ValueRef::Text(t) if keeps_text(sql_type) => OrmValue::Str(t.to_owned()),
        ValueRef::Blob(b) => OrmValue::Bytes(b.to_vec()),
        other => {
            let value = crate::engine::from_driver_owned(retort_driver::Value::from(other));
            from_result(&value, sql_type, enum_class)
        }
    }
}

/// A result value with no type information (a `text()` column, `count(*)`).
pub fn raw(value: &Value) -> OrmValue {
    match value {
        Value::Null => OrmValue::None,
        Value::Integer(i) => OrmValue::Int(*i),
        Value::Real(f) => OrmValue::Float(*f),
        Value::Text(t) => OrmValue::Str(t.clone()),
        Value::Blob(b) => OrmValue::Bytes(b.clone()),
    }
}

/// Parses a UUID as Python's `uuid.UUID(text)` does: 32 hex digits,
/// with any dashes and braces and a `urn:uuid:` prefix ignored.
pub fn parse_uuid(text: &str) -> Option<u128> {
    let text = text.trim_start_matches("urn:").trim_start_matches("uuid:");
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, '{' | '}' | '-'))
        .collect();
    if digits.len() != 32 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u128::from_str_radix(&digits, 16).ok()
}

/// `str(uuid.UUID)`: the 8-4-4-4-12 form.
pub fn dashed_uuid(bits: u128) -> String {
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Parses SQLAlchemy's SQLite DATETIME storage format (date alone allowed).
fn parse_datetime(text: &str) -> OrmValue {
    let Some((year, month, day)) = parse_date(text) else {
        return OrmValue::Str(text.to_owned());
    };
    let (hour, minute, second, microsecond) = match text.get(11..) {
        Some(rest) if !rest.is_empty() => match parse_time(rest) {
            Some(parts) => parts,
            None => return OrmValue::Str(text.to_owned()),
        },
        _ => (0, 0, 0, 0),
    };
    OrmValue::DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        microsecond,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_sql::EnumObject;

    #[test]
    fn uuids_bind_as_hex_and_load_as_sqlalchemy_uuid_does() {
        let bits = 0x6f1d_2c3b_0a9e_4f7d_8c6b_5a4e_3d2c_1b0a_u128;
        let id = OrmValue::Uuid(bits.to_be_bytes());
        let hex = Value::Text("6f1d2c3b0a9e4f7d8c6b5a4e3d2c1b0a".into());
        assert_eq!(to_param(&id, &SqlType::uuid()), hex);
        assert_eq!(from_result(&hex, &SqlType::uuid(), None), id);
        assert_eq!(from_result_owned(hex.clone(), &SqlType::uuid(), None), id);
        let strings = SqlType::Uuid {
            as_uuid: false,
            native_uuid: true,
            uppercase: false,
        };
        let text = OrmValue::Str("6f1d2c3b-0a9e-4f7d-8c6b-5a4e3d2c1b0a".into());
        assert_eq!(to_param(&text, &strings), hex);
        assert_eq!(from_result(&hex, &strings, None), text);
        // `value.hex` / `value.replace` on the wrong kind of value.
        assert_eq!(
            refused_bind(&text, &SqlType::uuid()),
            Some((
                "AttributeError",
                "'str' object has no attribute 'hex'".to_owned()
            ))
        );
        assert_eq!(
            refused_bind(&id, &strings),
            Some((
                "AttributeError",
                "'UUID' object has no attribute 'replace'".to_owned()
            ))
        );
        assert_eq!(refused_bind(&id, &SqlType::uuid()), None);
        assert_eq!(
            parse_uuid("{6F1D2C3B-0A9E-4F7D-8C6B-5A4E3D2C1B0A}"),
            Some(bits)
        );
        assert_eq!(parse_uuid("not a uuid"), None);
    }

    /// `Enum(Status, values_callable=...)` of `class Status(str, Enum)`
    /// with members ACTIVE = "active" and BANNED = "banned".
    fn status_by_value() -> SqlType {
        let object = |name: &str, value: &str| EnumObject {
            name: name.into(),
            data_value: Some(Value::Text(value.into())),
        };
        SqlType::Enum {
            members: vec!["active".into(), "banned".into()],
            length: None,
            name: Some("status".into()),
            objects: vec![object("ACTIVE", "active"), object("BANNED", "banned")],
        }
    }

    #[test]
    fn enum_binds_members_values_and_stored_values_as_stored() {
        let status = status_by_value();
        let text = |s: &str| Value::Text(s.into());
        let member = OrmValue::enum_member("Status", "BANNED");
        assert_eq!(to_param(&member, &status), text("banned"));
        assert_eq!(
            to_param(&OrmValue::Str("banned".into()), &status),
            text("banned")
        );
        // Unknown strings pass through, as SQLAlchemy lets them.
        assert_eq!(
            to_param(&OrmValue::Str("BANNED".into()), &status),
            text("BANNED")
        );
        let loaded = from_result(&text("banned"), &status, Some("Status"));
        assert_eq!(loaded, member);
    }

    #[test]
    fn enum_refuses_unknown_stored_values_with_sqlalchemys_lookup_error() {
        let names = SqlType::enum_of(["a", "b", "c", "d", "a_name_longer_than_twenty_five"]);
        assert_eq!(check_stored(&Value::Text("b".into()), &names), Ok(()));
        assert_eq!(check_stored(&Value::Null, &names), Ok(()));
        let Err(OrmError::LookupError(message)) = check_stored(&Value::Integer(7), &names) else {
            panic!("an unknown value is refused");
        };
        assert_eq!(
            message,
            "'7' is not among the defined enum values. Enum name: None. \
             Possible values: a, b, c, ..., a_name_long.."
        );
        assert_eq!(check_stored(&Value::Integer(7), &SqlType::Integer), Ok(()));
    }

    fn dt(h: u32, mi: u32) -> OrmValue {
        OrmValue::DateTime {
            year: 2024,
            month: 1,
            day: 1,
            hour: h,
            minute: mi,
            second: 0,
            microsecond: 0,
        }
    }

    #[test]
    fn binds_match_scenario_02() {
        assert_eq!(
            to_param(&dt(8, 30), &SqlType::DateTime),
            Value::Text("2024-01-01 08:30:00.000000".into())
        );
        let due = OrmValue::Date {
            year: 2024,
            month: 5,
            day: 1,
        };
        assert_eq!(to_param(&due, &SqlType::Date), Value::from("2024-05-01"));
        let remind = OrmValue::Time {
            hour: 9,
            minute: 15,
            second: 0,
            microsecond: 0,
        };
        assert_eq!(
            to_param(&remind, &SqlType::Time),
            Value::from("09:15:00.000000")
        );
        let price = OrmValue::Decimal("19.90".into());
        assert_eq!(
            to_param(&price, &SqlType::Numeric(Some(8), Some(2))),
            Value::Real(19.9)
        );
        assert_eq!(
            to_param(&OrmValue::Int(100), &SqlType::Numeric(Some(10), Some(2))),
            Value::Real(100.0)
        );
        assert_eq!(
            to_param(&OrmValue::Bool(false), &SqlType::Boolean),
            Value::Integer(0)
        );
        let mood = OrmValue::enum_member("Mood", "happy");
        assert_eq!(
            to_param(&mood, &SqlType::enum_of(["happy", "sad"])),
            Value::from("happy")
        );
    }

    #[test]
    fn results_match_scenario_02() {
        let numeric = SqlType::Numeric(Some(8), Some(2));
        assert_eq!(
            from_result(&Value::Real(19.9), &numeric, None),
            OrmValue::Decimal("19.90".into())
        );
        assert_eq!(
            from_result(&Value::Integer(100), &numeric, None),
            OrmValue::Decimal("100.00".into())
        );
        assert_eq!(
            from_result(&Value::Integer(0), &SqlType::Boolean, None),
            OrmValue::Bool(false)
        );
        assert_eq!(
            from_result(
                &Value::from("2024-01-01 08:30:00.000000"),
                &SqlType::DateTime,
                None
            ),
            dt(8, 30)
        );
        assert_eq!(
            from_result(&Value::from("09:15:00.000000"), &SqlType::Time, None),
            OrmValue::Time {
                hour: 9,
                minute: 15,
                second: 0,
                microsecond: 0
            }
        );
        let mood = SqlType::enum_of(["happy", "sad"]);
        assert_eq!(
            from_result(&Value::from("sad"), &mood, Some("Mood")),
            OrmValue::enum_member("Mood", "sad")
        );
        assert_eq!(
            from_result(&Value::from("draft"), &mood, None),
            OrmValue::Str("draft".into())
        );
        // A Float column's stored values are REAL; an integer comes from an
        // expression (`coalesce(x, 0)`) and SQLAlchemy leaves it one.
        assert_eq!(
            from_result(&Value::Integer(4), &SqlType::Float(None), None),
            OrmValue::Int(4)
        );
        assert_eq!(
            from_result(&Value::Real(4.0), &SqlType::Float(None), None),
            OrmValue::Float(4.0)
        );
    }

    #[test]
    fn interval_is_a_datetime_after_the_epoch() {
        let delta = OrmValue::Timedelta {
            days: 1,
            seconds: 3661,
            microseconds: 5,
        };
        let bound = to_param(&delta, &SqlType::Interval);
        assert_eq!(bound, Value::from("1970-01-02 01:01:01.000005"));
        assert_eq!(from_result(&bound, &SqlType::Interval, None), delta);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }
}
