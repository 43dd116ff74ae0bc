//! The run report: what the page shows for every moment of a run. A run is
//! cut into steps, one per executed top-level statement; each step lists
//! the statements it caused (by index into `statements`), what it printed,
//! the session (every object with its state, changed and expired
//! attributes) and the rows of the tables it changed. Relationship loads,
//! the N+1 pattern and cascade effects are reported with their statements
//! and objects. Everything is serde data; the worker sends it to the page.

mod collect;
mod snapshot;

use retort_orm::{CascadeEffect, NPlusOne, Origin};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

pub use collect::ReportCollector;

/// Everything a run did, by step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub steps: Vec<Step>,
    pub statements: Vec<StatementEvent>,
    /// Relationships lazily loaded one object at a time.
    pub n_plus_one: Vec<NPlusOne>,
    /// What cascades did (save-update, delete, delete-orphan, NULLing, ...).
    pub effects: Vec<CascadeEffect>,
    pub error: Option<ErrorEvent>,
}

/// One executed top-level statement and the state after it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub line_start: u32,
    pub line_end: u32,
    /// Indices into [`RunReport::statements`].
    pub statements: Vec<u64>,
    pub stdout: String,
    pub session: Vec<ObjectSnapshot>,
    /// The tables whose rows this step changed.
    pub tables: Vec<TableSnapshot>,
}

/// One SQL statement as the page's log shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementEvent {
    pub index: u64,
    pub kind: String,
    pub sql: String,
    pub params: Json,
    pub origin: Origin,
    /// The source line that caused it.
    pub line: Option<u64>,
    /// For a relationship load: `Parent.attr`, the strategy and the object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<retort_orm::RelationshipLoad>,
}

/// One object in the session at the end of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectSnapshot {
    pub id: u64,
    pub class_name: String,
    /// `<User 1>`, `<User (pending)>`: built from the state, never by
    /// running Python (a user `__repr__` could emit SQL).
    pub repr: String,
    /// `transient`, `pending`, `persistent`, `deleted`, `detached`.
    pub status: String,
    pub identity: Vec<String>,
    /// Loaded attribute values as Python shows them.
    pub attributes: Vec<(String, String)>,
    pub changed: Vec<ChangedAttribute>,
    pub expired: Vec<String>,
}

/// An attribute modified since the last flush.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedAttribute {
    pub attr: String,
    /// `None` when the old value was not loaded.
    pub old: Option<String>,
    pub new: String,
}

/// A table's rows (as JSON values) at the end of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSnapshot {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Json>>,
    /// More rows exist than the snapshot holds.
    pub truncated: bool,
}

/// The exception that ended the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEvent {
    pub class_name: String,
    pub message: String,
    pub line: Option<u32>,
    pub traceback: Vec<String>,
}
