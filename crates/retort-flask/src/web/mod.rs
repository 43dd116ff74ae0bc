//! Flask's request layer: routes, the test client, requests and
//! responses, JSON responses, werkzeug's HTTP exceptions, redirects,
//! `url_for`, the session and flashed messages, blueprints.
//!
//! It is written in Python (`flask_web.py`, the subset Retort runs) and
//! loaded the first time a script imports a name other than `Flask` from
//! `flask`, imports `werkzeug.exceptions`, or reaches for a route or a
//! request on the application: a script that only models and queries
//! never pays for it. Natively the source is compiled in; in the browser
//! the worker fetches it beside its own script on first use (see
//! [`set_source_loader`]), so the page does not load it up front. Until
//! it is loaded, the `*_or_404` helpers raise a native `NotFound`
//! ([`http_error`]). [`app`] is the native Flask object whose
//! request-side attributes its `WebApp` answers.

pub mod app;

use std::rc::Rc;

use retort_python::{CallArgs, Interpreter, NativeFunction, PyErr, PyResult, Value};

use crate::ctx::Ctx;

/// The web layer's source, compiled into native builds.
#[cfg(not(target_arch = "wasm32"))]
const SOURCE: &str = include_str!("flask_web.py");

/// Fetches the web layer's source (in the browser: a request for the
/// file beside the worker's script).
pub type SourceLoader = Box<dyn Fn() -> Result<String, String>>;

thread_local! {
    static LOADER: std::cell::RefCell<Option<SourceLoader>> = const { std::cell::RefCell::new(None) };
}

/// Installs where the web layer's source comes from (the page's workers
/// do, at start); without one, native builds use the compiled-in text.
pub fn set_source_loader(loader: SourceLoader) {
    LOADER.with(|slot| *slot.borrow_mut() = Some(loader));
}

/// The web layer's source.
fn source() -> Result<std::borrow::Cow<'static, str>, String> {
    let loaded = LOADER.with(|slot| slot.borrow().as_ref().map(|load| load()));
    match loaded {
        Some(result) => result.map(std::borrow::Cow::Owned),
        #[cfg(not(target_arch = "wasm32"))]
        None => Ok(std::borrow::Cow::Borrowed(SOURCE)),
        #[cfg(target_arch = "wasm32")]
        None => Err("no source loader is installed".to_owned()),
    }
}

/// The module name the web layer runs under (not importable by scripts:
/// names starting with `_` are left out of what Retort lists).
const MODULE_NAME: &str = "flask._web";

/// The web layer, loaded once per run.
pub fn module(interp: &mut Interpreter, ctx: &Ctx) -> PyResult<Value> {
    if let Some(module) = ctx.web_module.borrow().clone() {
        return Ok(module);
    }
    let source = source().map_err(|reason| {
        PyErr::new(
            "RuntimeError",
            format!(
                "Retort's Flask layer (routes, requests, responses) could not be loaded: {reason}"
            ),
        )
    })?;
    let module = interp
        .run_module(MODULE_NAME, "<flask>", &source, Vec::new())
        .map_err(|error| {
            PyErr::new(
                "RuntimeError",
                format!("Retort's Flask layer did not load: {}", error.summary()),
            )
        })?;
    // What `current_app` is outside a request.
    let current = ctx.self_rc().map(|ctx| Rc::downgrade(&ctx));
    let current_app = NativeFunction::function("_current_app", move |_, _| {
        Ok(current
            .as_ref()
            .and_then(std::rc::Weak::upgrade)
            .and_then(|ctx| ctx.current_app.borrow().clone())
            .unwrap_or(Value::None))
    });
    interp.set_attr(&module, "_current_app", current_app)?;
    *ctx.web_module.borrow_mut() = Some(module.clone());
    Ok(module)
}

/// What `flask` exports besides `Flask`, all made by the web layer.
pub const FLASK_NAMES: &[&str] = &[
    "request",
    "jsonify",
    "abort",
    "redirect",
    "url_for",
    "make_response",
    "render_template",
    "Response",
    "Blueprint",
    "session",
    "flash",
    "get_flashed_messages",
    "g",
    "current_app",
];

/// The `flask` module: `Flask` itself, and the web layer's names made on
/// first use through the module's `__getattr__` (so `from flask import
/// Flask` loads nothing).
pub fn flask_module(ctx: &Rc<Ctx>) -> Value {
    let lazy = ctx.clone();
    let getattr = NativeFunction::function("__getattr__", move |interp, args| {
        let name = match args.positional.first() {
            Some(Value::Str(name)) => name.to_string(),
            _ => String::new(),
        };
        if !FLASK_NAMES.contains(&name.as_str()) {
            return Err(PyErr::attribute_error(format!(
                "module 'flask' has no attribute '{name}'"
            )));
        }
        let module = module(interp, &lazy)?;
        interp.get_attr(&module, &name)
    });
    let all = std::iter::once("Flask")
        .chain(FLASK_NAMES.iter().copied())
        .map(Value::str)
        .collect();
    Interpreter::new_module(
        "flask",
        vec![
            ("Flask", app::flask_function(ctx.clone())),
            ("__all__", Value::list(all)),
            ("__getattr__", getattr),
        ],
    )
}

/// What `werkzeug.exceptions` exports: every HTTP exception class and
/// `abort`.
pub fn werkzeug_exception_entries(
    interp: &mut Interpreter,
    ctx: &Ctx,
) -> PyResult<Vec<(String, Value)>> {
    let module = module(interp, ctx)?;
    let Value::List(classes) = interp.get_attr(&module, "EXCEPTIONS")? else {
        return Ok(Vec::new());
    };
    let classes: Vec<Value> = classes.borrow().clone();
    let mut entries = Vec::with_capacity(classes.len() + 1);
    for class in classes {
        let name = interp.get_attr(&class, "__name__")?;
        entries.push((interp.str(&name)?, class));
    }
    entries.push(("abort".to_string(), interp.get_attr(&module, "abort")?));
    Ok(entries)
}

/// The exception `abort(code, description)` raises (werkzeug's class for
/// the code, with its default description when `description` is None).
/// Before the web layer is loaded, a 404 is the native `NotFound` (what
/// the `*_or_404` helpers raise outside a request).
pub fn http_error(
    interp: &mut Interpreter,
    ctx: &Ctx,
    code: i64,
    description: Option<Value>,
) -> PyErr {
    if code == 404 && ctx.web_module.borrow().is_none() {
        return native_not_found(interp, ctx, description);
    }
    let made = module(interp, ctx).and_then(|module| {
        let make = interp.get_attr(&module, "http_error")?;
        interp.call(
            &make,
            CallArgs::new(vec![Value::Int(code), description.unwrap_or(Value::None)]),
        )
    });
    match made {
        Ok(exception) => PyErr::from_value(exception),
        Err(error) => error,
    }
}

/// werkzeug's `NotFound` as the native class raises it: `str(e)` is
/// `404 Not Found: <description>`.
fn native_not_found(interp: &mut Interpreter, ctx: &Ctx, description: Option<Value>) -> PyErr {
    let Some(class) = ctx.exceptions.get("NotFound") else {
        return PyErr::new("RuntimeError", "no NotFound class");
    };
    let Some(description) = description.filter(|d| !d.is_none()) else {
        return PyErr::from_class(
            &class,
            format!(
                "404 Not Found: {}",
                crate::exceptions::NOT_FOUND_DESCRIPTION
            ),
        );
    };
    let build = |interp: &mut Interpreter| -> PyResult<Value> {
        let text = interp.str(&description)?;
        let message = Value::str(format!("404 Not Found: {text}"));
        let instance = interp.call(&Value::Class(class.clone()), CallArgs::new(vec![message]))?;
        interp.set_attr(&instance, "description", description.clone())?;
        Ok(instance)
    };
    match build(interp) {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}
