//! [`Host`]: the few callbacks the ORM needs from the language that drives
//! it (Python, in Retort): calling a column's callable `default=`, and
//! running event listeners ([`crate::events`]).

use crate::error::OrmError;
use crate::events::OrmEvent;
use crate::session::Session;
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

    /// Whether any listener waits for `event` (cheap: the ORM skips the
    /// dispatch, and work only listeners need, when none does).
    fn listens(&self, _event: &OrmEvent) -> bool {
        false
    }

    /// Runs the listeners of `event`. `session` is the session the ORM is
    /// working on: the host may lend it to the listeners, which can read
    /// and change it; it is the same session again when this returns. A
    /// `retval=True` attribute listener rewrites the event's value.
    fn dispatch(&mut self, _session: &mut Session, _event: &mut OrmEvent) -> Result<(), OrmError> {
        Ok(())
    }

    /// The text of an error for messages that quote it (a failed flush's
    /// `PendingRollbackError`): the host's own exception for `Host` errors.
    fn error_text(&mut self, error: &OrmError) -> String {
        error.to_string()
    }
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
