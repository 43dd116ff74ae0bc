//! `sqlalchemy.event` (`db.event`): `listens_for`, `listen`, `remove` and
//! `contains` for attribute events (`set` on columns and relationships,
//! `append`/`remove` on collections), mapper events (`before_insert`, ...,
//! on a model class, or a base class with `propagate=True`) and session
//! events (`before_flush`, ..., on `db.session`, `Session`, `sessionmaker`
//! or a session), and the instance events `init` (fired by the
//! constructor) and `load` (after the ORM call that made the instance
//! from a row) on a model class; and an engine's `connect`
//! (`engine_connect.rs`). Which targets take which events is checked here; the
//! listeners run from `dispatch.rs`; their Python arguments are in
//! `objects.rs`. Events Retort does not fire are refused, not ignored.

mod dispatch;
pub mod engine_connect;
mod objects;

use std::rc::Rc;

use retort_orm::{MapperEventKind, MapperId, SessionEventKind};
use retort_python::{CallArgs, Class, Interpreter, NativeFunction, PyErr, PyResult, Value};

pub use dispatch::ListenerCall;
pub use objects::{EventToken, MapperObject, OpSymbol, SessionClass, SessionInstance, Symbol};

use crate::ctx::Ctx;
use crate::model::ColumnAttribute;
use crate::relationship::RelationshipAttribute;

/// What a listener listens on.
#[derive(Debug, Clone)]
pub enum ListenerTarget {
    /// A mapped attribute (column or relationship).
    Attribute { mapper: MapperId, attr: String },
    /// A class: its mapper, and its subclasses' with `propagate=True`.
    Mapper { class: Rc<Class>, propagate: bool },
    /// The session.
    Session,
}

/// One registered listener.
#[derive(Debug, Clone)]
pub struct Listener {
    pub target: ListenerTarget,
    /// The target as the report names it: `User.name`, `User`, `db.session`.
    pub target_text: String,
    pub event: String,
    pub function: Value,
    /// The function the report names for a call: `function`, or the
    /// model method a `@validates` listener calls.
    pub reported_as: Value,
    pub retval: bool,
    pub named: bool,
}

/// The attribute events Retort fires.
const ATTRIBUTE_EVENTS: &[&str] = &["set", "append", "remove"];
/// SQLAlchemy's other attribute events (not fired by Retort).
const OTHER_ATTRIBUTE_EVENTS: &[&str] = &[
    "append_wo_mutation",
    "bulk_replace",
    "dispose_collection",
    "init_collection",
    "init_scalar",
    "modified",
];
/// The instance events Retort fires.
const INSTANCE_EVENTS: &[&str] = &["init", "load", "refresh"];
/// SQLAlchemy's other mapper and instance events.
const OTHER_MAPPER_EVENTS: &[&str] = &[
    "after_configured",
    "after_mapper_constructed",
    "before_configured",
    "before_mapper_configured",
    "instrument_class",
    "mapper_configured",
    "expire",
    "first_init",
    "init_failure",
    "pickle",
    "refresh_flush",
    "unpickle",
];
/// SQLAlchemy's other session events.
const OTHER_SESSION_EVENTS: &[&str] = &[
    "after_attach",
    "after_bulk_delete",
    "after_bulk_update",
    "after_soft_rollback",
    "after_transaction_create",
    "after_transaction_end",
    "before_attach",
    "deleted_to_detached",
    "deleted_to_persistent",
    "detached_to_persistent",
    "do_orm_execute",
    "loaded_as_persistent",
    "pending_to_persistent",
    "pending_to_transient",
    "persistent_to_deleted",
    "persistent_to_detached",
    "persistent_to_transient",
    "transient_to_pending",
];

/// The target of `event.listen(target, ...)` and the events it takes.
fn resolve_target(
    interp: &mut Interpreter,
    ctx: &Ctx,
    target: &Value,
    propagate: bool,
) -> PyResult<Option<(ListenerTarget, String, Kind)>> {
    if let Some(column) = target.downcast_native::<ColumnAttribute>() {
        let text = format!("{}.{}", class_name(ctx, column.mapper), column.attr);
        return Ok(Some((
            ListenerTarget::Attribute {
                mapper: column.mapper,
                attr: column.attr.clone(),
            },
            text,
            Kind::Attribute,
        )));
    }
    if let Some(rel) = target.downcast_native::<RelationshipAttribute>() {
        return Ok(Some((
            ListenerTarget::Attribute {
                mapper: rel.mapper,
                attr: rel.key.clone(),
            },
            format!("{}.{}", rel.class_name, rel.key),
            Kind::Attribute,
        )));
    }
    if let Some((mapper, attr)) = target
        .downcast_native::<crate::expr::ExprObject>()
        .and_then(|e| e.attribute.clone())
    {
        let text = format!("{}.{attr}", class_name(ctx, mapper));
        return Ok(Some((
            ListenerTarget::Attribute { mapper, attr },
            text,
            Kind::Attribute,
        )));
    }
    if let Value::Class(class) = target {
        return Ok(Some((
            ListenerTarget::Mapper {
                class: class.clone(),
                propagate,
            },
            class.name.to_string(),
            Kind::Mapper,
        )));
    }
    if target
        .downcast_native::<crate::session::SessionObject>()
        .is_some()
    {
        return Ok(Some((
            ListenerTarget::Session,
            "db.session".into(),
            Kind::Session,
        )));
    }
    if let Some(class) = target.downcast_native::<SessionClass>() {
        return Ok(Some((
            ListenerTarget::Session,
            class.0.into(),
            Kind::Session,
        )));
    }
    if let Some(factory) = target.downcast_native::<crate::plain_session::SessionFactory>() {
        return Ok(Some((
            ListenerTarget::Session,
            factory.name().into(),
            Kind::Session,
        )));
    }
    if target.downcast_native::<SessionInstance>().is_some()
        || target
            .downcast_native::<crate::plain_session::PlainSession>()
            .is_some()
    {
        return Ok(Some((
            ListenerTarget::Session,
            "session".into(),
            Kind::Session,
        )));
    }
    let _ = interp;
    Ok(None)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Attribute,
    Mapper,
    Session,
}

fn class_name(ctx: &Ctx, mapper: MapperId) -> String {
    ctx.peek(|s| s.mapper(mapper).map(|m| m.class_name.clone()))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_else(|| "?".into())
}

/// Checks `identifier` against what the target takes.
fn check_identifier(
    interp: &mut Interpreter,
    ctx: &Ctx,
    target: &Value,
    kind: Kind,
    identifier: &str,
) -> PyResult<()> {
    let (fired, others): (bool, &[&str]) = match kind {
        Kind::Attribute => (
            ATTRIBUTE_EVENTS.contains(&identifier),
            OTHER_ATTRIBUTE_EVENTS,
        ),
        Kind::Mapper => (
            MapperEventKind::from_name(identifier).is_some()
                || INSTANCE_EVENTS.contains(&identifier),
            OTHER_MAPPER_EVENTS,
        ),
        Kind::Session => (
            SessionEventKind::from_name(identifier).is_some(),
            OTHER_SESSION_EVENTS,
        ),
    };
    if fired {
        return Ok(());
    }
    if others.contains(&identifier) {
        return Err(PyErr::new(
            "NotImplementedError",
            format!("Retort does not fire the '{identifier}' event yet"),
        ));
    }
    Err(ctx.raise(
        "InvalidRequestError",
        format!(
            "No such event '{identifier}' for target '{}'",
            interp.str(target)?
        ),
    ))
}

fn flag(interp: &mut Interpreter, options: &CallArgs, name: &str) -> PyResult<bool> {
    match options.keywords.iter().find(|(k, _)| k == name) {
        Some((_, value)) => interp.is_truthy(value),
        None => Ok(false),
    }
}

fn register(
    interp: &mut Interpreter,
    ctx: &Ctx,
    target: &Value,
    identifier: &str,
    function: Value,
    options: &CallArgs,
) -> PyResult<()> {
    if engine_connect::is_engine(target) {
        return engine_connect::register(interp, ctx, identifier, function);
    }
    let retval = flag(interp, options, "retval")?;
    let named = flag(interp, options, "named")?;
    let propagate = flag(interp, options, "propagate")?;
    let Some((target_kind, target_text, kind)) = resolve_target(interp, ctx, target, propagate)?
    else {
        let shown = interp.repr(target)?;
        return Err(PyErr::new(
            "NotImplementedError",
            format!(
                "Retort supports events on mapped attributes, model classes and the session; no events for {shown} yet"
            ),
        ));
    };
    check_identifier(interp, ctx, target, kind, identifier)?;
    ctx.listeners.borrow_mut().push(Listener {
        target: target_kind,
        target_text,
        event: identifier.to_string(),
        reported_as: function.clone(),
        function,
        retval,
        named,
    });
    Ok(())
}

/// The listeners registered on `target` for `identifier` with `function`.
fn matching(
    interp: &mut Interpreter,
    ctx: &Ctx,
    target: &Value,
    identifier: &str,
    function: &Value,
) -> PyResult<Vec<usize>> {
    let Some((wanted, _, _)) = resolve_target(interp, ctx, target, false)? else {
        return Ok(Vec::new());
    };
    let listeners = ctx.listeners.borrow();
    Ok(listeners
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.event == identifier
                && l.function.identity() == function.identity()
                && same_target(&l.target, &wanted)
        })
        .map(|(i, _)| i)
        .collect())
}

fn same_target(a: &ListenerTarget, b: &ListenerTarget) -> bool {
    match (a, b) {
        (
            ListenerTarget::Attribute { mapper, attr },
            ListenerTarget::Attribute {
                mapper: m2,
                attr: a2,
            },
        ) => mapper == m2 && attr == a2,
        (ListenerTarget::Mapper { class, .. }, ListenerTarget::Mapper { class: c2, .. }) => {
            Rc::ptr_eq(class, c2)
        }
        (ListenerTarget::Session, ListenerTarget::Session) => true,
        _ => false,
    }
}

/// Splits `(target, identifier[, fn])` and the keyword options.
fn target_and_identifier(
    interp: &mut Interpreter,
    args: &mut CallArgs,
) -> PyResult<(Value, String, CallArgs)> {
    let target = args.take(0, "target").unwrap_or(Value::None);
    let identifier = args.take(1, "identifier").unwrap_or(Value::None);
    let identifier = interp.str(&identifier)?;
    let options = CallArgs {
        positional: Vec::new(),
        keywords: std::mem::take(&mut args.keywords),
    };
    Ok((target, identifier, options))
}

/// The `event` module.
pub fn event_module(ctx: Rc<Ctx>) -> Value {
    let listens_ctx = ctx.clone();
    let listens_for = NativeFunction::function("listens_for", move |interp, mut args| {
        let (target, identifier, options) = target_and_identifier(interp, &mut args)?;
        let ctx = listens_ctx.clone();
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
    let listen_ctx = ctx.clone();
    let listen = NativeFunction::function("listen", move |interp, mut args| {
        let function = args.take(2, "fn").unwrap_or(Value::None);
        let (target, identifier, options) = target_and_identifier(interp, &mut args)?;
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
    let remove_ctx = ctx.clone();
    let remove = NativeFunction::function("remove", move |interp, mut args| {
        let function = args.take(2, "fn").unwrap_or(Value::None);
        let (target, identifier, _) = target_and_identifier(interp, &mut args)?;
        let found = matching(interp, &remove_ctx, &target, &identifier, &function)?;
        if found.is_empty() {
            return Err(PyErr::new(
                "InvalidRequestError",
                format!(
                    "No listeners found for event {} / '{identifier}' / {} ",
                    interp.repr(&target)?,
                    interp.repr(&function)?
                ),
            ));
        }
        let mut listeners = remove_ctx.listeners.borrow_mut();
        for index in found.into_iter().rev() {
            listeners.remove(index);
        }
        Ok(Value::None)
    });
    let contains_ctx = ctx;
    let contains = NativeFunction::function("contains", move |interp, mut args| {
        let function = args.take(2, "fn").unwrap_or(Value::None);
        let (target, identifier, _) = target_and_identifier(interp, &mut args)?;
        let found = matching(interp, &contains_ctx, &target, &identifier, &function)?;
        Ok(Value::Bool(!found.is_empty()))
    });
    Interpreter::new_module(
        "sqlalchemy.event",
        vec![
            ("listens_for", listens_for),
            ("listen", listen),
            ("remove", remove),
            ("contains", contains),
        ],
    )
}
