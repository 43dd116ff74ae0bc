//! `insert(User).values(...)` and `insert(User)` with a list of parameter
//! dictionaries executed by a session (SQLAlchemy 2.0's ORM-enabled and
//! bulk INSERT), and `insert(table)` on a plain `Table`: one INSERT of the
//! given columns plus the mapped columns' Python `default=`s, in table
//! order; consecutive rows giving the same keys (and so the same SQL) are
//! one `executemany`. No objects are created: the rows go straight to the
//! table, unless `RETURNING` a mapped class makes each returned row its
//! object (`insert(User).returning(User)`); several rows with `RETURNING`
//! go as SQLAlchemy's insertmanyvalues pages.

use retort_sql::{Insert, InsertValues, SqlType, Statement, Table, compile_sqlite};

use super::{QueryResult, ResultItem, ResultItems, ResultRow};
use crate::engine::result_rows;
use crate::error::OrmError;
use crate::host::Host;
use crate::log::{Origin, StatementKind};
use crate::mapper::{MapperId, Registry};
use crate::persistence::evaluate_default;
use crate::session::Session;
use crate::types::{OrmValue, check_stored, from_result_owned, raw, to_param};

/// What a column's `default=` gives a row that leaves the column out: a
/// Python default's value, added to the row's `parameters` under `key`
/// (what a context-sensitive default reads), or a SQL default's
/// expression, rendered in the statement; `None` without one.
fn python_default(
    host: &mut dyn Host,
    default: Option<&crate::mapper::ColumnDefault>,
    key: &str,
    parameters: &mut Vec<(String, OrmValue)>,
) -> Result<Option<Filled>, OrmError> {
    match default {
        None => Ok(None),
        Some(crate::mapper::ColumnDefault::Sql(expr)) => Ok(Some(Filled::Inline(expr.clone()))),
        Some(default) => {
            let value = evaluate_default(host, default, parameters)?;
            parameters.push((key.to_owned(), value.clone()));
            Ok(Some(Filled::Value(value)))
        }
    }
}

/// What fills a column of an INSERT row.
enum Filled {
    Value(OrmValue),
    /// A SQL expression written into the statement.
    Inline(retort_sql::Expr),
}

/// What an INSERT statement inserts into.
#[derive(Debug, Clone, PartialEq)]
pub enum InsertTarget {
    Mapper(MapperId),
    Table(Table),
}

/// One item of an INSERT's `RETURNING` (`insert(User).returning(User,
/// User.id)`), in the order given.
#[derive(Debug, Clone, PartialEq)]
pub enum ReturningItem {
    /// A mapped class: all its columns; each row becomes its object,
    /// through the identity map, as a query's rows do.
    Entity(MapperId),
    /// One column of the target table, by name, under its result key;
    /// its value converted by the column's type.
    Column { name: String, key: String },
}

/// What an executed INSERT reports.
#[derive(Debug, Clone, PartialEq)]
pub struct InsertOutcome {
    pub rowcount: u64,
    /// The primary key of a single inserted row (`inserted_primary_key`).
    pub primary_key: Option<Vec<OrmValue>>,
    /// The rows of `RETURNING`, when the statement had it.
    pub returned: Option<QueryResult>,
}

/// How many rows SQLAlchemy's insertmanyvalues puts in one statement
/// (`insertmanyvalues_page_size`).
const PAGE_ROWS: usize = 1000;

/// The most parameters SQLite takes in one statement, which SQLAlchemy's
/// SQLite dialect keeps a page under (`insertmanyvalues_max_parameters`).
const MAX_PARAMETERS: usize = 32766;

/// The columns of `insert` given a value (not written inline), in order.
fn valued_columns(insert: &Insert) -> impl Iterator<Item = &String> {
    insert
        .columns
        .iter()
        .filter(|c| !insert.inline.iter().any(|(name, _)| name == *c))
}

/// The value a one-row `insert` gives `column`.
fn value_of<'i>(insert: &'i Insert, column: &str) -> Option<&'i retort_sql::Value> {
    let InsertValues::Single(values) = &insert.values else {
        return None;
    };
    values.get(valued_columns(insert).position(|c| c == column)?)
}

/// The columns of one INSERT row as they are filled, in table order.
#[derive(Default)]
struct RowColumns {
    columns: Vec<String>,
    /// The values of the columns not written inline, in order.
    values: Vec<retort_sql::Value>,
    inline: Vec<(String, retort_sql::Expr)>,
    /// The primary key's values, and whether the row gave all of them.
    key: Vec<OrmValue>,
    key_given: bool,
}

/// Adds column `name` to the row as `filled` fills it (or not at all).
fn fill(
    row: &mut RowColumns,
    name: &str,
    sql_type: &SqlType,
    primary_key: bool,
    filled: Option<Filled>,
) {
    if primary_key {
        match &filled {
            Some(Filled::Value(value)) => row.key.push(value.clone()),
            _ => row.key_given = false,
        }
    }
    match filled {
        Some(Filled::Value(value)) => {
            row.columns.push(name.to_owned());
            row.values.push(to_param(&value, sql_type));
        }
        Some(Filled::Inline(expr)) => {
            row.columns.push(name.to_owned());
            row.inline.push((name.to_owned(), expr));
        }
        None => {}
    }
}

/// One row's INSERT and, when it gives them, its primary key values.
struct RowInsert {
    insert: Insert,
    key: Option<Vec<OrmValue>>,
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
        self.bulk_insert_returning(host, target, rows, &[])
    }

    /// [`Session::bulk_insert`] with `RETURNING` the `returning` items:
    /// one row is one `execute`; several rows with the same keys are
    /// SQLAlchemy's insertmanyvalues, `VALUES (?, ?), (?, ?) RETURNING
    /// ...` in pages of up to 1,000 rows.
    pub fn bulk_insert_returning(
        &mut self,
        host: &mut dyn Host,
        target: &InsertTarget,
        rows: &[Vec<(String, OrmValue)>],
        returning: &[ReturningItem],
    ) -> Result<InsertOutcome, OrmError> {
        let returned_columns = self.begin_insert(host, target, returning)?;
        // A Core INSERT into a table compiles once, for the first row's
        // keys: the later rows' other keys are not sent (the ORM's bulk
        // INSERT instead groups the rows by the keys each gives).
        let projected: Vec<Vec<(String, OrmValue)>>;
        let rows = match (target, rows) {
            (InsertTarget::Table(_), [first, _, ..]) => {
                projected = rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .filter(|(key, _)| first.iter().any(|(k, _)| k == key))
                            .cloned()
                            .collect()
                    })
                    .collect();
                &projected[..]
            }
            _ => rows,
        };
        let mut row_inserts = Vec::with_capacity(rows.len());
        for row in rows {
            let mut row_insert = self.insert_row(host, target, row)?;
            row_insert.insert.returning = returned_columns.clone();
            row_inserts.push(row_insert);
        }
        let mut outcome = InsertOutcome {
            rowcount: 0,
            primary_key: None,
            returned: (!returning.is_empty()).then(|| QueryResult {
                keys: returning_keys(&self.registry, returning),
                ..QueryResult::default()
            }),
        };
        // SQLAlchemy groups the rows by the keys they give (before
        // defaults fill the rest), then by statement.
        fn given_keys(row: &[(String, OrmValue)]) -> Vec<&str> {
            let mut keys: Vec<&str> = row.iter().map(|(k, _)| k.as_str()).collect();
            retort_sort::sort(&mut keys);
            keys
        }
        let runs = consecutive_runs(row_inserts.len(), |first, other| {
            row_inserts[other].insert.columns == row_inserts[first].insert.columns
                && given_keys(&rows[other]) == given_keys(&rows[first])
        });
        for run in runs {
            if !returning.is_empty() && run.len() > 1 {
                self.insert_pages(&row_inserts[run], target, returning, &mut outcome)?;
            } else if run.len() == 1 {
                let row_insert = &row_inserts[run.start];
                let compiled = compile_sqlite(&Statement::Insert(row_insert.insert.clone()))?;
                let result = self
                    .engine
                    .execute(&compiled.sql, &compiled.params, Origin::Bulk)?;
                outcome.rowcount += match &result {
                    retort_driver::StatementResult::Changed { rows_affected } => *rows_affected,
                    retort_driver::StatementResult::Rows(set) => set.rows.len().max(1) as u64,
                };
                let rendered = &row_insert.insert.returning;
                self.take_returned(result, rendered, target, returning, &mut outcome)?;
                outcome.primary_key = Some(match &row_insert.key {
                    Some(key) => key.clone(),
                    None => vec![OrmValue::Int(self.engine.last_insert_rowid()?)],
                });
            } else {
                let mut sql = String::new();
                let mut params = Vec::with_capacity(run.len());
                for row_insert in &row_inserts[run] {
                    let compiled = compile_sqlite(&Statement::Insert(row_insert.insert.clone()))?;
                    sql = compiled.sql;
                    params.push(compiled.params);
                }
                outcome.rowcount += self.engine.executemany(&sql, &params, Origin::Bulk)?;
            }
        }
        if rows.len() != 1 {
            outcome.primary_key = None;
        }
        Ok(outcome)
    }

    /// What every INSERT statement checks first: an active session, and
    /// for a mapped class the autoflush; gives the columns RETURNING
    /// renders.
    fn begin_insert(
        &mut self,
        host: &mut dyn Host,
        target: &InsertTarget,
        returning: &[ReturningItem],
    ) -> Result<Vec<String>, OrmError> {
        self.check_active()?;
        if let InsertTarget::Mapper(_) = target {
            self.autoflush(host)?;
        }
        self.returned_columns(target, returning)
    }

    /// `insert(target).values([{...}, {...}])` executed: SQLAlchemy's
    /// multiple-VALUES INSERT, every row in one statement (`VALUES (?),
    /// (?)`), each row with its Python `default=`s. Rows must give the
    /// same columns: a column one row leaves out has no value to render.
    pub fn multi_values_insert(
        &mut self,
        host: &mut dyn Host,
        target: &InsertTarget,
        rows: &[Vec<(String, OrmValue)>],
        returning: &[ReturningItem],
    ) -> Result<InsertOutcome, OrmError> {
        if rows.is_empty() {
            return self.bulk_insert_returning(host, target, rows, returning);
        }
        let returned_columns = self.begin_insert(host, target, returning)?;
        let mut row_inserts = Vec::with_capacity(rows.len());
        for row in rows {
            row_inserts.push(self.insert_row(host, target, row)?);
        }
        // Not empty: `rows` is not.
        let Some(first) = row_inserts.first() else {
            return Ok(InsertOutcome {
                rowcount: 0,
                primary_key: None,
                returned: None,
            });
        };
        let mut insert = Insert::new(
            first.insert.table.clone(),
            first.insert.columns.clone(),
            Vec::new(),
        );
        let mut values = Vec::with_capacity(row_inserts.len());
        for row_insert in &row_inserts {
            if let Some(missing) = first
                .insert
                .columns
                .iter()
                .find(|c| !row_insert.insert.columns.contains(c))
            {
                return Err(OrmError::CompileError(format!(
                    "INSERT value for column {}.{missing} is explicitly rendered as a boundparameter in the VALUES clause; a Python-side value or SQL expression is required",
                    first.insert.table
                )));
            }
            values.push(
                valued_columns(&first.insert)
                    .map(|c| {
                        value_of(&row_insert.insert, c)
                            .cloned()
                            .unwrap_or(retort_sql::Value::Null)
                    })
                    .collect(),
            );
        }
        if !insert.columns.is_empty() {
            insert.values = InsertValues::Multi(values);
            insert.inline = first.insert.inline.clone();
        }
        insert.returning = returned_columns;
        let rendered = insert.returning.clone();
        let compiled = compile_sqlite(&Statement::Insert(insert))?;
        let result = self
            .engine
            .execute(&compiled.sql, &compiled.params, Origin::Bulk)?;
        let mut outcome = InsertOutcome {
            rowcount: match &result {
                retort_driver::StatementResult::Changed { rows_affected } => *rows_affected,
                retort_driver::StatementResult::Rows(set) => set.rows.len() as u64,
            },
            primary_key: None,
            returned: (!returning.is_empty()).then(|| QueryResult {
                keys: returning_keys(&self.registry, returning),
                ..QueryResult::default()
            }),
        };
        self.take_returned(result, &rendered, target, returning, &mut outcome)?;
        Ok(outcome)
    }

    /// The table columns `returning` names (all of a mapper's for an
    /// entity): on a table in the order given; on a mapped class each
    /// once, in the mapper's column order, as the ORM renders them.
    pub(super) fn returned_columns(
        &self,
        target: &InsertTarget,
        returning: &[ReturningItem],
    ) -> Result<Vec<String>, OrmError> {
        let given = self.given_returned_columns(target, returning)?;
        Ok(match target {
            InsertTarget::Table(_) => given,
            InsertTarget::Mapper(mapper) => self
                .registry
                .mapper(*mapper)?
                .columns
                .iter()
                .filter(|c| given.contains(&c.column))
                .map(|c| c.column.clone())
                .collect(),
        })
    }

    /// The table columns `returning` names, in the order given.
    fn given_returned_columns(
        &self,
        target: &InsertTarget,
        returning: &[ReturningItem],
    ) -> Result<Vec<String>, OrmError> {
        for item in returning {
            if let ReturningItem::Column { name, .. } = item
                && column_type(&self.registry, target, name)?.is_none()
            {
                return Err(OrmError::CompileError(format!(
                    "RETURNING names the column '{name}', which the table does not have"
                )));
            }
        }
        returning_columns(&self.registry, returning)
    }

    /// Runs rows of the same statement as SQLAlchemy's insertmanyvalues:
    /// pages of several rows in one `VALUES (...), (...)`, each page one
    /// statement logged as `insertmanyvalues`.
    fn insert_pages(
        &mut self,
        row_inserts: &[RowInsert],
        target: &InsertTarget,
        returning: &[ReturningItem],
        outcome: &mut InsertOutcome,
    ) -> Result<(), OrmError> {
        let Some(first) = row_inserts.first() else {
            return Ok(());
        };
        let width = first.insert.columns.len().max(1);
        let page_rows = PAGE_ROWS.min(MAX_PARAMETERS / width).max(1);
        for page in row_inserts.chunks(page_rows) {
            let mut insert = first.insert.clone();
            let values: Vec<Vec<retort_sql::Value>> = page
                .iter()
                .filter_map(|r| match &r.insert.values {
                    InsertValues::Single(values) => Some(values.clone()),
                    _ => None,
                })
                .collect();
            if values.len() == page.len() {
                insert.values = InsertValues::Multi(values);
            }
            let compiled = compile_sqlite(&Statement::Insert(insert))?;
            let result = self.engine.execute_as(
                StatementKind::Insertmanyvalues,
                &compiled.sql,
                compiled.params,
                Origin::Bulk,
            )?;
            outcome.rowcount += page.len() as u64;
            let rendered = &first.insert.returning;
            self.take_returned(result, rendered, target, returning, outcome)?;
        }
        Ok(())
    }

    /// Adds the rows a statement returned (its `RETURNING` columns
    /// `rendered`) to `outcome`'s result: objects for entities, converted
    /// values for columns.
    fn take_returned(
        &mut self,
        result: retort_driver::StatementResult,
        rendered: &[String],
        target: &InsertTarget,
        returning: &[ReturningItem],
        outcome: &mut InsertOutcome,
    ) -> Result<(), OrmError> {
        if outcome.returned.is_none() {
            return Ok(());
        }
        let rows = self.returned_rows(result_rows(result), rendered, target, returning)?;
        if let Some(returned) = &mut outcome.returned {
            returned.rows.extend(rows);
        }
        Ok(())
    }

    /// The result rows of the rows a statement returned (its `RETURNING`
    /// columns `rendered`, in that order): objects for entities, through
    /// the identity map, and converted values for columns.
    pub(super) fn returned_rows(
        &mut self,
        rows: Vec<Vec<retort_sql::Value>>,
        rendered: &[String],
        target: &InsertTarget,
        returning: &[ReturningItem],
    ) -> Result<Vec<ResultRow>, OrmError> {
        let position_of = |name: &str| rendered.iter().position(|c| c == name);
        let mut returned = Vec::with_capacity(rows.len());
        for row in rows {
            let mut items = ResultItems::new();
            for item in returning {
                match item {
                    ReturningItem::Entity(mapper) => {
                        let mut values: Vec<retort_sql::Value> = self
                            .registry
                            .mapper(*mapper)?
                            .columns
                            .iter()
                            .map(|c| {
                                position_of(&c.column)
                                    .and_then(|i| row.get(i).cloned())
                                    .unwrap_or(retort_sql::Value::Null)
                            })
                            .collect();
                        let object = self.loader().instance_from_row(*mapper, &mut values)?;
                        items.push(match object {
                            Some(object) => ResultItem::Object(object),
                            None => ResultItem::Value(OrmValue::None),
                        });
                    }
                    ReturningItem::Column { name, .. } => {
                        let value = position_of(name)
                            .and_then(|i| row.get(i).cloned())
                            .unwrap_or(retort_sql::Value::Null);
                        items.push(ResultItem::Value(
                            match column_type(&self.registry, target, name)? {
                                Some((sql_type, enum_class)) => {
                                    check_stored(&value, &sql_type)?;
                                    from_result_owned(value, &sql_type, enum_class.as_deref())
                                }
                                None => raw(&value),
                            },
                        ));
                    }
                }
            }
            returned.push(ResultRow { items });
        }
        Ok(returned)
    }

    /// One row's INSERT (the given values plus the mapped columns' Python
    /// defaults, in table order) and, when it gives them, its primary key
    /// values.
    fn insert_row(
        &mut self,
        host: &mut dyn Host,
        target: &InsertTarget,
        row: &[(String, OrmValue)],
    ) -> Result<RowInsert, OrmError> {
        let mut row_columns = RowColumns {
            key_given: true,
            ..RowColumns::default()
        };
        let table_name;
        match target {
            InsertTarget::Mapper(mapper_id) => {
                let mapper = self.registry.mapper(*mapper_id)?.clone();
                table_name = mapper.table_name().to_owned();
                unconsumed(row, |name| mapper.columns.iter().any(|c| c.attr == *name))?;
                let mut parameters: Vec<(String, OrmValue)> = row.to_vec();
                for column in &mapper.columns {
                    let filled = match row.iter().find(|(attr, _)| column.attr == *attr) {
                        Some((_, value)) => Some(Filled::Value(value.clone())),
                        None => python_default(
                            host,
                            column.default.as_ref(),
                            &column.attr,
                            &mut parameters,
                        )?,
                    };
                    fill(
                        &mut row_columns,
                        &column.column,
                        &column.sql_type,
                        column.primary_key,
                        filled,
                    );
                }
            }
            InsertTarget::Table(table) => {
                table_name = table.name.clone();
                unconsumed(row, |name| table.columns.iter().any(|c| c.name == name))?;
                let mut parameters: Vec<(String, OrmValue)> = row.to_vec();
                for column in &table.columns {
                    let filled = match row.iter().find(|(name, _)| *name == column.name) {
                        Some((_, value)) => Some(Filled::Value(value.clone())),
                        // A column's `default=` fills it, as on a mapped
                        // class.
                        None => python_default(
                            host,
                            self.registry.column_default(&table.name, &column.name),
                            &column.name,
                            &mut parameters,
                        )?,
                    };
                    fill(
                        &mut row_columns,
                        &column.name,
                        &column.sql_type,
                        column.primary_key,
                        filled,
                    );
                }
            }
        }
        let RowColumns {
            columns,
            values,
            inline,
            key,
            key_given,
        } = row_columns;
        let mut insert = Insert::new(table_name, columns, Vec::new());
        if !insert.columns.is_empty() {
            insert.values = InsertValues::Single(values);
        }
        insert.inline = inline;
        Ok(RowInsert {
            insert,
            key: (key_given && !key.is_empty()).then_some(key),
        })
    }
}

/// The table columns `returning` names, in the order given (all of a
/// mapper's for an entity), as a statement's `returning()` prints them.
pub fn returning_columns(
    registry: &Registry,
    returning: &[ReturningItem],
) -> Result<Vec<String>, OrmError> {
    let mut columns = Vec::new();
    for item in returning {
        match item {
            ReturningItem::Entity(mapper) => columns.extend(
                registry
                    .mapper(*mapper)?
                    .columns
                    .iter()
                    .map(|c| c.column.clone()),
            ),
            ReturningItem::Column { name, .. } => columns.push(name.clone()),
        }
    }
    Ok(columns)
}

/// The result keys of `returning`'s items: a class's name, a column's key.
pub fn returning_keys(registry: &Registry, returning: &[ReturningItem]) -> Vec<String> {
    returning
        .iter()
        .map(|item| match item {
            ReturningItem::Entity(mapper) => registry
                .mapper(*mapper)
                .map(|m| m.class_name.clone())
                .unwrap_or_default(),
            ReturningItem::Column { key, .. } => key.clone(),
        })
        .collect()
}

/// The type (and enum class) of the column `name` of an INSERT's target;
/// `None` when it has no such column.
fn column_type(
    registry: &Registry,
    target: &InsertTarget,
    name: &str,
) -> Result<Option<(SqlType, Option<String>)>, OrmError> {
    Ok(match target {
        InsertTarget::Mapper(mapper) => registry
            .mapper(*mapper)?
            .columns
            .iter()
            .find(|c| c.column == name)
            .map(|c| (c.sql_type.clone(), c.enum_class.clone())),
        InsertTarget::Table(table) => table
            .columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| (c.sql_type.clone(), None)),
    })
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
