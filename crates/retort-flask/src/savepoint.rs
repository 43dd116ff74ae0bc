//! `session.begin_nested()`'s `SessionTransaction`: `commit()`,
//! `rollback()`, `close()`, `is_active`, `nested`, and the `with` block
//! that commits it on a clean exit (rolling it back when that fails) and
//! rolls it back on an exception.

use std::rc::Rc;

use retort_python::native::object_repr;
use retort_python::{CallArgs, Interpreter, NativeObject, PyResult, Value};

use crate::ctx::Ctx;
use crate::method::bound_method;

/// A savepoint of the run's session, by its id there.
#[derive(Debug, Clone)]
pub struct NestedTransaction {
    pub ctx: Rc<Ctx>,
    pub id: u64,
}

impl NestedTransaction {
    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        _args: CallArgs,
    ) -> PyResult<Value> {
        let id = self.id;
        match name {
            "commit" => self.ctx.run(interp, |s, h| s.commit_savepoint(h, id))?,
            _ => self.ctx.run(interp, |s, h| s.rollback_savepoint(h, id))?,
        }
        Ok(Value::None)
    }

    fn is_open(&self) -> PyResult<bool> {
        let id = self.id;
        self.ctx.peek(|s| s.savepoint_is_open(id))
    }
}

impl NativeObject for NestedTransaction {
    fn type_name(&self) -> &str {
        "SessionTransaction"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "sqlalchemy.orm.session.SessionTransaction",
            this,
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let id = self.id;
        Ok(Some(match name {
            "nested" => Value::Bool(true),
            "is_active" => Value::Bool(self.ctx.peek(|s| s.savepoint_is_active(id))?),
            "commit" | "rollback" | "close" => {
                bound_method(self.clone(), name, NestedTransaction::call_method)
            }
            _ => return Ok(None),
        }))
    }

    fn enter(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(this.clone()))
    }

    fn exit(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        exception: Option<&Value>,
    ) -> PyResult<bool> {
        let id = self.id;
        if !self.is_open()? {
            return Ok(false);
        }
        let active = self.ctx.peek(|s| s.savepoint_is_active(id))?;
        if exception.is_none() && active {
            if let Err(error) = self.ctx.run(interp, |s, h| s.commit_savepoint(h, id)) {
                self.ctx.run(interp, |s, h| s.rollback_savepoint(h, id))?;
                return Err(error);
            }
        } else {
            self.ctx.run(interp, |s, h| s.rollback_savepoint(h, id))?;
        }
        Ok(false)
    }
}

/// `session.begin_nested()`.
pub(crate) fn begin_nested(ctx: &Rc<Ctx>, interp: &mut Interpreter) -> PyResult<Value> {
    let id = ctx.run(interp, |s, h| s.begin_nested(h))?;
    Ok(Value::native(NestedTransaction {
        ctx: ctx.clone(),
        id,
    }))
}
