//! What relationships add to a flush (SQLAlchemy's `dependency.py`): before
//! any row is written, each relationship's history decides which foreign
//! keys to copy from parents to children or to set to NULL, which orphans
//! and children of deleted parents to delete, and which association rows
//! to insert or delete; objects not in the session are skipped with
//! SQLAlchemy's warning. The unit of work then applies each copy just
//! before its child's mapper is saved, once the parent has its key.

use std::collections::BTreeSet;

use retort_sql::{Delete, Expr, Insert, Statement, Value, compile_sqlite};

use crate::effects::CascadeOp;
use crate::error::OrmError;
use crate::host::Host;
use crate::mapper::MapperId;
use crate::relationship::{Direction, RelationshipProperty};
use crate::session::Session;
use crate::state::{ObjectId, parent_token};
use crate::types::{OrmValue, to_param};
use crate::warnings::OrmWarning;

/// Copy the referred columns of `source` into the referring columns of
/// `child` (or NULL them when there is no source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncTask {
    pub child: ObjectId,
    pub source: Option<ObjectId>,
    /// (source column, child column) by name.
    pub pairs: Vec<(String, String)>,
}

/// One row of an association table to insert or delete.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LinkRow {
    table: String,
    /// (secondary column, object, object column).
    parent: ObjectId,
    child: ObjectId,
    rel_parent: MapperId,
    rel_key: String,
}

/// The relationship work of one flush.
#[derive(Debug, Clone, Default)]
pub struct FlushWork {
    pub syncs: Vec<SyncTask>,
    /// Foreign keys of `post_update` relationships: set by an UPDATE after
    /// every row is saved, before any is deleted.
    pub post_updates: Vec<SyncTask>,
    link_inserts: Vec<LinkRow>,
    link_deletes: Vec<LinkRow>,
}

impl Session {
    /// Runs the relationships' pre-flush processing.
    pub(crate) fn presort(&mut self, host: &mut dyn Host) -> Result<FlushWork, OrmError> {
        let mut work = FlushWork::default();
        self.mark_orphans()?;
        // Deleted parents first: their children may need NULLing or
        // deleting, which adds to both lists.
        let mut index = 0;
        while index < self.to_delete.len() {
            let obj = self.to_delete[index];
            index += 1;
            for rel in self.relationships_for(obj)? {
                self.presort_delete(host, obj, &rel, &mut work)?;
            }
        }
        let mut saves: Vec<ObjectId> = self.new.clone();
        saves.extend(self.dirty_objects());
        for obj in saves {
            if self.to_delete.contains(&obj) {
                continue;
            }
            for rel in self.relationships_for(obj)? {
                self.presort_save(obj, &rel, &mut work)?;
            }
        }
        Ok(work)
    }

    /// Persistent orphans of delete-orphan relationships are deleted;
    /// pending ones orphaned outside the session leave it.
    fn mark_orphans(&mut self) -> Result<(), OrmError> {
        let mut candidates: Vec<ObjectId> = self.new.clone();
        candidates.extend(self.identity.all());
        for obj in candidates {
            if !self.is_orphan(obj)? {
                continue;
            }
            let state = self.state(obj)?;
            let via = self.orphan_relationship(obj)?;
            if state.key.is_some() {
                if !self.to_delete.contains(&obj) && !state.deleted {
                    self.to_delete.push(obj);
                    self.record_effect(CascadeOp::DeleteOrphan, obj, via, None);
                }
            } else if state.orphaned_outside_session {
                self.expunge(obj)?;
                self.record_effect(CascadeOp::ExpungeOrphan, obj, via, None);
            }
        }
        Ok(())
    }

    /// The delete-orphan relationship an orphan lost its parent through.
    fn orphan_relationship(&self, obj: ObjectId) -> Result<String, OrmError> {
        let state = self.state(obj)?;
        for mapper in &self.registry.mappers {
            for rel in &mapper.relationships {
                if rel.target == state.mapper
                    && rel.cascade().delete_orphan
                    && !state
                        .parents
                        .get(&parent_token(rel.parent, &rel.key))
                        .is_some_and(|flag| flag.yes())
                {
                    return Ok(rel.display(&self.registry));
                }
            }
        }
        Ok(String::new())
    }

    fn presort_delete(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        work: &mut FlushWork,
    ) -> Result<(), OrmError> {
        let dynamic = rel.lazy().is_dynamic();
        match rel.direction {
            Direction::OneToMany => {
                let history = self.state(obj)?.rels.get(&rel.key).map(|r| r.history());
                let mut children = Vec::new();
                if let Some(history) = &history {
                    children.extend(history.deleted.iter().copied());
                }
                if !rel.options.passive_deletes {
                    let current = if dynamic {
                        self.dynamic_items(host, obj, rel)?
                    } else {
                        self.ensure_loaded(host, obj, rel)?
                    };
                    children.extend(current);
                }
                for child in children {
                    if self.to_delete.contains(&child) || self.state(child)?.deleted {
                        continue;
                    }
                    let via = rel.display(&self.registry);
                    if rel.cascade().delete
                        || (rel.cascade().delete_orphan && !self.has_parent(child, rel)?)
                    {
                        if self.state(child)?.key.is_some() {
                            self.to_delete.push(child);
                            self.record_effect(CascadeOp::Delete, child, via, Some(obj));
                        }
                    } else {
                        sync_list(work, rel).push(SyncTask {
                            child,
                            source: None,
                            pairs: rel.pairs.clone(),
                        });
                        self.record_effect(CascadeOp::Nullify, child, via, Some(obj));
                    }
                }
            }
            Direction::ManyToOne => {
                // The deleted row's own key is cleared first, by an UPDATE.
                if rel.options.post_update {
                    work.post_updates.push(SyncTask {
                        child: obj,
                        source: None,
                        pairs: rel.pairs.clone(),
                    });
                }
                if rel.cascade().delete || rel.cascade().delete_orphan {
                    for parent in self.ensure_loaded(host, obj, rel)? {
                        if self.state(parent)?.key.is_some() && !self.to_delete.contains(&parent) {
                            self.to_delete.push(parent);
                        }
                    }
                }
            }
            Direction::ManyToMany => {
                let mut items = Vec::new();
                if let Some(history) = self.state(obj)?.rels.get(&rel.key).map(|r| r.history()) {
                    items.extend(history.deleted);
                }
                if !rel.options.passive_deletes {
                    items.extend(self.ensure_loaded(host, obj, rel)?);
                }
                for item in items {
                    if self.state(item)?.key.is_some() {
                        push_link(&mut work.link_deletes, rel, obj, item);
                    }
                }
            }
        }
        Ok(())
    }

    fn has_parent(&self, obj: ObjectId, rel: &RelationshipProperty) -> Result<bool, OrmError> {
        Ok(self
            .state(obj)?
            .parents
            .get(&parent_token(rel.parent, &rel.key))
            .is_none_or(|flag| flag.yes()))
    }

    fn presort_save(
        &mut self,
        obj: ObjectId,
        rel: &RelationshipProperty,
        work: &mut FlushWork,
    ) -> Result<(), OrmError> {
        let Some(history) = self.state(obj)?.rels.get(&rel.key).map(|r| r.history()) else {
            return Ok(());
        };
        if history.is_empty() {
            return Ok(());
        }
        let display = rel.display(&self.registry);
        match rel.direction {
            Direction::OneToMany => {
                for child in &history.added {
                    if !self.contains(*child)? {
                        self.warn_not_in_session(*child, &display, "will not proceed")?;
                        continue;
                    }
                    sync_list(work, rel).push(SyncTask {
                        child: *child,
                        source: Some(obj),
                        pairs: rel.pairs.clone(),
                    });
                }
                for child in &history.deleted {
                    if self.to_delete.contains(child) || self.parent_flag(*child, rel)? {
                        continue;
                    }
                    if rel.cascade().delete_orphan {
                        if self.state(*child)?.key.is_some() {
                            self.to_delete.push(*child);
                            self.record_effect(
                                CascadeOp::DeleteOrphan,
                                *child,
                                display.clone(),
                                Some(obj),
                            );
                        }
                    } else if self.contains(*child)? {
                        sync_list(work, rel).push(SyncTask {
                            child: *child,
                            source: None,
                            pairs: rel.pairs.clone(),
                        });
                        self.record_effect(CascadeOp::Nullify, *child, display.clone(), Some(obj));
                    }
                }
            }
            Direction::ManyToOne => {
                let swapped: Vec<(String, String)> = rel.pairs.clone();
                if history.set_to_none {
                    sync_list(work, rel).push(SyncTask {
                        child: obj,
                        source: None,
                        pairs: swapped.clone(),
                    });
                }
                for parent in &history.added {
                    if !self.contains(*parent)? {
                        self.warn_not_in_session(*parent, &display, "won't proceed")?;
                        continue;
                    }
                    sync_list(work, rel).push(SyncTask {
                        child: obj,
                        source: Some(*parent),
                        pairs: swapped.clone(),
                    });
                }
            }
            Direction::ManyToMany => {
                for item in &history.added {
                    if !self.contains(*item)? {
                        self.warn_not_in_session(*item, &display, "will not proceed")?;
                        continue;
                    }
                    push_link(&mut work.link_inserts, rel, obj, *item);
                    self.record_effect(CascadeOp::LinkInsert, *item, display.clone(), Some(obj));
                }
                for item in &history.deleted {
                    if self.state(*item)?.key.is_some() {
                        push_link(&mut work.link_deletes, rel, obj, *item);
                        self.record_effect(
                            CascadeOp::LinkDelete,
                            *item,
                            display.clone(),
                            Some(obj),
                        );
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether the child's flag for `rel` is explicitly set (appended to
    /// another parent since it was removed here).
    fn parent_flag(&self, obj: ObjectId, rel: &RelationshipProperty) -> Result<bool, OrmError> {
        Ok(self
            .state(obj)?
            .parents
            .get(&parent_token(rel.parent, &rel.key))
            .is_some_and(|flag| flag.yes()))
    }

    fn warn_not_in_session(
        &mut self,
        obj: ObjectId,
        display: &str,
        tail: &str,
    ) -> Result<(), OrmError> {
        let class = self.class_name(obj)?;
        self.warnings.push(OrmWarning::sa(format!(
            "Object of type <{class}> not in session, add operation along '{display}' {tail}"
        )));
        Ok(())
    }

    /// Applies the foreign-key copies whose child belongs to `mapper`.
    pub(crate) fn apply_syncs(
        &mut self,
        work: &FlushWork,
        mapper: MapperId,
    ) -> Result<(), OrmError> {
        for task in &work.syncs {
            let child_state = self.state(task.child)?;
            if child_state.mapper != mapper
                || child_state.deleted
                || self.to_delete.contains(&task.child)
            {
                continue;
            }
            for (source_column, child_column) in &task.pairs {
                let value = match task.source {
                    Some(source) => self.column_value(source, source_column)?,
                    None => OrmValue::None,
                };
                let child_mapper = self.registry.mapper(mapper)?;
                let Some(prop) = child_mapper
                    .columns
                    .iter()
                    .find(|c| &c.column == child_column)
                else {
                    continue;
                };
                let attr = prop.attr.clone();
                let is_pk = prop.primary_key;
                let state = self.state_mut(task.child)?;
                if state.dict.get(&attr) == Some(&value) {
                    continue;
                }
                if task.source.is_none() && is_pk {
                    return Err(OrmError::AssertionError(format!(
                        "Dependency rule tried to blank-out primary key column '{}.{child_column}' on instance '<{} object>'",
                        child_mapper_table(self, mapper),
                        self.class_name(task.child)?
                    )));
                }
                state.set(&attr, value);
            }
        }
        Ok(())
    }

    /// The association-table rows: deletes, then inserts, each batched.
    pub(crate) fn emit_links(&mut self, work: &FlushWork) -> Result<(), OrmError> {
        // Every key is read (and loaded if expired) before any row is written.
        let deletes = self.link_rows(&work.link_deletes)?;
        let inserts = self.link_rows(&work.link_inserts)?;
        for (table, rows) in group_by_table(deletes) {
            let Some((columns, _)) = rows.first().cloned() else {
                continue;
            };
            let mut delete = Delete::new(table.clone());
            for column in &columns {
                let col = Expr::col(table.clone(), column.clone());
                let bind = col.value_bind(Value::Null);
                delete = delete.where_(col.eq(bind));
            }
            let sql = compile_sqlite(&Statement::Delete(delete))?.sql;
            let params: Vec<Vec<Value>> = rows.into_iter().map(|(_, v)| v).collect();
            self.execute_rows(&sql, &params)?;
        }
        for (table, rows) in group_by_table(inserts) {
            let Some((columns, _)) = rows.first().cloned() else {
                continue;
            };
            let insert = Insert::new(table.clone(), columns, vec![Value::Null; rows[0].1.len()]);
            let sql = compile_sqlite(&Statement::Insert(insert))?.sql;
            let params: Vec<Vec<Value>> = rows.into_iter().map(|(_, v)| v).collect();
            self.execute_rows(&sql, &params)?;
        }
        Ok(())
    }

    /// The (columns, values) of association rows, columns in table order.
    fn link_rows(&mut self, links: &[LinkRow]) -> Result<Vec<(String, LinkValues)>, OrmError> {
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        for link in links {
            let rel = self
                .registry
                .relationship(link.rel_parent, &link.rel_key)?
                .clone();
            let Some(secondary) = &rel.secondary else {
                continue;
            };
            let mut values: Vec<(String, Value)> = Vec::new();
            for (object_column, secondary_column) in &secondary.parent_pairs {
                let value = self.column_value(link.parent, object_column)?;
                values.push((
                    secondary_column.clone(),
                    self.link_param(link.parent, object_column, &value)?,
                ));
            }
            for (object_column, secondary_column) in &secondary.target_pairs {
                let value = self.column_value(link.child, object_column)?;
                values.push((
                    secondary_column.clone(),
                    self.link_param(link.child, object_column, &value)?,
                ));
            }
            let table = self
                .registry
                .metadata
                .tables
                .iter()
                .find(|t| t.name == secondary.table)
                .cloned();
            if let Some(table) = table {
                retort_sort::sort_by_key(&mut values, |(c, _)| {
                    table.columns.iter().position(|tc| &tc.name == c)
                });
            }
            let key = format!("{}:{:?}", secondary.table, values);
            if !seen.insert(key) {
                continue;
            }
            let (columns, params): (Vec<String>, Vec<Value>) = values.into_iter().unzip();
            out.push((secondary.table.clone(), (columns, params)));
        }
        Ok(out)
    }

    fn link_param(&self, obj: ObjectId, column: &str, value: &OrmValue) -> Result<Value, OrmError> {
        let mapper = self.registry.mapper(self.state(obj)?.mapper)?;
        let sql_type = mapper
            .columns
            .iter()
            .find(|c| c.column == column)
            .map(|c| c.sql_type.clone())
            .unwrap_or(retort_sql::SqlType::Integer);
        Ok(to_param(value, &sql_type))
    }
}

fn child_mapper_table(session: &Session, mapper: MapperId) -> String {
    session
        .registry
        .mapper(mapper)
        .map(|m| m.table_name().to_owned())
        .unwrap_or_default()
}

fn push_link(
    list: &mut Vec<LinkRow>,
    rel: &RelationshipProperty,
    parent: ObjectId,
    child: ObjectId,
) {
    let Some(secondary) = &rel.secondary else {
        return;
    };
    list.push(LinkRow {
        table: secondary.table.clone(),
        parent,
        child,
        rel_parent: rel.parent,
        rel_key: rel.key.clone(),
    });
}

type LinkValues = (Vec<String>, Vec<Value>);

fn group_by_table(rows: Vec<(String, LinkValues)>) -> Vec<(String, Vec<LinkValues>)> {
    let mut out: Vec<(String, Vec<LinkValues>)> = Vec::new();
    for (table, row) in rows {
        match out.iter_mut().find(|(t, _)| *t == table) {
            Some((_, list)) => list.push(row),
            None => out.push((table, vec![row])),
        }
    }
    out
}

/// Where a relationship's foreign-key copies go: after the saves for a
/// `post_update` relationship, before its rows' saves otherwise.
fn sync_list<'a>(work: &'a mut FlushWork, rel: &RelationshipProperty) -> &'a mut Vec<SyncTask> {
    if rel.options.post_update {
        &mut work.post_updates
    } else {
        &mut work.syncs
    }
}
