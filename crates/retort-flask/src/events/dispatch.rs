//! Running listeners: which registered listeners an ORM event reaches,
//! the Python arguments SQLAlchemy passes for it (positional or, with
//! `named=True`, by name), `retval=True` replacements, and the record of
//! every call for the run report. Runs with the session in its cell (lent
//! by the ORM call that dispatched the event), so listeners use it freely.

use retort_orm::{
    AttributeEvent, AttributeEventKind, MapperId, ObjectId, OldValue, OrmEvent, SessionEventKind,
};
use retort_python::{CallArgs, Interpreter, PyResult, Value};

use super::objects::{EventToken, MapperObject, Opaque, SessionInstance, Symbol};
use super::{Listener, ListenerTarget};
use crate::ctx::Ctx;
use crate::session::SessionObject;

/// One call of a listener, for the run report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerCall {
    /// The event's name: `before_insert`, `set`, ...
    pub event: String,
    /// What the listener was registered on: `User`, `User.name`, `db.session`.
    pub target: String,
    /// The listener function's name.
    pub listener: String,
    /// The line of the listener's `def`.
    pub listener_line: Option<u32>,
    /// The script line that was running when the event fired.
    pub caused_by: Option<u32>,
}

impl Ctx {
    /// The listeners `event` reaches, in registration order.
    fn listeners_for(&self, event: &OrmEvent) -> Vec<Listener> {
        let listeners = self.listeners.borrow();
        if listeners.is_empty() {
            return Vec::new();
        }
        listeners
            .iter()
            .filter(|l| self.reaches(l, event))
            .cloned()
            .collect()
    }

    fn reaches(&self, listener: &Listener, event: &OrmEvent) -> bool {
        match (event, &listener.target) {
            (OrmEvent::Session(kind), ListenerTarget::Session) => listener.event == kind.name(),
            (
                OrmEvent::Mapper { kind, mapper, .. },
                ListenerTarget::Mapper { class, propagate },
            ) => {
                listener.event == kind.name()
                    && self.classes.borrow().get(&mapper.0).is_some_and(|mapped| {
                        std::rc::Rc::ptr_eq(mapped, class)
                            || (*propagate && mapped.is_subclass_of(class))
                    })
            }
            (
                OrmEvent::Instance { kind, mapper, .. },
                ListenerTarget::Mapper { class, propagate },
            ) => {
                listener.event == kind.name()
                    && self.classes.borrow().get(&mapper.0).is_some_and(|mapped| {
                        std::rc::Rc::ptr_eq(mapped, class)
                            || (*propagate && mapped.is_subclass_of(class))
                    })
            }
            (OrmEvent::Attribute(attr), ListenerTarget::Attribute { mapper, attr: key }) => {
                listener.event == attr.kind.name() && *mapper == attr.mapper && *key == attr.key
            }
            _ => false,
        }
    }

    /// Whether any listener waits for `event`.
    pub fn listens(&self, event: &OrmEvent) -> bool {
        let listeners = self.listeners.borrow();
        !listeners.is_empty() && listeners.iter().any(|l| self.reaches(l, event))
    }

    /// Whether any listener watches `mapper.attr`.
    pub fn has_listeners(&self, mapper: MapperId, attr: &str) -> bool {
        self.listeners.borrow().iter().any(|l| {
            matches!(&l.target, ListenerTarget::Attribute { mapper: m, attr: a } if *m == mapper && a == attr)
        })
    }

    /// Calls one listener and records the call.
    fn call_listener(
        &self,
        interp: &mut Interpreter,
        listener: &Listener,
        positional: Vec<(&str, Value)>,
    ) -> PyResult<Value> {
        let (name, line) = match &listener.reported_as {
            Value::Function(f) => (f.name.borrow().clone(), Some(f.def.loc.line)),
            other => (other.type_name().to_string(), None),
        };
        self.listener_calls.borrow_mut().push(ListenerCall {
            event: listener.event.clone(),
            target: listener.target_text.clone(),
            listener: name,
            listener_line: line,
            caused_by: interp.current_location().map(|loc| loc.line),
        });
        let args = if listener.named {
            CallArgs {
                positional: Vec::new(),
                keywords: positional
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            }
        } else {
            CallArgs::new(positional.into_iter().map(|(_, v)| v).collect())
        };
        interp.call(&listener.function, args)
    }

    /// Runs the `init` listeners of `class` (and those its bases registered
    /// with `propagate=True`): `(target, args, kwargs)` before the
    /// constructor sets anything. The listeners share one `kwargs` dict,
    /// and what they leave in it is what the default constructor sets
    /// (`kwargs.setdefault('grams', 100)`): returned, or `None` when no
    /// listener ran.
    pub fn fire_init(
        &self,
        interp: &mut Interpreter,
        class: &std::rc::Rc<retort_python::Class>,
        target: &Value,
        args: &[Value],
        kwargs: &[(String, Value)],
    ) -> PyResult<Option<Vec<(String, Value)>>> {
        let listeners: Vec<Listener> = self
            .listeners
            .borrow()
            .iter()
            .filter(|l| {
                l.event == "init"
                    && matches!(&l.target, ListenerTarget::Mapper { class: c, propagate }
                        if std::rc::Rc::ptr_eq(c, class) || (*propagate && class.is_subclass_of(c)))
            })
            .cloned()
            .collect();
        if listeners.is_empty() {
            return Ok(None);
        }
        let items = kwargs
            .iter()
            .map(|(k, v)| (Value::str(k.as_str()), v.clone()))
            .collect();
        let shared = interp.make_dict(items)?;
        for listener in listeners {
            self.call_listener(
                interp,
                &listener,
                vec![
                    ("target", target.clone()),
                    ("args", Value::tuple(args.to_vec())),
                    ("kwargs", shared.clone()),
                ],
            )?;
        }
        let Value::Dict(dict) = &shared else {
            return Ok(None);
        };
        let mut after = Vec::new();
        for (key, value) in dict.borrow().items() {
            after.push((interp.str(&key)?, value));
        }
        Ok(Some(after))
    }

    /// Runs the `set` listeners of the column `mapper.attr` and returns
    /// the value to set (`retval=True` listeners replace it).
    pub fn fire_set(
        &self,
        interp: &mut Interpreter,
        mapper: MapperId,
        attr: &str,
        target: &Value,
        value: Value,
        oldvalue: Value,
    ) -> PyResult<Value> {
        let listeners: Vec<Listener> = self
            .listeners
            .borrow()
            .iter()
            .filter(|l| {
                l.event == "set"
                    && matches!(&l.target, ListenerTarget::Attribute { mapper: m, attr: a } if *m == mapper && a == attr)
            })
            .cloned()
            .collect();
        let mut value = value;
        for listener in listeners {
            let initiator = Value::native(EventToken {
                op: "REPLACE",
                key: attr.to_string(),
            });
            let returned = self.call_listener(
                interp,
                &listener,
                vec![
                    ("target", target.clone()),
                    ("value", value.clone()),
                    ("oldvalue", oldvalue.clone()),
                    ("initiator", initiator),
                ],
            )?;
            if listener.retval {
                value = returned;
            }
        }
        Ok(value)
    }

    /// The Python instance of an ORM object (the session is in its cell).
    fn event_instance(&self, id: ObjectId) -> PyResult<Value> {
        self.peek(|s| self.instance(s, id))?
    }

    fn event_value(&self, id: Option<ObjectId>) -> PyResult<Value> {
        match id {
            Some(id) => self.event_instance(id),
            None => Ok(Value::None),
        }
    }

    fn session_value(&self) -> Value {
        match self.self_rc() {
            Some(ctx) => Value::native(SessionInstance(SessionObject { ctx })),
            None => Value::None,
        }
    }

    /// Runs the listeners of an ORM event (the session lent to them).
    pub fn run_listeners(&self, interp: &mut Interpreter, event: &mut OrmEvent) -> PyResult<()> {
        let listeners = self.listeners_for(event);
        if listeners.is_empty() {
            return Ok(());
        }
        match event {
            OrmEvent::Session(kind) => {
                for listener in &listeners {
                    let args = self.session_event_args(*kind);
                    self.call_listener(interp, listener, args)?;
                }
            }
            OrmEvent::Mapper { mapper, target, .. } => {
                let mapper_value = self.mapper_value(*mapper);
                let target = self.event_instance(*target)?;
                for listener in &listeners {
                    let connection = Value::native(Opaque {
                        type_name: "Connection",
                        module: "sqlalchemy.engine.base",
                    });
                    self.call_listener(
                        interp,
                        listener,
                        vec![
                            ("mapper", mapper_value.clone()),
                            ("connection", connection),
                            ("target", target.clone()),
                        ],
                    )?;
                }
            }
            OrmEvent::Instance {
                target, refreshed, ..
            } => {
                let target = self.event_instance(*target)?;
                for listener in &listeners {
                    let context = Value::native(Opaque {
                        type_name: "QueryContext",
                        module: "sqlalchemy.orm.context",
                    });
                    let mut args = vec![("target", target.clone()), ("context", context)];
                    if let Some(refreshed) = refreshed {
                        args.push(("attrs", refreshed_value(refreshed)));
                    }
                    self.call_listener(interp, listener, args)?;
                }
            }
            OrmEvent::Attribute(attr) => self.run_attribute_listeners(interp, &listeners, attr)?,
        }
        Ok(())
    }

    fn session_event_args(&self, kind: SessionEventKind) -> Vec<(&'static str, Value)> {
        let session = ("session", self.session_value());
        let flush_context = || {
            (
                "flush_context",
                Value::native(Opaque {
                    type_name: "UOWTransaction",
                    module: "sqlalchemy.orm.unitofwork",
                }),
            )
        };
        match kind {
            SessionEventKind::BeforeFlush => {
                vec![session, flush_context(), ("instances", Value::None)]
            }
            SessionEventKind::AfterFlush | SessionEventKind::AfterFlushPostexec => {
                vec![session, flush_context()]
            }
            SessionEventKind::AfterBegin => vec![
                session,
                (
                    "transaction",
                    Value::native(Opaque {
                        type_name: "SessionTransaction",
                        module: "sqlalchemy.orm.session",
                    }),
                ),
                (
                    "connection",
                    Value::native(Opaque {
                        type_name: "Connection",
                        module: "sqlalchemy.engine.base",
                    }),
                ),
            ],
            _ => vec![session],
        }
    }

    fn mapper_value(&self, mapper: MapperId) -> Value {
        let class = self.classes.borrow().get(&mapper.0).cloned();
        let table = self
            .peek(|s| s.mapper(mapper).map(|m| m.table_name().to_string()))
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        match class {
            Some(class) => Value::native(MapperObject { class, table }),
            None => Value::None,
        }
    }

    fn run_attribute_listeners(
        &self,
        interp: &mut Interpreter,
        listeners: &[Listener],
        event: &mut AttributeEvent,
    ) -> PyResult<()> {
        let target = self.event_instance(event.target)?;
        let oldvalue = match event.oldvalue {
            OldValue::NoValue => Value::native(Symbol("NO_VALUE")),
            OldValue::NoResult => Value::native(Symbol("PASSIVE_NO_RESULT")),
            OldValue::Value(id) => self.event_value(id)?,
        };
        for listener in listeners {
            let value = self.event_value(event.value)?;
            let initiator = Value::native(EventToken {
                op: event.initiator.op.name(),
                key: event.initiator.key.clone(),
            });
            let args = match event.kind {
                AttributeEventKind::Set => vec![
                    ("target", target.clone()),
                    ("value", value),
                    ("oldvalue", oldvalue.clone()),
                    ("initiator", initiator),
                ],
                AttributeEventKind::Append | AttributeEventKind::Remove => vec![
                    ("target", target.clone()),
                    ("value", value),
                    ("initiator", initiator),
                ],
            };
            let returned = self.call_listener(interp, listener, args)?;
            if listener.retval && event.kind != AttributeEventKind::Remove {
                event.value = match returned {
                    Value::None => None,
                    other => Some(self.expect_object(interp, &other)?),
                };
            }
        }
        Ok(())
    }
}

/// A `refresh` listener's `attrs`: `None`, or the names as a `frozenset`
/// or a `set`.
fn refreshed_value(refreshed: &retort_orm::events::RefreshedAttrs) -> Value {
    let Some(names) = &refreshed.names else {
        return Value::None;
    };
    let mut set = retort_python::Set::new();
    for name in names {
        if let Ok(key) = retort_python::HashKey::new(Value::str(name.as_str())) {
            set.insert(key);
        }
    }
    if refreshed.frozen {
        Value::FrozenSet(std::rc::Rc::new(set))
    } else {
        Value::Set(std::rc::Rc::new(std::cell::RefCell::new(set)))
    }
}
