//! Methods of `list` (and the `count`/`index` pair shared with `tuple`).

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

/// Every `list` method Retort implements.
pub const METHODS: &[&str] = &[
    "append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy",
    "clear",
];

/// The one argument of a `METH_O` list method, with CPython's message for
/// any other count (`list.count() takes exactly one argument (0 given)`).
fn one_arg(args: &CallArgs, method: &str) -> PyResult<Value> {
    if !args.keywords.is_empty() {
        return Err(PyErr::type_error(format!(
            "list.{method}() takes no keyword arguments"
        )));
    }
    match args.positional.as_slice() {
        [only] => Ok(only.clone()),
        other => Err(PyErr::type_error(format!(
            "list.{method}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

/// `count` and `index` over any sequence snapshot.
pub fn sequence_method(
    interp: &mut Interpreter,
    items: &[Value],
    name: &str,
    args: CallArgs,
    kind: &str,
) -> PyResult<Value> {
    match name {
        "count" => {
            let needle = one_arg(&args, "count")?;
            let mut count = 0;
            for item in items {
                if item.is(&needle) || interp.eq_values(item, &needle)? {
                    count += 1;
                }
            }
            Ok(Value::Int(count))
        }
        "index" => {
            args.check("index", 1, 3)?;
            let needle = args.positional.first().cloned().unwrap_or(Value::None);
            let len = items.len() as i64;
            let bound = |i: Option<&Value>, default: i64| {
                let i = i.and_then(Value::as_int).unwrap_or(default);
                (if i < 0 { i + len } else { i }).clamp(0, len) as usize
            };
            let start = bound(args.positional.get(1), 0);
            let end = bound(args.positional.get(2), len);
            for (index, item) in items.iter().enumerate().take(end).skip(start) {
                if item.is(&needle) || interp.eq_values(item, &needle)? {
                    return Ok(Value::Int(index as i64));
                }
            }
            let shown = interp.repr_value(&needle)?;
            Err(PyErr::value_error(if kind == "tuple" {
                "tuple.index(x): x not in tuple".to_string()
            } else {
                format!("{shown} is not in list")
            }))
        }
        _ => Err(PyErr::attribute_error(format!(
            "'{kind}' object has no attribute '{name}'"
        ))),
    }
}

/// Calls `list.name(*args)`.
pub fn call(
    interp: &mut Interpreter,
    receiver: &Value,
    list: &Rc<crate::value::ListCell>,
    name: &str,
    mut args: CallArgs,
) -> PyResult<Value> {
    match name {
        "append" => {
            let item = one_arg(&args, "append")?;
            let len = list.borrow().len();
            interp.check_collection_len(len + 1)?;
            list.borrow_mut().push(item);
            Ok(Value::None)
        }
        "extend" => {
            let items = interp.collect(&one_arg(&args, "extend")?)?;
            let len = list.borrow().len();
            interp.check_collection_len(len + items.len())?;
            list.borrow_mut().extend(items);
            Ok(Value::None)
        }
        "insert" => {
            args.check("insert", 2, 2)?;
            let index = args.positional[0].as_int().ok_or_else(|| {
                PyErr::type_error("'str' object cannot be interpreted as an integer")
            })?;
            let mut items = list.borrow_mut();
            let len = items.len() as i64;
            let position = (if index < 0 { index + len } else { index }).clamp(0, len) as usize;
            items.insert(position, args.positional[1].clone());
            Ok(Value::None)
        }
        "pop" => {
            args.check("pop", 0, 1)?;
            let mut items = list.borrow_mut();
            if items.is_empty() {
                return Err(PyErr::index_error("pop from empty list"));
            }
            let len = items.len() as i64;
            let index = args
                .positional
                .first()
                .and_then(Value::as_int)
                .unwrap_or(-1);
            let actual = if index < 0 { index + len } else { index };
            if actual < 0 || actual >= len {
                return Err(PyErr::index_error("pop index out of range"));
            }
            Ok(items.remove(actual as usize))
        }
        "remove" => {
            let needle = one_arg(&args, "remove")?;
            let snapshot = list.borrow().clone();
            for (index, item) in snapshot.iter().enumerate() {
                if item.is(&needle) || interp.eq_values(item, &needle)? {
                    list.borrow_mut().remove(index);
                    return Ok(Value::None);
                }
            }
            Err(PyErr::value_error("list.remove(x): x not in list"))
        }
        "index" | "count" => {
            let snapshot = list.borrow().clone();
            sequence_method(interp, &snapshot, name, args, "list")
        }
        "sort" => {
            let key = args.take_keyword("key");
            let reverse = match args.take_keyword("reverse") {
                Some(value) => interp.truthy(&value)?,
                None => false,
            };
            args.check("sort", 0, 0)?;
            let mut items = std::mem::take(&mut *list.borrow_mut());
            let result = super::iteration::sort_values(interp, &mut items, key.as_ref(), reverse);
            *list.borrow_mut() = items;
            result.map(|()| Value::None)
        }
        "reverse" => {
            list.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(list.borrow().clone())),
        "clear" => {
            list.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => Err(PyErr::attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            receiver.type_name()
        ))),
    }
}
