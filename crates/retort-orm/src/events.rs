//! The events the ORM dispatches to its host (SQLAlchemy's `dispatch`
//! collections): mapper persistence events (`before_insert`, ...), session
//! lifecycle events (`before_flush`, `after_commit`, ...), relationship
//! attribute events (`append`, `remove`, `set`) and the instance event
//! `load` (an object made from a row, announced after the ORM call that
//! loaded it, in load order). The ORM says when an event
//! happens; the host decides who listens ([`crate::Host::listens`]) and
//! runs the listeners ([`crate::Host::dispatch`]) with the session lent to
//! them, so a listener may read, change and flush-check the session.

use crate::error::OrmError;
use crate::host::Host;
use crate::mapper::MapperId;
use crate::session::Session;
use crate::state::ObjectId;

/// A mapper event: `(mapper, connection, target)` listeners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapperEventKind {
    BeforeInsert,
    AfterInsert,
    BeforeUpdate,
    AfterUpdate,
    BeforeDelete,
    AfterDelete,
}

impl MapperEventKind {
    pub const ALL: [MapperEventKind; 6] = [
        MapperEventKind::BeforeInsert,
        MapperEventKind::AfterInsert,
        MapperEventKind::BeforeUpdate,
        MapperEventKind::AfterUpdate,
        MapperEventKind::BeforeDelete,
        MapperEventKind::AfterDelete,
    ];

    /// SQLAlchemy's identifier.
    pub fn name(self) -> &'static str {
        match self {
            MapperEventKind::BeforeInsert => "before_insert",
            MapperEventKind::AfterInsert => "after_insert",
            MapperEventKind::BeforeUpdate => "before_update",
            MapperEventKind::AfterUpdate => "after_update",
            MapperEventKind::BeforeDelete => "before_delete",
            MapperEventKind::AfterDelete => "after_delete",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<MapperEventKind> {
        MapperEventKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A session event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionEventKind {
    BeforeFlush,
    AfterFlush,
    AfterFlushPostexec,
    BeforeCommit,
    AfterCommit,
    AfterRollback,
    AfterBegin,
}

impl SessionEventKind {
    pub const ALL: [SessionEventKind; 7] = [
        SessionEventKind::BeforeFlush,
        SessionEventKind::AfterFlush,
        SessionEventKind::AfterFlushPostexec,
        SessionEventKind::BeforeCommit,
        SessionEventKind::AfterCommit,
        SessionEventKind::AfterRollback,
        SessionEventKind::AfterBegin,
    ];

    /// SQLAlchemy's identifier.
    pub fn name(self) -> &'static str {
        match self {
            SessionEventKind::BeforeFlush => "before_flush",
            SessionEventKind::AfterFlush => "after_flush",
            SessionEventKind::AfterFlushPostexec => "after_flush_postexec",
            SessionEventKind::BeforeCommit => "before_commit",
            SessionEventKind::AfterCommit => "after_commit",
            SessionEventKind::AfterRollback => "after_rollback",
            SessionEventKind::AfterBegin => "after_begin",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<SessionEventKind> {
        SessionEventKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A relationship attribute event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributeEventKind {
    Append,
    Remove,
    Set,
}

impl AttributeEventKind {
    /// SQLAlchemy's identifier.
    pub fn name(self) -> &'static str {
        match self {
            AttributeEventKind::Append => "append",
            AttributeEventKind::Remove => "remove",
            AttributeEventKind::Set => "set",
        }
    }
}

/// The operation of an `initiator` token (`attributes.OP_APPEND`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributeOp {
    Append,
    Remove,
    Replace,
    BulkReplace,
}

impl AttributeOp {
    /// The symbol's name: `symbol('APPEND')`.
    pub fn name(self) -> &'static str {
        match self {
            AttributeOp::Append => "APPEND",
            AttributeOp::Remove => "REMOVE",
            AttributeOp::Replace => "REPLACE",
            AttributeOp::BulkReplace => "BULK_REPLACE",
        }
    }
}

/// The attribute operation that started a chain of events: the token a
/// backref passes on unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventInitiator {
    /// The mapper of the attribute that was changed.
    pub mapper: MapperId,
    /// Its key.
    pub key: String,
    pub op: AttributeOp,
}

/// The previous value a `set` event reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldValue {
    /// Never set nor loaded (`NO_VALUE`).
    NoValue,
    /// Not loaded, and not loaded for the event (`PASSIVE_NO_RESULT`).
    NoResult,
    /// `None` or an object.
    Value(Option<ObjectId>),
}

/// One relationship attribute event. `value` is what a `retval=True`
/// listener may replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeEvent {
    pub kind: AttributeEventKind,
    /// The object whose attribute changes.
    pub target: ObjectId,
    /// The mapper the attribute belongs to.
    pub mapper: MapperId,
    pub key: String,
    pub value: Option<ObjectId>,
    pub oldvalue: OldValue,
    pub initiator: EventInitiator,
}

/// An instance event on a mapped class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstanceEventKind {
    /// A new instance was made from a row (not for one the identity map
    /// already held).
    Load,
    /// An instance the identity map held had attributes loaded from a row:
    /// `Session.refresh`, an expired attribute's load, or a query's row for
    /// an object with unloaded attributes.
    Refresh,
}

impl InstanceEventKind {
    /// SQLAlchemy's identifier.
    pub fn name(self) -> &'static str {
        match self {
            InstanceEventKind::Load => "load",
            InstanceEventKind::Refresh => "refresh",
        }
    }
}

/// The `attrs` a `refresh` listener gets: `None` for a whole
/// `Session.refresh()`; else the names loaded, as a `frozenset` (a load by
/// identity) or a `set` (a query's partial load).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshedAttrs {
    pub names: Option<Vec<String>>,
    pub frozen: bool,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrmEvent {
    Instance {
        kind: InstanceEventKind,
        mapper: MapperId,
        target: ObjectId,
        /// For `refresh`: the attributes loaded.
        refreshed: Option<RefreshedAttrs>,
    },
    Mapper {
        kind: MapperEventKind,
        mapper: MapperId,
        target: ObjectId,
    },
    Session(SessionEventKind),
    Attribute(AttributeEvent),
}

impl Session {
    /// Dispatches a session event when the host listens for it.
    pub(crate) fn dispatch_session_event(
        &mut self,
        host: &mut dyn Host,
        kind: SessionEventKind,
    ) -> Result<(), OrmError> {
        let mut event = OrmEvent::Session(kind);
        if host.listens(&event) {
            host.dispatch(self, &mut event)?;
        }
        Ok(())
    }

    /// Dispatches one mapper event per object, in order, when the host
    /// listens for it on `mapper`.
    pub(crate) fn dispatch_mapper_event(
        &mut self,
        host: &mut dyn Host,
        kind: MapperEventKind,
        mapper: MapperId,
        targets: &[ObjectId],
    ) -> Result<(), OrmError> {
        for target in targets {
            let mut event = OrmEvent::Mapper {
                kind,
                mapper,
                target: *target,
            };
            if !host.listens(&event) {
                return Ok(());
            }
            host.dispatch(self, &mut event)?;
        }
        Ok(())
    }

    /// Dispatches an attribute event and returns the value after the
    /// listeners (a `retval=True` listener may replace it).
    pub(crate) fn dispatch_attribute_event(
        &mut self,
        host: &mut dyn Host,
        event: AttributeEvent,
    ) -> Result<Option<ObjectId>, OrmError> {
        let mut event = OrmEvent::Attribute(event);
        if host.listens(&event) {
            host.dispatch(self, &mut event)?;
        }
        match event {
            OrmEvent::Attribute(event) => Ok(event.value),
            _ => Ok(None),
        }
    }

    /// Dispatches `load` for the instances made from rows since the last
    /// call, in the order they were made; instances a listener's own
    /// queries make are announced in the same pass. An object the session
    /// no longer knows (expunged by a listener) is skipped.
    pub fn dispatch_load_events(&mut self, host: &mut dyn Host) -> Result<(), OrmError> {
        if (self.loaded_new.is_empty() && self.refreshed.is_empty()) || self.announcing_loads {
            return Ok(());
        }
        self.announcing_loads = true;
        let mut result = Ok(());
        let mut index = 0;
        while let Some(target) = self.loaded_new.get(index).copied() {
            index += 1;
            let Ok(mapper) = self.state(target).map(|s| s.mapper) else {
                continue;
            };
            let mut event = OrmEvent::Instance {
                kind: InstanceEventKind::Load,
                mapper,
                target,
                refreshed: None,
            };
            if host.listens(&event) {
                result = host.dispatch(self, &mut event);
                if result.is_err() {
                    break;
                }
            }
        }
        self.loaded_new.clear();
        let refreshed = std::mem::take(&mut self.refreshed);
        for (target, attrs) in refreshed {
            if result.is_err() {
                break;
            }
            let Ok(mapper) = self.state(target).map(|s| s.mapper) else {
                continue;
            };
            let mut event = OrmEvent::Instance {
                kind: InstanceEventKind::Refresh,
                mapper,
                target,
                refreshed: Some(attrs),
            };
            if host.listens(&event) {
                result = host.dispatch(self, &mut event);
            }
        }
        self.announcing_loads = false;
        result
    }

    /// Whether `load` listeners are running: the instances being
    /// announced are still held by the call that loaded them.
    pub fn is_announcing_loads(&self) -> bool {
        self.announcing_loads
    }

    /// `after_begin` once per transaction: announced when the host
    /// listens, beginning the transaction first when `begin` is set (a
    /// flush acquires its connection before its first mapper event).
    pub fn announce_begin(&mut self, host: &mut dyn Host, begin: bool) -> Result<(), OrmError> {
        if !self.engine.in_transaction() {
            self.begin_announced = false;
        }
        if self.begin_announced {
            return Ok(());
        }
        let mut event = OrmEvent::Session(SessionEventKind::AfterBegin);
        if !host.listens(&event) {
            return Ok(());
        }
        if !self.engine.in_transaction() {
            if !begin {
                return Ok(());
            }
            self.engine.begin(crate::log::Origin::Flush)?;
        }
        self.begin_announced = true;
        host.dispatch(self, &mut event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapper::Mapper;
    use crate::types::OrmValue;
    use retort_sql::{Column, SqlType, Table};

    /// A host that records events and, in `before_insert`, sets `name`
    /// and tries a nested flush.
    #[derive(Default)]
    struct Recorder {
        seen: Vec<String>,
    }

    impl Host for Recorder {
        fn call_default(
            &mut self,
            _callable: crate::HostCallable,
            _takes_context: bool,
            _current_parameters: &[(String, OrmValue)],
        ) -> Result<OrmValue, OrmError> {
            Ok(OrmValue::None)
        }

        fn listens(&self, _event: &OrmEvent) -> bool {
            true
        }

        fn dispatch(
            &mut self,
            session: &mut Session,
            event: &mut OrmEvent,
        ) -> Result<(), OrmError> {
            match event {
                OrmEvent::Mapper { kind, target, .. } => {
                    self.seen.push(kind.name().to_owned());
                    if *kind == MapperEventKind::BeforeInsert {
                        session.set_attr(*target, "name", OrmValue::Str("stamped".into()))?;
                        let nested = session.flush(&mut crate::NoHost);
                        assert!(
                            matches!(nested, Err(OrmError::InvalidRequestError(ref m)) if m == "Session is already flushing")
                        );
                    }
                }
                OrmEvent::Session(kind) => self.seen.push(kind.name().to_owned()),
                OrmEvent::Attribute(attr) => self.seen.push(attr.kind.name().to_owned()),
                OrmEvent::Instance { kind, .. } => self.seen.push(kind.name().to_owned()),
            }
            Ok(())
        }
    }

    #[test]
    fn flush_dispatches_in_sqlalchemy_order_and_saves_listener_changes() {
        let mut session = Session::in_memory().unwrap();
        let table = Table::new(
            "item".to_owned(),
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("name", SqlType::String(Some(20))),
            ],
        );
        let mapper = session
            .register(Mapper::new("__main__", "Item", table))
            .unwrap();
        session.create_all().unwrap();
        let obj = session.new_object(mapper).unwrap();
        session.add(obj).unwrap();
        let mut host = Recorder::default();
        session.commit(&mut host).unwrap();
        assert_eq!(
            host.seen,
            [
                "before_commit",
                "before_flush",
                "after_begin",
                "before_insert",
                "after_insert",
                "after_flush",
                "after_flush_postexec",
                "after_commit",
            ]
        );
        let insert = session
            .records()
            .iter()
            .find(|r| r.sql.starts_with("INSERT"))
            .unwrap();
        assert!(format!("{:?}", insert.params).contains("stamped"));
        session.rollback_with(&mut host).unwrap();
        assert_eq!(host.seen.last().map(String::as_str), Some("after_commit"));
    }
}
