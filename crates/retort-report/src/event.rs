//! [`Event`]: what happened during a step, and the statements, warnings
//! and errors events stand for.

use serde::{Deserialize, Serialize};

use crate::{RelationshipLoad, Shown, Span};

/// One thing that happened, in the order it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// A SQL statement or transaction marker: [`crate::RunReport::statements`]`[index]`.
    Statement {
        index: u64,
    },
    /// Text the script printed (one `print` call, or several in a row).
    Stdout {
        text: String,
    },
    /// Text the script wrote to `sys.stderr` (Flask's log of a failed
    /// request, `print(..., file=sys.stderr)`).
    Stderr {
        text: String,
    },
    Warning(WarningEvent),
    Error(ErrorEvent),
}

/// The kind of a logged statement, as SQLAlchemy's echo log has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StatementKind {
    Begin,
    Commit,
    Rollback,
    Execute,
    Executemany,
    Insertmanyvalues,
}

/// Which part of SQLAlchemy issued a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Origin {
    /// Transaction markers of the session.
    Session,
    /// A flush: INSERT, UPDATE, DELETE, or the SELECT of expired columns it needs.
    Flush,
    /// A query the script asked for.
    Query,
    /// The load of expired attributes (attribute access, `refresh`, `get`).
    Refresh,
    /// `create_all`, with its existence checks (DDL).
    CreateAll,
    /// `drop_all`, with its existence checks (DDL).
    DropAll,
    /// A bulk `UPDATE` / `DELETE` from a query.
    Bulk,
    /// `inspect(engine)`.
    Inspect,
    /// A relationship loaded on access (`lazy='select'`).
    LazyLoad,
    /// A relationship loaded with its parents' query (`selectin`, `subquery`).
    EagerLoad,
    /// What a line of the Migrations terminal sent (a revision's DDL and
    /// data changes, `alembic_version`, a `python` script's SQL), apart
    /// from Alembic's schema reads, which are [`Origin::Inspect`].
    Terminal,
}

/// Whether a statement ran during the script or while tearing down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Phase {
    #[default]
    Script,
    Teardown,
}

/// One statement as the page's SQL log shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementEvent {
    /// Run-wide position, the same as in the run record.
    pub index: u64,
    /// The step whose events list it.
    pub step: u64,
    pub kind: StatementKind,
    pub sql: String,
    /// One row of positional parameters, or several for `executemany`;
    /// empty for transaction markers.
    pub params: Vec<Vec<Shown>>,
    /// The parameters as the echo log prints them: `('ann', 1)`, or
    /// `[(...), (...)]` for `executemany`; empty for markers.
    pub params_text: String,
    pub origin: Origin,
    pub phase: Phase,
    /// The source line whose execution caused it (inside a function when a
    /// function ran it).
    pub span: Option<Span>,
    /// Rows an INSERT, UPDATE or DELETE changed (summed over `executemany`).
    pub rowcount: Option<u64>,
    /// Rows a query returned.
    pub rows_returned: Option<u64>,
    /// SQLite's message when the statement failed.
    #[serde(default)]
    pub failure: Option<String>,
    /// For a relationship load: which attribute of which object, how.
    #[serde(default)]
    pub load: Option<RelationshipLoad>,
    /// The console input that caused it (its `span` is then `None`).
    #[serde(default)]
    pub console: Option<u32>,
}

/// A warning the run emitted, e.g. `LegacyAPIWarning`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningEvent {
    pub category: String,
    pub message: String,
    pub line: Option<u32>,
}

/// The exception that ended the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEvent {
    /// `type(e).__name__`: `IntegrityError`.
    pub class_name: String,
    /// `sqlalchemy.exc.IntegrityError`.
    pub qualified_class: String,
    pub message: String,
    /// Where it was raised (innermost frame of the script).
    pub line: Option<u32>,
    pub col: Option<u32>,
    /// The top-level statement that raised (for a syntax error, the
    /// offending position).
    pub span: Option<Span>,
    /// CPython's traceback, line by line, ending with `Class: message`.
    pub traceback: Vec<String>,
    /// A step, memory or time budget stopped the run (an endless loop).
    pub execution_limit: bool,
}
