//! Flask's `app` object: its config, its name and its app context, with
//! everything about requests (routes, the test client, error handlers,
//! `app.json`, ...) answered by its companion from the Python web layer
//! (see [`super`]).

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;

/// `app = Flask(__name__)`.
#[derive(Debug)]
pub struct AppObject {
    pub ctx: Rc<Ctx>,
    pub config: Value,
    /// The import name Flask was given (`__main__` for `Flask(__name__)`).
    pub name: String,
    /// The web layer's `WebApp` for this application, made when the script
    /// first reaches for routes, requests or responses.
    web: RefCell<Option<Value>>,
}

/// The attributes the web layer's `WebApp` answers for the application.
const WEB_ATTRIBUTES: &[&str] = &[
    "route",
    "get",
    "post",
    "put",
    "delete",
    "patch",
    "add_url_rule",
    "errorhandler",
    "register_error_handler",
    "before_request",
    "after_request",
    "teardown_request",
    "context_processor",
    "template_filter",
    "register_blueprint",
    "blueprints",
    "test_client",
    "test_request_context",
    "make_response",
    "url_map",
    "view_functions",
    "json",
    "response_class",
    "debug",
    "testing",
    "secret_key",
    "run",
];

/// The attributes a script may set on the application that the web layer
/// keeps.
const WEB_SETTABLE: &[&str] = &["debug", "testing", "secret_key", "json", "response_class"];

/// `Flask(import_name)`.
pub fn flask_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("Flask", move |interp, mut args| {
        let name = match args.take(0, "import_name") {
            Some(Value::Str(name)) => name.to_string(),
            Some(other) => interp.str(&other)?,
            None => {
                return Err(PyErr::type_error(
                    "Flask.__init__() missing 1 required positional argument: 'import_name'",
                ));
            }
        };
        new_app(interp, &ctx, &name)
    })
}

/// A new Flask application called `name`, with Flask-SQLAlchemy's config
/// key set.
pub fn new_app(interp: &mut Interpreter, ctx: &Rc<Ctx>, name: &str) -> PyResult<Value> {
    let config = interp.make_dict(vec![(
        Value::str("SQLALCHEMY_DATABASE_URI"),
        Value::str("sqlite://"),
    )])?;
    Ok(Value::native(AppObject {
        ctx: ctx.clone(),
        config,
        name: name.to_string(),
        web: RefCell::new(None),
    }))
}

impl AppObject {
    /// The application's `WebApp`, made on first use.
    fn web(&self, interp: &mut Interpreter, this: &Value) -> PyResult<Value> {
        if let Some(web) = self.web.borrow().clone() {
            return Ok(web);
        }
        let module = super::module(interp, &self.ctx)?;
        let make = interp.get_attr(&module, "new_web_app")?;
        let web = interp.call(
            &make,
            CallArgs::new(vec![this.clone(), Value::str(self.name.as_str())]),
        )?;
        *self.web.borrow_mut() = Some(web.clone());
        Ok(web)
    }
}

impl NativeObject for AppObject {
    fn type_name(&self) -> &str {
        "Flask"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("<Flask '{}'>", self.name))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let ctx = self.ctx.clone();
        Ok(match name {
            "config" => Some(self.config.clone()),
            "name" | "import_name" => Some(Value::str(self.name.as_str())),
            "_web" => Some(self.web(interp, this)?),
            "app_context" => Some(NativeFunction::function(name, move |_, _| {
                Ok(Value::native(AppContext { ctx: ctx.clone() }))
            })),
            _ if WEB_ATTRIBUTES.contains(&name) => {
                let web = self.web(interp, this)?;
                Some(interp.get_attr(&web, name)?)
            }
            _ => None,
        })
    }

    fn set_attr(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        name: &str,
        value: Value,
    ) -> PyResult<bool> {
        if !WEB_SETTABLE.contains(&name) {
            return Ok(false);
        }
        let web = self.web(interp, this)?;
        interp.set_attr(&web, name, value)?;
        Ok(true)
    }
}

/// `app.app_context()`: popping it removes the session (Flask-SQLAlchemy's
/// teardown), which rolls back an open transaction.
#[derive(Debug)]
pub struct AppContext {
    pub ctx: Rc<Ctx>,
}

impl NativeObject for AppContext {
    fn type_name(&self) -> &str {
        "AppContext"
    }

    fn enter(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(this.clone()))
    }

    fn exit(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        _exception: Option<&Value>,
    ) -> PyResult<bool> {
        self.ctx.run(interp, |s, _| s.close())?;
        Ok(false)
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let ctx = self.ctx.clone();
        Ok(match name {
            "push" => Some(NativeFunction::function("push", |_, _| Ok(Value::None))),
            "pop" => Some(NativeFunction::function("pop", move |interp, _| {
                ctx.run(interp, |s, _| s.close())?;
                Ok(Value::None)
            })),
            _ => None,
        })
    }
}
