//! What a statement gives back: rows, or a count of changed rows.

use serde::{Deserialize, Serialize};

use crate::Value;

/// The rows a query returned, with its column names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The result of one statement: a query's rows, or the rows a change touched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StatementResult {
    Rows(ResultSet),
    Changed { rows_affected: u64 },
}
