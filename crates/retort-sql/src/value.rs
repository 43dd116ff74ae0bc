//! Bound parameter values: SQLite's storage classes, which is all a DBAPI
//! parameter can be once the ORM has converted Python values.

use serde::{Deserialize, Serialize};

/// One parameter value as it is handed to SQLite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// SQL `NULL` (Python `None`).
    Null,
    /// A 64-bit integer; Python `bool` arrives here as 0 or 1.
    Integer(i64),
    /// A double; Python `float` and SQLAlchemy's `Numeric` binds.
    Real(f64),
    /// A string; dates and times arrive here already formatted.
    Text(String),
    /// A byte string (`LargeBinary`, `PickleType`).
    Blob(Vec<u8>),
}

impl Value {
    /// Whether this value is SQL `NULL`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Integer(v)
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::Integer(i64::from(v))
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Integer(i64::from(v))
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_follow_the_storage_classes() {
        assert_eq!(Value::from(true), Value::Integer(1));
        assert_eq!(Value::from(None::<i64>), Value::Null);
        assert_eq!(Value::from("a"), Value::Text("a".into()));
        assert!(Value::Null.is_null());
        assert!(!Value::Integer(0).is_null());
    }
}
