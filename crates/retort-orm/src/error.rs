//! [`OrmError`]: every failure of the ORM as a value, one variant per
//! SQLAlchemy exception class, with SQLAlchemy's message texts.

use std::fmt;

use retort_driver::{DriverError, ErrorClass};

use crate::ObjectId;

/// A DBAPI error wrapped as SQLAlchemy wraps it (`sqlalchemy.exc.DBAPIError`).
#[derive(Debug, Clone, PartialEq)]
pub struct DbapiError {
    /// The driver's error (`e.orig`); `str(e.orig)` is its message.
    pub orig: DriverError,
    /// The statement that failed, as SQLAlchemy shows it.
    pub sql: String,
    /// The parameters as Python prints them: `('alice', 50.0)`.
    pub params_repr: String,
    /// The parameters themselves (`e.params`).
    pub params: Vec<retort_sql::Value>,
}

impl DbapiError {
    /// SQLAlchemy's `str(e)`: `(sqlite3.IntegrityError) ...` with the SQL,
    /// the parameters and the background link.
    /// SQLAlchemy's error code for the class (`e.code`, the link's tail).
    pub fn code(&self) -> &'static str {
        match self.orig.class {
            ErrorClass::IntegrityError => "gkpj",
            ErrorClass::OperationalError => "e3q8",
            ErrorClass::ProgrammingError => "f405",
            ErrorClass::InterfaceError => "rvf5",
            ErrorClass::DatabaseError => "4xp6",
            ErrorClass::DataError => "9h9h",
            ErrorClass::InternalError => "2j85",
        }
    }

    pub fn message(&self) -> String {
        let code = self.code();
        let params = if self.params_repr.is_empty() {
            String::new()
        } else {
            format!("\n[parameters: {}]", self.params_repr)
        };
        format!(
            "(sqlite3.{}) {}\n[SQL: {}]{params}\n(Background on this error at: https://sqlalche.me/e/20/{code})",
            self.orig.class.name(),
            self.orig.message,
            self.sql
        )
    }
}

/// An ORM failure, named after the SQLAlchemy exception class it stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum OrmError {
    IntegrityError(DbapiError),
    OperationalError(DbapiError),
    ProgrammingError(DbapiError),
    InterfaceError(DbapiError),
    DatabaseError(DbapiError),
    DataError(DbapiError),
    InternalError(DbapiError),
    /// `sqlalchemy.exc.NoResultFound`.
    NoResultFound(String),
    /// `sqlalchemy.exc.MultipleResultsFound`.
    MultipleResultsFound(String),
    /// `sqlalchemy.exc.PendingRollbackError`.
    PendingRollbackError(String),
    /// `sqlalchemy.exc.InvalidRequestError`.
    InvalidRequestError(String),
    /// `sqlalchemy.exc.ResourceClosedError` (a savepoint already ended).
    ResourceClosedError(String),
    /// An `InvalidRequestError` about one object, its message `template`
    /// with `{}` where the host renders the instance (`<Book at 0x...>`).
    InstanceRequestError {
        object: ObjectId,
        class_name: String,
        template: &'static str,
    },
    /// The `FlushError` of a row inserted without any primary key value
    /// the session could learn (`autoincrement=False` and none given).
    NullIdentityKey {
        object: ObjectId,
        class_name: String,
    },
    /// `sqlalchemy.orm.exc.ObjectDeletedError`: the row of an expired
    /// object is gone. The host renders the instance into the message.
    ObjectDeletedError {
        object: ObjectId,
        class_name: String,
    },
    /// `sqlalchemy.orm.exc.DetachedInstanceError` for an unloaded attribute
    /// of an object outside any session.
    DetachedInstanceError {
        object: ObjectId,
        class_name: String,
        attribute: String,
    },
    /// `sqlalchemy.orm.exc.DetachedInstanceError` for a relationship that
    /// would load on an object outside any session.
    DetachedLazyLoad {
        object: ObjectId,
        class_name: String,
        attribute: String,
    },
    /// `sqlalchemy.exc.ArgumentError`.
    ArgumentError(String),
    /// `sqlalchemy.exc.NoSuchColumnError`: a result row lacks a column
    /// the ORM needs.
    NoSuchColumnError(String),
    /// Python's `LookupError`: a stored value that is none of an `Enum`
    /// type's values.
    LookupError(String),
    /// `sqlalchemy.exc.StatementError`: a value the column type's bind
    /// processor refused before the statement ran; `e.orig` is the Python
    /// exception it raised (`TypeError`, `ValueError`).
    StatementError {
        orig_class: &'static str,
        orig_message: String,
        sql: String,
        params_repr: String,
    },
    /// `sqlalchemy.orm.exc.UnmappedInstanceError` / unknown handles.
    UnmappedInstanceError(String),
    /// `sqlalchemy.exc.CompileError`.
    CompileError(String),
    /// `sqlalchemy.exc.NoForeignKeysError`: a relationship between tables
    /// without a foreign key.
    NoForeignKeysError(String),
    /// `sqlalchemy.exc.AmbiguousForeignKeysError`.
    AmbiguousForeignKeysError(String),
    /// `sqlalchemy.orm.exc.FlushError`.
    FlushError(String),
    /// Python's `AssertionError`, which SQLAlchemy's dependency rules raise.
    AssertionError(String),
    /// `sqlalchemy.exc.InvalidRequestError` raised by `lazy='raise'`.
    RaiseLoad(String),
    /// A host callback (a Python `default=` callable) raised; the token is
    /// the host's own reference to its exception.
    Host(u64),
    /// `sqlalchemy.exc.CircularDependencyError`: the flush's rows depend
    /// on each other in a cycle (each part a unit-of-work action).
    CircularDependencyError(Vec<CyclePart>),
}

/// One unit-of-work action of a dependency cycle, as SQLAlchemy names it:
/// `ProcessState(ManyToOneDP(Node.parent), <Node at 0x...>, delete=False)`
/// when `processor` is set, else `SaveUpdateState(<Node at 0x...>)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CyclePart {
    pub processor: Option<String>,
    pub object: ObjectId,
    pub class_name: String,
}

impl OrmError {
    /// The SQLAlchemy class name, e.g. `IntegrityError`.
    pub fn class_name(&self) -> &'static str {
        match self {
            OrmError::IntegrityError(_) => "IntegrityError",
            OrmError::OperationalError(_) => "OperationalError",
            OrmError::ProgrammingError(_) => "ProgrammingError",
            OrmError::InterfaceError(_) => "InterfaceError",
            OrmError::DatabaseError(_) => "DatabaseError",
            OrmError::DataError(_) => "DataError",
            OrmError::InternalError(_) => "InternalError",
            OrmError::NoResultFound(_) => "NoResultFound",
            OrmError::MultipleResultsFound(_) => "MultipleResultsFound",
            OrmError::PendingRollbackError(_) => "PendingRollbackError",
            OrmError::InvalidRequestError(_) => "InvalidRequestError",
            OrmError::ResourceClosedError(_) => "ResourceClosedError",
            OrmError::ObjectDeletedError { .. } => "ObjectDeletedError",
            OrmError::NullIdentityKey { .. } => "FlushError",
            OrmError::InstanceRequestError { .. } => "InvalidRequestError",
            OrmError::CircularDependencyError(_) => "CircularDependencyError",
            OrmError::DetachedInstanceError { .. } | OrmError::DetachedLazyLoad { .. } => {
                "DetachedInstanceError"
            }
            OrmError::ArgumentError(_) => "ArgumentError",
            OrmError::NoSuchColumnError(_) => "NoSuchColumnError",
            OrmError::LookupError(_) => "LookupError",
            OrmError::StatementError { .. } => "StatementError",
            OrmError::UnmappedInstanceError(_) => "UnmappedInstanceError",
            OrmError::CompileError(_) => "CompileError",
            OrmError::NoForeignKeysError(_) => "NoForeignKeysError",
            OrmError::AmbiguousForeignKeysError(_) => "AmbiguousForeignKeysError",
            OrmError::FlushError(_) => "FlushError",
            OrmError::AssertionError(_) => "AssertionError",
            OrmError::RaiseLoad(_) => "InvalidRequestError",
            OrmError::Host(_) => "HostError",
        }
    }

    /// The wrapped DBAPI error, for `e.orig`.
    pub fn dbapi(&self) -> Option<&DbapiError> {
        match self {
            OrmError::IntegrityError(e)
            | OrmError::OperationalError(e)
            | OrmError::ProgrammingError(e)
            | OrmError::InterfaceError(e)
            | OrmError::DatabaseError(e)
            | OrmError::DataError(e)
            | OrmError::InternalError(e) => Some(e),
            _ => None,
        }
    }

    /// Wraps a driver error for the statement that raised it.
    pub(crate) fn from_driver(
        orig: DriverError,
        sql: &str,
        params_repr: String,
        params: Vec<retort_sql::Value>,
    ) -> OrmError {
        let wrapped = DbapiError {
            orig,
            sql: sql.to_owned(),
            params_repr,
            params,
        };
        OrmError::from_dbapi(wrapped)
    }

    /// Picks the variant for a wrapped DBAPI error by its `sqlite3` class.
    pub(crate) fn from_dbapi(wrapped: DbapiError) -> OrmError {
        match wrapped.orig.class {
            ErrorClass::IntegrityError => OrmError::IntegrityError(wrapped),
            ErrorClass::OperationalError => OrmError::OperationalError(wrapped),
            ErrorClass::ProgrammingError => OrmError::ProgrammingError(wrapped),
            ErrorClass::InterfaceError => OrmError::InterfaceError(wrapped),
            ErrorClass::DatabaseError => OrmError::DatabaseError(wrapped),
            ErrorClass::DataError => OrmError::DataError(wrapped),
            ErrorClass::InternalError => OrmError::InternalError(wrapped),
        }
    }

    /// The message with `instance` rendering an object as Python would
    /// (`<User at 0x7f...>`); [`fmt::Display`] uses `<User object>`.
    pub fn message_with(&self, instance: &dyn Fn(ObjectId, &str) -> String) -> String {
        match self {
            OrmError::InstanceRequestError {
                object,
                class_name,
                template,
            } => template.replace("{}", &instance(*object, class_name)),
            OrmError::NullIdentityKey { object, class_name } => format!(
                "Instance {} has a NULL identity key.  If this is an auto-generated value, check that the database table allows generation of new primary key values, and that the mapped Column object is configured to expect these generated values.  Ensure also that this flush() is not occurring at an inappropriate time, such as within a load() event.",
                instance(*object, class_name)
            ),
            OrmError::ObjectDeletedError { object, class_name } => format!(
                "Instance '{}' has been deleted, or its row is otherwise not present.",
                instance(*object, class_name)
            ),
            OrmError::DetachedInstanceError {
                object, class_name, ..
            } => format!(
                "Instance {} is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)",
                instance(*object, class_name)
            ),
            OrmError::DetachedLazyLoad {
                object,
                class_name,
                attribute,
            } => format!(
                "Parent instance {} is not bound to a Session; lazy load operation of attribute '{attribute}' cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)",
                instance(*object, class_name)
            ),
            OrmError::NoResultFound(m)
            | OrmError::MultipleResultsFound(m)
            | OrmError::PendingRollbackError(m)
            | OrmError::InvalidRequestError(m)
            | OrmError::ResourceClosedError(m)
            | OrmError::ArgumentError(m)
            | OrmError::NoSuchColumnError(m)
            | OrmError::LookupError(m)
            | OrmError::UnmappedInstanceError(m)
            | OrmError::CompileError(m)
            | OrmError::NoForeignKeysError(m)
            | OrmError::AmbiguousForeignKeysError(m)
            | OrmError::FlushError(m)
            | OrmError::AssertionError(m)
            | OrmError::RaiseLoad(m) => m.clone(),
            OrmError::Host(token) => format!("host error #{token}"),
            OrmError::StatementError {
                orig_class,
                orig_message,
                sql,
                params_repr,
            } => format!(
                "(builtins.{orig_class}) {orig_message}\n[SQL: {sql}]\n[parameters: {params_repr}]"
            ),
            OrmError::CircularDependencyError(parts) => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|part| {
                        let object = instance(part.object, &part.class_name);
                        match &part.processor {
                            Some(processor) => {
                                format!("ProcessState({processor}, {object}, delete=False)")
                            }
                            None => format!("SaveUpdateState({object})"),
                        }
                    })
                    .collect();
                format!("Circular dependency detected. ({})", parts.join(", "))
            }
            other => other.dbapi().map(DbapiError::message).unwrap_or_default(),
        }
    }
}

impl fmt::Display for OrmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.message_with(&|_, class| format!("<{class} object>"));
        f.write_str(&text)
    }
}

impl std::error::Error for OrmError {}

impl From<retort_sql::CompileError> for OrmError {
    fn from(e: retort_sql::CompileError) -> Self {
        OrmError::CompileError(e.message)
    }
}

/// Python's `repr()` of a string, as `sqlite3` parameters are printed.
pub(crate) fn python_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr()` of a float.
pub(crate) fn python_float_repr(f: f64) -> String {
    if f.is_nan() {
        "nan".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

/// Python's `repr()` of one parameter value.
pub(crate) fn python_value_repr(v: &retort_sql::Value) -> String {
    match v {
        retort_sql::Value::Null => "None".to_owned(),
        retort_sql::Value::Integer(i) => i.to_string(),
        retort_sql::Value::Real(f) => python_float_repr(*f),
        retort_sql::Value::Text(s) => python_str_repr(s),
        retort_sql::Value::Blob(b) => {
            let mut out = String::from("b'");
            for byte in b {
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
    }
}

/// Python's `repr()` of a parameter tuple.
pub fn python_tuple_repr(values: &[retort_sql::Value]) -> String {
    let items: Vec<String> = values.iter().map(python_value_repr).collect();
    match items.as_slice() {
        [only] => format!("({only},)"),
        _ => format!("({})", items.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_sql::Value;

    #[test]
    fn parameters_print_as_python_tuples() {
        assert_eq!(
            python_tuple_repr(&[Value::from("alice"), Value::Real(50.0)]),
            "('alice', 50.0)"
        );
        assert_eq!(python_tuple_repr(&[Value::Integer(1)]), "(1,)");
        assert_eq!(python_tuple_repr(&[]), "()");
        assert_eq!(python_str_repr("it's"), "\"it's\"");
        assert_eq!(
            python_value_repr(&Value::Blob(vec![0, 1, b'a'])),
            "b'\\x00\\x01a'"
        );
        assert_eq!(python_float_repr(19.9), "19.9");
    }

    #[test]
    fn integrity_error_message_matches_sqlalchemy() {
        let orig = DriverError {
            class: ErrorClass::IntegrityError,
            message: "UNIQUE constraint failed: account.username".into(),
            extended_code: Some(2067),
        };
        let e = OrmError::from_driver(
            orig,
            "INSERT INTO account (username, balance) VALUES (?, ?)",
            "('alice', 50.0)".into(),
            Vec::new(),
        );
        assert_eq!(e.class_name(), "IntegrityError");
        assert_eq!(
            e.to_string(),
            "(sqlite3.IntegrityError) UNIQUE constraint failed: account.username\n[SQL: INSERT INTO account (username, balance) VALUES (?, ?)]\n[parameters: ('alice', 50.0)]\n(Background on this error at: https://sqlalche.me/e/20/gkpj)"
        );
    }
}
