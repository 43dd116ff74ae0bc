//! Emitting a flush's statements (SQLAlchemy's `persistence.py`): INSERTs
//! grouped into batches by their parameter keys, UPDATEs of changed
//! columns batched into `executemany`, DELETEs by primary key.

use std::rc::Rc;

use retort_sql::{Delete, Expr, Insert, InsertValues, Statement, Update, Value, compile_sqlite};

use crate::batch::Batch;
use crate::error::OrmError;
use crate::host::Host;
use crate::identity::IdentityMap;
use crate::log::{Origin, StatementKind};
use crate::mapper::{ColumnDefault, Mapper, MapperId};
use crate::session::{Session, TransactionSnapshot};
use crate::state::{AttrKey, ObjectId, ObjectStore};
use crate::types::{OrmValue, from_result_owned, to_param};

/// One row to insert.
struct InsertRecord {
    obj: ObjectId,
    /// What the statement sends for each of the mapper's columns, in
    /// table order.
    slots: Vec<Slot>,
    has_all_pks: bool,
    has_all_defaults: bool,
}

/// What an INSERT sends for one column of one row.
enum Slot {
    /// Nothing: the column is not in the statement.
    Absent,
    /// The object's own value, read from its state when bound (it is
    /// already there after the INSERT).
    Given,
    /// `NULL` for a column the object never set and nothing defaults.
    Null,
    /// The value of a Python-side default for this row.
    Default(OrmValue),
    /// A SQL expression default, rendered in the statement; the value
    /// comes back through RETURNING.
    Sql,
}

impl Slot {
    /// Whether the object gives the column (the INSERT's grouping key).
    fn explicit(&self) -> bool {
        matches!(self, Slot::Given | Slot::Null)
    }

    /// Whether the column is in the statement.
    fn sent(&self) -> bool {
        !matches!(self, Slot::Absent)
    }
}

/// The value of an attribute a row sends as NULL.
static NONE: OrmValue = OrmValue::None;

impl InsertRecord {
    /// The columns the row sends as parameters with their values (not
    /// SQL expression defaults, which the statement renders).
    fn sent_values<'a>(
        &'a self,
        mapper: &'a Mapper,
        state: &'a crate::state::InstanceState,
    ) -> impl Iterator<Item = (&'a crate::mapper::ColumnProperty, &'a OrmValue)> + Clone {
        mapper
            .columns
            .iter()
            .zip(&self.slots)
            .filter_map(move |(prop, slot)| {
                let value = match slot {
                    Slot::Absent | Slot::Sql => return None,
                    Slot::Given => state.dict.get(&prop.attr).unwrap_or(&NONE),
                    Slot::Null => &NONE,
                    Slot::Default(value) => value,
                };
                Some((prop, value))
            })
    }

    /// The row's parameters, converted by column type.
    fn params(&self, mapper: &Mapper, state: &crate::state::InstanceState) -> Vec<Value> {
        self.sent_values(mapper, state)
            .map(|(prop, value)| to_param(value, &prop.sql_type))
            .collect()
    }
}

/// One object's UPDATE.
struct UpdateRecord {
    obj: ObjectId,
    /// The SET columns (the batching key).
    columns: Vec<String>,
    update: Update,
    /// Values of `onupdate=` columns computed for this row.
    generated: Vec<(String, OrmValue)>,
    /// `onupdate=` SQL expressions the UPDATE set: expired after it.
    postfetch: Vec<AttrKey>,
}

/// One SET value of a flush's UPDATE.
enum SetExpr {
    Value(Value),
    Sql(Expr),
}

/// SQLAlchemy's `StatementError` when a bind processor refuses one of a
/// row's values (`(column, value, type)` in statement order), before the
/// statement runs; `sql` gives its text, made only then.
/// The row is walked without being collected: this runs for every row a
/// flush sends.
fn refused_row<'a>(
    row: impl Iterator<Item = (&'a str, &'a OrmValue, &'a retort_sql::SqlType)> + Clone,
    sql: impl FnOnce() -> String,
) -> Option<OrmError> {
    let (orig_class, orig_message) = row
        .clone()
        .find_map(|(_, value, sql_type)| crate::types::refused_bind(value, sql_type))?;
    let mut shown: Vec<(&str, String)> = row
        .map(|(column, value, sql_type)| {
            let param = to_param(value, sql_type);
            let text = match value {
                OrmValue::Str(text) => crate::error::python_str_repr(text),
                OrmValue::Uuid(bytes) => {
                    format!(
                        "UUID('{}')",
                        crate::types::dashed_uuid(u128::from_be_bytes(*bytes))
                    )
                }
                _ => crate::error::python_value_repr(&param),
            };
            (column, text)
        })
        .collect();
    retort_sort::sort_by(&mut shown, |a, b| a.0.cmp(b.0));
    let items: Vec<String> = shown
        .iter()
        .map(|(column, text)| format!("{}: {text}", crate::error::python_str_repr(column)))
        .collect();
    Some(OrmError::StatementError {
        orig_class,
        orig_message,
        sql: sql(),
        params_repr: format!("[{{{}}}]", items.join(", ")),
    })
}

/// The WHERE clause `t.pk = ?` for primary key values.
fn pk_criteria(mapper: &Mapper, key: &[OrmValue]) -> Vec<Expr> {
    mapper
        .primary_key()
        .iter()
        .zip(key)
        .map(|(prop, value)| {
            let col = Expr::col(mapper.table_name(), prop.column.clone());
            let bind = col.value_bind(to_param(value, &prop.sql_type));
            col.eq(bind)
        })
        .collect()
}

/// Splits records into runs of consecutive records of the same shape.
fn runs<T>(items: Vec<T>, same: impl Fn(&T, &T) -> bool) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = Vec::new();
    for item in items {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|last| same(last, &item)) => run.push(item),
            _ => out.push(vec![item]),
        }
    }
    out
}

/// The parts of the session an INSERT's bookkeeping changes, borrowed
/// apart from the engine that may still be running the flush's batch.
struct Inserted<'s> {
    objects: &'s mut ObjectStore,
    identity: &'s mut IdentityMap,
    snapshot: &'s mut TransactionSnapshot,
}

impl Inserted<'_> {
    /// Bookkeeping after an INSERT: generated and default values into the
    /// object (the values it gave are there already), its identity key,
    /// and its place among the persistent.
    fn record(
        self,
        mapper: &Mapper,
        mapper_id: MapperId,
        record: InsertRecord,
        returned: impl IntoIterator<Item = (usize, Value)>,
    ) -> Result<(), OrmError> {
        let state = self.objects.require_mut(record.obj)?;
        for (prop, slot) in mapper.columns.iter().zip(record.slots) {
            match slot {
                Slot::Absent | Slot::Given | Slot::Sql => {}
                Slot::Null => {
                    state.dict.insert(prop.attr.clone(), OrmValue::None);
                }
                Slot::Default(value) => {
                    state.dict.insert(prop.attr.clone(), value);
                }
            }
        }
        for (index, value) in returned {
            let prop = &mapper.columns[index];
            let converted = from_result_owned(value, &prop.sql_type, prop.enum_class.as_deref());
            state.dict.insert(prop.attr.clone(), converted);
        }
        // Server defaults not returned are loaded on next access.
        for column in &mapper.columns {
            if !state.dict.contains_key(&column.attr) {
                state.expired.insert(column.attr.clone());
            }
        }
        state.commit_all();
        let key: crate::state::IdentityKey = mapper
            .primary_key_iter()
            .map(|p| state.dict.get(&p.attr).cloned().unwrap_or(OrmValue::None))
            .collect();
        if key.iter().all(OrmValue::is_none) {
            return Err(OrmError::NullIdentityKey {
                object: record.obj,
                class_name: mapper.class_name.clone(),
            });
        }
        self.identity.insert(mapper_id, &key, record.obj);
        state.key = Some(key);
        // The flush takes it out of `new` once every INSERT has run:
        // removing here, row by row, made a large flush quadratic.
        self.snapshot.inserted.push(record.obj);
        Ok(())
    }
}

impl Session {
    /// UPDATEs of changed columns (plus `onupdate=` columns not set),
    /// consecutive same-shaped ones batched into `executemany`.
    /// An expired primary key is loaded before the row's UPDATE or DELETE
    /// (`_get_committed_state_attr_by_column` loads every expired column).
    fn load_unloaded_pk(&mut self, mapper: &Mapper, obj: ObjectId) -> Result<(), OrmError> {
        let state = self.state(obj)?;
        if mapper
            .primary_key()
            .iter()
            .any(|p| !state.dict.contains_key(&p.attr))
        {
            self.load_expired(obj, Origin::Flush)?;
        }
        Ok(())
    }

    pub(crate) fn emit_updates(
        &mut self,
        host: &mut dyn Host,
        mapper_id: MapperId,
        objects: &[ObjectId],
    ) -> Result<(), OrmError> {
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let mut records: Vec<UpdateRecord> = Vec::new();
        for obj in objects {
            self.load_unloaded_pk(&mapper, *obj)?;
            let state = self.state(*obj)?.clone();
            let Some(key) = state.key.clone() else {
                continue;
            };
            let changed = state.changed_attributes();
            let mut set = Vec::new();
            let mut generated = Vec::new();
            let mut postfetch = Vec::new();
            let mut checked: Vec<(&str, OrmValue, &retort_sql::SqlType)> = Vec::new();
            for column in &mapper.columns {
                let value = if changed.contains(&column.attr) {
                    state
                        .dict
                        .get(&column.attr)
                        .cloned()
                        .unwrap_or(OrmValue::None)
                } else if let Some(ColumnDefault::Sql(expr)) = &column.onupdate {
                    // Rendered in the SET clause; the value is loaded on
                    // next access.
                    set.push((column.column.clone(), SetExpr::Sql(expr.clone())));
                    postfetch.push(column.attr.clone());
                    continue;
                } else if let Some(onupdate) = &column.onupdate {
                    let current: Vec<(String, OrmValue)> = changed
                        .iter()
                        .filter_map(|a| state.dict.get(a).map(|v| (a.to_string(), v.clone())))
                        .chain(generated.iter().cloned())
                        .collect();
                    let value = evaluate_default(host, onupdate, &current)?;
                    generated.push((column.attr.to_string(), value.clone()));
                    value
                } else {
                    continue;
                };
                set.push((
                    column.column.clone(),
                    SetExpr::Value(to_param(&value, &column.sql_type)),
                ));
                checked.push((column.column.as_str(), value, &column.sql_type));
            }
            let columns: Vec<String> = set.iter().map(|(c, _)| c.clone()).collect();
            let mut update = Update::new(mapper.table_name(), Vec::new());
            update.set = set
                .into_iter()
                .map(|(column, value)| {
                    let expr = match value {
                        SetExpr::Value(value) => Expr::fixed_bind(column.clone(), value),
                        SetExpr::Sql(expr) => expr,
                    };
                    (column, expr)
                })
                .collect();
            for criterion in pk_criteria(&mapper, &key) {
                update = update.where_(criterion);
            }
            let row = checked.iter().map(|(c, v, t)| (*c, v, *t));
            let sql = || {
                compile_sqlite(&Statement::Update(update.clone()))
                    .map(|c| c.sql)
                    .unwrap_or_default()
            };
            if let Some(error) = refused_row(row, sql) {
                // SQLAlchemy has begun the transaction when the processor
                // refuses the value.
                self.engine.begin(Origin::Flush)?;
                return Err(error);
            }
            records.push(UpdateRecord {
                obj: *obj,
                columns,
                update,
                generated,
                postfetch,
            });
        }
        for run in runs(records, |a, b| a.columns == b.columns) {
            let mut sql = String::new();
            let mut rows = Vec::new();
            for record in &run {
                let compiled = compile_sqlite(&Statement::Update(record.update.clone()))?;
                sql = compiled.sql;
                rows.push(compiled.params);
            }
            self.execute_rows(&sql, &rows)?;
            // SQLAlchemy post-fetches an executemany's generated values from
            // its first parameter set, for every object of the batch.
            let first_generated = run.first().map(|r| r.generated.clone()).unwrap_or_default();
            for record in &run {
                self.snapshot.updated.push(record.obj);
                let state = self.state_mut(record.obj)?;
                for (attr, value) in &first_generated {
                    state.dict.insert(AttrKey::from(attr), value.clone());
                    state.expired.remove(attr.as_str());
                }
                state.commit_all();
                for attr in &record.postfetch {
                    state.dict.remove(attr);
                    state.expired.insert(attr.clone());
                }
            }
        }
        Ok(())
    }

    /// INSERTs of pending objects, grouped as `_emit_insert_statements`
    /// groups them: by explicit keys, whether all primary keys and all
    /// server defaults are given.
    pub(crate) fn emit_inserts(
        &mut self,
        host: &mut dyn Host,
        mapper_id: MapperId,
        objects: &[ObjectId],
    ) -> Result<(), OrmError> {
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let mut records = Vec::new();
        for obj in objects {
            records.push(self.insert_record(host, &mapper, *obj)?);
        }
        let groups = runs(records, |a, b| {
            a.slots
                .iter()
                .map(Slot::explicit)
                .eq(b.slots.iter().map(Slot::explicit))
                && a.has_all_pks == b.has_all_pks
                && a.has_all_defaults == b.has_all_defaults
        });
        for group in groups {
            self.emit_insert_group(&mapper, mapper_id, group)?;
        }
        Ok(())
    }

    fn insert_record(
        &mut self,
        host: &mut dyn Host,
        mapper: &Mapper,
        obj: ObjectId,
    ) -> Result<InsertRecord, OrmError> {
        // First the values the object gives (and NULLs for columns with
        // no default), then the defaults in table order, each seeing the
        // row's parameters so far.
        let mut slots: Vec<Slot> = Vec::with_capacity(mapper.columns.len());
        let mut has_all_pks = true;
        let mut has_all_defaults = true;
        let state = self.state(obj)?;
        for prop in &mapper.columns {
            let given = match state.dict.get(&prop.attr) {
                Some(OrmValue::None)
                    if prop.primary_key || prop.default.is_some() || prop.has_server_default =>
                {
                    false
                }
                other => other.is_some(),
            };
            slots.push(match given {
                true => Slot::Given,
                false if prop.primary_key => {
                    has_all_pks = false;
                    Slot::Absent
                }
                false if matches!(prop.default, Some(ColumnDefault::Sql(_))) => {
                    has_all_defaults = false;
                    Slot::Sql
                }
                false if prop.default.is_some() => Slot::Absent,
                false if prop.has_server_default => {
                    has_all_defaults = false;
                    Slot::Absent
                }
                // SQLAlchemy's JSON evaluates an explicit None (as 'null'),
                // so an unset JSON attribute is left out rather than NULL.
                false if prop.sql_type == retort_sql::SqlType::Json => Slot::Absent,
                false => Slot::Null,
            });
        }
        // The parameters a default callable sees, built only when a
        // default runs.
        let runs_defaults = mapper
            .columns
            .iter()
            .zip(&slots)
            .any(|(prop, slot)| matches!(slot, Slot::Absent) && prop.default.is_some());
        if !runs_defaults {
            return Ok(InsertRecord {
                obj,
                slots,
                has_all_pks,
                has_all_defaults,
            });
        }
        let mut parameters: Vec<(String, OrmValue)> = mapper
            .columns
            .iter()
            .zip(&slots)
            .filter_map(|(prop, slot)| match slot {
                Slot::Given => state
                    .dict
                    .get(&prop.attr)
                    .map(|v| (prop.attr.to_string(), v.clone())),
                Slot::Null => Some((prop.attr.to_string(), OrmValue::None)),
                _ => None,
            })
            .collect();
        for (prop, slot) in mapper.columns.iter().zip(&mut slots) {
            if let (Slot::Absent, Some(default)) = (&slot, &prop.default) {
                let value = evaluate_default(host, default, &parameters)?;
                parameters.push((prop.attr.to_string(), value.clone()));
                *slot = Slot::Default(value);
            }
        }
        Ok(InsertRecord {
            obj,
            slots,
            has_all_pks,
            has_all_defaults,
        })
    }

    fn emit_insert_group(
        &mut self,
        mapper: &Mapper,
        mapper_id: MapperId,
        group: Vec<InsertRecord>,
    ) -> Result<(), OrmError> {
        let Some(first) = group.first() else {
            return Ok(());
        };
        // A primary key column nothing fills: SQLAlchemy's compiler warns.
        for (prop, slot) in mapper.columns.iter().zip(&first.slots) {
            let nullable = mapper
                .table
                .column(&prop.column)
                .is_some_and(|column| column.nullable);
            if prop.primary_key
                && matches!(slot, Slot::Absent)
                && !prop.autoincrement
                && prop.default.is_none()
                && !prop.has_server_default
                && !nullable
            {
                self.warnings.push(crate::warnings::OrmWarning::sa(format!(
                    "Column '{}.{}' is marked as a member of the primary key for table '{}', but has no Python-side or server-side default generator indicated, nor does it indicate 'autoincrement=True' or 'nullable=True', and no explicit value is passed.  Primary key columns typically may not store NULL.",
                    mapper.table_name(),
                    prop.column,
                    mapper.table_name()
                )));
            }
        }
        let column_names: Vec<String> = mapper
            .columns
            .iter()
            .zip(&first.slots)
            .filter(|(_, slot)| slot.sent())
            .map(|(c, _)| c.column.clone())
            .collect();
        let returning: Vec<String> = mapper
            .columns
            .iter()
            .zip(&first.slots)
            .filter(|(c, slot)| {
                c.primary_key
                    || matches!(slot, Slot::Sql)
                    || (c.has_server_default && !column_names.contains(&c.column))
            })
            .map(|(c, _)| c.column.clone())
            .collect();
        // SQL expression defaults, by position among the sent columns.
        let sql_defaults: Vec<(usize, Expr)> = mapper
            .columns
            .iter()
            .zip(&first.slots)
            .filter(|(_, slot)| slot.sent())
            .enumerate()
            .filter_map(|(index, (c, slot))| match (slot, &c.default) {
                (Slot::Sql, Some(ColumnDefault::Sql(expr))) => Some((index, expr.clone())),
                _ => None,
            })
            .collect();
        // The RETURNING columns by index in the mapper's columns.
        let returning_index: Vec<usize> = returning
            .iter()
            .filter_map(|name| mapper.columns.iter().position(|c| &c.column == name))
            .collect();
        let batched = group.len() > 1;
        let compile = |values: Vec<Value>, with_returning: bool| {
            let insert = if column_names.is_empty() && batched {
                // SQLAlchemy's multi-row form of an empty row.
                let keys: Vec<String> = mapper
                    .primary_key()
                    .iter()
                    .map(|p| p.column.clone())
                    .collect();
                Insert {
                    table: mapper.table_name().to_owned(),
                    values: InsertValues::Exprs(vec![Expr::Null; keys.len()]),
                    columns: keys,
                    inline: Vec::new(),
                    returning: Vec::new(),
                }
            } else if !sql_defaults.is_empty() {
                // Parameters for the values, the expressions in their place.
                let mut insert = Insert::new(mapper.table_name(), column_names.clone(), values);
                insert.inline = sql_defaults
                    .iter()
                    .map(|(index, expr)| (column_names[*index].clone(), expr.clone()))
                    .collect();
                insert
            } else {
                Insert::new(mapper.table_name(), column_names.clone(), values)
            };
            let insert = if with_returning {
                insert.returning(returning.clone())
            } else {
                insert
            };
            compile_sqlite(&Statement::Insert(insert))
        };
        // A value the column's type refuses stops the flush before any
        // row of the group is sent.
        for record in &group {
            let state = self.state(record.obj)?;
            let row = record
                .sent_values(mapper, state)
                .map(|(prop, value)| (prop.column.as_str(), value, &prop.sql_type));
            let with_returning = !(first.has_all_pks && first.has_all_defaults);
            let sql = || {
                compile(record.params(mapper, state), with_returning)
                    .map(|c| c.sql)
                    .unwrap_or_default()
            };
            if let Some(error) = refused_row(row, sql) {
                // SQLAlchemy has begun the transaction when the processor
                // refuses the value.
                self.engine.begin(Origin::Flush)?;
                return Err(error);
            }
        }
        // Every record of a group has the same columns, so the SQL is the
        // same for all of them: compile it once per RETURNING form and only
        // convert each record's values. A shape whose parameters are not
        // exactly its values (none today) is compiled per record.
        let mut compiled_sql: [Option<Rc<str>>; 2] = [None, None];
        let mut statement =
            |values: Vec<Value>, with_returning: bool| -> Result<(Rc<str>, Vec<Value>), OrmError> {
                if let Some(sql) = &compiled_sql[usize::from(with_returning)] {
                    return Ok((Rc::clone(sql), values));
                }
                let compiled = compile(values.clone(), with_returning)?;
                let sql: Rc<str> = Rc::from(compiled.sql);
                if compiled.params == values {
                    compiled_sql[usize::from(with_returning)] = Some(Rc::clone(&sql));
                }
                Ok((sql, compiled.params))
            };
        if first.has_all_pks && first.has_all_defaults {
            let mut sql: Rc<str> = Rc::from("");
            let mut rows = Vec::new();
            for record in &group {
                let values = record.params(mapper, self.state(record.obj)?);
                let (record_sql, params) = statement(values, false)?;
                sql = record_sql;
                rows.push(params);
            }
            self.execute_rows(&sql, &rows)?;
            for record in group {
                self.after_insert(mapper, mapper_id, record, std::iter::empty())?;
            }
            return Ok(());
        }
        // A row with a SQL expression default is its own execute, as
        // SQLAlchemy sends it (no insertmanyvalues batch).
        let kind = if batched && sql_defaults.is_empty() {
            StatementKind::Insertmanyvalues
        } else {
            StatementKind::Execute
        };
        if batched || !first.has_all_defaults {
            // Every row's statement has RETURNING: one prepared statement
            // runs them all (a new one should a row's SQL differ).
            let mut batch: Option<Batch<'_>> = None;
            let rows = group.len();
            for record in group {
                let values = record.params(mapper, self.objects.require(record.obj)?);
                let (sql, params) = statement(values, true)?;
                let running = match &mut batch {
                    Some(running) if running.sql() == &*sql => running,
                    _ => {
                        batch = None;
                        batch.insert(self.engine.batch(kind, &sql, Origin::Flush, rows)?)
                    }
                };
                let row = running.execute(params)?;
                let returned = returning_index.iter().copied().zip(row);
                let inserted = Inserted {
                    objects: &mut self.objects,
                    identity: &mut self.identity,
                    snapshot: &mut self.snapshot,
                };
                inserted.record(mapper, mapper_id, record, returned)?;
            }
            return Ok(());
        }
        for record in group {
            let values = record.params(mapper, self.state(record.obj)?);
            let (sql, params) = statement(values, false)?;
            self.engine.execute_as(kind, &sql, params, Origin::Flush)?;
            let rowid = self.engine.last_insert_rowid()?;
            let returned = mapper
                .primary_key_iter()
                .filter(|p| p.autoincrement)
                .filter_map(|p| mapper.columns.iter().position(|c| c.column == p.column))
                .map(|index| (index, Value::Integer(rowid)));
            self.after_insert(mapper, mapper_id, record, returned)?;
        }
        Ok(())
    }

    /// Bookkeeping after an INSERT (see [`Inserted::record`]).
    fn after_insert(
        &mut self,
        mapper: &Mapper,
        mapper_id: MapperId,
        record: InsertRecord,
        returned: impl IntoIterator<Item = (usize, Value)>,
    ) -> Result<(), OrmError> {
        let inserted = Inserted {
            objects: &mut self.objects,
            identity: &mut self.identity,
            snapshot: &mut self.snapshot,
        };
        inserted.record(mapper, mapper_id, record, returned)
    }

    /// DELETEs by primary key; several objects of a mapper in one
    /// `executemany`.
    pub(crate) fn emit_deletes(
        &mut self,
        mapper_id: MapperId,
        objects: &[ObjectId],
    ) -> Result<(), OrmError> {
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let mut sql = String::new();
        let mut rows = Vec::new();
        for obj in objects {
            self.load_unloaded_pk(&mapper, *obj)?;
            let Some(key) = self.state(*obj)?.key.clone() else {
                continue;
            };
            let mut delete = Delete::new(mapper.table_name());
            for criterion in pk_criteria(&mapper, &key) {
                delete = delete.where_(criterion);
            }
            let compiled = compile_sqlite(&Statement::Delete(delete))?;
            sql = compiled.sql;
            rows.push(compiled.params);
        }
        self.execute_rows(&sql, &rows)?;
        for obj in objects {
            self.mark_deleted(mapper_id, *obj)?;
        }
        Ok(())
    }

    /// One parameter row is an `execute`, several an `executemany`.
    pub(crate) fn execute_rows(&mut self, sql: &str, rows: &[Vec<Value>]) -> Result<(), OrmError> {
        match rows {
            [] => Ok(()),
            [only] => self.engine.execute(sql, only, Origin::Flush).map(|_| ()),
            _ => self
                .engine
                .executemany(sql, rows, Origin::Flush)
                .map(|_| ()),
        }
    }

    /// An object whose row was deleted: out of the identity map, deleted
    /// until the transaction ends (detached on commit, restored on rollback).
    pub(crate) fn mark_deleted(
        &mut self,
        mapper_id: MapperId,
        obj: ObjectId,
    ) -> Result<(), OrmError> {
        let state = self.state_mut(obj)?;
        state.deleted = true;
        let key = state.key.clone();
        if let Some(key) = key {
            self.identity.remove(mapper_id, &key, obj);
        }
        self.snapshot.deleted.push(obj);
        self.to_delete.retain(|o| *o != obj);
        Ok(())
    }
}

/// The value of a Python-side default for one row.
pub(crate) fn evaluate_default(
    host: &mut dyn Host,
    default: &ColumnDefault,
    current_parameters: &[(String, OrmValue)],
) -> Result<OrmValue, OrmError> {
    match default {
        ColumnDefault::Scalar(value) => Ok(value.clone()),
        ColumnDefault::Callable {
            callable,
            takes_context,
        } => host.call_default(*callable, *takes_context, current_parameters),
        ColumnDefault::Sql(_) => Err(OrmError::InvalidRequestError(
            "a SQL expression default has no Python value".into(),
        )),
    }
}
