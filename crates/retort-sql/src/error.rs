//! The one error type of this crate: a tree that cannot be rendered.

use std::fmt;

/// Why a statement could not be compiled; never a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// A sentence describing the problem, in SQLAlchemy's words where it has them.
    pub message: String,
}

impl CompileError {
    /// Builds an error from any message.
    pub fn new(message: impl Into<String>) -> Self {
        CompileError {
            message: message.into(),
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}
