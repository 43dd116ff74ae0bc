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

/// A query's rows laid end to end, `width` values per row: one vector for
/// the whole result instead of one per row (see `Prepared::run_flat`).
/// The values are the driver's own, or what the caller made of each as it
/// was read (`Prepared::run_flat_as`).
#[derive(Debug, Clone, PartialEq)]
pub struct FlatRows<V = Value> {
    pub width: usize,
    pub values: Vec<V>,
}

impl<V> Default for FlatRows<V> {
    fn default() -> Self {
        FlatRows {
            width: 0,
            values: Vec::new(),
        }
    }
}

impl<V> FlatRows<V> {
    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.values.len().checked_div(self.width).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
