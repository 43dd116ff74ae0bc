//! The unit of work (SQLAlchemy's `unitofwork.py`): what a flush must do
//! and in which order. Mappers save and delete in the order
//! [`crate::flush_order`] sorts SQLAlchemy's actions in; each mapper's
//! foreign keys are copied from its parents before its rows
//! (`dependency.py`), then association rows, post-updates
//! ([`crate::post_update`]) and deletes follow. A self-referential
//! mapper's rows go level by level.

use rustc_hash::FxHashSet;

use crate::error::OrmError;
use crate::events::{MapperEventKind, OrmEvent, SessionEventKind};
use crate::host::Host;
use crate::log::Origin;
use crate::mapper::MapperId;
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
impl Session {
    /// The mappers' save order and delete order ([`crate::flush_order`]),
    /// for the objects the flush holds and those `work` touches.
    fn flush_orders(
        &self,
        work: Option<&crate::dependency::FlushWork>,
    ) -> (Vec<MapperId>, Vec<MapperId>) {
        let mut objects: Vec<ObjectId> = self.new.clone();
        objects.extend(self.to_delete.iter().copied());
        objects.extend(self.dirty_objects());
        if let Some(work) = work {
            objects.extend(work.syncs.iter().map(|t| t.child));
            objects.extend(work.post_updates.iter().map(|t| t.child));
        }
        let mut flushed: Vec<MapperId> = Vec::new();
        for obj in objects {
            if let Some(state) = self.objects.get(&obj)
                && !flushed.contains(&state.mapper)
            {
                flushed.push(state.mapper);
            }
        }
        crate::flush_order::action_order(&self.registry, &flushed)
    }

    /// Modified persistent objects of a mapper with a net change, by
    /// primary key.
    fn updates_for(&self, mapper: MapperId) -> Vec<ObjectId> {
        let mut updates: Vec<ObjectId> = self
            .dirty_objects()
            .into_iter()
            .filter(|o| {
                self.objects
                    .get(o)
                    .is_some_and(|s| s.mapper == mapper && !s.changed_attributes().is_empty())
            })
            .collect();
        retort_sort::sort_by_key(&mut updates, |o| self.pk_sort_key(*o));
        updates
    }

    /// Pending objects of a mapper in the order they were added.
    fn inserts_for(&self, mapper: MapperId) -> Vec<ObjectId> {
        let mut inserts: Vec<ObjectId> = self
            .new
            .iter()
            .copied()
            .filter(|o| self.objects.get(o).is_some_and(|s| s.mapper == mapper))
            .collect();
        retort_sort::sort_by_key(&mut inserts, |o| {
            self.objects.get(o).map_or(0, |s| s.insert_order)
        });
        inserts
    }

    /// Objects of a mapper marked for deletion, by primary key.
    fn deletes_for(&self, mapper: MapperId) -> Vec<ObjectId> {
        let mut objects: Vec<ObjectId> = self
            .to_delete
            .iter()
            .copied()
            .filter(|o| self.objects.get(o).is_some_and(|s| s.mapper == mapper))
            .collect();
        retort_sort::sort_by_key(&mut objects, |o| self.pk_sort_key(*o));
        objects
    }

    /// The plan for the pending changes as they stand (before relationship
    /// processing): pending objects by add order, modified persistent ones
    /// by primary key, deletions by primary key.
    pub fn flush_plan(&self) -> Result<FlushPlan, OrmError> {
        let (order, delete_order) = self.flush_orders(None);
        let mut plan = FlushPlan::default();
        for mapper in &order {
            let updates = self.updates_for(*mapper);
            let inserts = self.inserts_for(*mapper);
            if !updates.is_empty() || !inserts.is_empty() {
                plan.actions.push(FlushAction::Save {
                    mapper: *mapper,
                    updates,
                    inserts,
                });
            }
        }
        for mapper in &delete_order {
            let objects = self.deletes_for(*mapper);
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
    /// `PendingRollbackError` until `rollback()`. A flush started while
    /// one runs (from an event listener) is refused, as SQLAlchemy does.
    pub fn flush(&mut self, host: &mut dyn Host) -> Result<(), OrmError> {
        self.check_active()?;
        if self.flushing {
            return Err(OrmError::InvalidRequestError(
                "Session is already flushing".to_owned(),
            ));
        }
        if self.is_clean() {
            return Ok(());
        }
        self.flushing = true;
        // `before_flush` runs before the flush's transaction: its error
        // leaves the session usable.
        let outcome = self
            .dispatch_session_event(host, SessionEventKind::BeforeFlush)
            .map(|()| !self.is_clean());
        let outcome = match outcome {
            Ok(true) => self.execute_flush(host).map_err(|e| (e, true)),
            Ok(false) => Ok(()),
            Err(error) => Err((error, false)),
        };
        self.flushing = false;
        match outcome {
            Ok(()) => Ok(()),
            Err((error, false)) => Err(error),
            Err((error, true)) => {
                self.roll_back_failed_flush()?;
                self.failed = Some(format!(
                    "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: {} (Background on this error at: https://sqlalche.me/e/20/7s2a)",
                    host.error_text(&error)
                ));
                let _ = self.dispatch_session_event(host, SessionEventKind::AfterRollback);
                Err(error)
            }
        }
    }

    /// Whether nothing is pending, modified or marked for deletion.
    fn is_clean(&self) -> bool {
        self.new.is_empty() && self.to_delete.is_empty() && self.dirty_objects().is_empty()
    }

    /// The statements, `after_flush`, the objects' new committed state,
    /// `after_flush_postexec`.
    fn execute_flush(&mut self, host: &mut dyn Host) -> Result<(), OrmError> {
        let inserted = self.run_flush(host)?;
        self.dispatch_session_event(host, SessionEventKind::AfterFlush)?;
        self.new.retain(|obj| !inserted.contains(obj));
        // Every object the flush saw now has its values committed.
        let attached: Vec<ObjectId> = self
            .objects
            .iter()
            .filter(|(_, s)| s.attached)
            .map(|(id, _)| id)
            .collect();
        for obj in attached {
            let state = self.state_mut(obj)?;
            state.commit_all();
            state.commit_relationships();
        }
        self.dispatch_session_event(host, SessionEventKind::AfterFlushPostexec)
    }

    /// Relationship processing, then saves in dependency order (each
    /// mapper's foreign keys copied from its parents first), association
    /// rows, and deletes in reverse order. Returns the inserted objects.
    /// Each mapper's `before_*` events run before its statements (so what
    /// a listener changes is saved) and its `after_*` events after them.
    fn run_flush(&mut self, host: &mut dyn Host) -> Result<FxHashSet<ObjectId>, OrmError> {
        let work = self.presort(host)?;
        self.announce_begin(host, true)?;
        let (order, delete_order) = self.flush_orders(Some(&work));
        let mut inserted = FxHashSet::default();
        for mapper in &order {
            self.apply_syncs(&work, *mapper)?;
            let inserts = self.inserts_for(*mapper);
            let (updates, dirty) = if self.listens_on_mapper(host, *mapper) {
                // SQLAlchemy has the connection (and `BEGIN`) before the
                // mapper's first event.
                self.engine.begin(Origin::Flush)?;
                let dirty = self.dirty_for(*mapper);
                self.dispatch_mapper_event(host, MapperEventKind::BeforeInsert, *mapper, &inserts)?;
                self.dispatch_mapper_event(host, MapperEventKind::BeforeUpdate, *mapper, &dirty)?;
                let updates: Vec<ObjectId> = self
                    .updates_for(*mapper)
                    .into_iter()
                    .filter(|o| dirty.contains(o))
                    .collect();
                (updates, dirty)
            } else {
                (self.updates_for(*mapper), Vec::new())
            };
            self.emit_updates(host, *mapper, &updates)?;
            if self.is_self_referential(*mapper) {
                if let Some(cycle) = insert_cycle(&work, &inserts) {
                    return Err(self.circular_dependency(*mapper, &cycle));
                }
                // Rows of a self-referential mapper go in levels, each after
                // the level of the parents whose keys it copies.
                for level in self_referential_levels(&work, &inserts) {
                    self.apply_syncs(&work, *mapper)?;
                    self.emit_inserts(host, *mapper, &level)?;
                    inserted.extend(level);
                }
            } else {
                self.emit_inserts(host, *mapper, &inserts)?;
                inserted.extend(inserts.iter().copied());
            }
            self.dispatch_mapper_event(host, MapperEventKind::AfterInsert, *mapper, &inserts)?;
            self.dispatch_mapper_event(host, MapperEventKind::AfterUpdate, *mapper, &dirty)?;
        }
        self.emit_links(&work)?;
        self.emit_post_updates(&work)?;
        for mapper in &delete_order {
            let objects = self.deletes_for(*mapper);
            if !objects.is_empty() {
                if self.listens_on_mapper(host, *mapper) {
                    self.engine.begin(Origin::Flush)?;
                }
                self.dispatch_mapper_event(host, MapperEventKind::BeforeDelete, *mapper, &objects)?;
                if self.is_self_referential(*mapper) {
                    // Children before the parents they refer to, each
                    // level one statement (SQLAlchemy's per-object sort).
                    for level in self.self_referential_delete_levels(*mapper, &objects) {
                        self.emit_deletes(*mapper, &level)?;
                    }
                } else {
                    self.emit_deletes(*mapper, &objects)?;
                }
                self.dispatch_mapper_event(host, MapperEventKind::AfterDelete, *mapper, &objects)?;
            }
        }
        Ok(inserted)
    }

    /// Whether the host listens for any mapper event of `mapper`.
    fn listens_on_mapper(&self, host: &dyn Host, mapper: MapperId) -> bool {
        MapperEventKind::ALL.into_iter().any(|kind| {
            host.listens(&OrmEvent::Mapper {
                kind,
                mapper,
                target: ObjectId(0),
            })
        })
    }

    /// Every modified persistent object of a mapper (column or
    /// relationship changes, net or not), by primary key: the objects
    /// `before_update` and `after_update` see.
    fn dirty_for(&self, mapper: MapperId) -> Vec<ObjectId> {
        let mut dirty: Vec<ObjectId> = self
            .dirty_objects()
            .into_iter()
            .filter(|o| self.objects.get(o).is_some_and(|s| s.mapper == mapper))
            .collect();
        retort_sort::sort_by_key(&mut dirty, |o| self.pk_sort_key(*o));
        dirty
    }

    /// The error for pending rows of `mapper` that refer to each other in
    /// a cycle: each row's relationship processors and its save.
    fn circular_dependency(&self, mapper: MapperId, cycle: &[ObjectId]) -> OrmError {
        let Ok(m) = self.registry.mapper(mapper) else {
            return OrmError::CircularDependencyError(Vec::new());
        };
        let class_name = m.class_name.clone();
        // SQLAlchemy lists a set (its order varies between runs): here
        // each processor's states, then the saves.
        let mut parts = Vec::new();
        for rel in m
            .relationships
            .iter()
            .filter(|r| r.target == mapper && r.secondary.is_none())
        {
            let kind = match rel.direction {
                crate::relationship::Direction::OneToMany => "OneToManyDP",
                _ => "ManyToOneDP",
            };
            for &object in cycle {
                parts.push(crate::error::CyclePart {
                    processor: Some(format!("{kind}({class_name}.{})", rel.key)),
                    object,
                    class_name: class_name.clone(),
                });
            }
        }
        for &object in cycle {
            parts.push(crate::error::CyclePart {
                processor: None,
                object,
                class_name: class_name.clone(),
            });
        }
        OrmError::CircularDependencyError(parts)
    }

    /// Rows of a self-referential mapper to delete, in levels: a row whose
    /// child (by a loaded relationship of the mapper to itself) is deleted
    /// too comes a level after that child. Within a level, by primary key.
    fn self_referential_delete_levels(
        &self,
        mapper: MapperId,
        objects: &[ObjectId],
    ) -> Vec<Vec<ObjectId>> {
        let Ok(m) = self.registry.mapper(mapper) else {
            return vec![objects.to_vec()];
        };
        let related = |obj: ObjectId, key: &str| -> Vec<ObjectId> {
            self.objects
                .get(&obj)
                .and_then(|s| s.rels.get(key))
                .map(|r| {
                    let mut all = r.current.clone().unwrap_or_default();
                    all.extend(r.committed.iter().flatten().copied());
                    all
                })
                .unwrap_or_default()
        };
        // (parent, child) pairs among the deleted rows.
        let mut edges: Vec<(ObjectId, ObjectId)> = Vec::new();
        for rel in m
            .relationships
            .iter()
            .filter(|r| r.target == mapper && r.secondary.is_none())
        {
            for &obj in objects {
                for other in related(obj, &rel.key) {
                    if other == obj || !objects.contains(&other) {
                        continue;
                    }
                    let edge = match rel.direction {
                        crate::relationship::Direction::OneToMany => (obj, other),
                        _ => (other, obj),
                    };
                    if !edges.contains(&edge) {
                        edges.push(edge);
                    }
                }
            }
        }
        // Height: 0 for rows without deleted children.
        let mut height: Vec<(ObjectId, usize)> = objects.iter().map(|o| (*o, 0)).collect();
        for _ in 0..objects.len() {
            let mut changed = false;
            for &(parent, child) in &edges {
                let child_height = height.iter().find(|(o, _)| *o == child).map_or(0, |h| h.1);
                if let Some(entry) = height.iter_mut().find(|(o, _)| *o == parent)
                    && entry.1 < child_height + 1
                {
                    entry.1 = child_height + 1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let highest = height.iter().map(|(_, h)| *h).max().unwrap_or(0);
        (0..=highest)
            .map(|h| {
                objects
                    .iter()
                    .copied()
                    .filter(|o| height.iter().any(|(x, y)| x == o && *y == h))
                    .collect::<Vec<_>>()
            })
            .filter(|level| !level.is_empty())
            .collect()
    }

    fn is_self_referential(&self, mapper: MapperId) -> bool {
        self.registry.mapper(mapper).is_ok_and(|m| {
            m.relationships
                .iter()
                .any(|r| r.target == mapper && r.secondary.is_none())
        })
    }
}

/// Pending rows that copy each other's keys in a cycle (`x.parent = y`,
/// `y.parent = x`), in the order the cycle is met.
fn insert_cycle(
    work: &crate::dependency::FlushWork,
    inserts: &[ObjectId],
) -> Option<Vec<ObjectId>> {
    let parent_of = |obj: ObjectId| {
        work.syncs
            .iter()
            .find(|t| t.child == obj && t.source.is_some_and(|s| inserts.contains(&s)))
            .and_then(|t| t.source)
    };
    for &start in inserts {
        let mut chain = vec![start];
        let mut current = start;
        while let Some(parent) = parent_of(current) {
            if let Some(at) = chain.iter().position(|o| *o == parent) {
                return Some(chain.split_off(at));
            }
            chain.push(parent);
            current = parent;
        }
    }
    None
}

/// Pending rows of one mapper split into levels: a row whose parent (by a
/// foreign-key copy of this flush) is also pending comes a level after it.
fn self_referential_levels(
    work: &crate::dependency::FlushWork,
    inserts: &[ObjectId],
) -> Vec<Vec<ObjectId>> {
    let parent_of = |obj: ObjectId| {
        work.syncs
            .iter()
            .find(|t| t.child == obj && t.source.is_some_and(|s| inserts.contains(&s)))
            .and_then(|t| t.source)
    };
    let mut levels: Vec<(ObjectId, usize)> = Vec::new();
    for obj in inserts {
        let mut depth = 0;
        let mut current = *obj;
        let mut seen = vec![current];
        while let Some(parent) = parent_of(current) {
            if seen.contains(&parent) {
                break;
            }
            seen.push(parent);
            depth += 1;
            current = parent;
        }
        levels.push((*obj, depth));
    }
    let deepest = levels.iter().map(|(_, d)| *d).max().unwrap_or(0);
    (0..=deepest)
        .map(|depth| {
            levels
                .iter()
                .filter(|(_, d)| *d == depth)
                .map(|(o, _)| *o)
                .collect::<Vec<_>>()
        })
        .filter(|level| !level.is_empty())
        .collect()
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

    /// Without relationships a foreign key orders nothing, as in
    /// SQLAlchemy: mappers go by class name, saves before deletes.
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
            session.delete(&mut crate::NoHost, obj).unwrap();
        }
        let plan = session.flush_plan().unwrap();
        assert_eq!(
            plan.actions,
            vec![
                FlushAction::Delete {
                    mapper: author,
                    objects: vec![a1],
                },
                FlushAction::Delete {
                    mapper: book,
                    objects: vec![b1, b2],
                },
            ]
        );
    }
}
