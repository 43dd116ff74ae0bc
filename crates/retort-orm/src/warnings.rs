//! Warnings the ORM raises as SQLAlchemy does (`SAWarning`, ...), kept for
//! the host to show and to compare with a recorded run.

use serde::{Deserialize, Serialize};

/// One warning: its Python category and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrmWarning {
    pub category: String,
    pub message: String,
}

impl OrmWarning {
    /// An `SAWarning`.
    pub fn sa(message: impl Into<String>) -> OrmWarning {
        OrmWarning {
            category: "SAWarning".to_owned(),
            message: message.into(),
        }
    }
}

/// `rollback()` after a failed flush when objects were added, deleted or
/// changed meanwhile.
pub const DISCARDED_STATE: &str =
    "Session's state has been changed on a non-active transaction - this state will be discarded.";

/// What SQLAlchemy appends to a warning raised during an autoflush.
pub const AUTOFLUSH_WARNING_SUFFIX: &str = " (This warning originated from the Session 'autoflush' process, which was invoked automatically in response to a user-initiated operation. Consider using ``no_autoflush`` context manager if this warning happened while initializing objects.)";
