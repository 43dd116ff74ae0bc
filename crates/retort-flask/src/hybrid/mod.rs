//! `sqlalchemy.ext.hybrid`: `hybrid_property` and `hybrid_method`, native
//! descriptors that run the same Python function on an instance (a Python
//! value) and on the class (a SQL expression).

mod method;
mod property;
mod proxy;
mod value_proxy;

use std::rc::Rc;

use retort_python::{CallArgs, Class, ClassHooks, Interpreter, PyErr, PyResult, Value};

use crate::ctx::Ctx;

pub use method::HybridMethod;
pub use property::HybridProperty;
pub use value_proxy::{ValueProxy, expression_error};

/// Which decorator a class of the module is.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Property,
    Method,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Property => "hybrid_property",
            Kind::Method => "hybrid_method",
        }
    }
}

/// Calling `hybrid_property(...)` / `hybrid_method(...)`: the classes build
/// the native descriptors, whose `type()` they are, so `isinstance(x,
/// hybrid_property)` holds as in SQLAlchemy.
#[derive(Debug)]
struct Constructor {
    kind: Kind,
    /// The run's `InvalidRequestError`.
    error_class: Option<Rc<Class>>,
}

impl ClassHooks for Constructor {
    fn call(
        &self,
        _interp: &mut Interpreter,
        _class: &Rc<Class>,
        args: &CallArgs,
    ) -> PyResult<Option<Value>> {
        let mut args = args.clone();
        let first = match self.kind {
            Kind::Property => "fget",
            Kind::Method => "func",
        };
        let function = args.take(0, first).ok_or_else(|| {
            PyErr::type_error(format!(
                "{}.__init__() missing 1 required positional argument: '{first}'",
                self.kind.name()
            ))
        })?;
        Ok(Some(match self.kind {
            Kind::Property => HybridProperty::value(
                function,
                args.take(1, "fset"),
                args.take(2, "fdel"),
                args.take(3, "expr"),
                self.error_class.clone(),
            ),
            Kind::Method => HybridMethod::value(function, args.take(1, "expr")),
        }))
    }
}

/// The `sqlalchemy.ext.hybrid` module.
pub fn hybrid_module(interp: &mut Interpreter, ctx: &Rc<Ctx>) -> PyResult<Value> {
    let mut entries = Vec::new();
    for kind in [Kind::Property, Kind::Method] {
        let hooks: Rc<dyn ClassHooks> = Rc::new(Constructor {
            kind,
            error_class: ctx.exceptions.get("InvalidRequestError"),
        });
        let class = interp.new_class(
            kind.name(),
            Vec::new(),
            vec![("__module__", Value::str("sqlalchemy.ext.hybrid"))],
            Some(hooks),
        )?;
        interp.register_native_class(kind.name(), class.clone());
        entries.push((kind.name(), Value::Class(class)));
    }
    Ok(Interpreter::new_module("sqlalchemy.ext.hybrid", entries))
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

#[cfg(test)]
mod tests {
    use crate::{RunOptions, run_script};

    #[test]
    fn the_decorators_are_the_classes_of_what_they_make() {
        let source = "from sqlalchemy.ext.hybrid import hybrid_property, hybrid_method\n\
                      class P:\n    \
                          @hybrid_property\n    \
                          def x(self):\n        \
                              return 1\n    \
                          @hybrid_method\n    \
                          def y(self, n):\n        \
                              return n\n\
                      print(isinstance(P.__dict__['x'], hybrid_property), \
                            isinstance(P.__dict__['y'], hybrid_property), \
                            type(P.__dict__['y']).__name__, P().x, P.y(2))\n";
        let record = run_script(source, &RunOptions::default());
        assert!(record.error.is_none(), "{:?}", record.error);
        assert_eq!(record.stdout, "True False hybrid_method 1 2\n");
    }
}
