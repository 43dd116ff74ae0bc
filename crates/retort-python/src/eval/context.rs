//! The context-manager protocol behind `with`: `__enter__`/`__exit__` on
//! user classes and `enter`/`exit` on native objects.

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

impl Interpreter {
    pub(crate) fn context_enter(&mut self, manager: &Value) -> PyResult<Value> {
        if let Value::Native(object) = manager {
            return match object.enter(self, manager)? {
                Some(value) => Ok(value),
                None => Err(not_a_context_manager(manager)),
            };
        }
        let Some(enter) = self.special_method(manager, "__enter__") else {
            return Err(not_a_context_manager(manager));
        };
        self.call_value(&enter, CallArgs::default())
    }

    /// Runs `__exit__`; returns whether the exception is suppressed.
    pub(crate) fn context_exit(
        &mut self,
        manager: &Value,
        exception: Option<&Value>,
    ) -> PyResult<bool> {
        if let Value::Native(object) = manager {
            return object.exit(self, manager, exception);
        }
        let Some(exit) = self.special_method(manager, "__exit__") else {
            return Err(not_a_context_manager(manager));
        };
        let args = match exception {
            Some(exception) => vec![
                Value::Class(self.type_of(exception)),
                exception.clone(),
                Value::None,
            ],
            None => vec![Value::None, Value::None, Value::None],
        };
        let result = self.call_value(&exit, CallArgs::new(args))?;
        if exception.is_some() {
            self.truthy(&result)
        } else {
            Ok(false)
        }
    }
}

fn not_a_context_manager(value: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object does not support the context manager protocol",
        value.type_name()
    ))
}
