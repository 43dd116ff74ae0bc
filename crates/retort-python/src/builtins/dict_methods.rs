//! Methods of `dict`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

/// Every `dict` method Retort implements.
pub const METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "copy",
    "clear",
];

/// Calls `dict.name(*args)`.
pub fn call(
    interp: &mut Interpreter,
    dict: &Rc<RefCell<Dict>>,
    name: &str,
    args: CallArgs,
) -> PyResult<Value> {
    let arg = |i: usize| args.positional.get(i).cloned().unwrap_or(Value::None);
    match name {
        "get" => {
            args.check("get", 1, 2)?;
            let key = interp.hash_key(arg(0))?;
            Ok(dict.borrow().get(&key).cloned().unwrap_or_else(|| arg(1)))
        }
        "keys" => Ok(crate::builtins::set_methods::dict_view(
            "dict_keys",
            dict.clone(),
        )),
        "values" => Ok(crate::builtins::set_methods::dict_view(
            "dict_values",
            dict.clone(),
        )),
        "items" => Ok(crate::builtins::set_methods::dict_view(
            "dict_items",
            dict.clone(),
        )),
        "pop" => {
            args.check("pop", 1, 2)?;
            let key = interp.hash_key(arg(0))?;
            let removed = dict.borrow_mut().remove(&key);
            match removed {
                Some(value) => Ok(value),
                None if args.positional.len() == 2 => Ok(arg(1)),
                None => Err(PyErr::key_error(arg(0))),
            }
        }
        "popitem" => match dict.borrow_mut().pop_last() {
            Some((key, value)) => Ok(Value::tuple(vec![key, value])),
            None => Err(PyErr::key_error(Value::str(
                "popitem(): dictionary is empty",
            ))),
        },
        "setdefault" => {
            args.check("setdefault", 1, 2)?;
            let key = interp.hash_key(arg(0))?;
            let existing = dict.borrow().get(&key).cloned();
            match existing {
                Some(value) => Ok(value),
                None => {
                    dict.borrow_mut().insert(key, arg(1));
                    Ok(arg(1))
                }
            }
        }
        "update" => {
            if let Some(source) = args.positional.first() {
                let mut updated = dict.borrow().clone();
                crate::builtins::constructors::fill_dict(interp, &mut updated, source)?;
                *dict.borrow_mut() = updated;
            }
            for (key, value) in args.keywords.iter() {
                let key = interp.hash_key(Value::str(key.as_str()))?;
                dict.borrow_mut().insert(key, value.clone());
            }
            Ok(Value::None)
        }
        "copy" => Ok(Value::Dict(Rc::new(RefCell::new(dict.borrow().clone())))),
        "clear" => {
            dict.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => Err(PyErr::attribute_error(format!(
            "'dict' object has no attribute '{name}'"
        ))),
    }
}
