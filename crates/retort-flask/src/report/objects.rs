//! The session snapshot: every object the session holds or the script can
//! still reach, with its state, identity, loaded, changed and expired
//! attributes, and its `repr` as the script would print it.
//!
//! The `repr` runs the object's own `__repr__` under an ORM inspection
//! (every statement fails before it is logged or run; the object's state
//! is restored afterwards) on a small step budget of its own, with the
//! run's output muted by the caller; every instance is pinned meanwhile so
//! the binding's reference counting releases nothing. When it raises —
//! typically because it reads expired attributes, which would need SQL —
//! the snapshot shows `<User #1>` instead (the class and the object's
//! handle in the report, not a memory address, so that a run's report
//! depends on its script alone), as it does while relationships wait to be
//! configured (a session call would configure them early).

use std::rc::Rc;

use retort_orm::state::Committed;
use retort_orm::{InstanceState, ObjectId, Session};
use retort_python::{Interpreter, Value};
use retort_report::{AttributeValue, ChangedAttribute, ObjectSnapshot, SessionSnapshot};

use super::convert;
use super::values::shown_orm;
use crate::ctx::Ctx;

/// Steps one `__repr__` may take.
const REPR_STEPS: u64 = 10_000;

/// One object's state, read under a short borrow of the session.
struct Seen {
    id: ObjectId,
    class_name: String,
    columns: Vec<String>,
    state: InstanceState,
    marked_deleted: bool,
    instance: Option<Value>,
}

/// Which objects to show: the session's, and those the script holds.
fn gather(ctx: &Ctx, session: &Session) -> Vec<Seen> {
    let objects = ctx.objects.borrow();
    let mut ids = session.attached_objects();
    ids.extend(session.deleted_objects());
    ids.extend(
        objects
            .iter()
            // Only this context holds it: the script can no longer reach it.
            .filter(|(_, v)| !matches!(v, Value::Instance(rc) if Rc::strong_count(rc) == 1))
            .map(|(raw, _)| ObjectId(*raw)),
    );
    retort_sort::sort(&mut ids);
    ids.dedup();
    let deleted = session.deleted_objects();
    ids.into_iter()
        .filter_map(|id| {
            let state = session.state(id).ok()?;
            let mapper = session.registry.mapper(state.mapper).ok()?;
            Some(Seen {
                id,
                class_name: mapper.class_name.clone(),
                columns: mapper.columns.iter().map(|c| c.attr.to_string()).collect(),
                state: state.clone(),
                marked_deleted: deleted.contains(&id),
                instance: objects.get(&id.0).cloned(),
            })
        })
        .collect()
}

/// `repr(obj)` without SQL or side effects, or `None` when it raised.
fn guarded_repr(
    interp: &mut Interpreter,
    ctx: &Ctx,
    id: ObjectId,
    instance: &Value,
) -> Option<String> {
    // A session call would configure new relationships (and install their
    // backrefs) now rather than at the script's next session call.
    if !ctx.pending_relationships.borrow().is_empty() {
        return None;
    }
    let inspection = ctx
        .session
        .try_borrow_mut()
        .ok()?
        .begin_inspection(Some(id));
    let repr = interp.isolated(REPR_STEPS, |interp| interp.repr(instance));
    if let Ok(mut session) = ctx.session.try_borrow_mut() {
        session.end_inspection(inspection);
    }
    repr.ok()
}

fn snapshot_of(interp: &mut Interpreter, ctx: &Ctx, seen: Seen) -> ObjectSnapshot {
    let Seen {
        id,
        class_name,
        columns,
        state,
        marked_deleted,
        instance,
    } = seen;
    let own_repr = instance
        .as_ref()
        .and_then(|instance| guarded_repr(interp, ctx, id, instance));
    let repr_fallback = own_repr.is_none();
    let repr = own_repr.unwrap_or_else(|| format!("<{class_name} #{}>", id.0));
    let (attributes, changed, identity) = interp.isolated(REPR_STEPS, |interp| {
        let attributes = columns
            .iter()
            .filter_map(|name| {
                let value = state.dict.get(name.as_str())?;
                Some(AttributeValue {
                    name: name.clone(),
                    value: shown_orm(interp, value),
                })
            })
            .collect();
        let changed = state
            .changed_attributes()
            .into_iter()
            .map(|name| ChangedAttribute {
                old: match state.committed.get(&name) {
                    Some(Committed::Value(v)) => Some(shown_orm(interp, v)),
                    _ => None,
                },
                new: shown_orm(
                    interp,
                    state.dict.get(&name).unwrap_or(&retort_orm::OrmValue::None),
                ),
                name: name.to_string(),
            })
            .collect();
        let identity = state
            .key
            .as_ref()
            .map(|key| key.iter().map(|v| shown_orm(interp, v)).collect());
        (attributes, changed, identity)
    });
    ObjectSnapshot {
        id: id.0,
        class_name,
        repr,
        repr_fallback,
        status: convert::status(state.status()),
        identity,
        marked_deleted,
        attributes,
        changed,
        expired: state.expired.iter().map(|a| a.to_string()).collect(),
    }
}

/// The session after a step. Emits no SQL and changes no state.
pub fn session_snapshot(interp: &mut Interpreter, ctx: &Ctx) -> SessionSnapshot {
    let (seen, in_transaction, active) = match ctx.session.try_borrow() {
        Ok(session) => (
            gather(ctx, &session),
            session.in_transaction(),
            session.is_active(),
        ),
        Err(_) => return SessionSnapshot::default(),
    };
    // Held while `__repr__`s run: every instance stays referenced, so the
    // binding's garbage collection (on each session call) frees nothing.
    let pins: Vec<Value> = ctx.objects.borrow().values().cloned().collect();
    let objects = seen
        .into_iter()
        .map(|seen| snapshot_of(interp, ctx, seen))
        .collect();
    drop(pins);
    SessionSnapshot {
        objects,
        in_transaction,
        active,
    }
}
