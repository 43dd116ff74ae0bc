//! [`RowValues`]: one row of a query, read in place while SQLite steps the
//! statement, so a caller can turn it into its own values (the ORM: an
//! object) at once instead of from a copy of every row made first.

use crate::Value;

/// The current row of a statement being stepped (see
/// `Database::run_rows`); it lives until the next step.
pub struct RowValues<'r> {
    pub(crate) row: &'r rusqlite::Row<'r>,
    pub(crate) width: usize,
}

impl RowValues<'_> {
    /// How many values the row has (the statement's column count).
    #[inline]
    pub fn width(&self) -> usize {
        self.width
    }

    /// The value of column `index`, NULL past the row's end.
    #[inline]
    pub fn value(&self, index: usize) -> Value {
        if index < self.width {
            // Below the statement's column count, reading cannot fail.
            Value::from(self.row.get_ref_unwrap(index))
        } else {
            Value::Null
        }
    }

    /// Every value of the row, in column order.
    pub fn values(&self) -> Vec<Value> {
        (0..self.width).map(|index| self.value(index)).collect()
    }
}
