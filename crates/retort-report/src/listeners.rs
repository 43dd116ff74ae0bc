//! [`ListenerCall`]: one call of an event listener the script registered
//! (`@event.listens_for(...)`), for the page's account of what ran behind
//! the script's back.

use serde::{Deserialize, Serialize};

use crate::Span;

/// One listener call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListenerCall {
    /// The event: `before_insert`, `after_commit`, `set`, `append`, ...
    pub event: String,
    /// What the listener listens on: `User`, `User.name`, `db.session`.
    pub target: String,
    /// The listener function's name.
    pub listener: String,
    /// The listener's `def` line.
    #[serde(default)]
    pub listener_span: Option<Span>,
    /// The source line whose execution fired the event.
    #[serde(default)]
    pub span: Option<Span>,
}
