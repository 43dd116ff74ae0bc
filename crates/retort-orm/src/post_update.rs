//! `relationship(..., post_update=True)` (SQLAlchemy's `post_update` in
//! `persistence.py`): the relationship's foreign key is not copied before
//! the row's INSERT or UPDATE but set by an `UPDATE t SET fk=? WHERE
//! t.id = ?` once every row of the flush is saved (and before any is
//! deleted), so two tables that refer to each other need no order (the
//! relationship orders no saves: [`crate::flush_order`]).

use retort_sql::{Statement, Update, compile_sqlite};

use crate::dependency::{FlushWork, SyncTask};
use crate::error::OrmError;
use crate::mapper::MapperId;
use crate::session::Session;
use crate::state::ObjectId;
use crate::types::{OrmValue, to_param};

/// One post-update: the row and its new key values.
struct PostUpdateRow {
    mapper: MapperId,
    columns: Vec<String>,
    sql: String,
    params: Vec<retort_sql::Value>,
}

impl Session {
    /// Sets the keys of the flush's `post_update` relationships, one
    /// statement per run of rows of the same table and columns (an
    /// `executemany` for several).
    pub(crate) fn emit_post_updates(&mut self, work: &FlushWork) -> Result<(), OrmError> {
        let mut rows: Vec<PostUpdateRow> = Vec::new();
        for task in &work.post_updates {
            if let Some(row) = self.post_update_row(task)? {
                rows.push(row);
            }
        }
        let mut index = 0;
        while index < rows.len() {
            let mut end = index + 1;
            while end < rows.len()
                && rows[end].mapper == rows[index].mapper
                && rows[end].columns == rows[index].columns
            {
                end += 1;
            }
            let params: Vec<Vec<retort_sql::Value>> =
                rows[index..end].iter().map(|r| r.params.clone()).collect();
            let sql = rows[index].sql.clone();
            self.execute_rows(&sql, &params)?;
            index = end;
        }
        Ok(())
    }

    /// The UPDATE for one task, its values set on the object; `None` when
    /// the row is gone or the key does not change.
    fn post_update_row(&mut self, task: &SyncTask) -> Result<Option<PostUpdateRow>, OrmError> {
        let obj: ObjectId = task.child;
        let state = self.state(obj)?;
        if state.deleted {
            return Ok(None);
        }
        let Some(key) = state.key.clone() else {
            return Ok(None);
        };
        let mapper_id = state.mapper;
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let mut set = Vec::new();
        let mut columns = Vec::new();
        let mut changes = false;
        for (source_column, column) in &task.pairs {
            let value = match task.source {
                Some(source) => self.column_value(source, source_column)?,
                None => OrmValue::None,
            };
            let Some(prop) = mapper.columns.iter().find(|c| &c.column == column) else {
                continue;
            };
            let current = self.column_value(obj, column)?;
            changes |= current != value;
            self.state_mut(obj)?.set_key(&prop.attr, value.clone());
            set.push((prop.column.clone(), to_param(&value, &prop.sql_type)));
            columns.push(prop.column.clone());
        }
        // A pending row inserted with the key NULL still gets its UPDATE.
        let inserted_now = task.source.is_some();
        if set.is_empty() || !(changes || inserted_now) {
            return Ok(None);
        }
        let mut update = Update::new(mapper.table_name(), set);
        for (prop, value) in mapper.primary_key().iter().zip(&key) {
            let col = retort_sql::Expr::col(mapper.table_name(), prop.column.clone());
            let bind = col.value_bind(to_param(value, &prop.sql_type));
            update = update.where_(col.eq(bind));
        }
        let compiled = compile_sqlite(&Statement::Update(update))?;
        Ok(Some(PostUpdateRow {
            mapper: mapper_id,
            columns,
            sql: compiled.sql,
            params: compiled.params,
        }))
    }
}
