//! `insert(User).values(...)` and `insert(User)` with a list of parameter
//! dictionaries executed by a session (SQLAlchemy 2.0's ORM-enabled and
//! bulk INSERT), and `insert(table)` on a plain `Table`: one INSERT of the
//! given columns plus the mapped columns' Python `default=`s, in table
//! order; consecutive rows giving the same keys (and so the same SQL) are
//! one `executemany`. No
//! objects are created: the rows go straight to the table.

use retort_sql::{Insert, InsertValues, Statement, Table, compile_sqlite};

use crate::error::OrmError;
use crate::host::Host;
use crate::log::Origin;
use crate::mapper::MapperId;
use crate::persistence::evaluate_default;
use crate::session::Session;
use crate::types::{OrmValue, to_param};

/// What an INSERT statement inserts into.
#[derive(Debug, Clone, PartialEq)]
pub enum InsertTarget {
    Mapper(MapperId),
    Table(Table),
}

/// What an executed INSERT reports.
#[derive(Debug, Clone, PartialEq)]
pub struct InsertOutcome {
    pub rowcount: u64,
    /// The primary key of a single inserted row (`inserted_primary_key`).
    pub primary_key: Option<Vec<OrmValue>>,
}

impl Session {
    /// Inserts `rows` (each a list of `(key, value)`: attribute names of a
    /// mapper, column names of a table). Consecutive rows with the same
    /// keys share one `executemany`.
    pub fn bulk_insert(
        &mut self,
        host: &mut dyn Host,
        target: &InsertTarget,
        rows: &[Vec<(String, OrmValue)>],
    ) -> Result<InsertOutcome, OrmError> {
        self.check_active()?;
        if let InsertTarget::Mapper(_) = target {
            self.autoflush(host)?;
        }
        let mut compiled_rows = Vec::with_capacity(rows.len());
        for row in rows {
            compiled_rows.push(self.insert_row(host, target, row)?);
        }
        let mut rowcount = 0;
        let mut primary_key = None;
        // SQLAlchemy groups the rows by the keys they give (before
        // defaults fill the rest), then by statement.
        fn given_keys(row: &[(String, OrmValue)]) -> Vec<&str> {
            let mut keys: Vec<&str> = row.iter().map(|(k, _)| k.as_str()).collect();
            retort_sort::sort(&mut keys);
            keys
        }
        let runs = consecutive_runs(compiled_rows.len(), |first, other| {
            compiled_rows[other].0 == compiled_rows[first].0
                && given_keys(&rows[other]) == given_keys(&rows[first])
        });
        for run in runs {
            if run.len() == 1 {
                let (sql, params, given_key) = &compiled_rows[run.start];
                let result = self.engine.execute(sql, params, Origin::Bulk)?;
                rowcount += match result {
                    retort_driver::StatementResult::Changed { rows_affected } => rows_affected,
                    retort_driver::StatementResult::Rows(_) => 1,
                };
                primary_key = Some(match given_key {
                    Some(key) => key.clone(),
                    None => vec![OrmValue::Int(self.engine.last_insert_rowid()?)],
                });
            } else {
                let params: Vec<_> = compiled_rows[run.clone()]
                    .iter()
                    .map(|(_, params, _)| params.clone())
                    .collect();
                let sql = &compiled_rows[run.start].0;
                rowcount += self.engine.executemany(sql, &params, Origin::Bulk)?;
                primary_key = None;
            }
        }
        if rows.len() != 1 {
            primary_key = None;
        }
        Ok(InsertOutcome {
            rowcount,
            primary_key,
        })
    }

    /// One row's SQL, parameters and, when it gives them, its primary key
    /// values.
    #[allow(clippy::type_complexity)]
    fn insert_row(
        &mut self,
        host: &mut dyn Host,
        target: &InsertTarget,
        row: &[(String, OrmValue)],
    ) -> Result<(String, Vec<retort_sql::Value>, Option<Vec<OrmValue>>), OrmError> {
        let mut columns = Vec::new();
        let mut values = Vec::new();
        let mut key = Vec::new();
        let mut key_given = true;
        let table_name;
        match target {
            InsertTarget::Mapper(mapper_id) => {
                let mapper = self.registry.mapper(*mapper_id)?.clone();
                table_name = mapper.table_name().to_owned();
                unconsumed(row, |name| mapper.columns.iter().any(|c| c.attr == *name))?;
                let mut parameters: Vec<(String, OrmValue)> = row.to_vec();
                for column in &mapper.columns {
                    let value = match row.iter().find(|(attr, _)| column.attr == *attr) {
                        Some((_, value)) => Some(value.clone()),
                        None => match &column.default {
                            Some(default) => {
                                let value = evaluate_default(host, default, &parameters)?;
                                parameters.push((column.attr.to_string(), value.clone()));
                                Some(value)
                            }
                            None => None,
                        },
                    };
                    if column.primary_key {
                        match &value {
                            Some(v) => key.push(v.clone()),
                            None => key_given = false,
                        }
                    }
                    if let Some(value) = value {
                        columns.push(column.column.clone());
                        values.push(to_param(&value, &column.sql_type));
                    }
                }
            }
            InsertTarget::Table(table) => {
                table_name = table.name.clone();
                unconsumed(row, |name| table.columns.iter().any(|c| c.name == name))?;
                for column in &table.columns {
                    let given = row.iter().find(|(name, _)| *name == column.name);
                    if column.primary_key {
                        match given {
                            Some((_, v)) => key.push(v.clone()),
                            None => key_given = false,
                        }
                    }
                    if let Some((_, value)) = given {
                        columns.push(column.name.clone());
                        values.push(to_param(value, &column.sql_type));
                    }
                }
            }
        }
        let mut insert = Insert::new(table_name, columns, Vec::new());
        if !insert.columns.is_empty() {
            insert.values = InsertValues::Single(values);
        }
        let compiled = compile_sqlite(&Statement::Insert(insert))?;
        Ok((
            compiled.sql,
            compiled.params,
            (key_given && !key.is_empty()).then_some(key),
        ))
    }
}

/// SQLAlchemy's `CompileError` for keys that name no column.
fn unconsumed(row: &[(String, OrmValue)], known: impl Fn(&str) -> bool) -> Result<(), OrmError> {
    let unknown: Vec<&str> = row
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| !known(name))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(OrmError::CompileError(format!(
        "Unconsumed column names: {}",
        unknown.join(", ")
    )))
}

/// The runs of consecutive items that share one statement (`same(first,
/// other)`: whether item `other` goes with the run that began at `first`),
/// as SQLAlchemy's bulk persistence batches them: each run is one
/// `execute`, or one `executemany` when it has several items.
pub(super) fn consecutive_runs(
    len: usize,
    same: impl Fn(usize, usize) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < len {
        let end = (start + 1..len).find(|&i| !same(start, i)).unwrap_or(len);
        runs.push(start..end);
        start = end;
    }
    runs
}
