//! Calling built-in type objects: `int(...)`, `str(...)`, `list(...)`,
//! `dict(...)`, `range(...)`, `type(...)`, `property(...)` and friends.

use std::cell::RefCell;
use std::rc::Rc;

use crate::dict::{Dict, Set};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::{
    BuiltinType, Property, RangeValue, SliceValue, SuperValue, Value, new_namespace,
};

/// Parses an integer literal the way `int(text, base)` does.
pub fn parse_int(text: &str, base: u32) -> Option<i64> {
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let lower = digits.to_ascii_lowercase();
    let digits = match base {
        16 => lower.strip_prefix("0x").unwrap_or(&lower).to_string(),
        8 => lower.strip_prefix("0o").unwrap_or(&lower).to_string(),
        2 => lower.strip_prefix("0b").unwrap_or(&lower).to_string(),
        _ => lower.clone(),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    let magnitude = i128::from_str_radix(&cleaned, base).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value).ok()
}

/// Parses a float the way `float(text)` does.
pub fn parse_float(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "inf" | "infinity" | "nan") {
        let value = if unsigned == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if lower.starts_with('-') {
            -value
        } else {
            value
        });
    }
    if trimmed.is_empty()
        || !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-' | '_'))
    {
        return None;
    }
    trimmed.replace('_', "").parse().ok()
}

fn to_i64(value: &Value, what: &str) -> PyResult<i64> {
    value.as_int().ok_or_else(|| {
        PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            value.type_name()
        ))
    })
}

/// Constructs a value of a built-in type.
pub fn construct(
    interp: &mut Interpreter,
    builtin: BuiltinType,
    mut args: CallArgs,
) -> PyResult<Value> {
    match builtin {
        BuiltinType::Int => {
            let base = args.take_keyword("base");
            let value = args.positional.first().cloned();
            let base = match base.or_else(|| args.positional.get(1).cloned()) {
                Some(base) => Some(to_i64(&base, "")?),
                None => None,
            };
            match (value, base) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Str(text)), base) => {
                    let base = base.unwrap_or(10);
                    let radix = u32::try_from(base)
                        .ok()
                        .filter(|b| (2..=36).contains(b))
                        .ok_or_else(|| {
                            PyErr::value_error("int() base must be >= 2 and <= 36, or 0")
                        })?;
                    parse_int(&text, radix).map(Value::Int).ok_or_else(|| {
                        PyErr::value_error(format!(
                            "invalid literal for int() with base {base}: {}",
                            crate::format::repr::str_repr(&text)
                        ))
                    })
                }
                (Some(_), Some(_)) => Err(PyErr::type_error(
                    "int() can't convert non-string with explicit base",
                )),
                (Some(Value::Int(i)), None) => Ok(Value::Int(i)),
                (Some(Value::Bool(b)), None) => Ok(Value::Int(i64::from(b))),
                (Some(Value::Float(x)), None) => {
                    if x.is_nan() {
                        return Err(PyErr::value_error("cannot convert float NaN to integer"));
                    }
                    if x.is_infinite() {
                        return Err(PyErr::overflow_error(
                            "cannot convert float infinity to integer",
                        ));
                    }
                    let truncated = x.trunc();
                    if truncated.abs() >= 9.223_372_036_854_776e18 {
                        return Err(PyErr::overflow_error(
                            "int too large for Retort's 64-bit integers",
                        ));
                    }
                    Ok(Value::Int(truncated as i64))
                }
                (Some(other), None) => convert_via(
                    interp,
                    &other,
                    "__int__",
                    "int() argument must be a string, a bytes-like object or a real number",
                ),
            }
        }
        BuiltinType::Float => match args.positional.first().cloned() {
            None => Ok(Value::Float(0.0)),
            Some(Value::Float(x)) => Ok(Value::Float(x)),
            Some(Value::Int(i)) => Ok(Value::Float(i as f64)),
            Some(Value::Bool(b)) => Ok(Value::Float(f64::from(u8::from(b)))),
            Some(Value::Str(text)) => parse_float(&text).map(Value::Float).ok_or_else(|| {
                PyErr::value_error(format!(
                    "could not convert string to float: {}",
                    crate::format::repr::str_repr(&text)
                ))
            }),
            Some(other) => convert_via(
                interp,
                &other,
                "__float__",
                "float() argument must be a string or a real number",
            ),
        },
        BuiltinType::Str => match args.positional.first() {
            None => Ok(Value::str("")),
            Some(value) => Ok(Value::str(interp.str_value(value)?)),
        },
        BuiltinType::Bool => match args.positional.first() {
            None => Ok(Value::Bool(false)),
            Some(value) => Ok(Value::Bool(interp.truthy(value)?)),
        },
        BuiltinType::List => match args.positional.first() {
            None => Ok(Value::list(Vec::new())),
            Some(value) => Ok(Value::list(interp.collect(value)?)),
        },
        BuiltinType::Tuple => match args.positional.first() {
            None => Ok(Value::tuple(Vec::new())),
            Some(Value::Tuple(items)) => Ok(Value::Tuple(items.clone())),
            Some(value) => Ok(Value::tuple(interp.collect(value)?)),
        },
        BuiltinType::Set | BuiltinType::FrozenSet => {
            let mut set = Set::new();
            if let Some(Value::Set(_) | Value::FrozenSet(_)) = args.positional.first() {
                set = crate::builtins::set_methods::set_items(&args.positional[0])
                    .merged_into_empty();
            } else if let Some(value) = args.positional.first() {
                for item in interp.collect(value)? {
                    set.insert(interp.hash_key(item)?);
                }
            }
            Ok(if builtin == BuiltinType::Set {
                Value::Set(Rc::new(RefCell::new(set)))
            } else {
                Value::FrozenSet(Rc::new(set))
            })
        }
        BuiltinType::Dict => {
            let mut dict = Dict::new();
            if let Some(source) = args.positional.first() {
                fill_dict(interp, &mut dict, source)?;
            }
            for (key, value) in args.keywords {
                dict.insert(interp.hash_key(Value::str(key.as_str()))?, value);
            }
            Ok(Value::Dict(Rc::new(RefCell::new(dict))))
        }
        BuiltinType::Range => {
            args.check("range", 1, 3)?;
            let numbers: Vec<i64> = args
                .positional
                .iter()
                .map(|v| to_i64(v, ""))
                .collect::<PyResult<_>>()?;
            let (start, stop, step) = match numbers.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => (0, 0, 1),
            };
            if step == 0 {
                return Err(PyErr::value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new(RangeValue { start, stop, step })))
        }
        BuiltinType::Slice => {
            args.check("slice", 1, 3)?;
            let get = |i: usize| args.positional.get(i).cloned().unwrap_or(Value::None);
            let (start, stop, step) = if args.positional.len() == 1 {
                (Value::None, get(0), Value::None)
            } else {
                (get(0), get(1), get(2))
            };
            Ok(Value::Slice(Rc::new(SliceValue { start, stop, step })))
        }
        BuiltinType::Type => match args.positional.len() {
            1 => Ok(Value::Class(interp.type_of(&args.positional[0]))),
            3 => {
                let name = args.positional[0].as_str().unwrap_or("type").to_string();
                let bases = match &args.positional[1] {
                    Value::Tuple(items) => items
                        .iter()
                        .filter_map(|b| {
                            if let Value::Class(c) = b {
                                Some(c.clone())
                            } else {
                                None
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let namespace = new_namespace();
                if let Value::Dict(dict) = &args.positional[2] {
                    for (key, value) in dict.borrow().items() {
                        if let Some(key) = key.as_str() {
                            namespace.borrow_mut().insert(key.to_string(), value);
                        }
                    }
                }
                Ok(Value::Class(
                    interp.build_class(&name, bases, namespace, None, "__main__")?,
                ))
            }
            _ => Err(PyErr::type_error("type() takes 1 or 3 arguments")),
        },
        BuiltinType::Property => {
            let getter = args.take(0, "fget").filter(|v| !matches!(v, Value::None));
            let setter = args.take(1, "fset").filter(|v| !matches!(v, Value::None));
            let deleter = args.take(2, "fdel").filter(|v| !matches!(v, Value::None));
            Ok(Value::Property(Rc::new(Property {
                getter,
                setter,
                deleter,
            })))
        }
        BuiltinType::StaticMethod => {
            args.check("staticmethod", 1, 1)?;
            Ok(Value::StaticMethod(Rc::new(args.positional[0].clone())))
        }
        BuiltinType::ClassMethod => {
            args.check("classmethod", 1, 1)?;
            Ok(Value::ClassMethod(Rc::new(args.positional[0].clone())))
        }
        BuiltinType::Super => {
            args.check("super", 2, 2)?;
            let Value::Class(class) = args.positional[0].clone() else {
                return Err(PyErr::type_error("super() argument 1 must be a type"));
            };
            Ok(Value::Super(Rc::new(SuperValue {
                class,
                receiver: args.positional[1].clone(),
            })))
        }
        BuiltinType::Object | BuiltinType::BaseException => {
            Err(PyErr::type_error("cannot construct this type directly"))
        }
        BuiltinType::NoneType | BuiltinType::Function => Err(PyErr::type_error(format!(
            "cannot create '{}' instances",
            interp.types.builtin(builtin).name
        ))),
    }
}

fn convert_via(
    interp: &mut Interpreter,
    value: &Value,
    method: &str,
    message: &str,
) -> PyResult<Value> {
    match interp.get_attribute(value, method) {
        Ok(function) => interp.call_value(&function, CallArgs::default()),
        Err(_) => Err(PyErr::type_error(format!(
            "{message}, not '{}'",
            value.type_name()
        ))),
    }
}

/// `dict(source)`: a mapping or an iterable of pairs.
pub fn fill_dict(interp: &mut Interpreter, dict: &mut Dict, source: &Value) -> PyResult<()> {
    if matches!(source, Value::Dict(_))
        || interp.get_attribute(source, "keys").is_ok() && !matches!(source, Value::Class(_))
    {
        for (key, value) in interp.mapping_items(source)? {
            dict.insert(interp.hash_key(key)?, value);
        }
        return Ok(());
    }
    for (index, pair) in interp.collect(source)?.into_iter().enumerate() {
        let parts = interp.collect(&pair).map_err(|_| {
            PyErr::type_error(format!(
                "cannot convert dictionary update sequence element #{index} to a sequence"
            ))
        })?;
        let [key, value] = <[Value; 2]>::try_from(parts).map_err(|parts| {
            PyErr::value_error(format!(
                "dictionary update sequence element #{index} has length {}; 2 is required",
                parts.len()
            ))
        })?;
        dict.insert(interp.hash_key(key)?, value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_parse_like_python() {
        assert_eq!(parse_int(" 42 ", 10), Some(42));
        assert_eq!(parse_int("-1_000", 10), Some(-1000));
        assert_eq!(parse_int("ff", 16), Some(255));
        assert_eq!(parse_int("0x1f", 16), Some(31));
        assert_eq!(parse_int("1.5", 10), None);
        assert_eq!(parse_int("", 10), None);
    }

    #[test]
    fn floats_parse_like_python() {
        assert_eq!(parse_float(" 3.5 "), Some(3.5));
        assert_eq!(parse_float("1e3"), Some(1000.0));
        assert!(parse_float("nan").is_some_and(f64::is_nan));
        assert_eq!(parse_float("-inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("abc"), None);
    }
}
