//! Methods and operators of `set`/`frozenset`, and the dict view objects
//! returned by `dict.keys()`, `values()` and `items()`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ast::BinOp;
use crate::dict::Set;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeObject};
use crate::value::Value;

/// Every `set` method Retort implements.
pub const METHODS: &[&str] = &[
    "add",
    "discard",
    "remove",
    "pop",
    "clear",
    "copy",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "update",
    "intersection_update",
    "difference_update",
    "issubset",
    "issuperset",
    "isdisjoint",
];

/// A snapshot of a set's elements.
pub fn set_items(value: &Value) -> Set {
    match value {
        Value::Set(set) => set.borrow().clone(),
        Value::FrozenSet(set) => (**set).clone(),
        _ => Set::new(),
    }
}

fn to_set(interp: &mut Interpreter, value: &Value) -> PyResult<Set> {
    if matches!(value, Value::Set(_) | Value::FrozenSet(_)) {
        return Ok(set_items(value));
    }
    let mut set = Set::new();
    for item in interp.collect(value)? {
        set.insert(interp.hash_key(item)?);
    }
    Ok(set)
}

fn combine(op: BinOp, a: &Set, b: &Set) -> Set {
    let mut result = Set::new();
    match op {
        BinOp::BitOr => {
            for key in a.iter().chain(b.iter()) {
                result.insert(key.clone());
            }
        }
        BinOp::BitAnd => {
            for key in a.iter().filter(|k| b.contains(k)) {
                result.insert(key.clone());
            }
        }
        BinOp::Sub => {
            for key in a.iter().filter(|k| !b.contains(k)) {
                result.insert(key.clone());
            }
        }
        _ => {
            for key in a
                .iter()
                .filter(|k| !b.contains(k))
                .chain(b.iter().filter(|k| !a.contains(k)))
            {
                result.insert(key.clone());
            }
        }
    }
    result
}

fn wrap_like(template: &Value, set: Set) -> Value {
    match template {
        Value::FrozenSet(_) => Value::FrozenSet(Rc::new(set)),
        _ => Value::Set(Rc::new(RefCell::new(set))),
    }
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` for sets.
pub fn set_operator(_interp: &mut Interpreter, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(wrap_like(a, combine(op, &set_items(a), &set_items(b))))
}

/// Calls `set.name(*args)`.
pub fn call(
    interp: &mut Interpreter,
    receiver: &Value,
    name: &str,
    args: CallArgs,
) -> PyResult<Value> {
    let frozen = matches!(receiver, Value::FrozenSet(_));
    let mutable = match receiver {
        Value::Set(set) => Some(set.clone()),
        _ => None,
    };
    let require_mutable = || {
        mutable.clone().ok_or_else(|| {
            PyErr::attribute_error(format!("'frozenset' object has no attribute '{name}'"))
        })
    };
    let arg = args.positional.first().cloned().unwrap_or(Value::None);
    match name {
        "add" => {
            args.check("add", 1, 1)?;
            let key = interp.hash_key(arg)?;
            require_mutable()?.borrow_mut().insert(key);
            Ok(Value::None)
        }
        "discard" | "remove" => {
            args.check(name, 1, 1)?;
            let key = interp.hash_key(arg.clone())?;
            let removed = require_mutable()?.borrow_mut().remove(&key);
            if !removed && name == "remove" {
                return Err(PyErr::key_error(arg));
            }
            Ok(Value::None)
        }
        "pop" => require_mutable()?
            .borrow_mut()
            .pop_first()
            .ok_or_else(|| PyErr::key_error(Value::str("pop from an empty set"))),
        "clear" => {
            require_mutable()?.borrow_mut().clear();
            Ok(Value::None)
        }
        "copy" => Ok(wrap_like(receiver, set_items(receiver).merged_into_empty())),
        "union" | "intersection" | "difference" | "symmetric_difference" => {
            let op = match name {
                "union" => BinOp::BitOr,
                "intersection" => BinOp::BitAnd,
                "difference" => BinOp::Sub,
                _ => BinOp::BitXor,
            };
            let mut result = set_items(receiver);
            for other in &args.positional {
                let other = to_set(interp, other)?;
                result = combine(op, &result, &other);
            }
            Ok(wrap_like(receiver, result))
        }
        "update" | "intersection_update" | "difference_update" => {
            let op = match name {
                "update" => BinOp::BitOr,
                "intersection_update" => BinOp::BitAnd,
                _ => BinOp::Sub,
            };
            let target = require_mutable()?;
            let mut result = target.borrow().clone();
            for other in &args.positional {
                let other = to_set(interp, other)?;
                result = combine(op, &result, &other);
            }
            *target.borrow_mut() = result;
            Ok(Value::None)
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            args.check(name, 1, 1)?;
            let mine = set_items(receiver);
            let other = to_set(interp, &arg)?;
            Ok(Value::Bool(match name {
                "issubset" => mine.iter().all(|k| other.contains(k)),
                "issuperset" => other.iter().all(|k| mine.contains(k)),
                _ => mine.iter().all(|k| !other.contains(k)),
            }))
        }
        _ => Err(PyErr::attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            if frozen { "frozenset" } else { "set" }
        ))),
    }
}

/// A live view returned by `dict.keys()`, `values()` and `items()`.
#[derive(Debug)]
pub struct DictView {
    kind: &'static str,
    dict: Rc<RefCell<crate::dict::Dict>>,
}

/// Makes a dict view value.
pub fn dict_view(kind: &'static str, dict: Rc<RefCell<crate::dict::Dict>>) -> Value {
    Value::native(DictView { kind, dict })
}

impl DictView {
    fn items(&self) -> Vec<Value> {
        let dict = self.dict.borrow();
        match self.kind {
            "dict_keys" => dict.keys(),
            "dict_values" => dict.values(),
            _ => dict
                .items()
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect(),
        }
    }
}

impl NativeObject for DictView {
    fn type_name(&self) -> &str {
        self.kind
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let inner = interp.repr_value(&Value::list(self.items()))?;
        Ok(format!("{}({inner})", self.kind))
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.dict.borrow().len()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::tuple(self.items())))
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.dict.borrow().is_empty())
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        if self.kind == "dict_keys" {
            let key = interp.hash_key(item.clone())?;
            return Ok(Some(self.dict.borrow().contains(&key)));
        }
        Ok(None)
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
        let other_items = match other.downcast_native::<DictView>() {
            Some(view) => view.items(),
            None => match other {
                Value::Set(_) | Value::FrozenSet(_) => set_items(other).values(),
                _ => return Ok(None),
            },
        };
        let mine = self.items();
        let mut equal = other_items.len() == mine.len();
        if equal {
            for item in &mine {
                let mut found = false;
                for candidate in &other_items {
                    if interp.eq_values(item, candidate)? {
                        found = true;
                        break;
                    }
                }
                if !found {
                    equal = false;
                    break;
                }
            }
        }
        Ok(Some(Value::Bool(if op == crate::ast::CmpOp::Eq {
            equal
        } else {
            !equal
        })))
    }
}
