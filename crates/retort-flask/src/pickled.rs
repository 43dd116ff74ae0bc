//! `PickleType` attributes: the ORM keeps the pickle (what SQLAlchemy
//! binds: `pickle.dumps(value, HIGHEST_PROTOCOL)`), the script sees the
//! object — the same object on every read until the attribute is set or
//! expired (`Ctx::pickled`; every session call forgets the objects of
//! attributes it expired), so changing it in place shows on the next read
//! but, as in SQLAlchemy, is not saved by a flush.

use retort_orm::{ObjectId, OrmValue, Session};
use retort_python::stdlib::pickle;
use retort_python::{Interpreter, PyResult, Value};

use crate::ctx::Ctx;

/// The unpickled objects by (object, attribute), with their pickles.
pub type PickledValues = std::collections::HashMap<(u64, String), (Vec<u8>, Value)>;

/// `obj.attr` for a `PickleType` column.
pub fn get(ctx: &Ctx, interp: &mut Interpreter, id: ObjectId, attr: &str) -> PyResult<Value> {
    let key = (id.0, attr.to_string());
    // An expired attribute is read again: its old object is gone.
    let expired = ctx.peek(|s| s.state(id).is_ok_and(|state| state.expired.contains(attr)))?;
    if expired {
        ctx.pickled.borrow_mut().remove(&key);
    }
    let stored = ctx.run(interp, |session, _| session.get_attr(id, attr))?;
    let OrmValue::Bytes(data) = stored else {
        ctx.pickled.borrow_mut().remove(&key);
        return crate::convert::from_orm_in(interp, &stored);
    };
    if let Some((pickled, value)) = ctx.pickled.borrow().get(&key)
        && *pickled == data
    {
        return Ok(value.clone());
    }
    let value = pickle::loads(&data)?;
    ctx.pickled.borrow_mut().insert(key, (data, value.clone()));
    Ok(value)
}

/// `obj.attr = value` for a `PickleType` column.
pub fn set(
    ctx: &Ctx,
    interp: &mut Interpreter,
    id: ObjectId,
    attr: &str,
    value: Value,
) -> PyResult<()> {
    let key = (id.0, attr.to_string());
    let stored = match &value {
        Value::None => {
            ctx.pickled.borrow_mut().remove(&key);
            OrmValue::None
        }
        _ => {
            let data = pickle::dumps(&value, pickle::HIGHEST_PROTOCOL)?;
            ctx.pickled.borrow_mut().insert(key, (data.clone(), value));
            OrmValue::Bytes(data)
        }
    };
    ctx.run(interp, |session, _| session.set_attr(id, attr, stored))
}

/// Forgets the objects of attributes that are expired now (a commit, a
/// rollback, `expire`): their next read loads and unpickles again.
pub fn forget_expired(ctx: &Ctx, session: &Session) {
    let mut pickled = ctx.pickled.borrow_mut();
    if pickled.is_empty() {
        return;
    }
    pickled.retain(|(id, attr), _| {
        session
            .state(ObjectId(*id))
            .is_ok_and(|state| !state.expired.contains(attr.as_str()))
    });
}
