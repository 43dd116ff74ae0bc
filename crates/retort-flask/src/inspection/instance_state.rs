//! `inspect(obj)` for a model instance: SQLAlchemy's `InstanceState`
//! (`transient`, `pending`, `persistent`, `deleted`, `detached`,
//! `was_deleted`, `has_identity`, `identity`, `key`/`identity_key`,
//! `modified`, `expired`, `expired_attributes`, `unloaded`, `unmodified`,
//! `session`, `object`/`obj()`, `mapper`, `attrs`), each attribute's
//! `AttributeState` (`key`, `value`, `loaded_value`, `history`) and its
//! `History(added, unchanged, deleted)`; everything read from the ORM
//! object's state at the time of the access, as SQLAlchemy's properties
//! are.

use std::rc::Rc;

use retort_orm::{ObjectId, ObjectStatus, Session};
use retort_python::native::object_repr;
use retort_python::{Interpreter, NativeFunction, NativeObject, PyResult, Value};

use crate::convert::from_orm_in;
use crate::ctx::Ctx;
use crate::events::{SessionInstance, Symbol};

use super::history::{HistoryObject, history};
use super::mapper::PropertiesObject;
use crate::session::SessionObject;

/// `inspect(instance)`.
#[derive(Debug)]
pub struct InstanceStateObject {
    pub ctx: Rc<Ctx>,
    pub instance: Value,
    pub id: ObjectId,
}

type RelatedHistory = (Vec<ObjectId>, Vec<ObjectId>, Vec<ObjectId>, bool, bool);

/// What one attribute of the object holds, read from the session.
struct AttributeFacts {
    /// The loaded value, `None` when not loaded (or expired).
    loaded: Option<Value>,
    /// Changed since the last flush, with the value before the change
    /// when it was loaded.
    changed: Option<Option<Value>>,
    /// For relationships: added, unchanged and deleted objects, whether
    /// a scalar was set to `None`, and whether it is a loaded collection
    /// (whose history shows empty parts as `[]`).
    related: Option<RelatedHistory>,
}

impl InstanceStateObject {
    fn status(&self) -> PyResult<ObjectStatus> {
        self.ctx
            .peek(|s| s.status(self.id).ok())?
            .ok_or_else(|| retort_python::PyErr::new("RuntimeError", "the object has no ORM state"))
    }

    /// The attribute keys in the mapper's order: relationships declared
    /// in the class body, then columns, then relationships made by
    /// backrefs elsewhere (as `Mapper.attrs` lists them).
    fn keys(&self) -> PyResult<Vec<String>> {
        self.ctx.peek(|s| attribute_keys(s, self.id))
    }

    fn relationship_keys(&self) -> PyResult<Vec<String>> {
        self.ctx.peek(|s| {
            let Ok(state) = s.state(self.id) else {
                return Vec::new();
            };
            s.mapper(state.mapper)
                .map(|m| m.relationships.iter().map(|r| r.key.clone()).collect())
                .unwrap_or_default()
        })
    }

    fn facts(&self, interp: &mut Interpreter, key: &str) -> PyResult<AttributeFacts> {
        let raw = self.ctx.peek(|s| {
            let state = s.state(self.id).ok()?;
            let uselist = s
                .mapper(state.mapper)
                .ok()
                .and_then(|m| m.relationship(key))
                .map(|r| r.uselist);
            if let Some(rel) = state.rels.get(key) {
                let history = rel.history();
                let collection = uselist == Some(true) && rel.current.is_some();
                return Some((
                    None,
                    None,
                    Some((
                        history.added,
                        history.unchanged,
                        history.deleted,
                        history.set_to_none,
                        collection,
                    )),
                ));
            }
            if uselist.is_some() {
                let empty = (Vec::new(), Vec::new(), Vec::new(), false, false);
                return Some((None, None, Some(empty)));
            }
            let loaded = (!state.expired.contains(key))
                .then(|| state.dict.get(key).cloned())
                .flatten();
            let changed = state.committed.get(key).map(|c| match c {
                retort_orm::state::Committed::Value(v) => Some(v.clone()),
                retort_orm::state::Committed::NoValue => None,
            });
            Some((loaded, changed, None))
        })?;
        let Some((loaded, changed, related)) = raw else {
            return Ok(AttributeFacts {
                loaded: None,
                changed: None,
                related: None,
            });
        };
        let loaded = match loaded {
            Some(v) => Some(from_orm_in(interp, &v)?),
            None => None,
        };
        let changed = match changed {
            Some(Some(v)) => Some(Some(from_orm_in(interp, &v)?)),
            Some(None) => Some(None),
            None => None,
        };
        Ok(AttributeFacts {
            loaded,
            changed,
            related,
        })
    }

    fn objects(&self, ids: &[ObjectId]) -> PyResult<Vec<Value>> {
        self.ctx.peek(|s| {
            ids.iter()
                .map(|id| self.ctx.instance(s, *id))
                .collect::<PyResult<Vec<_>>>()
        })?
    }

    /// `History(added, unchanged, deleted)` of `key`.
    fn history(&self, interp: &mut Interpreter, key: &str) -> PyResult<Value> {
        let facts = self.facts(interp, key)?;
        if let Some((added, unchanged, deleted, set_to_none, collection)) = facts.related {
            let mut added = self.objects(&added)?;
            if set_to_none {
                added.push(Value::None);
            }
            let (unchanged, deleted) = (self.objects(&unchanged)?, self.objects(&deleted)?);
            if collection {
                return Ok(Value::native(HistoryObject {
                    added: Value::list(added),
                    unchanged: Value::list(unchanged),
                    deleted: Value::list(deleted),
                }));
            }
            return Ok(history(added, unchanged, deleted));
        }
        Ok(match (facts.changed, facts.loaded) {
            (Some(before), now) => history(
                now.into_iter().collect(),
                Vec::new(),
                before.into_iter().collect(),
            ),
            (None, Some(now)) => history(Vec::new(), vec![now], Vec::new()),
            (None, None) => history(Vec::new(), Vec::new(), Vec::new()),
        })
    }

    fn identity(&self, interp: &mut Interpreter) -> PyResult<Option<Value>> {
        let key = self
            .ctx
            .peek(|s| s.state(self.id).ok().and_then(|state| state.key.clone()))?;
        let Some(key) = key else {
            return Ok(None);
        };
        let mut values = Vec::new();
        for value in &key {
            values.push(from_orm_in(interp, value)?);
        }
        Ok(Some(Value::tuple(values)))
    }

    fn names_set(names: impl IntoIterator<Item = String>) -> Value {
        let mut set = retort_python::Set::new();
        for name in names {
            if let Ok(key) = retort_python::HashKey::new(Value::str(name.as_str())) {
                set.insert(key);
            }
        }
        Value::Set(Rc::new(std::cell::RefCell::new(set)))
    }

    /// `unloaded`, `unmodified` and `expired_attributes`.
    fn key_sets(&self) -> PyResult<(Vec<String>, Vec<String>, Vec<String>)> {
        let keys = self.keys()?;
        let relationships = self.relationship_keys()?;
        self.ctx.peek(|s| {
            let Ok(state) = s.state(self.id) else {
                return (Vec::new(), Vec::new(), Vec::new());
            };
            let is_rel = |k: &str| relationships.iter().any(|r| r == k);
            let in_dict = |k: &str| {
                if is_rel(k) {
                    state.rels.get(k).is_some_and(|r| r.current.is_some())
                } else {
                    state.dict.contains_key(k) && !state.expired.contains(k)
                }
            };
            let modified = |k: &str| {
                if is_rel(k) {
                    state.rels.get(k).is_some_and(|r| r.modified)
                } else {
                    state.committed.contains_key(k)
                }
            };
            let unloaded = keys
                .iter()
                .filter(|k| !in_dict(k) && !modified(k))
                .cloned()
                .collect();
            let unmodified = keys.iter().filter(|k| !modified(k)).cloned().collect();
            // A whole-object expiry (commit, `expire(obj)`) expires the
            // relationships' loaders too.
            let columns_expired = keys
                .iter()
                .filter(|k| !is_rel(k))
                .all(|k| state.expired.contains(k.as_str()));
            let expired = keys
                .iter()
                .filter(|k| {
                    if is_rel(k) {
                        columns_expired && !state.expired.is_empty() && !in_dict(k)
                    } else {
                        state.expired.contains(k.as_str())
                    }
                })
                .cloned()
                .collect();
            (unloaded, unmodified, expired)
        })
    }
}

/// The attribute keys of the object's mapper, in `Mapper.attrs` order.
fn attribute_keys(session: &Session, id: ObjectId) -> Vec<String> {
    let Ok(state) = session.state(id) else {
        return Vec::new();
    };
    let Ok(mapper) = session.mapper(state.mapper) else {
        return Vec::new();
    };
    let declared: Vec<&str> = mapper
        .relationships
        .iter()
        .filter(|r| !r.from_backref)
        .map(|r| r.key.as_str())
        .collect();
    let mut keys: Vec<String> = declared.iter().map(|k| k.to_string()).collect();
    keys.extend(mapper.columns.iter().map(|c| c.attr.as_ref().to_string()));
    keys.extend(
        mapper
            .relationships
            .iter()
            .filter(|r| r.from_backref)
            .map(|r| r.key.clone()),
    );
    keys
}

impl NativeObject for InstanceStateObject {
    fn type_name(&self) -> &str {
        "InstanceState"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.orm.state.InstanceState", this))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let status = self.status()?;
        let was_deleted = || {
            self.ctx
                .peek(|s| s.state(self.id).is_ok_and(|state| state.deleted))
        };
        Ok(Some(match name {
            "transient" => Value::Bool(status == ObjectStatus::Transient),
            "pending" => Value::Bool(status == ObjectStatus::Pending),
            "persistent" => Value::Bool(status == ObjectStatus::Persistent),
            "deleted" => Value::Bool(status == ObjectStatus::Deleted),
            "detached" => Value::Bool(status == ObjectStatus::Detached),
            "was_deleted" => Value::Bool(was_deleted()?),
            "has_identity" => Value::Bool(self.identity(interp)?.is_some()),
            "identity" => self.identity(interp)?.unwrap_or(Value::None),
            "key" | "identity_key" => match self.identity(interp)? {
                Some(identity) => Value::tuple(vec![
                    Value::Class(interp.class_of(&self.instance)),
                    identity,
                    Value::None,
                ]),
                None => Value::None,
            },
            "modified" => Value::Bool(self.ctx.peek(|s| {
                s.state(self.id)
                    .is_ok_and(|state| !state.committed.is_empty() || state.rels_modified())
            })?),
            "expired" => {
                let (_, _, expired) = self.key_sets()?;
                let keys = self.keys()?;
                let relationships = self.relationship_keys()?;
                let columns = keys.iter().filter(|k| !relationships.contains(k)).count();
                Value::Bool(
                    columns > 0
                        && expired
                            .iter()
                            .filter(|k| !relationships.contains(k))
                            .count()
                            == columns,
                )
            }
            "expired_attributes" => Self::names_set(self.key_sets()?.2),
            "unloaded" => Self::names_set(self.key_sets()?.0),
            "unmodified" => Self::names_set(self.key_sets()?.1),
            "session" => match status {
                ObjectStatus::Transient | ObjectStatus::Detached => Value::None,
                _ => Value::native(SessionInstance(SessionObject {
                    ctx: self.ctx.clone(),
                })),
            },
            "object" => self.instance.clone(),
            "obj" => {
                let instance = self.instance.clone();
                NativeFunction::function("obj", move |_, _| Ok(instance.clone()))
            }
            "mapper" => {
                let class = interp.class_of(&self.instance);
                interp.get_attr(&Value::Class(class), "__mapper__")?
            }
            "attrs" => {
                let state = Rc::new(InstanceStateObject {
                    ctx: self.ctx.clone(),
                    instance: self.instance.clone(),
                    id: self.id,
                });
                let keys = self.keys()?;
                let values = keys
                    .iter()
                    .map(|key| {
                        Value::native(AttributeStateObject {
                            state: state.clone(),
                            key: key.clone(),
                        })
                    })
                    .collect();
                Value::native(PropertiesObject::new(keys, values))
            }
            _ => return Ok(None),
        }))
    }
}

/// `inspect(obj).attrs.name`.
#[derive(Debug)]
struct AttributeStateObject {
    state: Rc<InstanceStateObject>,
    key: String,
}

impl NativeObject for AttributeStateObject {
    fn type_name(&self) -> &str {
        "AttributeState"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.orm.state.AttributeState", this))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "key" => Value::str(self.key.as_str()),
            "value" => interp.get_attr(&self.state.instance, &self.key)?,
            "loaded_value" => {
                let facts = self.state.facts(interp, &self.key)?;
                match (facts.related, facts.loaded) {
                    (Some(_), _) => {
                        let current = self.state.ctx.peek(|s| {
                            s.state(self.state.id)
                                .ok()
                                .and_then(|state| state.rels.get(&self.key).cloned())
                                .and_then(|r| r.current)
                        })?;
                        match current {
                            Some(ids) => Value::list(self.state.objects(&ids)?),
                            None => Value::native(Symbol("NO_VALUE")),
                        }
                    }
                    (None, Some(value)) => value,
                    (None, None) => Value::native(Symbol("NO_VALUE")),
                }
            }
            "history" => self.state.history(interp, &self.key)?,
            _ => return Ok(None),
        }))
    }
}

/// A mapped instance's `__dict__`, as SQLAlchemy's instrumentation leaves
/// it: `_sa_instance_state`, then the loaded column values (in column
/// order), the loaded relationships, and the attributes the script set
/// that are not mapped. A snapshot: writing to it changes nothing.
pub fn instance_dict(ctx: &Rc<Ctx>, interp: &mut Interpreter, instance: &Value) -> PyResult<Value> {
    let id = ctx.object_of(interp, instance)?;
    let state = InstanceStateObject {
        ctx: ctx.clone(),
        instance: instance.clone(),
        id,
    };
    let (columns, relationships) = ctx.peek(|s| {
        let Ok(object) = s.state(id) else {
            return (Vec::new(), Vec::new());
        };
        s.mapper(object.mapper)
            .map(|m| {
                (
                    m.columns
                        .iter()
                        .map(|c| c.attr.to_string())
                        .collect::<Vec<_>>(),
                    m.relationships
                        .iter()
                        .map(|r| r.key.clone())
                        .collect::<Vec<_>>(),
                )
            })
            .unwrap_or_default()
    })?;
    let mut entries = vec![(
        Value::str("_sa_instance_state"),
        Value::native(InstanceStateObject {
            ctx: ctx.clone(),
            instance: instance.clone(),
            id,
        }),
    )];
    for key in columns.iter().chain(&relationships) {
        if let Some(value) = state.facts(interp, key)?.loaded {
            entries.push((Value::str(key.as_str()), value));
        }
    }
    if let Value::Instance(object) = instance {
        let own: Vec<(String, Value)> = object
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (key, value) in own {
            if !columns.contains(&key) && !relationships.contains(&key) {
                entries.push((Value::str(key), value));
            }
        }
    }
    interp.make_dict(entries)
}
