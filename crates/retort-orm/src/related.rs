//! Relationship attributes on objects (SQLAlchemy's `ScalarObjectAttributeImpl`
//! and `CollectionAttributeImpl` with their event listeners): reading,
//! setting a scalar, appending to, removing from and replacing a
//! collection, and what each change sets off — the "has parent" flags
//! orphan detection reads, the save-update cascade into the session, the
//! expunge of a pending orphan, and the backref that keeps the other side
//! in step without loading it.

use crate::error::OrmError;
use crate::events::{AttributeEvent, AttributeEventKind, AttributeOp, EventInitiator, OldValue};
use crate::host::Host;
use crate::relationship::RelationshipProperty;
use crate::session::Session;
use crate::state::{HasParent, ObjectId, ObjectStatus, parent_token};

/// Who started an attribute event; backref events neither cascade nor
/// bounce back to where they came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Initiator {
    /// The script changed this attribute.
    User,
    /// The other side's collection append set this attribute.
    BackrefAppend,
    /// The other side's remove (or a one-to-one replacement) popped it.
    BackrefRemove,
    /// The other side's scalar set this one.
    BackrefSet,
}

impl Session {
    /// The relationship `key` of an object's mapper.
    pub fn relationship_of(
        &self,
        obj: ObjectId,
        key: &str,
    ) -> Result<RelationshipProperty, OrmError> {
        let mapper = self.state(obj)?.mapper;
        Ok(self.registry.relationship(mapper, key)?.clone())
    }

    /// Reads `obj.key`: the related objects in order (at most one for a
    /// scalar), loading them by the relationship's strategy when needed.
    pub fn rel_get(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        key: &str,
    ) -> Result<Vec<ObjectId>, OrmError> {
        let rel = self.relationship_of(obj, key)?;
        if rel.lazy().is_dynamic() {
            return self.dynamic_items(host, obj, &rel);
        }
        self.ensure_loaded(host, obj, &rel)
    }

    /// `obj.key = value` for a scalar relationship.
    pub fn rel_set(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        key: &str,
        value: Option<ObjectId>,
    ) -> Result<(), OrmError> {
        let rel = self.relationship_of(obj, key)?;
        self.scalar_set(host, obj, &rel, value, Initiator::User)
    }

    /// `obj.key.append(item)`.
    pub fn rel_append(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        key: &str,
        item: ObjectId,
    ) -> Result<(), OrmError> {
        let rel = self.relationship_of(obj, key)?;
        self.collection_append(host, obj, &rel, item, Initiator::User)
    }

    /// `obj.key.remove(item)`; `false` when the item is not in the loaded
    /// collection (Python's `ValueError`).
    pub fn rel_remove(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        key: &str,
        item: ObjectId,
    ) -> Result<bool, OrmError> {
        let rel = self.relationship_of(obj, key)?;
        self.collection_remove(host, obj, &rel, item, Initiator::User)
    }

    /// `obj.key = [items]` for a collection: the bulk replace that fires
    /// append events for new members and remove events for dropped ones.
    pub fn rel_replace(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        key: &str,
        items: Vec<ObjectId>,
    ) -> Result<(), OrmError> {
        self.rel_replace_as(host, obj, key, items, AttributeOp::BulkReplace)
    }

    /// Puts a loaded collection's objects in a new order (`list.sort()`,
    /// `reverse()`): not a change SQLAlchemy records, so no event fires
    /// and the owner does not become dirty. `items` must be the same
    /// objects.
    pub fn rel_reorder(
        &mut self,
        obj: ObjectId,
        key: &str,
        items: Vec<ObjectId>,
    ) -> Result<(), OrmError> {
        let state = self.state_mut(obj)?;
        if let Some(entry) = state.rels.get_mut(key)
            && let Some(current) = &mut entry.current
        {
            let mut before = current.clone();
            let mut after = items.clone();
            retort_sort::sort(&mut before);
            retort_sort::sort(&mut after);
            if before == after {
                *current = items;
            }
        }
        Ok(())
    }

    /// [`Session::rel_replace`] for a list method that SQLAlchemy
    /// instruments as single appends or removes (`insert`, `clear`): `op`
    /// is what their events' `initiator` says.
    pub fn rel_replace_as(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        key: &str,
        items: Vec<ObjectId>,
        op: AttributeOp,
    ) -> Result<(), OrmError> {
        let rel = self.relationship_of(obj, key)?;
        if !rel.uselist {
            return self.scalar_set(host, obj, &rel, items.first().copied(), Initiator::User);
        }
        let old = if rel.lazy().is_dynamic() {
            self.dynamic_items(host, obj, &rel)?
        } else {
            self.ensure_loaded(host, obj, &rel)?
        };
        let mut unique = Vec::new();
        for item in items {
            if !unique.contains(&item) {
                unique.push(item);
            }
        }
        let additions: Vec<ObjectId> = unique
            .iter()
            .filter(|o| !old.contains(o))
            .copied()
            .collect();
        let removals: Vec<ObjectId> = old
            .iter()
            .filter(|o| !unique.contains(o))
            .copied()
            .collect();
        let entry = self
            .state_mut(obj)?
            .rels
            .entry(rel.key.clone())
            .or_default();
        if rel.lazy().is_dynamic() {
            entry.pending_added.extend(additions.iter().copied());
            entry.pending_removed.extend(removals.iter().copied());
        } else {
            entry.current = Some(unique);
        }
        entry.modified = true;
        for item in additions {
            self.fire_collection_event(
                host,
                obj,
                &rel,
                item,
                AttributeEventKind::Append,
                op,
                Initiator::User,
            )?;
            self.after_append(host, obj, &rel, item, Initiator::User)?;
        }
        for item in removals {
            self.fire_collection_event(
                host,
                obj,
                &rel,
                item,
                AttributeEventKind::Remove,
                op,
                Initiator::User,
            )?;
            self.after_remove(host, obj, &rel, item, Initiator::User)?;
        }
        Ok(())
    }

    /// The `initiator` of an event on `rel`: the attribute's own token for
    /// a change the script made (remembered for the backrefs it sets off),
    /// the token of that change for a backref's.
    fn event_initiator(
        &mut self,
        rel: &RelationshipProperty,
        op: AttributeOp,
        initiator: Initiator,
    ) -> EventInitiator {
        let own = EventInitiator {
            mapper: rel.parent,
            key: rel.key.clone(),
            op,
        };
        if initiator == Initiator::User {
            self.event_origin = Some(own.clone());
            return own;
        }
        self.event_origin.clone().unwrap_or(own)
    }

    /// Fires `append` or `remove` on `obj.<rel>` and returns the item a
    /// `retval=True` append listener chose.
    #[allow(clippy::too_many_arguments)]
    fn fire_collection_event(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        item: ObjectId,
        kind: AttributeEventKind,
        op: AttributeOp,
        initiator: Initiator,
    ) -> Result<ObjectId, OrmError> {
        let initiator = self.event_initiator(rel, op, initiator);
        let event = AttributeEvent {
            kind,
            target: obj,
            mapper: rel.parent,
            key: rel.key.clone(),
            value: Some(item),
            oldvalue: OldValue::NoValue,
            initiator,
        };
        Ok(self.dispatch_attribute_event(host, event)?.unwrap_or(item))
    }

    /// Whether `obj` belongs to the session (pending or persistent).
    pub(crate) fn attached(&self, obj: ObjectId) -> bool {
        self.state(obj).is_ok_and(|s| s.attached)
    }

    /// The collection a change applies to: loaded for a user change;
    /// for a backref (or a dynamic relationship) an unloaded collection of
    /// a persistent object stays unloaded and the change is queued (`None`),
    /// while one of an object without identity starts empty.
    fn collection_for_change(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        initiator: Initiator,
    ) -> Result<Option<Vec<ObjectId>>, OrmError> {
        let dynamic = rel.lazy().is_dynamic();
        let passive = initiator != Initiator::User || dynamic;
        if passive && (dynamic || self.state(obj)?.key.is_some()) {
            return Ok(self
                .state(obj)?
                .rels
                .get(&rel.key)
                .and_then(|r| r.current.clone()));
        }
        Ok(Some(self.ensure_loaded(host, obj, rel)?))
    }

    pub(crate) fn collection_append(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        item: ObjectId,
        initiator: Initiator,
    ) -> Result<(), OrmError> {
        let loaded = self.collection_for_change(host, obj, rel, initiator)?;
        if initiator != Initiator::User && loaded.as_ref().is_some_and(|l| l.contains(&item)) {
            return Ok(());
        }
        let item = self.fire_collection_event(
            host,
            obj,
            rel,
            item,
            AttributeEventKind::Append,
            AttributeOp::Append,
            initiator,
        )?;
        let entry = self
            .state_mut(obj)?
            .rels
            .entry(rel.key.clone())
            .or_default();
        match loaded {
            Some(mut list) => {
                list.push(item);
                entry.current = Some(list);
            }
            None => {
                if entry.pending_added.contains(&item) {
                    return Ok(());
                }
                entry.pending_added.push(item);
                entry.pending_removed.retain(|o| *o != item);
            }
        }
        entry.modified = true;
        self.after_append(host, obj, rel, item, initiator)
    }

    /// SQLAlchemy's `sethasparent`: `item` joined (`value`) or left `parent`
    /// through the relationship `token`. Leaving a parent that is not the
    /// one that last took it in (moved to another parent, whose backref
    /// removes it from the old one) keeps the flag.
    fn set_has_parent(
        &mut self,
        item: ObjectId,
        token: String,
        parent: ObjectId,
        value: bool,
    ) -> Result<(), OrmError> {
        let state = self.state_mut(item)?;
        if value {
            state.parents.insert(token, HasParent::Parent(parent));
            return Ok(());
        }
        if let Some(HasParent::Parent(last)) = state.parents.get(&token)
            && *last != parent
        {
            return Ok(());
        }
        state.parents.insert(token, HasParent::No);
        Ok(())
    }

    /// The side effects of `item` joining `obj.<rel>`.
    fn after_append(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        item: ObjectId,
        initiator: Initiator,
    ) -> Result<(), OrmError> {
        let token = parent_token(rel.parent, &rel.key);
        self.set_has_parent(item, token, obj, true)?;
        if initiator == Initiator::User
            && self.attached(obj)
            && rel.cascade().save_update
            && !self.attached(item)
        {
            self.add(item)?;
        }
        if initiator == Initiator::User
            && let Some(reverse) = self.registry.reverse_of(rel).cloned()
        {
            if reverse.uselist {
                self.collection_append(host, item, &reverse, obj, Initiator::BackrefAppend)?;
            } else {
                self.scalar_set(host, item, &reverse, Some(obj), Initiator::BackrefAppend)?;
            }
        }
        Ok(())
    }

    pub(crate) fn collection_remove(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        item: ObjectId,
        initiator: Initiator,
    ) -> Result<bool, OrmError> {
        let loaded = self.collection_for_change(host, obj, rel, initiator)?;
        if loaded.as_ref().is_some_and(|l| !l.contains(&item)) {
            return Ok(false);
        }
        self.fire_collection_event(
            host,
            obj,
            rel,
            item,
            AttributeEventKind::Remove,
            AttributeOp::Remove,
            initiator,
        )?;
        let entry = self
            .state_mut(obj)?
            .rels
            .entry(rel.key.clone())
            .or_default();
        match loaded {
            Some(mut list) => {
                let Some(position) = list.iter().position(|o| *o == item) else {
                    return Ok(false);
                };
                list.remove(position);
                entry.current = Some(list);
            }
            None => {
                if entry.pending_added.contains(&item) {
                    entry.pending_added.retain(|o| *o != item);
                } else if !entry.pending_removed.contains(&item) {
                    entry.pending_removed.push(item);
                }
            }
        }
        entry.modified = true;
        self.after_remove(host, obj, rel, item, initiator)?;
        Ok(true)
    }

    /// The side effects of `item` leaving `obj.<rel>`.
    fn after_remove(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        item: ObjectId,
        initiator: Initiator,
    ) -> Result<(), OrmError> {
        let token = parent_token(rel.parent, &rel.key);
        self.set_has_parent(item, token, obj, false)?;
        if rel.cascade().delete_orphan && self.is_orphan(item)? {
            if self.new.contains(&item) {
                self.expunge(item)?;
            } else {
                self.state_mut(item)?.orphaned_outside_session = true;
            }
        }
        if initiator == Initiator::User
            && let Some(reverse) = self.registry.reverse_of(rel).cloned()
        {
            if reverse.uselist {
                self.collection_remove(host, item, &reverse, obj, Initiator::BackrefRemove)?;
            } else {
                let current = self.passive_value(item, &reverse)?;
                let points_here = match &current {
                    Some(value) => value.first() == Some(&obj),
                    None => true,
                };
                if points_here {
                    self.scalar_set(host, item, &reverse, None, Initiator::BackrefRemove)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn scalar_set(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        new: Option<ObjectId>,
        initiator: Initiator,
    ) -> Result<(), OrmError> {
        let active_history =
            rel.direction != crate::relationship::Direction::ManyToOne || !self.uses_get(rel)?;
        let state = self.state(obj)?;
        let loaded = state.rels.get(&rel.key).and_then(|r| r.current.clone());
        let old: Option<Option<ObjectId>> = match loaded {
            Some(value) => Some(value.first().copied()),
            None if initiator == Initiator::User
                && active_history
                && state.key.is_some()
                && state.status() != ObjectStatus::Detached =>
            {
                Some(self.ensure_loaded(host, obj, rel)?.first().copied())
            }
            None => self.passive_value(obj, rel)?.map(|v| v.first().copied()),
        };
        let new = self.fire_set_event(host, obj, rel, new, old, initiator)?;
        if old == Some(new) {
            return Ok(());
        }
        let entry = self
            .state_mut(obj)?
            .rels
            .entry(rel.key.clone())
            .or_default();
        if entry.current.is_none() && !entry.modified {
            entry.committed = old.map(|o| o.into_iter().collect());
        }
        entry.current = Some(new.into_iter().collect());
        entry.modified = true;
        let token = parent_token(rel.parent, &rel.key);
        if let Some(Some(previous)) = old {
            self.set_has_parent(previous, token.clone(), obj, false)?;
        }
        if let Some(value) = new {
            self.set_has_parent(value, token, obj, true)?;
            if initiator == Initiator::User
                && self.attached(obj)
                && rel.cascade().save_update
                && !self.attached(value)
            {
                self.add(value)?;
            }
        }
        if let Some(Some(previous)) = old
            && rel.cascade().delete_orphan
            && self.new.contains(&previous)
            && self.is_orphan(previous)?
        {
            self.expunge(previous)?;
        }
        let Some(reverse) = self.registry.reverse_of(rel).cloned() else {
            return Ok(());
        };
        if let Some(Some(previous)) = old
            && initiator == Initiator::BackrefRemove
            && reverse.uselist
            && self
                .event_origin
                .as_ref()
                .is_some_and(|o| o.op == AttributeOp::BulkReplace)
        {
            // SQLAlchemy's scalar backref pops the object from the old
            // collection unless the remove came from that collection's own
            // remove token: after a bulk replace it fires one more remove
            // (the object is already gone from the new list).
            let event = AttributeEvent {
                kind: AttributeEventKind::Remove,
                target: previous,
                mapper: reverse.parent,
                key: reverse.key.clone(),
                value: Some(obj),
                oldvalue: OldValue::NoValue,
                initiator: EventInitiator {
                    mapper: rel.parent,
                    key: rel.key.clone(),
                    op: AttributeOp::Replace,
                },
            };
            self.dispatch_attribute_event(host, event)?;
        }
        if let Some(Some(previous)) = old
            && matches!(initiator, Initiator::User | Initiator::BackrefAppend)
        {
            if reverse.uselist {
                self.collection_remove(host, previous, &reverse, obj, Initiator::BackrefRemove)?;
            } else {
                let current = self.passive_value(previous, &reverse)?;
                if current.as_ref().is_none_or(|v| v.first() == Some(&obj)) {
                    self.scalar_set(host, previous, &reverse, None, Initiator::BackrefRemove)?;
                }
            }
        }
        if let Some(value) = new
            && initiator == Initiator::User
        {
            if reverse.uselist {
                self.collection_append(host, value, &reverse, obj, Initiator::BackrefSet)?;
            } else {
                self.scalar_set(host, value, &reverse, Some(obj), Initiator::BackrefSet)?;
            }
        }
        Ok(())
    }

    /// Fires `set` on `obj.<rel>` and returns the value a `retval=True`
    /// listener chose.
    fn fire_set_event(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
        new: Option<ObjectId>,
        old: Option<Option<ObjectId>>,
        initiator: Initiator,
    ) -> Result<Option<ObjectId>, OrmError> {
        let state = self.state(obj)?;
        let never_set = state.key.is_none() && !state.rels.contains_key(&rel.key);
        let oldvalue = match old {
            Some(value) if !never_set => OldValue::Value(value),
            None if state.key.is_some() => OldValue::NoResult,
            _ => OldValue::NoValue,
        };
        let initiator = self.event_initiator(rel, AttributeOp::Replace, initiator);
        let event = AttributeEvent {
            kind: AttributeEventKind::Set,
            target: obj,
            mapper: rel.parent,
            key: rel.key.clone(),
            value: new,
            oldvalue,
            initiator,
        };
        self.dispatch_attribute_event(host, event)
    }

    /// Whether an object has lost the parent a delete-orphan relationship
    /// requires (SQLAlchemy's `Mapper._is_orphan`): a relationship's flag
    /// says it left, or it never had one and was never saved.
    pub fn is_orphan(&self, obj: ObjectId) -> Result<bool, OrmError> {
        let state = self.state(obj)?;
        for mapper in &self.registry.mappers {
            for rel in &mapper.relationships {
                if rel.target != state.mapper || !rel.cascade().delete_orphan {
                    continue;
                }
                match state.parents.get(&parent_token(rel.parent, &rel.key)) {
                    Some(HasParent::Parent(_)) => {}
                    Some(HasParent::No) => return Ok(true),
                    None if state.key.is_none() => return Ok(true),
                    None => {}
                }
            }
        }
        Ok(false)
    }
}
