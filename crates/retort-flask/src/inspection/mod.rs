//! `inspect(...)` of the ORM: [`instance_state`] for a model instance
//! (SQLAlchemy's `InstanceState`, its `AttributeState`s), [`history`] for
//! an attribute's `History`, [`mapper`] for a model class (its `Mapper`,
//! also `Model.__mapper__`); and `object_session`, `make_transient`.

mod history;
pub(crate) mod instance_state;
mod mapper;

pub use instance_state::InstanceStateObject;
pub use mapper::MapperInspection;

use std::rc::Rc;

use retort_python::{NativeFunction, Value};

use crate::ctx::Ctx;
use crate::events::SessionInstance;
use crate::session::SessionObject;

/// `sqlalchemy.orm.object_session(obj)`: the session the object belongs
/// to, or `None`.
pub fn object_session_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("object_session", move |interp, args| {
        let value = args.positional.first().cloned().unwrap_or(Value::None);
        let id = ctx.expect_object(interp, &value)?;
        let attached = ctx.peek(|s| s.state(id).is_ok_and(|state| state.attached))?;
        Ok(if attached {
            Value::native(SessionInstance(SessionObject { ctx: ctx.clone() }))
        } else {
            Value::None
        })
    })
}

/// `sqlalchemy.orm.make_transient(obj)`.
pub fn make_transient_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("make_transient", move |interp, args| {
        let value = args.positional.first().cloned().unwrap_or(Value::None);
        let id = ctx.expect_object(interp, &value)?;
        ctx.run(interp, |session, _| session.make_transient(id))?;
        Ok(Value::None)
    })
}
