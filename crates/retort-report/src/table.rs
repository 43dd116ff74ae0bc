//! [`TableSnapshot`]: a table's rows after a step that changed them.

use serde::{Deserialize, Serialize};

use crate::Shown;

/// A table's rows as the script's connection sees them (uncommitted
/// changes included), read without recording a statement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableSnapshot {
    pub name: String,
    pub columns: Vec<String>,
    /// At most the snapshot's row cap, in the table's storage order.
    pub rows: Vec<Vec<Shown>>,
    /// How many rows the table has.
    pub row_count: u64,
    /// More rows exist than `rows` holds.
    pub truncated: bool,
    /// The step dropped the table (or rolled back its creation).
    #[serde(default)]
    pub dropped: bool,
}
