//! Engine events: `@event.listens_for(Engine, "connect")` (the class from
//! `sqlalchemy.engine`, `db.engine` or a `create_engine()` engine), the
//! usual way to run `PRAGMA foreign_keys=ON` on SQLite. The run's one
//! database connection is opened before the script, so the listener runs
//! when it is registered if nothing has touched the database yet (SQLAlchemy
//! fires it at the first connect, before any statement), with a DBAPI
//! connection whose `cursor().execute(sql)` and `execute(sql)` run on that
//! connection unlogged, as SQLAlchemy's echo does not show them. Later
//! registrations never fire, as the connection is already made.

use std::rc::Rc;

use retort_orm::OrmError;
use retort_python::native::object_repr;
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;

/// `sqlalchemy.engine.Engine`, as an event target.
#[derive(Debug)]
pub struct EngineClass;

impl NativeObject for EngineClass {
    fn type_name(&self) -> &str {
        "type"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok("<class 'sqlalchemy.engine.base.Engine'>".into())
    }
}

/// Whether `target` is an engine or the `Engine` class.
pub fn is_engine(target: &Value) -> bool {
    target.downcast_native::<EngineClass>().is_some()
        || target
            .downcast_native::<crate::schema::EngineObject>()
            .is_some()
        || target
            .downcast_native::<crate::engine::PlainEngine>()
            .is_some()
}

/// Registers `function` for the engine event `identifier`.
pub fn register(
    interp: &mut Interpreter,
    ctx: &Ctx,
    identifier: &str,
    function: Value,
) -> PyResult<()> {
    if identifier != "connect" {
        return Err(PyErr::new(
            "NotImplementedError",
            format!("Retort fires only the 'connect' event of an engine, not '{identifier}'"),
        ));
    }
    let Some(ctx) = ctx.self_rc() else {
        return Ok(());
    };
    let connected = ctx.peek(|s| s.engine.log.next_index > 0)?;
    if connected {
        return Ok(());
    }
    let connection = Value::native(DbapiConnection { ctx: ctx.clone() });
    let record = Value::native(ConnectionRecord);
    interp.call(&function, CallArgs::new(vec![connection, record]))?;
    Ok(())
}

/// Runs `sql` on the connection, unlogged.
fn run_raw(interp: &mut Interpreter, ctx: &Rc<Ctx>, sql: &str) -> PyResult<()> {
    ctx.run(interp, |s, _| {
        s.engine
            .database()
            .run(sql, &[])
            .map(|_| ())
            .map_err(|e| OrmError::InvalidRequestError(e.to_string()))
    })
}

/// The `sqlite3.Connection` a `connect` listener gets.
#[derive(Debug)]
struct DbapiConnection {
    ctx: Rc<Ctx>,
}

impl NativeObject for DbapiConnection {
    fn type_name(&self) -> &str {
        "Connection"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlite3.Connection", this))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let ctx = self.ctx.clone();
        Ok(match name {
            "cursor" => Some(NativeFunction::function("cursor", move |_, _| {
                Ok(Value::native(DbapiCursor { ctx: ctx.clone() }))
            })),
            "execute" => Some(execute_function(ctx)),
            "close" | "commit" => Some(NativeFunction::function(name, |_, _| Ok(Value::None))),
            _ => None,
        })
    }
}

fn execute_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("execute", move |interp, args| {
        let sql = args.positional.first().cloned().unwrap_or(Value::None);
        let Some(sql) = sql.as_str() else {
            return Err(PyErr::type_error("execute() argument 1 must be str"));
        };
        run_raw(interp, &ctx, sql)?;
        Ok(Value::None)
    })
}

/// Its `cursor()`.
#[derive(Debug)]
struct DbapiCursor {
    ctx: Rc<Ctx>,
}

impl NativeObject for DbapiCursor {
    fn type_name(&self) -> &str {
        "Cursor"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "execute" => Some(execute_function(self.ctx.clone())),
            "close" => Some(NativeFunction::function("close", |_, _| Ok(Value::None))),
            _ => None,
        })
    }
}

/// The pool's `_ConnectionRecord` argument.
#[derive(Debug)]
struct ConnectionRecord;

impl NativeObject for ConnectionRecord {
    fn type_name(&self) -> &str {
        "_ConnectionRecord"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.pool.base._ConnectionRecord", this))
    }
}
