//! [`Host`]: the few callbacks the ORM needs from the language that drives
//! it (Python, in Retort): calling a column's callable `default=`.

use crate::error::OrmError;
use crate::types::OrmValue;

/// A host-side callable (a Python function), by the host's own handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct HostCallable(pub u64);

/// What the ORM asks of its host.
pub trait Host {
    /// Calls a column's `default=` (or `onupdate=`) callable for one row
    /// and returns its value. SQLAlchemy calls a one-argument callable with
    /// the execution context; `takes_context` says which form was
    /// registered, and `current_parameters` is what the context's
    /// `get_current_parameters()` returns: the row's values by column key
    /// (explicit ones, and defaults computed before this one in table
    /// order).
    fn call_default(
        &mut self,
        callable: HostCallable,
        takes_context: bool,
        current_parameters: &[(String, OrmValue)],
    ) -> Result<OrmValue, OrmError>;
}

/// A host with no callables: for Rust callers and tests that register only
/// scalar defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoHost;

impl Host for NoHost {
    fn call_default(
        &mut self,
        callable: HostCallable,
        _takes_context: bool,
        _current_parameters: &[(String, OrmValue)],
    ) -> Result<OrmValue, OrmError> {
        Err(OrmError::ArgumentError(format!(
            "no host is available to call default #{}",
            callable.0
        )))
    }
}
