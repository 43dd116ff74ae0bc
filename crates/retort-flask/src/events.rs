//! `sqlalchemy.event` (`db.event`): `listens_for` and `listen` for the
//! `set` event of a mapped column, with `retval=` and `named=`, called with
//! SQLAlchemy's arguments (`target`, `value`, `oldvalue`, `initiator`),
//! also from the constructor. Other events are refused with a clear error.

use std::rc::Rc;

use retort_orm::MapperId;
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;
use crate::model::ColumnAttribute;
use crate::relationship::RelationshipAttribute;

/// One registered attribute listener.
#[derive(Debug, Clone)]
pub struct AttributeListener {
    pub mapper: MapperId,
    pub attr: String,
    pub event: String,
    pub function: Value,
    pub retval: bool,
    pub named: bool,
}

/// SQLAlchemy's marker symbols (`symbol('NO_VALUE')`).
#[derive(Debug)]
pub struct Symbol(pub &'static str);

impl NativeObject for Symbol {
    fn type_name(&self) -> &str {
        "LoaderCallableStatus"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("LoaderCallableStatus.{}", self.0))
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(false)
    }
}

/// The `initiator` argument: which attribute operation fired the event.
#[derive(Debug)]
pub struct EventToken {
    pub op: String,
    pub key: String,
}

impl NativeObject for EventToken {
    fn type_name(&self) -> &str {
        "AttributeEventToken"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("<AttributeEventToken {} {}>", self.key, self.op))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "key" => Some(Value::str(self.key.as_str())),
            "op" => Some(Value::str(self.op.as_str())),
            _ => None,
        })
    }
}

/// The attribute events Retort fires (collection `append`/`remove` events
/// are not fired yet, so registering them is refused rather than ignored).
const ATTRIBUTE_EVENTS: &[&str] = &["set"];

fn register(
    interp: &mut Interpreter,
    ctx: &Ctx,
    target: &Value,
    identifier: &str,
    function: Value,
    options: &CallArgs,
) -> PyResult<()> {
    let flag = |interp: &mut Interpreter, name: &str| -> PyResult<bool> {
        match options.keywords.iter().find(|(k, _)| k == name) {
            Some((_, value)) => interp.is_truthy(value),
            None => Ok(false),
        }
    };
    let retval = flag(interp, "retval")?;
    let named = flag(interp, "named")?;
    let (mapper, attr) = if let Some(column) = target.downcast_native::<ColumnAttribute>() {
        (column.mapper, column.attr.clone())
    } else if let Some(rel) = target.downcast_native::<RelationshipAttribute>() {
        return Err(PyErr::new(
            "NotImplementedError",
            format!(
                "Retort does not fire events on relationship attributes yet ({}.{})",
                rel.class_name, rel.key
            ),
        ));
    } else if let Some((mapper, attr)) = target
        .downcast_native::<crate::expr::ExprObject>()
        .and_then(|e| e.attribute.clone())
    {
        (mapper, attr)
    } else {
        let shown = interp.repr(target)?;
        return Err(PyErr::new(
            "NotImplementedError",
            format!(
                "Retort supports attribute events (set, append, remove) on mapped attributes; no events for {shown} yet"
            ),
        ));
    };
    if !ATTRIBUTE_EVENTS.contains(&identifier) {
        return Err(ctx.raise(
            "InvalidRequestError",
            format!(
                "No such event '{identifier}' for target '{}'",
                interp.str(target)?
            ),
        ));
    }
    ctx.attribute_listeners
        .borrow_mut()
        .push(AttributeListener {
            mapper,
            attr,
            event: identifier.to_string(),
            function,
            retval,
            named,
        });
    Ok(())
}

/// The `event` module.
pub fn event_module(ctx: Rc<Ctx>) -> Value {
    let listens_ctx = ctx.clone();
    let listens_for = NativeFunction::function("listens_for", move |interp, mut args| {
        let target = args.take(0, "target").unwrap_or(Value::None);
        let identifier = args.take(1, "identifier").unwrap_or(Value::None);
        let identifier = interp.str(&identifier)?;
        let ctx = listens_ctx.clone();
        let options = CallArgs {
            positional: Vec::new(),
            keywords: std::mem::take(&mut args.keywords),
        };
        Ok(NativeFunction::function(
            "decorate",
            move |interp, mut args| {
                let function = args.take(0, "fn").unwrap_or(Value::None);
                register(
                    interp,
                    &ctx,
                    &target,
                    &identifier,
                    function.clone(),
                    &options,
                )?;
                Ok(function)
            },
        ))
    });
    let listen_ctx = ctx;
    let listen = NativeFunction::function("listen", move |interp, mut args| {
        let target = args.take(0, "target").unwrap_or(Value::None);
        let identifier = args.take(1, "identifier").unwrap_or(Value::None);
        let identifier = interp.str(&identifier)?;
        let function = args.take(2, "fn").unwrap_or(Value::None);
        let options = CallArgs {
            positional: Vec::new(),
            keywords: std::mem::take(&mut args.keywords),
        };
        register(
            interp,
            &listen_ctx,
            &target,
            &identifier,
            function,
            &options,
        )?;
        Ok(Value::None)
    });
    Interpreter::new_module(
        "sqlalchemy.event",
        vec![("listens_for", listens_for), ("listen", listen)],
    )
}

impl Ctx {
    /// Runs the `set` listeners of `mapper.attr` (inherited ones too) and
    /// returns the value to set (`retval=True` listeners replace it).
    pub fn fire_set(
        &self,
        interp: &mut Interpreter,
        mapper: MapperId,
        attr: &str,
        target: &Value,
        value: Value,
        oldvalue: Value,
    ) -> PyResult<Value> {
        let listeners: Vec<AttributeListener> = self
            .attribute_listeners
            .borrow()
            .iter()
            .filter(|l| l.mapper == mapper && l.attr == attr && l.event == "set")
            .cloned()
            .collect();
        let mut value = value;
        for listener in listeners {
            let initiator = Value::native(EventToken {
                op: "set".to_string(),
                key: attr.to_string(),
            });
            let args = if listener.named {
                CallArgs {
                    positional: Vec::new(),
                    keywords: vec![
                        ("target".to_string(), target.clone()),
                        ("value".to_string(), value.clone()),
                        ("oldvalue".to_string(), oldvalue.clone()),
                        ("initiator".to_string(), initiator),
                    ],
                }
            } else {
                CallArgs::new(vec![
                    target.clone(),
                    value.clone(),
                    oldvalue.clone(),
                    initiator,
                ])
            };
            let returned = interp.call(&listener.function, args)?;
            if listener.retval {
                value = returned;
            }
        }
        Ok(value)
    }

    /// Whether any listener watches `mapper.attr`.
    pub fn has_listeners(&self, mapper: MapperId, attr: &str) -> bool {
        self.attribute_listeners
            .borrow()
            .iter()
            .any(|l| l.mapper == mapper && l.attr == attr)
    }
}
