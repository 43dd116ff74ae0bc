//! [`RowValues`]: one row of a query, read in place while SQLite steps the
//! statement, so a caller can turn it into its own values (the ORM: an
//! object) at once instead of from a copy of every row made first.

use crate::{Value, ValueRef};

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
        self.with_value(index, |value| Value::from(value))
    }

    /// Hands `read` the value of column `index` borrowed from the row
    /// (NULL past the row's end), its text or bytes not copied; text that
    /// is not valid UTF-8 comes with the invalid bytes replaced, as
    /// [`RowValues::value`] reads it.
    #[inline]
    pub fn with_value<R>(&self, index: usize, read: impl FnOnce(ValueRef<'_>) -> R) -> R {
        use rusqlite::types::ValueRef as Sqlite;
        let replaced;
        // Below the statement's column count, reading cannot fail.
        let value = match (index < self.width).then(|| self.row.get_ref_unwrap(index)) {
            None | Some(Sqlite::Null) => ValueRef::Null,
            Some(Sqlite::Integer(i)) => ValueRef::Integer(i),
            Some(Sqlite::Real(r)) => ValueRef::Real(r),
            // Valid UTF-8 (nearly all text) is handed over as is; invalid
            // bytes become U+FFFD as `from_utf8_lossy` makes them.
            Some(Sqlite::Text(t)) => ValueRef::Text(match std::str::from_utf8(t) {
                Ok(text) => text,
                Err(_) => {
                    replaced = String::from_utf8_lossy(t);
                    &replaced
                }
            }),
            Some(Sqlite::Blob(b)) => ValueRef::Blob(b),
        };
        read(value)
    }

    /// Every value of the row, in column order.
    pub fn values(&self) -> Vec<Value> {
        (0..self.width).map(|index| self.value(index)).collect()
    }
}
