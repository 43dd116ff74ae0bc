//! SQL types of columns and casts, and how SQLAlchemy's type compiler spells
//! them in DDL and `CAST` (identical for the SQLite and default dialects for
//! the types modelled here).

use serde::{Deserialize, Serialize};

/// The member of a Python enum class behind one stored value of an
/// `Enum` type: its name and, for a class that mixes in a data type
/// (`class Status(str, Enum)`), its value, which SQLAlchemy's lookup finds
/// too (a member equals and hashes as its value there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumObject {
    pub name: String,
    pub data_value: Option<crate::Value>,
}

/// A column type, after SQLAlchemy's generic types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SqlType {
    Integer,
    SmallInteger,
    BigInteger,
    /// `String(length)`; `None` renders plain `VARCHAR`.
    String(Option<u32>),
    Text,
    Unicode(Option<u32>),
    UnicodeText,
    /// `Float(precision)`.
    Float(Option<u32>),
    /// `Numeric(precision, scale)`.
    Numeric(Option<u32>, Option<u32>),
    Boolean,
    Date,
    DateTime,
    Time,
    Interval,
    LargeBinary,
    /// `Enum`: the values stored in the database in order (member names,
    /// or what `values_callable` gave), explicit `length`, the type name,
    /// and, for a type made from a Python enum class, that class's member
    /// behind each stored value.
    Enum {
        members: Vec<String>,
        length: Option<u32>,
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        objects: Vec<EnumObject>,
    },
    PickleType,
    Json,
    /// `Uuid` (`as_uuid`: Python `uuid.UUID` values rather than strings;
    /// `native_uuid`, which SQLite has no use for, kept for the repr), or
    /// the `UUID` type itself (`uppercase`), which SQLite's DDL spells
    /// `UUID` instead of `CHAR(32)`. Stored on SQLite as 32 hex digits.
    Uuid {
        as_uuid: bool,
        native_uuid: bool,
        uppercase: bool,
    },
    /// A type with no SQL rendering (`NullType`), e.g. for `text()` columns.
    Null,
}

impl SqlType {
    /// The DDL spelling, e.g. `VARCHAR(64)` or `NUMERIC(10, 2)`.
    pub fn ddl(&self) -> String {
        match self {
            SqlType::Integer => "INTEGER".to_owned(),
            SqlType::SmallInteger => "SMALLINT".to_owned(),
            SqlType::BigInteger => "BIGINT".to_owned(),
            SqlType::String(len) | SqlType::Unicode(len) => with_length("VARCHAR", *len),
            SqlType::Text | SqlType::UnicodeText => "TEXT".to_owned(),
            // SQLAlchemy's type compiler writes FLOAT whatever the precision.
            SqlType::Float(_) => "FLOAT".to_owned(),
            SqlType::Numeric(precision, scale) => match (precision, scale) {
                (Some(p), Some(s)) => format!("NUMERIC({p}, {s})"),
                (Some(p), None) => format!("NUMERIC({p})"),
                _ => "NUMERIC".to_owned(),
            },
            SqlType::Boolean => "BOOLEAN".to_owned(),
            SqlType::Date => "DATE".to_owned(),
            // SQLAlchemy's `Interval` is stored as an epoch-relative DATETIME
            // on backends without a native interval type.
            SqlType::DateTime | SqlType::Interval => "DATETIME".to_owned(),
            SqlType::Time => "TIME".to_owned(),
            SqlType::LargeBinary | SqlType::PickleType => "BLOB".to_owned(),
            SqlType::Enum {
                members, length, ..
            } => {
                let longest = members.iter().map(|m| m.chars().count()).max();
                let len = length.or(longest.map(|l| l as u32));
                with_length("VARCHAR", len)
            }
            SqlType::Json => "JSON".to_owned(),
            SqlType::Uuid {
                uppercase: true, ..
            } => "UUID".to_owned(),
            SqlType::Uuid { .. } => "CHAR(32)".to_owned(),
            SqlType::Null => "NULL".to_owned(),
        }
    }

    /// The DDL of this type written with one of SQLAlchemy's uppercase
    /// SQL-standard type classes (`VARCHAR(20)`, `DECIMAL(10, 2)`,
    /// `TIMESTAMP`, `DOUBLE_PRECISION` as `DOUBLE PRECISION`), which behave
    /// as this generic type but keep their own spelling.
    pub fn spelled_ddl(&self, spelling: &str) -> String {
        let name = spelling.replace('_', " ");
        match self {
            SqlType::String(length) | SqlType::Unicode(length) => with_length(&name, *length),
            SqlType::Numeric(precision, scale) => match (precision, scale) {
                (Some(p), Some(s)) => format!("{name}({p}, {s})"),
                (Some(p), None) => format!("{name}({p})"),
                _ => name,
            },
            _ => name,
        }
    }

    /// Whether the type has integer affinity (SQLite's rowid alias rules).
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            SqlType::Integer | SqlType::SmallInteger | SqlType::BigInteger
        )
    }

    /// `Uuid()`: `uuid.UUID` values, stored as 32 hex digits.
    pub fn uuid() -> SqlType {
        SqlType::Uuid {
            as_uuid: true,
            native_uuid: true,
            uppercase: false,
        }
    }

    /// Convenience for `Enum` over names, sized to the longest name.
    pub fn enum_of<S: Into<String>>(members: impl IntoIterator<Item = S>) -> SqlType {
        SqlType::Enum {
            members: members.into_iter().map(Into::into).collect(),
            length: None,
            name: None,
            objects: Vec::new(),
        }
    }
}

fn with_length(base: &str, len: Option<u32>) -> String {
    match len {
        Some(l) => format!("{base}({l})"),
        None => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ddl_spellings_match_sqlalchemy() {
        assert_eq!(SqlType::String(Some(64)).ddl(), "VARCHAR(64)");
        assert_eq!(SqlType::String(None).ddl(), "VARCHAR");
        assert_eq!(SqlType::Numeric(Some(10), Some(2)).ddl(), "NUMERIC(10, 2)");
        assert_eq!(SqlType::Interval.ddl(), "DATETIME");
        assert_eq!(SqlType::PickleType.ddl(), "BLOB");
        assert_eq!(SqlType::uuid().ddl(), "CHAR(32)");
        let upper = SqlType::Uuid {
            as_uuid: true,
            native_uuid: true,
            uppercase: true,
        };
        assert_eq!(upper.ddl(), "UUID");
        assert_eq!(SqlType::BigInteger.ddl(), "BIGINT");
        assert_eq!(SqlType::SmallInteger.ddl(), "SMALLINT");
        assert_eq!(SqlType::enum_of(["happy", "sad"]).ddl(), "VARCHAR(5)");
        assert_eq!(SqlType::UnicodeText.ddl(), "TEXT");
    }
}
