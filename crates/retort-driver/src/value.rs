//! The values SQLite stores and binds: its five storage classes, owned
//! ([`Value`]) and borrowed ([`ValueRef`], bound without copying).

#[cfg(feature = "sqlite")]
use rusqlite::types::{ToSqlOutput, ValueRef as SqliteRef};
use serde::{Deserialize, Serialize};

/// One SQLite value, as bound to a parameter or read from a result column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    /// The name SQLite's `typeof()` gives this value.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Integer(_) => "integer",
            Value::Real(_) => "real",
            Value::Text(_) => "text",
            Value::Blob(_) => "blob",
        }
    }
}

/// One SQLite value borrowed from its owner, to bind text and bytes
/// without copying them (see `Database::run_with`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl Value {
    /// The value, borrowed.
    pub fn as_value_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(t) => ValueRef::Text(t),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}

impl From<ValueRef<'_>> for Value {
    fn from(value: ValueRef<'_>) -> Self {
        match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(r) => Value::Real(r),
            ValueRef::Text(t) => Value::Text(t.to_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }
}

/// The value as rusqlite borrows it.
#[cfg(feature = "sqlite")]
fn sqlite_ref(value: ValueRef<'_>) -> SqliteRef<'_> {
    match value {
        ValueRef::Null => SqliteRef::Null,
        ValueRef::Integer(i) => SqliteRef::Integer(i),
        ValueRef::Real(r) => SqliteRef::Real(r),
        ValueRef::Text(t) => SqliteRef::Text(t.as_bytes()),
        ValueRef::Blob(b) => SqliteRef::Blob(b),
    }
}

#[cfg(feature = "sqlite")]
impl rusqlite::ToSql for ValueRef<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(sqlite_ref(*self)))
    }
}

#[cfg(feature = "sqlite")]
impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(sqlite_ref(self.as_value_ref())))
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Value::Integer(value)
    }
}

impl From<f64> for Value {
    fn from(value: f64) -> Self {
        Value::Real(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::Text(value.to_owned())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::Text(value)
    }
}

impl From<Vec<u8>> for Value {
    fn from(value: Vec<u8>) -> Self {
        Value::Blob(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_externally_tagged() {
        let json = serde_json::to_string(&Value::Text("é".into())).unwrap();
        assert_eq!(json, r#"{"Text":"é"}"#);
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Value::Text("é".into()));
        assert_eq!(serde_json::to_string(&Value::Null).unwrap(), r#""Null""#);
    }
}
