//! `sqlalchemy.ext.hybrid`: `hybrid_property` and `hybrid_method`, native
//! descriptors that run the same Python function on an instance (a Python
//! value) and on the class (a SQL expression).

mod method;
mod property;
mod proxy;
mod value_proxy;

use std::rc::Rc;

use retort_python::{Interpreter, NativeFunction, PyErr, Value};

use crate::ctx::Ctx;

pub use method::HybridMethod;
pub use property::HybridProperty;
pub use value_proxy::{ValueProxy, expression_error};

/// The `sqlalchemy.ext.hybrid` module.
pub fn hybrid_module(ctx: &Rc<Ctx>) -> Value {
    let error_class = ctx.exceptions.get("InvalidRequestError");
    Interpreter::new_module(
        "sqlalchemy.ext.hybrid",
        vec![
            (
                "hybrid_property",
                NativeFunction::function("hybrid_property", move |_, mut args| {
                    let fget = args.take(0, "fget").ok_or_else(|| {
                        PyErr::type_error(
                            "hybrid_property.__init__() missing 1 required positional argument: 'fget'",
                        )
                    })?;
                    let fset = args.take(1, "fset");
                    let fdel = args.take(2, "fdel");
                    let expr = args.take(3, "expr");
                    Ok(HybridProperty::value(
                        fget,
                        fset,
                        fdel,
                        expr,
                        error_class.clone(),
                    ))
                }),
            ),
            (
                "hybrid_method",
                NativeFunction::function("hybrid_method", |_, mut args| {
                    let func = args.take(0, "func").ok_or_else(|| {
                        PyErr::type_error(
                            "hybrid_method.__init__() missing 1 required positional argument: 'func'",
                        )
                    })?;
                    let expr = args.take(1, "expr");
                    Ok(HybridMethod::value(func, expr))
                }),
            ),
        ],
    )
}

/// The function of a `@classmethod` stacked under a hybrid decorator, as
/// SQLAlchemy's `_unwrap_classmethod` takes it; anything else as it is.
fn unwrap_classmethod(function: Value) -> Value {
    match function {
        Value::ClassMethod(inner) => (*inner).clone(),
        other => other,
    }
}

/// The `__name__` of a decorated function (`None` for a nameless callable).
fn function_name(interp: &mut Interpreter, function: &Value) -> Option<String> {
    interp
        .get_attr(function, "__name__")
        .ok()
        .and_then(|name| name.as_str().map(str::to_string))
}
