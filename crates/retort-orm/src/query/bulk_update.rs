//! `Session.bulk_update_mappings(Model, [dicts])`: an UPDATE by primary key
//! per dictionary (`UPDATE t SET a=? WHERE t.id = ?`), the dictionary's
//! other keys set; consecutive dictionaries with the same keys share one
//! `executemany`, as SQLAlchemy's bulk persistence groups them. No objects
//! are touched.

use retort_sql::{Expr, Statement, Update, compile_sqlite};

use crate::error::OrmError;
use crate::log::Origin;
use crate::mapper::MapperId;
use crate::session::Session;
use crate::types::{OrmValue, to_param};

impl Session {
    /// Updates one row per entry of `rows` (attribute name, value pairs
    /// that include the primary key); returns the rows changed.
    pub fn bulk_update(
        &mut self,
        mapper: MapperId,
        rows: &[Vec<(String, OrmValue)>],
    ) -> Result<u64, OrmError> {
        self.check_active()?;
        let mapper = self.registry.mapper(mapper)?.clone();
        let table = mapper.table_name().to_owned();
        let mut statements: Vec<(String, Vec<retort_sql::Value>)> = Vec::with_capacity(rows.len());
        for row in rows {
            for (name, _) in row {
                if mapper.columns.iter().all(|c| c.attr != *name.as_str()) {
                    return Err(OrmError::InvalidRequestError(format!(
                        "Unconsumed column names: {name}"
                    )));
                }
            }
            let mut set = Vec::new();
            for column in mapper.columns.iter().filter(|c| !c.primary_key) {
                if let Some((_, value)) = row.iter().find(|(k, _)| column.attr == *k.as_str()) {
                    set.push((column.column.clone(), to_param(value, &column.sql_type)));
                }
            }
            let mut update = Update::new(table.clone(), set);
            for pk in mapper.primary_key() {
                let Some((_, value)) = row.iter().find(|(k, _)| pk.attr == *k.as_str()) else {
                    return Err(OrmError::InvalidRequestError(format!(
                        "No primary key value supplied for column(s) {table}.{}; per-row ORM Bulk UPDATE by Primary Key requires that records contain primary key values",
                        pk.column
                    )));
                };
                let column = Expr::col(table.clone(), pk.column.clone());
                let bind = column.value_bind(to_param(value, &pk.sql_type));
                update = update.where_(column.eq(bind));
            }
            let compiled = compile_sqlite(&Statement::Update(update))?;
            statements.push((compiled.sql, compiled.params));
        }
        let mut changed = 0;
        let runs = super::bulk_insert::consecutive_runs(statements.len(), |first, other| {
            statements[other].0 == statements[first].0
        });
        for run in runs {
            let sql = &statements[run.start].0;
            if run.len() == 1 {
                let result = self
                    .engine
                    .execute(sql, &statements[run.start].1, Origin::Bulk)?;
                if let retort_driver::StatementResult::Changed { rows_affected } = result {
                    changed += rows_affected;
                }
            } else {
                let params: Vec<_> = statements[run.clone()]
                    .iter()
                    .map(|(_, params)| params.clone())
                    .collect();
                changed += self.engine.executemany(sql, &params, Origin::Bulk)?;
            }
        }
        Ok(changed)
    }
}
