//! Attribute lookup on built-in values: bound methods of `str`, `list`,
//! `dict`, `set`, `tuple`, `int` and `float`, their data attributes, and
//! unbound methods reached through the type (`str.lower`, `dict.fromkeys`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::{BuiltinType, Class, Value};

use super::{dict_methods, list_methods, set_methods, str_methods};

const TUPLE_METHODS: &[&str] = &["count", "index"];
const INT_METHODS: &[&str] = &["bit_length", "conjugate", "is_integer"];
const FLOAT_METHODS: &[&str] = &["is_integer", "conjugate", "as_integer_ratio"];

fn has_method(value: &Value, name: &str) -> bool {
    match value {
        Value::Str(_) => str_methods::METHODS.contains(&name),
        Value::List(_) => list_methods::METHODS.contains(&name),
        Value::Dict(_) => dict_methods::METHODS.contains(&name),
        Value::Set(_) | Value::FrozenSet(_) => set_methods::METHODS.contains(&name),
        Value::Tuple(_) => TUPLE_METHODS.contains(&name),
        Value::Int(_) | Value::Bool(_) => INT_METHODS.contains(&name),
        Value::Float(_) => FLOAT_METHODS.contains(&name),
        _ => false,
    }
}

/// Finds an attribute of a built-in value, binding methods to it.
pub fn lookup(interp: &mut Interpreter, value: &Value, name: &str) -> PyResult<Option<Value>> {
    if name == "__class__" {
        return Ok(Some(Value::Class(interp.type_of(value))));
    }
    let data = match (value, name) {
        (Value::Int(_) | Value::Bool(_), "real" | "numerator") => {
            Some(Value::Int(value.as_int().unwrap_or(0)))
        }
        (Value::Int(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
        (Value::Int(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
        (Value::Float(x), "real") => Some(Value::Float(*x)),
        (Value::Float(_), "imag") => Some(Value::Float(0.0)),
        (Value::Range(range), "start") => Some(Value::Int(range.start)),
        (Value::Range(range), "stop") => Some(Value::Int(range.stop)),
        (Value::Range(range), "step") => Some(Value::Int(range.step)),
        (Value::Slice(slice), "start") => Some(slice.start.clone()),
        (Value::Slice(slice), "stop") => Some(slice.stop.clone()),
        (Value::Slice(slice), "step") => Some(slice.step.clone()),
        (Value::StaticMethod(inner) | Value::ClassMethod(inner), "__func__") => {
            Some((**inner).clone())
        }
        (Value::NativeFunction(_), "__qualname__") => Some(Value::str(name)),
        _ => None,
    };
    if data.is_some() {
        return Ok(data);
    }
    if !has_method(value, name) {
        return Ok(None);
    }
    let receiver = value.clone();
    let method_name = name.to_string();
    Ok(Some(NativeFunction::function(name, move |interp, args| {
        call_method(interp, &receiver, &method_name, args)
    })))
}

/// Runs a method of a built-in value.
pub fn call_method(
    interp: &mut Interpreter,
    receiver: &Value,
    name: &str,
    args: CallArgs,
) -> PyResult<Value> {
    match receiver {
        Value::Str(text) => str_methods::call(interp, text, name, args),
        Value::List(list) => list_methods::call(interp, receiver, list, name, args),
        Value::Dict(dict) => dict_methods::call(interp, dict, name, args),
        Value::Set(_) | Value::FrozenSet(_) => set_methods::call(interp, receiver, name, args),
        Value::Tuple(items) => list_methods::sequence_method(interp, items, name, args, "tuple"),
        Value::Int(_) | Value::Bool(_) => {
            let n = receiver.as_int().unwrap_or(0);
            match name {
                "bit_length" => Ok(Value::Int(
                    64 - i64::from(n.unsigned_abs().leading_zeros() as u8),
                )),
                "is_integer" => Ok(Value::Bool(true)),
                _ => Ok(Value::Int(n)),
            }
        }
        Value::Float(x) => match name {
            "is_integer" => Ok(Value::Bool(x.is_finite() && x.fract() == 0.0)),
            "as_integer_ratio" => {
                if !x.is_finite() {
                    return Err(PyErr::overflow_error(
                        "cannot convert Infinity to integer ratio",
                    ));
                }
                let mut numerator = *x;
                let mut denominator: i64 = 1;
                while numerator.fract() != 0.0 && denominator < (1 << 52) {
                    numerator *= 2.0;
                    denominator *= 2;
                }
                Ok(Value::tuple(vec![
                    Value::Int(numerator as i64),
                    Value::Int(denominator),
                ]))
            }
            _ => Ok(Value::Float(*x)),
        },
        other => Err(PyErr::attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            other.type_name()
        ))),
    }
}

fn method_exists_for(builtin: BuiltinType, name: &str) -> bool {
    match builtin {
        BuiltinType::Str => str_methods::METHODS.contains(&name),
        BuiltinType::List => list_methods::METHODS.contains(&name),
        BuiltinType::Dict => dict_methods::METHODS.contains(&name),
        BuiltinType::Set | BuiltinType::FrozenSet => set_methods::METHODS.contains(&name),
        BuiltinType::Tuple => TUPLE_METHODS.contains(&name),
        BuiltinType::Int | BuiltinType::Bool => INT_METHODS.contains(&name),
        BuiltinType::Float => FLOAT_METHODS.contains(&name),
        _ => false,
    }
}

/// Attributes of built-in type objects: unbound methods and `dict.fromkeys`.
pub fn class_attribute(
    _interp: &mut Interpreter,
    class: &Rc<Class>,
    name: &str,
) -> PyResult<Option<Value>> {
    let Some(builtin) = class.builtin else {
        return Ok(None);
    };
    if builtin == BuiltinType::Dict && name == "fromkeys" {
        return Ok(Some(NativeFunction::function(
            "fromkeys",
            |interp, args| {
                args.check("fromkeys", 1, 2)?;
                let default = args.positional.get(1).cloned().unwrap_or(Value::None);
                let mut dict = Dict::new();
                for key in interp.collect(&args.positional[0])? {
                    dict.insert(interp.hash_key(key)?, default.clone());
                }
                Ok(Value::Dict(Rc::new(RefCell::new(dict))))
            },
        )));
    }
    if builtin == BuiltinType::Str && name == "maketrans" {
        return Ok(Some(NativeFunction::function("maketrans", maketrans)));
    }
    if !method_exists_for(builtin, name) {
        return Ok(None);
    }
    let method_name = name.to_string();
    let class_name = class.name.to_string();
    Ok(Some(NativeFunction::function(
        name,
        move |interp, mut args| {
            if args.positional.is_empty() {
                return Err(PyErr::type_error(format!(
                    "unbound method {class_name}.{method_name}() needs an argument"
                )));
            }
            let receiver = args.positional.remove(0);
            call_method(interp, &receiver, &method_name, args)
        },
    )))
}

/// `str.maketrans(x[, y[, z]])`: the translation table `str.translate`
/// reads, from a dict, or from two strings of equal length (and a third
/// whose characters are deleted).
fn maketrans(interp: &mut Interpreter, args: CallArgs) -> PyResult<Value> {
    args.check("maketrans", 1, 3)?;
    let mut table = Dict::new();
    let ord = |c: char| Value::Int(i64::from(u32::from(c)));
    match (args.positional.first(), args.positional.get(1)) {
        (Some(Value::Dict(given)), None) => {
            let entries: Vec<(Value, Value)> = given.borrow().items();
            for (key, value) in entries {
                let key = match &key {
                    Value::Str(s) if s.chars().count() == 1 => {
                        ord(s.chars().next().unwrap_or('\0'))
                    }
                    Value::Int(_) => key.clone(),
                    _ => {
                        return Err(PyErr::value_error(
                            "string keys in translate table must be of length 1",
                        ));
                    }
                };
                table.insert(interp.hash_key(key)?, value);
            }
        }
        (Some(Value::Str(from)), Some(Value::Str(to))) => {
            if from.chars().count() != to.chars().count() {
                return Err(PyErr::value_error(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (a, b) in from.chars().zip(to.chars()) {
                table.insert(interp.hash_key(ord(a))?, ord(b));
            }
            if let Some(Value::Str(deleted)) = args.positional.get(2) {
                for c in deleted.chars() {
                    table.insert(interp.hash_key(ord(c))?, Value::None);
                }
            }
        }
        (Some(_), None) => {
            return Err(PyErr::type_error(
                "if you give only one argument to maketrans it must be a dict",
            ));
        }
        _ => {
            return Err(PyErr::type_error("maketrans() arguments must be strings"));
        }
    }
    Ok(Value::Dict(Rc::new(RefCell::new(table))))
}
