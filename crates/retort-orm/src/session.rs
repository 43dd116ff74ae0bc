//! [`Session`]: the unit of work's owner. This file holds the session's
//! lifecycle verbs (add, delete, expunge, commit, rollback, close, merge)
//! and its views (`new`, `dirty`, `deleted`, `in`); attribute access,
//! flushing, queries and loading live in their own modules as further
//! `impl Session` blocks.

use crate::engine::Engine;
use crate::error::OrmError;
use crate::events::SessionEventKind;
use crate::host::Host;
use crate::identity::IdentityMap;
use crate::log::{Origin, Phase, StatementRecord};
use crate::mapper::{Mapper, MapperId, Registry};
use crate::state::{AttrKey, InstanceState, ObjectId, ObjectStatus, ObjectStore};
use crate::types::OrmValue;
use crate::warnings::{AUTOFLUSH_WARNING_SUFFIX, DISCARDED_STATE, OrmWarning};

/// What the current transaction changed, to undo on rollback.
#[derive(Debug, Clone, Default)]
pub(crate) struct TransactionSnapshot {
    /// Objects inserted by a flush of this transaction.
    pub inserted: Vec<ObjectId>,
    /// Objects deleted by a flush of this transaction.
    pub deleted: Vec<ObjectId>,
    /// Objects updated by a flush of this transaction (a savepoint's
    /// rollback expires them).
    pub updated: Vec<ObjectId>,
}

impl TransactionSnapshot {
    /// A nested transaction's changes become its parent's on commit.
    pub(crate) fn absorb(&mut self, inner: TransactionSnapshot) {
        self.inserted.extend(inner.inserted);
        self.deleted.extend(inner.deleted);
        self.updated.extend(inner.updated);
    }
}

/// A session bound to one engine, with the registry of its mappers.
/// Objects are handles ([`ObjectId`]) whose state the session keeps, also
/// while they are transient or detached.
#[derive(Debug)]
pub struct Session {
    pub registry: Registry,
    pub engine: Engine,
    pub(crate) objects: ObjectStore,
    pub(crate) next_object: u64,
    next_insert_order: u64,
    next_anon: u64,
    pub(crate) identity: IdentityMap,
    /// Pending objects in the order they were added.
    pub(crate) new: Vec<ObjectId>,
    /// Objects marked by `delete()`, in order.
    pub(crate) to_delete: Vec<ObjectId>,
    pub(crate) snapshot: TransactionSnapshot,
    /// Open `begin_nested()` transactions, outermost first.
    pub(crate) savepoints: Vec<crate::savepoint::Savepoint>,
    pub(crate) next_savepoint: u64,
    /// Set after a failed flush: the message of `PendingRollbackError`.
    pub(crate) failed: Option<String>,
    autoflush: bool,
    no_autoflush_depth: u32,
    pub expire_on_commit: bool,
    pub(crate) warnings: Vec<OrmWarning>,
    /// Set while a flush runs: loads inside it do not autoflush.
    pub(crate) flushing: bool,
    /// What cascades did, for the page ([`crate::effects`]).
    pub(crate) effects: Vec<crate::effects::CascadeEffect>,
    /// Whether `after_begin` was dispatched for the open transaction.
    pub(crate) begin_announced: bool,
    /// Whether the session began its transaction (`add`, `delete`) without
    /// a statement yet: `rollback()` still ends it (`after_rollback`).
    pub(crate) autobegun: bool,
    /// The `initiator` of the attribute change the script made last: the
    /// token its backrefs' events carry.
    pub(crate) event_origin: Option<crate::events::EventInitiator>,
    /// A row's converted values while it becomes an object, kept between
    /// rows so loading allocates no vector per row.
    pub(crate) row_buffer: Vec<OrmValue>,
    /// Each mapper's column attributes in name order, by mapper index, so
    /// a loaded row's values are stored without sorting them.
    pub(crate) name_orders: Vec<crate::loading::NameOrder>,
    /// Instances made from rows whose `load` event is not announced yet
    /// (see [`Session::dispatch_load_events`]).
    pub(crate) loaded_new: Vec<ObjectId>,
    /// Set while `load` listeners run.
    pub(crate) announcing_loads: bool,
    /// Objects whose `refresh` event is not announced yet, with what was
    /// loaded; kept only while [`Session::track_refreshes`] is on.
    pub(crate) refreshed: Vec<(ObjectId, crate::events::RefreshedAttrs)>,
    /// Whether a `refresh` listener exists (the host says so before each
    /// call), so loading notes what it refreshed.
    pub track_refreshes: bool,
}

impl Session {
    /// A session on an engine with an empty registry.
    pub fn new(engine: Engine) -> Session {
        Session {
            registry: Registry::new(),
            engine,
            objects: ObjectStore::new(),
            next_object: 1,
            next_insert_order: 1,
            next_anon: 1,
            row_buffer: Vec::new(),
            name_orders: Vec::new(),
            loaded_new: Vec::new(),
            refreshed: Vec::new(),
            track_refreshes: false,
            announcing_loads: false,
            identity: IdentityMap::default(),
            new: Vec::new(),
            to_delete: Vec::new(),
            snapshot: TransactionSnapshot::default(),
            savepoints: Vec::new(),
            next_savepoint: 1,
            failed: None,
            autoflush: true,
            no_autoflush_depth: 0,
            expire_on_commit: true,
            warnings: Vec::new(),
            flushing: false,
            effects: Vec::new(),
            begin_announced: false,
            autobegun: false,
            event_origin: None,
        }
    }

    /// A session on a fresh in-memory SQLite database.
    pub fn in_memory() -> Result<Session, OrmError> {
        Ok(Session::new(Engine::in_memory()?))
    }

    /// Registers a mapper.
    pub fn register(&mut self, mapper: Mapper) -> Result<MapperId, OrmError> {
        self.registry.register(mapper)
    }

    /// The mapper behind an id.
    pub fn mapper(&self, id: MapperId) -> Result<&Mapper, OrmError> {
        self.registry.mapper(id)
    }

    /// Sets the phase later records are tagged with.
    pub fn set_phase(&mut self, phase: Phase) {
        self.engine.log.phase = phase;
    }

    /// Sets the host's token for what causes the next statements.
    pub fn set_cause(&mut self, token: Option<u64>) {
        self.engine.log.caused_by = token;
    }

    /// The record so far.
    pub fn records(&self) -> &[StatementRecord] {
        &self.engine.log.records
    }

    /// Takes the record so far.
    pub fn take_records(&mut self) -> Vec<StatementRecord> {
        self.engine.log.drain()
    }

    /// Compiles `statement` for SQLite; the warnings its first compilation
    /// on this engine raises are the session's.
    pub(crate) fn compile(
        &mut self,
        statement: &retort_sql::Statement,
    ) -> Result<retort_sql::Compiled, OrmError> {
        let compiled = retort_sql::compile_sqlite(statement)?;
        if !compiled.warnings.is_empty() && self.engine.first_compilation(&compiled.sql) {
            self.warnings
                .extend(compiled.warnings.iter().map(OrmWarning::sa));
        }
        Ok(compiled)
    }

    /// Takes the warnings raised so far.
    pub fn take_warnings(&mut self) -> Vec<OrmWarning> {
        std::mem::take(&mut self.warnings)
    }

    /// A fresh identity for an anonymous alias (`anon_1` in count queries,
    /// `aliased(User)`).
    pub fn next_anon_id(&mut self) -> u64 {
        self.next_anon += 1;
        self.next_anon
    }

    /// Creates a transient object of a mapper (the host's `Model(...)`).
    pub fn new_object(&mut self, mapper: MapperId) -> Result<ObjectId, OrmError> {
        self.registry.mapper(mapper)?;
        let id = ObjectId(self.next_object);
        self.next_object += 1;
        self.objects.insert(id, InstanceState::new(mapper));
        Ok(id)
    }

    /// The state of an object.
    pub fn state(&self, obj: ObjectId) -> Result<&InstanceState, OrmError> {
        self.objects.require(obj)
    }

    pub(crate) fn state_mut(&mut self, obj: ObjectId) -> Result<&mut InstanceState, OrmError> {
        self.objects.require_mut(obj)
    }

    /// `inspect(obj)`'s state flags.
    pub fn status(&self, obj: ObjectId) -> Result<ObjectStatus, OrmError> {
        Ok(self.state(obj)?.status())
    }

    /// The class name of an object's mapper.
    pub fn class_name(&self, obj: ObjectId) -> Result<String, OrmError> {
        let mapper = self.state(obj)?.mapper;
        Ok(self.registry.mapper(mapper)?.class_name.clone())
    }

    /// `Session.add`: the object and, along `save-update` cascades,
    /// every related object not yet in the session.
    pub fn add(&mut self, obj: ObjectId) -> Result<(), OrmError> {
        self.autobegun = true;
        self.add_one(obj)?;
        self.cascade_walk(
            &mut crate::NoHost,
            obj,
            crate::cascade::CascadeKind::SaveUpdate,
        )?;
        Ok(())
    }

    /// Adds one object without cascading (`_save_or_update_impl`).
    pub(crate) fn add_one(&mut self, obj: ObjectId) -> Result<(), OrmError> {
        let order = self.next_insert_order;
        let status = self.state(obj)?.status();
        match status {
            ObjectStatus::Transient => {
                self.next_insert_order += 1;
                let state = self.state_mut(obj)?;
                state.attached = true;
                state.insert_order = order;
                self.new.push(obj);
                Ok(())
            }
            ObjectStatus::Detached => {
                let state = self.state(obj)?.clone();
                self.attach_detached(obj, &state)
            }
            ObjectStatus::Pending | ObjectStatus::Persistent => Ok(()),
            ObjectStatus::Deleted => Err(OrmError::InvalidRequestError(format!(
                "Instance '<{} object>' has been deleted.  Use the make_transient() function to send this object back to the transient state.",
                self.class_name(obj)?
            ))),
        }
    }

    /// `Session.add_all`.
    pub fn add_all(&mut self, objs: &[ObjectId]) -> Result<(), OrmError> {
        objs.iter().try_for_each(|o| self.add(*o))
    }

    fn attach_detached(&mut self, obj: ObjectId, state: &InstanceState) -> Result<(), OrmError> {
        let Some(key) = &state.key else {
            return Ok(());
        };
        if let Some(other) = self.identity.get(state.mapper, key)
            && other != obj
        {
            return Err(OrmError::InvalidRequestError(format!(
                "Can't attach instance <{} object>; another instance with key {:?} is already present in this session.",
                self.class_name(obj)?,
                key
            )));
        }
        self.identity.insert(state.mapper, key, obj);
        self.state_mut(obj)?.attached = true;
        Ok(())
    }

    /// `Session.delete`: marks a persistent object for deletion at the next
    /// flush, loading it first when it is expired.
    pub fn delete(&mut self, host: &mut dyn Host, obj: ObjectId) -> Result<(), OrmError> {
        self.autobegun = true;
        let state = self.state(obj)?.clone();
        match state.status() {
            ObjectStatus::Transient | ObjectStatus::Pending => {
                Err(OrmError::InstanceRequestError {
                    object: obj,
                    class_name: self.class_name(obj)?,
                    template: "Instance '{}' is not persisted",
                })
            }
            ObjectStatus::Deleted => Ok(()),
            ObjectStatus::Detached | ObjectStatus::Persistent => {
                if state.status() == ObjectStatus::Detached {
                    self.attach_detached(obj, &state)?;
                }
                if self.to_delete.contains(&obj) {
                    return Ok(());
                }
                // The cascade is gathered before the object is marked, so
                // an autoflush of its loads does not delete it.
                let cascaded = self.cascade_walk(host, obj, crate::cascade::CascadeKind::Delete)?;
                self.to_delete.push(obj);
                for (item, via, from) in cascaded {
                    if self.delete_cascaded(item)? {
                        self.record_effect(
                            crate::effects::CascadeOp::Delete,
                            item,
                            via,
                            Some(from),
                        );
                    }
                }
                Ok(())
            }
        }
    }

    /// A `delete` cascade reaching `obj`: persistent objects are marked,
    /// pending ones left alone.
    fn delete_cascaded(&mut self, obj: ObjectId) -> Result<bool, OrmError> {
        let state = self.state(obj)?.clone();
        if state.key.is_none() || state.deleted || self.to_delete.contains(&obj) {
            return Ok(false);
        }
        if state.status() == ObjectStatus::Detached {
            self.attach_detached(obj, &state)?;
        }
        self.to_delete.push(obj);
        Ok(true)
    }

    /// `obj in session`.
    pub fn contains(&self, obj: ObjectId) -> Result<bool, OrmError> {
        let state = self.state(obj)?;
        Ok(match state.status() {
            ObjectStatus::Pending => true,
            ObjectStatus::Persistent => {
                self.identity
                    .get(state.mapper, state.key.as_deref().unwrap_or(&[]))
                    == Some(obj)
            }
            _ => false,
        })
    }

    /// `Session.expunge`.
    pub fn expunge(&mut self, obj: ObjectId) -> Result<(), OrmError> {
        let state = self.state(obj)?.clone();
        if !state.attached {
            return Err(OrmError::InstanceRequestError {
                object: obj,
                class_name: self.class_name(obj)?,
                template: "Instance {} is not present in this Session",
            });
        }
        // The `expunge` cascade: loaded related objects in the session
        // leave with it (SQLAlchemy's `cascade_iterator("expunge")`).
        let reached = self.cascade_walk(
            &mut crate::host::NoHost,
            obj,
            crate::cascade::CascadeKind::Expunge,
        )?;
        self.detach(obj)?;
        for (item, _, _) in reached {
            if self.state(item)?.attached {
                self.detach(item)?;
            }
        }
        Ok(())
    }

    /// `sqlalchemy.orm.make_transient`: the object leaves its session (if
    /// any) and forgets its identity; its expired attributes become
    /// unloaded (they are not fetched again).
    pub fn make_transient(&mut self, obj: ObjectId) -> Result<(), OrmError> {
        if self.state(obj)?.attached {
            self.detach(obj)?;
        }
        let state = self.state_mut(obj)?;
        let expired: Vec<String> = state
            .expired
            .iter()
            .map(|k| k.as_ref().to_string())
            .collect();
        for key in expired {
            state.dict.remove(key.as_str());
        }
        state.expired.clear();
        state.key = None;
        state.deleted = false;
        Ok(())
    }

    fn detach(&mut self, obj: ObjectId) -> Result<(), OrmError> {
        let state = self.state_mut(obj)?;
        state.attached = false;
        let (mapper, key) = (state.mapper, state.key.clone());
        if let Some(key) = key {
            self.identity.remove(mapper, &key, obj);
        }
        self.new.retain(|o| *o != obj);
        self.to_delete.retain(|o| *o != obj);
        Ok(())
    }

    /// `Session.expunge_all`.
    pub fn expunge_all(&mut self) -> Result<(), OrmError> {
        let attached: Vec<ObjectId> = self
            .objects
            .iter()
            .filter(|(_, s)| s.attached)
            .map(|(id, _)| id)
            .collect();
        for obj in attached {
            self.detach(obj)?;
        }
        self.identity.clear();
        Ok(())
    }

    /// The objects of the identity map, in handle order.
    pub fn identity_objects(&self) -> Vec<ObjectId> {
        self.identity.all()
    }

    /// `Session.new`, in add order.
    pub fn new_objects(&self) -> Vec<ObjectId> {
        self.new.clone()
    }

    /// `Session.deleted`: objects marked for deletion.
    pub fn deleted_objects(&self) -> Vec<ObjectId> {
        self.to_delete.clone()
    }

    /// `Session.dirty`: persistent objects with modified attributes.
    pub fn dirty_objects(&self) -> Vec<ObjectId> {
        self.identity
            .all()
            .into_iter()
            .filter(|o| {
                self.objects.get(o).is_some_and(|s| {
                    (!s.committed.is_empty() || s.rels_modified()) && !self.to_delete.contains(o)
                })
            })
            .collect()
    }

    /// `Session.is_modified`: whether any attribute has a net change.
    pub fn is_modified(&self, obj: ObjectId) -> Result<bool, OrmError> {
        let state = self.state(obj)?;
        Ok(!state.changed_attributes().is_empty()
            || state.rels.values().any(|r| !r.history().is_empty()))
    }

    /// The `PendingRollbackError` while a failed flush awaits `rollback()`.
    pub(crate) fn check_active(&self) -> Result<(), OrmError> {
        match &self.failed {
            Some(message) => Err(OrmError::PendingRollbackError(message.clone())),
            None => Ok(()),
        }
    }

    /// `Session.is_active`: false between a failed flush and `rollback()`.
    pub fn is_active(&self) -> bool {
        self.failed.is_none()
    }

    /// `Session.in_transaction()`: whether `BEGIN (implicit)` has been
    /// issued and the transaction not yet ended.
    pub fn in_transaction(&self) -> bool {
        self.engine.in_transaction()
    }

    /// Whether a flush is running (its event listeners are being called).
    pub fn is_flushing(&self) -> bool {
        self.flushing
    }

    /// Whether autoflush is on and not suspended by `no_autoflush`.
    pub fn autoflush_enabled(&self) -> bool {
        self.autoflush && self.no_autoflush_depth == 0
    }

    /// `Session.autoflush = flag`.
    pub fn set_autoflush(&mut self, flag: bool) {
        self.autoflush = flag;
    }

    /// Enters a `with session.no_autoflush:` block.
    pub fn enter_no_autoflush(&mut self) {
        self.no_autoflush_depth += 1;
    }

    /// Leaves a `with session.no_autoflush:` block.
    pub fn exit_no_autoflush(&mut self) {
        self.no_autoflush_depth = self.no_autoflush_depth.saturating_sub(1);
    }

    /// Flushes if autoflush is enabled (before queries).
    pub fn autoflush(&mut self, host: &mut dyn Host) -> Result<(), OrmError> {
        if self.autoflush_enabled() && !self.flushing {
            let before = self.warnings.len();
            let outcome = self.flush(host);
            // SQLAlchemy tags warnings raised inside `_autoflush`.
            for warning in &mut self.warnings[before..] {
                if warning.category == "SAWarning" {
                    warning.message.push_str(AUTOFLUSH_WARNING_SUFFIX);
                }
            }
            outcome?;
        }
        Ok(())
    }

    /// `Session.commit`: `before_commit`, flush (unless a flush is
    /// running: a listener's commit), `COMMIT`, expire everything,
    /// `after_commit`.
    pub fn commit(&mut self, host: &mut dyn Host) -> Result<(), OrmError> {
        self.check_active()?;
        self.dispatch_session_event(host, SessionEventKind::BeforeCommit)?;
        if !self.flushing {
            self.flush(host)?;
        }
        self.end_savepoints(true)?;
        self.engine.commit(Origin::Session)?;
        for obj in std::mem::take(&mut self.snapshot.deleted) {
            if let Ok(state) = self.state_mut(obj) {
                state.attached = false;
            }
        }
        self.snapshot = TransactionSnapshot::default();
        self.autobegun = false;
        self.begin_announced = false;
        if self.expire_on_commit {
            self.expire_all()?;
        }
        self.dispatch_session_event(host, SessionEventKind::AfterCommit)
    }

    /// `Session.rollback` without listeners.
    pub fn rollback(&mut self) -> Result<(), OrmError> {
        self.rollback_with(&mut crate::NoHost)
    }

    /// `Session.rollback`: `ROLLBACK` (unless a failed flush already
    /// issued it), pending and newly inserted objects become transient,
    /// deleted ones persistent again, and everything is expired; then
    /// `after_rollback` when a transaction was open.
    pub fn rollback_with(&mut self, host: &mut dyn Host) -> Result<(), OrmError> {
        let open = self.autobegun || self.engine.in_transaction();
        // A flush that failed inside a savepoint rolled back to it only.
        let failed = self.failed.take().is_some() && self.savepoints.iter().all(|s| s.active);
        if failed {
            // The failed flush already rolled back and restored the
            // snapshot; what changed since is discarded with a warning.
            let changed = !self.new.is_empty()
                || !self.to_delete.is_empty()
                || !self.dirty_objects().is_empty();
            if changed {
                self.warnings.push(OrmWarning::sa(DISCARDED_STATE));
            }
        } else {
            self.engine.rollback(Origin::Session)?;
        }
        self.autobegun = false;
        self.begin_announced = false;
        self.end_savepoints(false)?;
        self.restore_snapshot(false)?;
        if open && !failed {
            self.dispatch_session_event(host, SessionEventKind::AfterRollback)?;
        }
        Ok(())
    }

    /// Undoes the session-side effects of the transaction; a savepoint's
    /// (`dirty_only`) expires only the objects it changed, as
    /// `_restore_snapshot(dirty_only=True)` does.
    pub(crate) fn restore_snapshot(&mut self, dirty_only: bool) -> Result<(), OrmError> {
        let snapshot = std::mem::take(&mut self.snapshot);
        let mut changed = Vec::new();
        if dirty_only {
            changed = self.dirty_objects();
            changed.extend(snapshot.updated.iter().copied());
        }
        let mut to_transient = snapshot.inserted;
        to_transient.extend(self.new.iter().copied());
        // An object whose INSERT ran in a flush that then failed is in both.
        let mut seen = std::collections::HashSet::new();
        to_transient.retain(|obj| seen.insert(*obj));
        for obj in to_transient {
            self.detach(obj)?;
            self.state_mut(obj)?.key = None;
        }
        for obj in snapshot.deleted {
            let state = self.state_mut(obj)?;
            state.deleted = false;
            state.attached = true;
            let (mapper, key) = (state.mapper, state.key.clone());
            if let Some(key) = key {
                self.identity.insert(mapper, &key, obj);
            }
        }
        self.to_delete.clear();
        if !dirty_only {
            changed = self.identity.all();
        }
        self.expire_objects(&changed)
    }

    /// `Session.close`: ends the transaction with `ROLLBACK` if one is open
    /// and detaches every object.
    pub fn close(&mut self) -> Result<(), OrmError> {
        self.failed = None;
        self.autobegun = false;
        self.begin_announced = false;
        self.engine.rollback(Origin::Session)?;
        self.savepoints.clear();
        self.snapshot = TransactionSnapshot::default();
        self.expunge_all()
    }

    /// `Session.expire_all`.
    pub fn expire_all(&mut self) -> Result<(), OrmError> {
        self.expire_objects(&self.identity.all())
    }

    /// Expires every attribute of `objects` (those still attached).
    fn expire_objects(&mut self, objects: &[ObjectId]) -> Result<(), OrmError> {
        // The column names of each mapper, collected once (a commit expires
        // every object of the identity map).
        let mut attrs_of: Vec<(MapperId, Vec<AttrKey>)> = Vec::new();
        for &obj in objects {
            if !self.state(obj)?.attached {
                continue;
            }
            let mapper = self.state(obj)?.mapper;
            let index = match attrs_of.iter().position(|(m, _)| *m == mapper) {
                Some(index) => index,
                None => {
                    attrs_of.push((mapper, self.column_attrs(mapper)?));
                    attrs_of.len() - 1
                }
            };
            let state = self.state_mut(obj)?;
            state.expire_sorted(&attrs_of[index].1);
            state.expire_relationships();
        }
        Ok(())
    }

    /// The attribute names of a mapper's columns, in name order without
    /// repeats (as an object's expired set keeps them).
    fn column_attrs(&self, mapper: MapperId) -> Result<Vec<AttrKey>, OrmError> {
        let mut attrs: Vec<AttrKey> = self
            .registry
            .mapper(mapper)?
            .columns
            .iter()
            .map(|c| c.attr.clone())
            .collect();
        retort_sort::sort(&mut attrs);
        attrs.dedup();
        Ok(attrs)
    }

    fn expire_object(&mut self, obj: ObjectId) -> Result<(), OrmError> {
        let attrs = self.column_attrs(self.state(obj)?.mapper)?;
        let state = self.state_mut(obj)?;
        state.expire_sorted(&attrs);
        state.expire_relationships();
        Ok(())
    }

    /// `Session.expire(obj, attribute_names)`; `None` expires every attribute.
    pub fn expire(&mut self, obj: ObjectId, attrs: Option<&[&str]>) -> Result<(), OrmError> {
        self.require_persistent(obj)?;
        match attrs {
            None => self.expire_object(obj),
            Some(names) => {
                // Relationship names expire the loaded collection or
                // reference: the next access loads it again.
                let mapper = self.registry.mapper(self.state(obj)?.mapper)?;
                let mut columns: Vec<AttrKey> = Vec::new();
                let mut relationships: Vec<String> = Vec::new();
                for name in names {
                    if mapper.relationships.iter().any(|r| r.key == *name) {
                        relationships.push((*name).to_owned());
                    } else {
                        mapper.property(name)?;
                        columns.push(AttrKey::from(*name));
                    }
                }
                let state = self.state_mut(obj)?;
                state.expire(&columns);
                for key in relationships {
                    state.rels.remove(&key);
                }
                Ok(())
            }
        }
    }

    fn require_persistent(&self, obj: ObjectId) -> Result<(), OrmError> {
        match self.status(obj)? {
            ObjectStatus::Persistent | ObjectStatus::Deleted => Ok(()),
            _ => Err(OrmError::InstanceRequestError {
                object: obj,
                class_name: self.class_name(obj)?,
                template: "Instance '{}' is not persistent within this Session",
            }),
        }
    }

    /// `Session.refresh`: reloads every attribute now, with a 2.0-style
    /// SELECT by primary key.
    pub fn refresh(&mut self, obj: ObjectId) -> Result<(), OrmError> {
        self.check_active()?;
        self.require_persistent(obj)?;
        self.expire_object(obj)?;
        if self.track_refreshes {
            self.refreshed.push((
                obj,
                crate::events::RefreshedAttrs {
                    names: None,
                    frozen: true,
                },
            ));
        }
        match self.load_by_identity(obj, Origin::Refresh, false) {
            Err(OrmError::ObjectDeletedError { .. }) => {
                Err(OrmError::InvalidRequestError(format!(
                    "Could not refresh instance '<{} object>'",
                    self.class_name(obj)?
                )))
            }
            other => other,
        }
    }

    /// `Session.refresh(obj, attribute_names)`: reloads those column
    /// attributes now (`SELECT t.a, t.b ... WHERE t.id = ?`).
    pub fn refresh_attributes(&mut self, obj: ObjectId, names: &[String]) -> Result<(), OrmError> {
        self.check_active()?;
        self.require_persistent(obj)?;
        let mapper = self.registry.mapper(self.state(obj)?.mapper)?;
        let mut attrs: Vec<AttrKey> = Vec::new();
        for name in names {
            if mapper.relationships.iter().any(|r| &r.key == name) {
                continue;
            }
            attrs.push(mapper.property(name)?.attr.clone());
        }
        self.state_mut(obj)?.expire(&attrs);
        if self.track_refreshes {
            self.refreshed.push((
                obj,
                crate::events::RefreshedAttrs {
                    names: Some(names.to_vec()),
                    frozen: true,
                },
            ));
        }
        if attrs.is_empty() {
            return Ok(());
        }
        match self.load_attributes(
            obj,
            &attrs,
            retort_sql::LabelStyle::DisambiguateOnly,
            Origin::Refresh,
        ) {
            Err(OrmError::ObjectDeletedError { .. }) => {
                Err(OrmError::InvalidRequestError(format!(
                    "Could not refresh instance '<{} object>'",
                    self.class_name(obj)?
                )))
            }
            other => other,
        }
    }

    /// `Session.merge`: the persistent object with `obj`'s identity (loaded
    /// or fetched), with `obj`'s loaded attributes copied onto it; a new
    /// pending object when there is no such row.
    pub fn merge(&mut self, host: &mut dyn Host, obj: ObjectId) -> Result<ObjectId, OrmError> {
        self.check_active()?;
        let source = self.state(obj)?.clone();
        if source.attached {
            return Ok(obj);
        }
        // SQLAlchemy autoflushes once, then merges under `no_autoflush`.
        self.autoflush(host)?;
        self.enter_no_autoflush();
        let merged = self.merge_detached(host, &source);
        self.exit_no_autoflush();
        merged
    }

    fn merge_detached(
        &mut self,
        host: &mut dyn Host,
        source: &InstanceState,
    ) -> Result<ObjectId, OrmError> {
        let mapper = self.registry.mapper(source.mapper)?.clone();
        // The identity key when the object has one (a detached object's
        // attributes may all be expired), else its primary key values.
        let pk: Option<crate::state::IdentityKey> = source.key.clone().or_else(|| {
            mapper
                .primary_key()
                .iter()
                .map(|c| source.dict.get(&c.attr).filter(|v| !v.is_none()).cloned())
                .collect()
        });
        let target = match &pk {
            Some(pk) => self.get(host, source.mapper, pk)?,
            None => None,
        };
        let target = match target {
            Some(target) => target,
            None => {
                let created = self.new_object(source.mapper)?;
                self.add(created)?;
                created
            }
        };
        // Only what the object has loaded is copied: an expired attribute
        // has no value to give.
        for column in &mapper.columns {
            if source.expired.contains(&column.attr) {
                continue;
            }
            if let Some(value) = source.dict.get(&column.attr) {
                self.set_attr(target, &column.attr, value.clone())?;
            }
        }
        Ok(target)
    }
}
