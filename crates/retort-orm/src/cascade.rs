//! Cascades along relationships (SQLAlchemy's `Mapper.cascade_iterator`):
//! depth-first over each object's relationships in mapper order, each
//! collection's members in order, every object visited once. `add()`
//! follows `save-update` without loading anything and stops at objects
//! already in the session; `delete()` follows `delete`, loading what it
//! needs; `expunge()` follows `expunge` through what is loaded.

use std::collections::{HashSet, VecDeque};

use crate::error::OrmError;
use crate::host::Host;
use crate::relationship::RelationshipProperty;
use crate::session::Session;
use crate::state::ObjectId;

/// Which cascade a walk follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CascadeKind {
    SaveUpdate,
    Delete,
    /// `expunge()`: what is loaded, nothing loaded for it.
    Expunge,
}

enum Frame {
    Relationships(ObjectId, VecDeque<RelationshipProperty>),
    /// Objects reached through one relationship (`Parent.attr`) of one object.
    Objects(VecDeque<ObjectId>, String, ObjectId),
}

impl Session {
    /// The objects a cascade reaches from `root`, in SQLAlchemy's order,
    /// each with the relationship (`Parent.attr`) and object it came from.
    pub(crate) fn cascade_walk(
        &mut self,
        host: &mut dyn Host,
        root: ObjectId,
        kind: CascadeKind,
    ) -> Result<Vec<(ObjectId, String, ObjectId)>, OrmError> {
        let rels = self.relationships_for(root)?;
        if rels.is_empty() {
            // A mapper without relationships reaches nothing.
            return Ok(Vec::new());
        }
        let mut visited: HashSet<ObjectId> = HashSet::new();
        let mut out = Vec::new();
        let mut stack = vec![Frame::Relationships(root, rels)];
        while let Some(frame) = stack.last_mut() {
            match frame {
                Frame::Relationships(obj, rels) => {
                    let obj = *obj;
                    let Some(rel) = rels.pop_front() else {
                        stack.pop();
                        continue;
                    };
                    let follows = match kind {
                        CascadeKind::SaveUpdate => rel.cascade().save_update,
                        CascadeKind::Delete => rel.cascade().delete,
                        CascadeKind::Expunge => rel.cascade().expunge,
                    };
                    if !follows {
                        continue;
                    }
                    let mut queue = VecDeque::new();
                    for item in self.cascade_members(host, obj, &rel, kind)? {
                        if visited.contains(&item) {
                            continue;
                        }
                        if kind == CascadeKind::SaveUpdate && self.contains(item)? {
                            continue;
                        }
                        visited.insert(item);
                        queue.push_back(item);
                    }
                    if !queue.is_empty() {
                        let via = rel.display(&self.registry);
                        stack.push(Frame::Objects(queue, via, obj));
                    }
                }
                Frame::Objects(queue, via, from) => {
                    let Some(item) = queue.pop_front() else {
                        stack.pop();
                        continue;
                    };
                    let (via, from) = (via.clone(), *from);
                    out.push((item, via.clone(), from));
                    if kind == CascadeKind::SaveUpdate {
                        // The walk halts at objects in the session: add each
                        // as it is reached, as `_save_or_update_impl` does.
                        self.add_one(item)?;
                        self.record_effect(
                            crate::effects::CascadeOp::SaveUpdate,
                            item,
                            via,
                            Some(from),
                        );
                    }
                    let rels = self.relationships_for(item)?;
                    stack.push(Frame::Relationships(item, rels));
                }
            }
        }
        Ok(out)
    }

    /// The relationships of an object's mapper that cascades and the
    /// flush follow (not `viewonly` ones), in mapper order.
    pub(crate) fn relationships_for(
        &self,
        obj: ObjectId,
    ) -> Result<VecDeque<RelationshipProperty>, OrmError> {
        let mapper = self.state(obj)?.mapper;
        Ok(self
            .registry
            .mapper(mapper)?
            .relationships
            .iter()
            .filter(|r| !r.options.viewonly)
            .cloned()
            .collect())
    }

    /// What one relationship contributes to a cascade: for `save-update`
    /// the loaded value with anything removed since the flush (or a
    /// dynamic relationship's pending changes); for `delete` the value,
    /// loaded if needed.
    fn cascade_members(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        kind: CascadeKind,
    ) -> Result<Vec<ObjectId>, OrmError> {
        let dynamic = rel.lazy().is_dynamic();
        match kind {
            CascadeKind::SaveUpdate => {
                let Some(state) = self.state(obj)?.rels.get(&rel.key) else {
                    return Ok(Vec::new());
                };
                if dynamic {
                    let mut items = state.pending_added.clone();
                    items.extend(state.pending_removed.iter().copied());
                    return Ok(items);
                }
                let Some(current) = &state.current else {
                    return Ok(Vec::new());
                };
                let mut items = current.clone();
                if let Some(committed) = &state.committed {
                    items.extend(committed.iter().filter(|o| !current.contains(o)).copied());
                }
                Ok(items)
            }
            CascadeKind::Expunge => Ok(self
                .state(obj)?
                .rels
                .get(&rel.key)
                .and_then(|r| r.current.clone())
                .unwrap_or_default()),
            CascadeKind::Delete => {
                if rel.options.passive_deletes {
                    // Only what is already loaded follows (`PASSIVE_NO_INITIALIZE`).
                    return Ok(self
                        .state(obj)?
                        .rels
                        .get(&rel.key)
                        .and_then(|r| r.current.clone())
                        .unwrap_or_default());
                }
                if dynamic {
                    return self.dynamic_items(host, obj, rel);
                }
                self.ensure_loaded(host, obj, rel)
            }
        }
    }
}
