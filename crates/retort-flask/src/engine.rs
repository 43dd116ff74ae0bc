//! Plain SQLAlchemy's `create_engine()`, the `Engine` it returns and the
//! `Connection` of `engine.connect()` / `engine.begin()`. Every engine is
//! the run's one in-memory SQLite database (the one `db.engine` uses too),
//! and a connection works on the run's one SQLite connection, as
//! Flask-SQLAlchemy's StaticPool shares it: its statements begin and end
//! the connection's own logged transaction, apart from the session's
//! (whose objects it does not touch), while its `COMMIT` or `ROLLBACK`
//! ends SQLite's one transaction.

use retort_python::native::object_repr;
use std::rc::Rc;

use retort_orm::Origin;
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;
use crate::method::bound_method;
use crate::session::{execute_select, execute_statement};

/// URLs that already name an in-memory SQLite database.
fn is_in_memory(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    (scheme == "sqlite" || scheme.starts_with("sqlite+"))
        && (rest.is_empty() || rest == "/:memory:" || rest.starts_with("/:memory:?"))
}

/// `create_engine(url, echo=..., ...)`: any URL gives the run's in-memory
/// SQLite database; another database is announced with a warning.
pub fn create_engine_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("create_engine", move |interp, mut args| {
        let url = match args.take(0, "url") {
            Some(url) => interp.str(&url)?,
            None => {
                return Err(PyErr::type_error(
                    "create_engine() missing 1 required positional argument: 'url'",
                ));
            }
        };
        if let Some(echo) = args.take_keyword("echo")
            && interp.is_truthy(&echo)?
        {
            ctx.echo.enable_from_start();
        }
        if !url.contains("://") {
            return Err(ctx.raise(
                "ArgumentError",
                format!("Could not parse SQLAlchemy URL from string '{url}'"),
            ));
        }
        if !is_in_memory(&url) {
            interp.warn(
                "UserWarning",
                &format!(
                    "Retort runs every script on an in-memory SQLite database: \
                     create_engine('{url}') does not open that database"
                ),
            );
        }
        Ok(Value::native(PlainEngine {
            ctx: ctx.clone(),
            url,
        }))
    })
}

/// An `Engine` made by `create_engine`.
#[derive(Debug)]
pub struct PlainEngine {
    pub ctx: Rc<Ctx>,
    pub url: String,
}

impl PlainEngine {
    fn call_method(
        &self,
        _interp: &mut Interpreter,
        name: &str,
        _args: CallArgs,
    ) -> PyResult<Value> {
        Ok(match name {
            "connect" | "begin" => Value::native(ConnectionObject {
                ctx: self.ctx.clone(),
                commit_on_exit: name == "begin",
            }),
            _ => Value::None,
        })
    }
}

impl NativeObject for PlainEngine {
    fn type_name(&self) -> &str {
        "Engine"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("Engine({})", self.url))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "url" => Value::native(UrlObject(self.url.clone())),
            "echo" => Value::Bool(self.ctx.echo.enabled()),
            "connect" | "begin" | "dispose" => {
                let this = PlainEngine {
                    ctx: self.ctx.clone(),
                    url: self.url.clone(),
                };
                bound_method(this, name, PlainEngine::call_method)
            }
            _ => return Ok(engine_attribute(name)),
        }))
    }

    /// `engine.echo = True` turns the log on from here.
    fn set_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
        value: Value,
    ) -> PyResult<bool> {
        crate::echo::set_echo_attribute(&self.ctx, interp, name, &value)
    }
}

/// `engine.url`: shown as the URL itself.
#[derive(Debug)]
pub struct UrlObject(pub String);

impl NativeObject for UrlObject {
    fn type_name(&self) -> &str {
        "URL"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.0.clone())
    }

    /// `drivername` (`sqlite`, `sqlite+pysqlite`) and `database` (the path
    /// after `sqlite:///`, `None` for memory).
    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let (scheme, rest) = self.0.split_once("://").unwrap_or((self.0.as_str(), ""));
        Ok(match name {
            "drivername" => Some(Value::str(scheme)),
            "database" => Some(match rest.strip_prefix('/') {
                Some(path) if !path.is_empty() => Value::str(path),
                _ => Value::None,
            }),
            _ => None,
        })
    }
}

/// `engine.dialect`: SQLite's, through the `pysqlite` driver.
#[derive(Debug)]
pub struct DialectObject;

impl NativeObject for DialectObject {
    fn type_name(&self) -> &str {
        "SQLiteDialect_pysqlite"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "sqlalchemy.dialects.sqlite.pysqlite.SQLiteDialect_pysqlite",
            this,
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str("sqlite")),
            "driver" => Some(Value::str("pysqlite")),
            _ => None,
        })
    }
}

/// The attributes every engine of the run shares: its dialect's names.
pub fn engine_attribute(name: &str) -> Option<Value> {
    match name {
        "name" => Some(Value::str("sqlite")),
        "driver" => Some(Value::str("pysqlite")),
        "dialect" => Some(Value::native(DialectObject)),
        _ => None,
    }
}

/// A `Connection`: `engine.connect()` (its exit rolls back what was not
/// committed) or `engine.begin()` (its exit commits, or rolls back on an
/// exception).
#[derive(Debug)]
pub struct ConnectionObject {
    pub ctx: Rc<Ctx>,
    pub commit_on_exit: bool,
}

/// Ends the connection's transaction with `COMMIT` or `ROLLBACK`.
fn end_transaction(interp: &mut Interpreter, ctx: &Rc<Ctx>, commit: bool) -> PyResult<()> {
    ctx.plain_owner.set(true);
    ctx.run(interp, |s, _| {
        if commit {
            s.engine.commit(Origin::Session)
        } else {
            s.engine.rollback(Origin::Session)
        }
    })
}

impl ConnectionObject {
    /// Runs the connection method `name` with the engine on the
    /// connection's own transaction (see `Engine::set_on_connection`).
    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        self.on_connection(interp, |interp| self.run_method(interp, name, args))
    }

    /// Runs `work` with the engine on this connection's transaction.
    fn on_connection<T>(
        &self,
        interp: &mut Interpreter,
        work: impl FnOnce(&mut Interpreter) -> PyResult<T>,
    ) -> PyResult<T> {
        let switch = |interp: &mut Interpreter, on: bool| {
            self.ctx.run_unconfigured(interp, |s, _| {
                s.engine.set_on_connection(on);
                Ok(())
            })
        };
        switch(interp, true)?;
        let result = work(interp);
        switch(interp, false)?;
        result
    }

    fn run_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let ctx = &self.ctx;
        ctx.plain_owner.set(true);
        match name {
            "execute" | "scalar" | "scalars" => {
                let Some(statement) = args.take(0, "statement") else {
                    return Err(PyErr::type_error(format!(
                        "Connection.{name}() missing 1 required positional argument: 'statement'"
                    )));
                };
                let params = args.take(1, "parameters");
                // A connection takes no plain string: SQLAlchemy 2.0 looks
                // for the statement's execution method and finds none.
                if let Value::Str(sql) = &statement {
                    let shown = interp.repr(&Value::str(sql.to_string()))?;
                    return Err(ctx.raise(
                        "ObjectNotExecutableError",
                        format!("Not an executable object: {shown}"),
                    ));
                }
                if name == "execute"
                    && let Some(dml) = statement.downcast_native::<crate::dml::DmlObject>()
                {
                    return dml.execute(interp, params.as_ref());
                }
                let result = match name {
                    "execute" => execute_statement(interp, ctx, &statement, params.as_ref())?,
                    _ => execute_select_or_text(interp, ctx, &statement, params.as_ref())?,
                };
                if name == "scalar" {
                    return match result.result.rows.first().and_then(|r| r.items.first()) {
                        Some(item) => ctx.item_value(interp, item),
                        None => Ok(Value::None),
                    };
                }
                if name == "scalars" {
                    return Ok(result.scalars_view());
                }
                Ok(Value::native(result))
            }
            "commit" => end_transaction(interp, ctx, true).map(|()| Value::None),
            "rollback" | "close" => end_transaction(interp, ctx, false).map(|()| Value::None),
            "begin" => Ok(Value::native(ConnectionObject {
                ctx: ctx.clone(),
                commit_on_exit: true,
            })),
            _ => Ok(Value::None),
        }
    }
}

/// A select or a `text()` statement run on a connection.
fn execute_select_or_text(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    statement: &Value,
    params: Option<&Value>,
) -> PyResult<crate::select::ResultObject> {
    if statement
        .downcast_native::<crate::select::SelectObject>()
        .is_some()
    {
        return execute_select(interp, ctx, statement);
    }
    execute_statement(interp, ctx, statement, params)
}

const CONNECTION_METHODS: &[&str] = &[
    "execute", "scalar", "scalars", "commit", "rollback", "close", "begin",
];

impl NativeObject for ConnectionObject {
    fn type_name(&self) -> &str {
        "Connection"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.engine.base.Connection", this))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !CONNECTION_METHODS.contains(&name) {
            return Ok(None);
        }
        let this = ConnectionObject {
            ctx: self.ctx.clone(),
            commit_on_exit: self.commit_on_exit,
        };
        Ok(Some(bound_method(
            this,
            name,
            ConnectionObject::call_method,
        )))
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
        let commit = self.commit_on_exit && exception.is_none();
        self.on_connection(interp, |interp| end_transaction(interp, &self.ctx, commit))?;
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_urls_are_recognised() {
        assert!(is_in_memory("sqlite://"));
        assert!(is_in_memory("sqlite:///:memory:"));
        assert!(is_in_memory("sqlite+pysqlite:///:memory:"));
        assert!(!is_in_memory("sqlite:///app.db"));
        assert!(!is_in_memory("postgresql://u@h/db"));
    }
}
