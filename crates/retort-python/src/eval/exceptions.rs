//! Exception objects: materialising pending errors into instances, matching
//! `except` clauses, and turning raised values into exceptions.

use std::rc::Rc;

use crate::error::{ErrorClass, PyErr, PyResult, Raised};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::{BuiltinType, Class, Instance, Value, new_namespace};

impl Interpreter {
    /// The exception instance for an error, creating it on first use.
    pub(crate) fn exception_value(&mut self, error: &mut PyErr) -> Value {
        let (class, args) = match error.raised() {
            Raised::Object(value) => return value.clone(),
            Raised::Pending { class, args } => (class.clone(), args.clone()),
        };
        let class = match class {
            ErrorClass::Class(class) => class,
            ErrorClass::Builtin(name) => self
                .types
                .exception(&name)
                .or_else(|| self.host_exceptions.get(&*name).cloned())
                .unwrap_or_else(|| {
                    self.types
                        .exception("RuntimeError")
                        .unwrap_or_else(|| self.types.object.clone())
                }),
        };
        let value = exception_instance(&class, args);
        error.set_raised(Raised::Object(value.clone()));
        value
    }

    /// Whether `exception` matches an `except` clause's class (or tuple of classes).
    pub(crate) fn exception_matches(&mut self, exception: &Value, kind: &Value) -> PyResult<bool> {
        match kind {
            Value::Class(class) => {
                if !class.is_subclass_of(&self.types.base_exception) {
                    return Err(PyErr::type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(self.type_of(exception).is_subclass_of(class))
            }
            Value::Tuple(items) => {
                for item in items.iter() {
                    if self.exception_matches(exception, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// `raise value`: a class is instantiated, an instance is used as is.
    pub(crate) fn make_exception(&mut self, value: Value) -> PyResult<Value> {
        match &value {
            Value::Class(class) if class.is_subclass_of(&self.types.base_exception) => {
                self.call_value(&value, CallArgs::default())
            }
            Value::Instance(instance)
                if instance.class.is_subclass_of(&self.types.base_exception) =>
            {
                Ok(value)
            }
            _ => Err(PyErr::type_error(
                "exceptions must derive from BaseException",
            )),
        }
    }

    /// `str(e)` for exceptions without a user `__str__`.
    pub(crate) fn exception_str(&mut self, exception: &Rc<Instance>) -> PyResult<String> {
        let args = exception_args(exception);
        match args.as_slice() {
            [] => Ok(String::new()),
            [single] => {
                if exception.class.is_subclass_of(&self.types.key_error) {
                    self.repr_value(single)
                } else {
                    self.str_value(single)
                }
            }
            _ => self.repr_value(&Value::tuple(args)),
        }
    }

    /// `repr(e)` for exceptions without a user `__repr__`.
    pub(crate) fn exception_repr(&mut self, exception: &Rc<Instance>) -> PyResult<String> {
        let args = exception_args(exception);
        let inner = match args.as_slice() {
            [single] => self.repr_value(single)?,
            _ => {
                let text = self.repr_value(&Value::tuple(args.clone()))?;
                if args.is_empty() {
                    String::new()
                } else {
                    text.trim_start_matches('(')
                        .trim_end_matches(')')
                        .to_string()
                }
            }
        };
        Ok(format!("{}({inner})", exception.class.name))
    }
}

/// Builds an exception instance with `args`, as `BaseException.__new__` does.
pub fn exception_instance(class: &Rc<Class>, args: Vec<Value>) -> Value {
    let dict = new_namespace();
    dict.borrow_mut().insert("args".into(), Value::tuple(args));
    Value::Instance(Rc::new(Instance {
        class: class.clone(),
        dict,
        host_state: Default::default(),
    }))
}

/// The `args` tuple of an exception instance.
pub fn exception_args(exception: &Instance) -> Vec<Value> {
    match exception.dict.borrow().get("args") {
        Some(Value::Tuple(items)) => items.to_vec(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    }
}

/// Whether a class is an exception class.
pub fn is_exception_class(class: &Rc<Class>) -> bool {
    class
        .mro_iter()
        .any(|c| c.builtin == Some(BuiltinType::BaseException))
}
