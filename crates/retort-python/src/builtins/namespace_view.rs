//! A live `__dict__` for instances, classes, functions and modules: reads
//! and writes go straight to the object's namespace, as in CPython.

use std::cell::RefCell;
use std::rc::Rc;

use crate::dict::{Dict, HashKey};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{NativeFunction, NativeObject};
use crate::value::{Namespace, Value};

/// The `__dict__` of an object with an attribute namespace.
#[derive(Debug)]
pub struct NamespaceView {
    namespace: Namespace,
}

/// Wraps a namespace as a live mapping value.
pub fn namespace_view(namespace: &Namespace) -> Value {
    Value::native(NamespaceView {
        namespace: namespace.clone(),
    })
}

fn key_name(key: &Value) -> PyResult<String> {
    key.as_str().map(str::to_string).ok_or_else(|| {
        PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            key.type_name()
        ))
    })
}

impl NamespaceView {
    fn snapshot(&self) -> Dict {
        let mut dict = Dict::new();
        for (key, value) in self.namespace.borrow().iter() {
            if let Ok(key) = HashKey::new(Value::str(key.as_str())) {
                dict.insert(key, value.clone());
            }
        }
        dict
    }
}

impl NativeObject for NamespaceView {
    fn type_name(&self) -> &str {
        "dict"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        interp.repr(&Value::Dict(Rc::new(RefCell::new(self.snapshot()))))
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.namespace.borrow().len()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(
            self.namespace
                .borrow()
                .keys()
                .map(|k| Value::str(k.as_str()))
                .collect(),
        )))
    }

    fn contains(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        Ok(Some(item.as_str().is_some_and(|name| {
            self.namespace.borrow().contains_key(name)
        })))
    }

    fn get_item(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let name = key_name(key)?;
        let found = self.namespace.borrow().get(&name).cloned();
        found.map(Some).ok_or_else(|| PyErr::key_error(key.clone()))
    }

    fn set_item(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
        value: Value,
    ) -> PyResult<bool> {
        self.namespace.borrow_mut().insert(key_name(key)?, value);
        Ok(true)
    }

    fn del_item(&self, _interp: &mut Interpreter, _this: &Value, key: &Value) -> PyResult<bool> {
        match self.namespace.borrow_mut().shift_remove(&key_name(key)?) {
            Some(_) => Ok(true),
            None => Err(PyErr::key_error(key.clone())),
        }
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: crate::ast::CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        if !matches!(op, crate::ast::CmpOp::Eq | crate::ast::CmpOp::NotEq) {
            return Ok(None);
        }
        let mine = Value::Dict(Rc::new(RefCell::new(self.snapshot())));
        let other = match other.downcast_native::<NamespaceView>() {
            Some(view) => Value::Dict(Rc::new(RefCell::new(view.snapshot()))),
            None => other.clone(),
        };
        let equal = interp.eq_values(&mine, &other)?;
        Ok(Some(Value::Bool(if op == crate::ast::CmpOp::Eq {
            equal
        } else {
            !equal
        })))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let namespace = self.namespace.clone();
        let snapshot = Value::Dict(Rc::new(RefCell::new(self.snapshot())));
        Ok(match name {
            "get" => Some(NativeFunction::function("get", move |_, args| {
                let key = key_name(args.positional.first().unwrap_or(&Value::None))?;
                Ok(namespace
                    .borrow()
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| args.positional.get(1).cloned().unwrap_or(Value::None)))
            })),
            "pop" => Some(NativeFunction::function("pop", move |_, args| {
                let key_value = args.positional.first().cloned().unwrap_or(Value::None);
                let key = key_name(&key_value)?;
                let removed = namespace.borrow_mut().shift_remove(&key);
                match (removed, args.positional.get(1)) {
                    (Some(value), _) => Ok(value),
                    (None, Some(default)) => Ok(default.clone()),
                    (None, None) => Err(PyErr::key_error(key_value)),
                }
            })),
            "update" => Some(NativeFunction::function("update", move |interp, args| {
                if let Some(source) = args.positional.first() {
                    for (key, value) in interp.mapping_items(source)? {
                        namespace.borrow_mut().insert(key_name(&key)?, value);
                    }
                }
                for (key, value) in args.keywords {
                    namespace.borrow_mut().insert(key, value);
                }
                Ok(Value::None)
            })),
            "setdefault" => Some(NativeFunction::function("setdefault", move |_, args| {
                let key = key_name(args.positional.first().unwrap_or(&Value::None))?;
                let default = args.positional.get(1).cloned().unwrap_or(Value::None);
                Ok(namespace.borrow_mut().entry(key).or_insert(default).clone())
            })),
            "keys" | "values" | "items" | "copy" => {
                let method = name.to_string();
                Some(NativeFunction::function(name, move |interp, args| {
                    crate::builtins::methods::call_method(interp, &snapshot, &method, args)
                }))
            }
            _ => None,
        })
    }
}
