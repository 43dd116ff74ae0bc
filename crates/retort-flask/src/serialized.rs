//! Columns whose Python values are objects stored serialized:
//! `PickleType` (the pickle SQLAlchemy binds, `pickle.dumps(value,
//! HIGHEST_PROTOCOL)`, as bytes) and `JSON` (`json.dumps(value)` text;
//! an explicit `None` is the JSON `'null'`, an unset attribute is left out
//! of the INSERT, as SQLAlchemy's `JSON.should_evaluate_none` has it). The
//! ORM keeps the serialized form; the script sees the object — the same
//! object on every read until the attribute is set or expired
//! (`Ctx::serialized`; every session call forgets the objects of
//! attributes it expired), so changing it in place shows on the next read
//! but, as in SQLAlchemy, is saved only after `flag_modified`.

use retort_orm::{ObjectId, OrmValue, Session};
use retort_python::stdlib::pickle;
use retort_python::{CallArgs, Interpreter, NativeFunction, PyResult, Value};
use retort_sql::SqlType;

use crate::ctx::Ctx;

/// The objects read or written by (object, attribute), with their stored
/// form.
pub type SerializedValues = std::collections::HashMap<(u64, String), (OrmValue, Value)>;

/// How a column's values are stored, when they are serialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serialization {
    Pickle,
    Json,
}

impl Serialization {
    /// The serialization of a column type.
    pub fn of(sql_type: &SqlType) -> Option<Serialization> {
        match sql_type {
            SqlType::PickleType => Some(Serialization::Pickle),
            SqlType::Json => Some(Serialization::Json),
            _ => None,
        }
    }

    /// The stored form of `value`.
    pub fn dump(self, interp: &mut Interpreter, value: &Value) -> PyResult<OrmValue> {
        match (self, value) {
            (Serialization::Pickle, Value::None) => Ok(OrmValue::None),
            (Serialization::Pickle, _) => Ok(OrmValue::Bytes(pickle::dumps(
                value,
                pickle::HIGHEST_PROTOCOL,
            )?)),
            (Serialization::Json, _) => {
                let json = interp.import_module("json")?;
                let dumps = interp.get_attr(&json, "dumps")?;
                let text = interp.call(&dumps, CallArgs::new(vec![value.clone()]))?;
                Ok(OrmValue::Str(interp.str(&text)?))
            }
        }
    }

    /// The object a stored form stands for.
    pub fn load(self, interp: &mut Interpreter, stored: &OrmValue) -> PyResult<Value> {
        match (self, stored) {
            (_, OrmValue::None) => Ok(Value::None),
            (Serialization::Pickle, OrmValue::Bytes(data)) => pickle::loads(data),
            (Serialization::Json, OrmValue::Str(text)) => {
                let json = interp.import_module("json")?;
                let loads = interp.get_attr(&json, "loads")?;
                interp.call(&loads, CallArgs::new(vec![Value::str(text.as_str())]))
            }
            (_, other) => crate::convert::from_orm_in(interp, other),
        }
    }

    /// A column default for such a column: a value is stored serialized,
    /// a callable's result is serialized when it runs.
    pub fn wrap_default(self, value: &Value) -> Value {
        let callable = value.clone();
        NativeFunction::function("serialized_default", move |interp, args| {
            let made = interp.call(&callable, args)?;
            let stored = self.dump(interp, &made)?;
            Ok(crate::convert::from_orm(&stored))
        })
    }
}

/// `obj.attr` for a serialized column.
pub fn get(
    ctx: &Ctx,
    interp: &mut Interpreter,
    kind: Serialization,
    id: ObjectId,
    attr: &str,
) -> PyResult<Value> {
    let key = (id.0, attr.to_string());
    // An expired attribute is read again: its old object is gone.
    let expired = ctx.peek(|s| s.state(id).is_ok_and(|state| state.expired.contains(attr)))?;
    if expired {
        ctx.serialized.borrow_mut().remove(&key);
    }
    let stored = ctx.run(interp, |session, host| session.read_attr(host, id, attr))?;
    if let Some((known, value)) = ctx.serialized.borrow().get(&key)
        && *known == stored
    {
        return Ok(value.clone());
    }
    let value = kind.load(interp, &stored)?;
    ctx.serialized
        .borrow_mut()
        .insert(key, (stored, value.clone()));
    Ok(value)
}

/// `obj.attr = value` for a serialized column.
pub fn set(
    ctx: &Ctx,
    interp: &mut Interpreter,
    kind: Serialization,
    id: ObjectId,
    attr: &str,
    value: Value,
) -> PyResult<()> {
    let stored = kind.dump(interp, &value)?;
    ctx.serialized
        .borrow_mut()
        .insert((id.0, attr.to_string()), (stored.clone(), value));
    ctx.run(interp, |session, _| session.set_attr(id, attr, stored))
}

/// `flag_modified(obj, attr)` for a serialized column: the object as it
/// is now is stored again, so the flush writes it.
pub fn flag_modified(
    ctx: &Ctx,
    interp: &mut Interpreter,
    kind: Serialization,
    id: ObjectId,
    attr: &str,
) -> PyResult<()> {
    let current = ctx
        .serialized
        .borrow()
        .get(&(id.0, attr.to_string()))
        .map(|(_, value)| value.clone());
    match current {
        Some(value) => set(ctx, interp, kind, id, attr, value),
        None => Ok(()),
    }
}

/// Forgets the objects of attributes that are expired now (a commit, a
/// rollback, `expire`): their next read loads them again.
pub fn forget_expired(ctx: &Ctx, session: &Session) {
    let mut known = ctx.serialized.borrow_mut();
    if known.is_empty() {
        return;
    }
    known.retain(|(id, attr), _| {
        session
            .state(ObjectId(*id))
            .is_ok_and(|state| !state.expired.contains(attr.as_str()))
    });
}

/// `sqlalchemy.orm.attributes.flag_modified(obj, key)`: marks the
/// attribute changed, so the next flush writes it (for `PickleType` and
/// `JSON`, the object as it is now).
pub fn flag_modified_function(ctx: std::rc::Rc<Ctx>) -> Value {
    NativeFunction::function("flag_modified", move |interp, args| {
        let instance = args.positional.first().cloned().unwrap_or(Value::None);
        let key = args.positional.get(1).cloned().unwrap_or(Value::None);
        let key = interp.str(&key)?;
        let id = ctx.expect_object(interp, &instance)?;
        let column_type = ctx.peek(|s| {
            let state = s.state(id).ok()?;
            let mapper = s.mapper(state.mapper).ok()?;
            mapper.property(&key).ok().map(|p| p.sql_type.clone())
        })?;
        let Some(column_type) = column_type else {
            return Err(ctx.raise(
                "InvalidRequestError",
                format!("Attribute '{key}' is not mapped on this object"),
            ));
        };
        match Serialization::of(&column_type) {
            Some(kind) => flag_modified(&ctx, interp, kind, id, &key)?,
            None => {
                let value = ctx.run(interp, |s, _| s.get_attr(id, &key))?;
                ctx.run(interp, |s, _| s.set_attr(id, &key, value))?;
            }
        }
        Ok(Value::None)
    })
}
