//! The unit of work (SQLAlchemy's `unitofwork.py`): what a flush must do
//! and in which order. The plan is a list of per-mapper actions sorted by
//! the mappers' foreign-key dependencies: saves parents first, deletes
//! children first. Relationship dependency processors (`dependency.py`)
//! will add their own actions between these (sync of foreign keys,
//! many-to-many rows, post-updates) and edges to the same sort.

use crate::error::OrmError;
use crate::host::Host;
use crate::log::Origin;
use crate::mapper::{MapperId, Registry};
use crate::session::Session;
use crate::state::ObjectId;

/// One step of a flush.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlushAction {
    /// UPDATEs then INSERTs of one mapper's objects.
    Save {
        mapper: MapperId,
        updates: Vec<ObjectId>,
        inserts: Vec<ObjectId>,
    },
    /// DELETEs of one mapper's objects.
    Delete {
        mapper: MapperId,
        objects: Vec<ObjectId>,
    },
}

/// The ordered actions of one flush.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlushPlan {
    pub actions: Vec<FlushAction>,
}

/// An edge of the flush's dependency graph: `parent` rows are saved
/// before `child` rows, and `child` rows deleted before `parent` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapperDependency {
    pub parent: MapperId,
    pub child: MapperId,
}

/// The dependencies implied by foreign keys between mapped tables (a
/// self-reference is not one). Relationship processors add their own
/// edges to this list before sorting.
pub fn foreign_key_dependencies(registry: &Registry) -> Vec<MapperDependency> {
    let mut edges = Vec::new();
    for (index, mapper) in registry.mappers.iter().enumerate() {
        for referenced in mapper.table.referenced_tables() {
            if let Some(parent) = registry.by_table(referenced)
                && parent.0 != index
            {
                edges.push(MapperDependency {
                    parent,
                    child: MapperId(index),
                });
            }
        }
    }
    edges
}

/// Mappers in dependency order: layers of a topological sort over the
/// dependency edges, each layer by `"module.ClassName"`.
pub fn mapper_order(registry: &Registry, dependencies: &[MapperDependency]) -> Vec<MapperId> {
    let mut remaining: Vec<MapperId> = (0..registry.mappers.len()).map(MapperId).collect();
    let mut done: Vec<MapperId> = Vec::new();
    let mut out = Vec::new();
    while !remaining.is_empty() {
        let mut ready: Vec<MapperId> = remaining
            .iter()
            .copied()
            .filter(|id| {
                dependencies
                    .iter()
                    .filter(|d| d.child == *id && d.parent != *id)
                    .all(|d| done.contains(&d.parent))
            })
            .collect();
        if ready.is_empty() {
            // A cycle: SQLAlchemy breaks it with post-updates; here the rest
            // keep their name order.
            ready = remaining.clone();
        }
        ready.sort_by_key(|id| registry.mappers[id.0].sort_key());
        done.extend(ready.iter().copied());
        remaining.retain(|id| !ready.contains(id));
        out.extend(ready);
    }
    out
}

impl Session {
    /// The plan for the pending changes: pending objects by add order,
    /// modified persistent ones by primary key, deletions by primary key.
    pub fn flush_plan(&self) -> Result<FlushPlan, OrmError> {
        let order = mapper_order(&self.registry, &foreign_key_dependencies(&self.registry));
        let dirty = self.dirty_objects();
        let mut plan = FlushPlan::default();
        for mapper in &order {
            let mut updates: Vec<ObjectId> = dirty
                .iter()
                .copied()
                .filter(|o| self.objects.get(o).is_some_and(|s| s.mapper == *mapper))
                .filter(|o| {
                    self.objects
                        .get(o)
                        .is_some_and(|s| !s.changed_attributes().is_empty())
                })
                .collect();
            updates.sort_by_key(|o| self.pk_sort_key(*o));
            let mut inserts: Vec<ObjectId> = self
                .new
                .iter()
                .copied()
                .filter(|o| self.objects.get(o).is_some_and(|s| s.mapper == *mapper))
                .collect();
            inserts.sort_by_key(|o| self.objects.get(o).map_or(0, |s| s.insert_order));
            if !updates.is_empty() || !inserts.is_empty() {
                plan.actions.push(FlushAction::Save {
                    mapper: *mapper,
                    updates,
                    inserts,
                });
            }
        }
        for mapper in order.iter().rev() {
            let mut objects: Vec<ObjectId> = self
                .to_delete
                .iter()
                .copied()
                .filter(|o| self.objects.get(o).is_some_and(|s| s.mapper == *mapper))
                .collect();
            objects.sort_by_key(|o| self.pk_sort_key(*o));
            if !objects.is_empty() {
                plan.actions.push(FlushAction::Delete {
                    mapper: *mapper,
                    objects,
                });
            }
        }
        Ok(plan)
    }

    /// Sorts persistent objects by primary key (integers numerically).
    fn pk_sort_key(&self, obj: ObjectId) -> Vec<(i64, String)> {
        self.objects
            .get(&obj)
            .and_then(|s| s.key.as_ref())
            .map(|key| {
                key.iter()
                    .map(|v| match v {
                        crate::types::OrmValue::Int(i) => (*i, String::new()),
                        other => (0, other.identity_text()),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `Session.flush`. A failure emits `ROLLBACK` at once, undoes the
    /// transaction's session changes and makes the session raise
    /// `PendingRollbackError` until `rollback()`.
    pub fn flush(&mut self, host: &mut dyn Host) -> Result<(), OrmError> {
        self.check_active()?;
        let plan = self.flush_plan()?;
        // Modified objects without a net change take part too: the flush
        // marks their current values as committed.
        let dirty = self.dirty_objects();
        let outcome = if plan.actions.is_empty() {
            Ok(())
        } else {
            self.run_plan(host, &plan)
        };
        match outcome {
            Ok(()) => {
                let inserted: std::collections::HashSet<ObjectId> = plan
                    .actions
                    .iter()
                    .flat_map(|action| match action {
                        FlushAction::Save { inserts, .. } => inserts.as_slice(),
                        FlushAction::Delete { .. } => &[],
                    })
                    .copied()
                    .collect();
                self.new.retain(|obj| !inserted.contains(obj));
                for obj in dirty {
                    self.state_mut(obj)?.commit_all();
                }
                Ok(())
            }
            Err(error) => {
                self.engine.rollback(Origin::Session)?;
                self.restore_snapshot()?;
                self.failed = Some(format!(
                    "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: {error} (Background on this error at: https://sqlalche.me/e/20/7s2a)"
                ));
                Err(error)
            }
        }
    }

    fn run_plan(&mut self, host: &mut dyn Host, plan: &FlushPlan) -> Result<(), OrmError> {
        for action in &plan.actions {
            match action {
                FlushAction::Save {
                    mapper,
                    updates,
                    inserts,
                } => {
                    self.emit_updates(host, *mapper, updates)?;
                    self.emit_inserts(host, *mapper, inserts)?;
                }
                FlushAction::Delete { mapper, objects } => self.emit_deletes(*mapper, objects)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapper::Mapper;
    use retort_sql::{Column, ForeignKey, SqlType, Table};

    fn table(name: &str, refs: &[&str]) -> Table {
        let mut cols = vec![Column::new("id", SqlType::Integer).primary_key()];
        for r in refs {
            cols.push(
                Column::new(format!("{r}_id"), SqlType::Integer)
                    .foreign_key(ForeignKey::parse(&format!("{r}.id")).unwrap()),
            );
        }
        Table::new(name.to_owned(), cols)
    }

    #[test]
    fn parents_first_then_class_names() {
        let mut registry = Registry::new();
        registry
            .register(Mapper::new("__main__", "Book", table("book", &["author"])))
            .unwrap();
        registry
            .register(Mapper::new("__main__", "Zebra", table("zebra", &[])))
            .unwrap();
        registry
            .register(Mapper::new("__main__", "Author", table("author", &[])))
            .unwrap();
        let names: Vec<&str> = mapper_order(&registry, &foreign_key_dependencies(&registry))
            .iter()
            .map(|id| registry.mappers[id.0].class_name.as_str())
            .collect();
        assert_eq!(names, vec!["Author", "Zebra", "Book"]);
    }

    #[test]
    fn plan_orders_rows_within_and_across_mappers() {
        let mut session = Session::in_memory().unwrap();
        let book = session
            .register(Mapper::new("__main__", "Book", table("book", &["author"])))
            .unwrap();
        let author = session
            .register(Mapper::new("__main__", "Author", table("author", &[])))
            .unwrap();
        session.create_all().unwrap();
        let make = |session: &mut Session, mapper: MapperId, id: i64| {
            let obj = session.new_object(mapper).unwrap();
            session
                .set_attr(obj, "id", crate::types::OrmValue::Int(id))
                .unwrap();
            session.add(obj).unwrap();
            obj
        };
        let b2 = make(&mut session, book, 2);
        let b1 = make(&mut session, book, 1);
        let a1 = make(&mut session, author, 1);
        let plan = session.flush_plan().unwrap();
        assert_eq!(
            plan.actions,
            vec![
                FlushAction::Save {
                    mapper: author,
                    updates: vec![],
                    inserts: vec![a1],
                },
                FlushAction::Save {
                    mapper: book,
                    updates: vec![],
                    inserts: vec![b2, b1],
                },
            ]
        );
        session.commit(&mut crate::NoHost).unwrap();
        for obj in [b1, b2, a1] {
            session.delete(obj).unwrap();
        }
        let plan = session.flush_plan().unwrap();
        assert_eq!(
            plan.actions,
            vec![
                FlushAction::Delete {
                    mapper: book,
                    objects: vec![b1, b2],
                },
                FlushAction::Delete {
                    mapper: author,
                    objects: vec![a1],
                },
            ]
        );
    }
}
