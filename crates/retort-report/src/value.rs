//! [`Shown`]: a value as Python shows it, with a typed form for code.

use serde::{Deserialize, Serialize};

/// A value: its Python `repr` (what the learner would see printed in a
/// list, `'ann'`, `Decimal('1.50')`) and its typed form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub text: String,
    pub value: TypedValue,
}

/// A JSON-able value by Python type. SQLite values are `none`, `int`,
/// `float`, `str` or `bytes`; attribute values may be any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TypedValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// Lowercase hex digits.
    Bytes(String),
    /// ISO 8601: `2024-01-31`.
    Date(String),
    /// ISO 8601 without a zone: `2024-01-31T08:30:00.000001`.
    DateTime(String),
    /// ISO 8601: `08:30:00`.
    Time(String),
    /// Python's normalised form.
    Timedelta {
        days: i64,
        seconds: i64,
        microseconds: i64,
    },
    /// The exact decimal text: `19.90`.
    Decimal(String),
    /// A member of an `enum.Enum` class.
    Enum {
        class: String,
        member: String,
    },
    /// A `uuid.UUID`, in its 8-4-4-4-12 form.
    Uuid(String),
}
