//! The inspector's reflection queries on SQLite (`inspect(db.engine)`):
//! `has_table`, the columns `get_columns` reads from `PRAGMA table_xinfo`
//! and the `CREATE` statement `get_pk_constraint` reads constraint names
//! from, each on its own connection-level transaction ended by a
//! `ROLLBACK`, with the statements SQLAlchemy's SQLite dialect sends.

use retort_driver::StatementResult;
use retort_sql::Value;
use retort_sql::ddl::{SQLITE_TABLE_SQL, pragma_table_xinfo};

use crate::error::OrmError;
use crate::log::{Origin, StatementKind};
use crate::session::Session;

/// One row of `PRAGMA table_xinfo`.
#[derive(Debug, Clone, PartialEq)]
pub struct PragmaColumn {
    pub name: String,
    /// The type as declared in the `CREATE TABLE` (`VARCHAR(80)`).
    pub declared_type: String,
    pub not_null: bool,
    /// The default's SQL text (`'0'`, `CURRENT_TIMESTAMP`).
    pub default: Option<String>,
    /// The column's position in the primary key, from 1; 0 outside it.
    pub primary_key: i64,
    /// 0 for an ordinary column; 2 and 3 for generated ones.
    pub hidden: i64,
}

impl Session {
    /// `Inspector.has_table(name)`: `PRAGMA main.table_info`, then
    /// `temp.table_info`, as the dialect's `has_table` checks.
    pub fn reflect_has_table(&mut self, table: &str) -> Result<bool, OrmError> {
        self.has_table(table, Origin::Inspect)
    }

    /// The rows of `PRAGMA table_xinfo` for `Inspector.get_columns`; `None`
    /// when the table does not exist (after `has_table`'s checks, as
    /// SQLAlchemy makes them before raising `NoSuchTableError`).
    pub fn reflect_columns(&mut self, table: &str) -> Result<Option<Vec<PragmaColumn>>, OrmError> {
        for schema in ["main", "temp"] {
            let rows = self.pragma_rows(&pragma_table_xinfo(schema, table))?;
            if !rows.is_empty() {
                return Ok(Some(rows.iter().map(|row| pragma_column(row)).collect()));
            }
        }
        Ok(self.reflect_has_table(table)?.then(Vec::new))
    }

    /// The `CREATE` statement of `table` as stored, for constraint names.
    pub fn reflect_table_sql(&mut self, table: &str) -> Result<Option<String>, OrmError> {
        let result = self.engine.logged_run_with(
            SQLITE_TABLE_SQL,
            &[Value::Text(table.to_owned())],
            Origin::Inspect,
        )?;
        Ok(crate::engine::result_rows(result)
            .into_iter()
            .next()
            .and_then(|row| match row.into_iter().next() {
                Some(Value::Text(sql)) => Some(sql),
                _ => None,
            }))
    }

    fn pragma_rows(&mut self, sql: &str) -> Result<Vec<Vec<Value>>, OrmError> {
        let result = self.engine.logged_run(sql, Origin::Inspect)?;
        Ok(match result {
            StatementResult::Rows(_) => crate::engine::result_rows(result),
            _ => Vec::new(),
        })
    }

    /// `body` on an inspector method's own connection: `BEGIN (implicit)`,
    /// then `ROLLBACK`, whatever `body` did.
    pub fn in_inspector_connection<T>(
        &mut self,
        body: impl FnOnce(&mut Session) -> Result<T, OrmError>,
    ) -> Result<T, OrmError> {
        self.engine
            .connection_marker(StatementKind::Begin, Origin::Inspect)?;
        let outcome = body(self);
        self.engine
            .connection_marker(StatementKind::Rollback, Origin::Inspect)?;
        outcome
    }
}

/// A `table_xinfo` row: cid, name, type, notnull, dflt_value, pk, hidden.
fn pragma_column(row: &[Value]) -> PragmaColumn {
    let text = |index: usize| match row.get(index) {
        Some(Value::Text(text)) => Some(text.clone()),
        _ => None,
    };
    let int = |index: usize| match row.get(index) {
        Some(Value::Integer(n)) => *n,
        _ => 0,
    };
    PragmaColumn {
        name: text(1).unwrap_or_default(),
        declared_type: text(2).unwrap_or_default(),
        not_null: int(3) != 0,
        default: text(4),
        primary_key: int(5),
        hidden: int(6),
    }
}
