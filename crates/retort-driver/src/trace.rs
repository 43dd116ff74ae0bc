//! The statement trace: one record per statement sent to SQLite, for the SQL log.

use serde::{Deserialize, Serialize};

use crate::Value;

/// How a traced statement ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StatementOutcome {
    /// A query that returned this many rows.
    Rows(usize),
    /// A change (or DDL, or transaction control) that touched this many rows.
    Changed(u64),
    /// SQLite refused or aborted the statement with this message.
    Failed(String),
}

/// One statement as it reached SQLite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementTrace {
    pub sql: String,
    pub params: Vec<Value>,
    pub outcome: StatementOutcome,
    /// Wall-clock time spent in SQLite, in milliseconds.
    pub duration_ms: f64,
}

/// Receives every statement a [`crate::Database`] runs, in order.
pub trait StatementObserver {
    fn on_statement(&mut self, trace: &StatementTrace);
}

impl<F: FnMut(&StatementTrace)> StatementObserver for F {
    fn on_statement(&mut self, trace: &StatementTrace) {
        self(trace)
    }
}
