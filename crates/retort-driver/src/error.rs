//! Errors from SQLite, classified the way Python's `sqlite3` module classifies them.

use serde::{Deserialize, Serialize};

/// The `sqlite3` exception class a failure maps to; SQLAlchemy wraps each in
/// its own class of the same name (`sqlalchemy.exc.IntegrityError`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorClass {
    IntegrityError,
    OperationalError,
    DatabaseError,
    DataError,
    InternalError,
    InterfaceError,
    ProgrammingError,
}

impl ErrorClass {
    /// The class name, e.g. `IntegrityError`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::IntegrityError => "IntegrityError",
            ErrorClass::OperationalError => "OperationalError",
            ErrorClass::DatabaseError => "DatabaseError",
            ErrorClass::DataError => "DataError",
            ErrorClass::InternalError => "InternalError",
            ErrorClass::InterfaceError => "InterfaceError",
            ErrorClass::ProgrammingError => "ProgrammingError",
        }
    }

    /// The class CPython's `_sqlite` module raises for a primary result code
    /// (`Modules/_sqlite/util.c`). Memory errors are reported as operational.
    #[cfg(feature = "sqlite")]
    fn from_code(code: rusqlite::ErrorCode) -> Self {
        use rusqlite::ErrorCode as C;
        match code {
            C::InternalMalfunction | C::NotFound => ErrorClass::InternalError,
            C::ConstraintViolation | C::TypeMismatch => ErrorClass::IntegrityError,
            C::DatabaseCorrupt | C::NotADatabase => ErrorClass::DatabaseError,
            C::TooBig => ErrorClass::DataError,
            C::ApiMisuse | C::ParameterOutOfRange => ErrorClass::InterfaceError,
            _ => ErrorClass::OperationalError,
        }
    }
}

/// A statement that SQLite refused or that failed while running.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("({}) {message}", class.name())]
pub struct DriverError {
    /// Which `sqlite3` exception class this is.
    pub class: ErrorClass,
    /// SQLite's own message, e.g. `UNIQUE constraint failed: users.email`.
    pub message: String,
    /// SQLite's extended result code, when SQLite produced one.
    pub extended_code: Option<i32>,
}

impl DriverError {
    /// An error raised by the driver itself rather than by SQLite.
    pub fn interface(message: impl Into<String>) -> Self {
        DriverError {
            class: ErrorClass::InterfaceError,
            message: message.into(),
            extended_code: None,
        }
    }
}

#[cfg(feature = "sqlite")]
impl From<rusqlite::Error> for DriverError {
    fn from(error: rusqlite::Error) -> Self {
        match &error {
            rusqlite::Error::SqliteFailure(failure, message) => DriverError {
                class: ErrorClass::from_code(failure.code),
                message: message.clone().unwrap_or_else(|| failure.to_string()),
                extended_code: Some(failure.extended_code),
            },
            rusqlite::Error::SqlInputError { error, msg, .. } => DriverError {
                class: ErrorClass::from_code(error.code),
                message: msg.clone(),
                extended_code: Some(error.extended_code),
            },
            rusqlite::Error::InvalidParameterCount(given, wanted) => DriverError {
                class: ErrorClass::ProgrammingError,
                message: format!(
                    "Incorrect number of bindings supplied. The current statement uses {wanted}, and there are {given} supplied."
                ),
                extended_code: None,
            },
            other => DriverError::interface(other.to_string()),
        }
    }
}
