//! Built-in functions about objects and numbers: `print`, `len`, `repr`,
//! `isinstance`, attribute helpers, `abs`, `round`, `divmod`, `pow`, `chr`,
//! `ord`, `format`, `vars`, `id`, `hash`, `callable`, `input`.

use std::rc::Rc;

use crate::ast::BinOp;
use crate::dict::hash_value;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::{Class, Value};

fn arg(args: &CallArgs, index: usize) -> Value {
    args.positional.get(index).cloned().unwrap_or(Value::None)
}

/// The object built-ins as (name, function) pairs.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("print", NativeFunction::function("print", print)),
        (
            "len",
            NativeFunction::function("len", |interp, args| {
                args.check("len", 1, 1)?;
                let len = interp.len_of(&arg(&args, 0))?;
                Ok(Value::Int(len as i64))
            }),
        ),
        (
            "repr",
            NativeFunction::function("repr", |interp, args| {
                args.check("repr", 1, 1)?;
                Ok(Value::str(interp.repr_value(&arg(&args, 0))?))
            }),
        ),
        (
            "ascii",
            NativeFunction::function("ascii", |interp, args| {
                args.check("ascii", 1, 1)?;
                let text = interp.repr_value(&arg(&args, 0))?;
                Ok(Value::str(
                    text.chars()
                        .map(|c| {
                            if c.is_ascii() {
                                c.to_string()
                            } else if (c as u32) < 0x100 {
                                format!("\\x{:02x}", c as u32)
                            } else if (c as u32) < 0x10000 {
                                format!("\\u{:04x}", c as u32)
                            } else {
                                format!("\\U{:08x}", c as u32)
                            }
                        })
                        .collect::<String>(),
                ))
            }),
        ),
        (
            "isinstance",
            NativeFunction::function("isinstance", |interp, args| {
                args.check("isinstance", 2, 2)?;
                Ok(Value::Bool(class_check(
                    interp,
                    &arg(&args, 1),
                    &|interp, class| Ok(interp.is_instance(&arg(&args, 0), class)),
                    "isinstance",
                )?))
            }),
        ),
        (
            "issubclass",
            NativeFunction::function("issubclass", |interp, args| {
                args.check("issubclass", 2, 2)?;
                let Value::Class(subclass) = arg(&args, 0) else {
                    return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
                };
                Ok(Value::Bool(class_check(
                    interp,
                    &arg(&args, 1),
                    &|_, class| Ok(subclass.is_subclass_of(class)),
                    "issubclass",
                )?))
            }),
        ),
        (
            "getattr",
            NativeFunction::function("getattr", |interp, args| {
                args.check("getattr", 2, 3)?;
                let name = attr_name(&arg(&args, 1), "getattr")?;
                match interp.get_attribute(&arg(&args, 0), &name) {
                    Ok(value) => Ok(value),
                    Err(error)
                        if args.positional.len() == 3 && error.class_name() == "AttributeError" =>
                    {
                        Ok(arg(&args, 2))
                    }
                    Err(error) => Err(error),
                }
            }),
        ),
        (
            "setattr",
            NativeFunction::function("setattr", |interp, args| {
                args.check("setattr", 3, 3)?;
                let name = attr_name(&arg(&args, 1), "setattr")?;
                interp.set_attribute(&arg(&args, 0), &name, arg(&args, 2))?;
                Ok(Value::None)
            }),
        ),
        (
            "hasattr",
            NativeFunction::function("hasattr", |interp, args| {
                args.check("hasattr", 2, 2)?;
                let name = attr_name(&arg(&args, 1), "hasattr")?;
                match interp.get_attribute(&arg(&args, 0), &name) {
                    Ok(_) => Ok(Value::Bool(true)),
                    Err(error) if error.class_name() == "AttributeError" => Ok(Value::Bool(false)),
                    Err(error) => Err(error),
                }
            }),
        ),
        (
            "delattr",
            NativeFunction::function("delattr", |interp, args| {
                args.check("delattr", 2, 2)?;
                let name = attr_name(&arg(&args, 1), "delattr")?;
                interp.del_attribute(&arg(&args, 0), &name)?;
                Ok(Value::None)
            }),
        ),
        (
            "id",
            NativeFunction::function("id", |_, args| {
                args.check("id", 1, 1)?;
                let value = arg(&args, 0);
                Ok(Value::Int(value.identity().map_or_else(
                    || hash_value(&value).unwrap_or(0) as i64 & 0x7fff_ffff,
                    |addr| addr as i64,
                )))
            }),
        ),
        (
            "hash",
            NativeFunction::function("hash", |interp, args| {
                args.check("hash", 1, 1)?;
                let mut value = arg(&args, 0);
                if let Value::Native(object) = &value
                    && let Some(proxy) = object.hash_as()
                {
                    value = proxy;
                }
                if let Value::Instance(_) = &value {
                    if let Some(hash) = interp.user_hash(&value)? {
                        return Ok(Value::Int(hash));
                    }
                } else if let Some(method) = interp.special_method(&value, "__hash__") {
                    return interp.call_value(&method, CallArgs::default());
                }
                if let Some(hash) = crate::cpython_hash::hash(&value) {
                    return Ok(Value::Int(hash));
                }
                let key = interp.hash_key(value)?;
                Ok(Value::Int(
                    (hash_value(key.value()).unwrap_or(0) >> 1) as i64,
                ))
            }),
        ),
        (
            "callable",
            NativeFunction::function("callable", |interp, args| {
                args.check("callable", 1, 1)?;
                let value = arg(&args, 0);
                Ok(Value::Bool(
                    match &value {
                        Value::Function(_)
                        | Value::NativeFunction(_)
                        | Value::BoundMethod(_)
                        | Value::Class(_) => true,
                        Value::Instance(_) => Interpreter::has_special(&value, "__call__"),
                        Value::Native(_) => true,
                        _ => false,
                    } && interp.steps_used() < u64::MAX,
                ))
            }),
        ),
        ("hex", radix_function("hex", "0x", 16)),
        ("oct", radix_function("oct", "0o", 8)),
        ("bin", radix_function("bin", "0b", 2)),
        (
            "abs",
            NativeFunction::function("abs", |interp, args| {
                args.check("abs", 1, 1)?;
                let value = arg(&args, 0);
                match value {
                    Value::Int(i) => i.checked_abs().map(Value::Int).ok_or_else(|| {
                        PyErr::overflow_error("abs() result does not fit in 64 bits")
                    }),
                    Value::Bool(b) => Ok(Value::Int(i64::from(b))),
                    Value::Float(x) => Ok(Value::Float(x.abs())),
                    other => match interp.special_method(&other, "__abs__") {
                        Some(method) => interp.call_value(&method, CallArgs::default()),
                        None => match interp.get_attribute(&other, "__abs__") {
                            Ok(method) => interp.call_value(&method, CallArgs::default()),
                            Err(_) => Err(PyErr::type_error(format!(
                                "bad operand type for abs(): '{}'",
                                other.type_name()
                            ))),
                        },
                    },
                }
            }),
        ),
        ("round", NativeFunction::function("round", round)),
        (
            "divmod",
            NativeFunction::function("divmod", |interp, args| {
                args.check("divmod", 2, 2)?;
                let quotient = interp.binary_op(BinOp::FloorDiv, &arg(&args, 0), &arg(&args, 1))?;
                let remainder = interp.binary_op(BinOp::Mod, &arg(&args, 0), &arg(&args, 1))?;
                Ok(Value::tuple(vec![quotient, remainder]))
            }),
        ),
        (
            "pow",
            NativeFunction::function("pow", |interp, args| {
                args.check("pow", 2, 3)?;
                if let Some(modulus) = args.positional.get(2) {
                    let (Some(base), Some(exponent), Some(modulus)) = (
                        arg(&args, 0).as_int(),
                        arg(&args, 1).as_int(),
                        modulus.as_int(),
                    ) else {
                        return Err(PyErr::type_error(
                            "pow() 3rd argument not allowed unless all arguments are integers",
                        ));
                    };
                    if modulus == 0 {
                        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
                    }
                    let mut result: i128 = 1;
                    let mut base = i128::from(base).rem_euclid(i128::from(modulus));
                    let mut exponent = exponent;
                    while exponent > 0 {
                        if exponent & 1 == 1 {
                            result = (result * base).rem_euclid(i128::from(modulus));
                        }
                        base = (base * base).rem_euclid(i128::from(modulus));
                        exponent >>= 1;
                    }
                    return Ok(Value::Int(result as i64));
                }
                interp.binary_op(BinOp::Pow, &arg(&args, 0), &arg(&args, 1))
            }),
        ),
        (
            "chr",
            NativeFunction::function("chr", |_, args| {
                args.check("chr", 1, 1)?;
                let code = arg(&args, 0)
                    .as_int()
                    .ok_or_else(|| PyErr::type_error("an integer is required"))?;
                u32::try_from(code)
                    .ok()
                    .and_then(char::from_u32)
                    .map(|c| Value::str(c.to_string()))
                    .ok_or_else(|| PyErr::value_error("chr() arg not in range(0x110000)"))
            }),
        ),
        (
            "ord",
            NativeFunction::function("ord", |_, args| {
                args.check("ord", 1, 1)?;
                let value = arg(&args, 0);
                let Some(text) = value.as_str() else {
                    return Err(PyErr::type_error(format!(
                        "ord() expected string of length 1, but {} found",
                        value.type_name()
                    )));
                };
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Ok(Value::Int(c as i64)),
                    _ => Err(PyErr::type_error(format!(
                        "ord() expected a character, but string of length {} found",
                        text.chars().count()
                    ))),
                }
            }),
        ),
        (
            "format",
            NativeFunction::function("format", |interp, args| {
                args.check("format", 1, 2)?;
                let spec = arg(&args, 1);
                let spec = spec.as_str().unwrap_or_default().to_string();
                Ok(Value::str(interp.format_value(&arg(&args, 0), &spec)?))
            }),
        ),
        (
            "vars",
            NativeFunction::function("vars", |interp, args| {
                args.check("vars", 0, 1)?;
                match args.positional.first() {
                    Some(value) => interp.get_attribute(value, "__dict__").map_err(|_| {
                        PyErr::type_error("vars() argument must have __dict__ attribute")
                    }),
                    None => Err(PyErr::type_error(
                        "vars() without arguments is not supported by Retort",
                    )),
                }
            }),
        ),
        (
            "globals",
            NativeFunction::function("globals", |interp, _| {
                let module = Value::Module(Rc::new(crate::value::Module {
                    name: "__main__".into(),
                    dict: interp.globals.clone(),
                }));
                interp.get_attribute(&module, "__dict__").or_else(|_| {
                    let mut dict = crate::dict::Dict::new();
                    for (key, value) in interp.globals.borrow().iter() {
                        if let Ok(key) = crate::dict::HashKey::new(Value::str(key.as_str())) {
                            dict.insert(key, value.clone());
                        }
                    }
                    Ok(Value::Dict(Rc::new(std::cell::RefCell::new(dict))))
                })
            }),
        ),
        (
            "input",
            NativeFunction::function("input", |_, _| {
                Err(PyErr::new(
                    "RuntimeError",
                    "input() is not available in Retort: scripts cannot read from the keyboard",
                ))
            }),
        ),
        (
            "dir",
            NativeFunction::function("dir", |interp, args| {
                args.check("dir", 1, 1)?;
                let value = arg(&args, 0);
                let mut names: Vec<String> = match &value {
                    Value::Instance(instance) => instance
                        .dict
                        .borrow()
                        .keys()
                        .cloned()
                        .chain(
                            instance
                                .class
                                .mro_iter()
                                .flat_map(|c| c.dict.borrow().keys().cloned().collect::<Vec<_>>()),
                        )
                        .collect(),
                    Value::Class(class) => class
                        .mro_iter()
                        .flat_map(|c| c.dict.borrow().keys().cloned().collect::<Vec<_>>())
                        .collect(),
                    Value::Module(module) => module.dict.borrow().keys().cloned().collect(),
                    _ => Vec::new(),
                };
                retort_sort::sort(&mut names);
                names.dedup();
                let _ = interp;
                Ok(Value::list(
                    names.into_iter().map(|n| Value::str(n.as_str())).collect(),
                ))
            }),
        ),
    ]
}

fn attr_name(value: &Value, function: &str) -> PyResult<String> {
    value.as_str().map(str::to_string).ok_or_else(|| {
        PyErr::type_error(format!(
            "{function}(): attribute name must be string, not '{}'",
            value.type_name()
        ))
    })
}

type ClassTest<'a> = dyn Fn(&mut Interpreter, &Rc<Class>) -> PyResult<bool> + 'a;

fn class_check(
    interp: &mut Interpreter,
    spec: &Value,
    test: &ClassTest,
    function: &str,
) -> PyResult<bool> {
    match spec {
        Value::Class(class) => test(interp, class),
        Value::Tuple(items) => {
            for item in items.iter() {
                if class_check(interp, item, test, function)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Native(_) => match crate::stdlib::typing::union_members(spec) {
            Some(members) => {
                for member in members {
                    if class_check(interp, &member, test, function)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            None => Err(PyErr::type_error(format!(
                "{function}() arg 2 must be a type, a tuple of types, or a union"
            ))),
        },
        Value::None => {
            let none_type = interp.types.builtin(crate::value::BuiltinType::NoneType);
            test(interp, &none_type)
        }
        _ => Err(PyErr::type_error(format!(
            "{function}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn print(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let sep = match args.take_keyword("sep") {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "sep must be None or a string, not {}",
                other.type_name()
            )));
        }
    };
    let end = match args.take_keyword("end") {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "end must be None or a string, not {}",
                other.type_name()
            )));
        }
    };
    args.take_keyword("flush");
    let file = args.take_keyword("file").filter(|file| !file.is_none());
    if let Some((name, _)) = args.keywords.first() {
        return Err(PyErr::type_error(format!(
            "'{name}' is an invalid keyword argument for print()"
        )));
    }
    let mut parts = Vec::with_capacity(args.positional.len());
    for value in &args.positional {
        parts.push(interp.str_value(value)?);
    }
    let text = format!("{}{end}", parts.join(&sep));
    match file {
        None => interp.write_output(&text),
        Some(file) => crate::stdlib::streams::write_to(interp, &file, &text)?,
    }
    Ok(Value::None)
}

/// Rounds a float to `digits` decimals exactly as CPython does (correctly
/// rounded, ties to even on the exact binary value).
pub fn round_float(x: f64, digits: i64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if digits > 300 {
        return x;
    }
    if digits >= 0 {
        let text = format!("{:.*}", digits as usize, x);
        return text.parse().unwrap_or(x);
    }
    let factor = 10f64.powi((-digits).min(308) as i32);
    let scaled = x / factor;
    let rounded = scaled.round_ties_even();
    rounded * factor
}

fn round(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let ndigits = args.take_keyword("ndigits");
    let value = args.positional.first().cloned().unwrap_or(Value::None);
    let digits = match ndigits.or_else(|| args.positional.get(1).cloned()) {
        None | Some(Value::None) => None,
        Some(other) => Some(other.as_int().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))
        })?),
    };
    match (&value, digits) {
        (Value::Float(x), None) => {
            if x.is_nan() {
                return Err(PyErr::value_error("cannot convert float NaN to integer"));
            }
            if x.is_infinite() {
                return Err(PyErr::overflow_error(
                    "cannot convert float infinity to integer",
                ));
            }
            Ok(Value::Int(x.round_ties_even() as i64))
        }
        (Value::Float(x), Some(digits)) => Ok(Value::Float(round_float(*x, digits))),
        (Value::Int(_) | Value::Bool(_), None) => Ok(Value::Int(value.as_int().unwrap_or(0))),
        (Value::Int(_) | Value::Bool(_), Some(digits)) => {
            let n = value.as_int().unwrap_or(0);
            if digits >= 0 {
                return Ok(Value::Int(n));
            }
            let factor = 10i64
                .checked_pow(u32::try_from(-digits).unwrap_or(u32::MAX))
                .unwrap_or(0);
            if factor == 0 {
                return Ok(Value::Int(0));
            }
            let (quotient, remainder) =
                crate::eval::ops::int_floor_div_mod(n, factor).unwrap_or((0, 0));
            let twice = remainder * 2;
            let rounded = if twice > factor || (twice == factor && quotient % 2 != 0) {
                quotient + 1
            } else {
                quotient
            };
            Ok(Value::Int(rounded.saturating_mul(factor)))
        }
        _ => {
            let mut call_args = Vec::new();
            if let Some(digits) = digits {
                call_args.push(Value::Int(digits));
            }
            match interp.get_attribute(&value, "__round__") {
                Ok(method) => interp.call_value(&method, CallArgs::new(call_args)),
                Err(_) => Err(PyErr::type_error(format!(
                    "type {} doesn't define __round__ method",
                    value.type_name()
                ))),
            }
        }
    }
}

/// `hex`, `oct` or `bin`: an integer's digits in `radix` after `prefix`
/// (`-0x1f` for a negative one).
fn radix_function(name: &'static str, prefix: &'static str, radix: u32) -> Value {
    NativeFunction::function(name, move |_, args| {
        args.check(name, 1, 1)?;
        let number = match arg(&args, 0) {
            Value::Int(i) => i,
            Value::Bool(b) => i64::from(b),
            other => {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )));
            }
        };
        let magnitude = number.unsigned_abs();
        let digits = match radix {
            16 => format!("{magnitude:x}"),
            8 => format!("{magnitude:o}"),
            _ => format!("{magnitude:b}"),
        };
        let sign = if number < 0 { "-" } else { "" };
        Ok(Value::str(format!("{sign}{prefix}{digits}")))
    })
}

#[cfg(test)]
mod tests {
    use super::round_float;

    #[test]
    fn rounding_matches_cpython() {
        assert_eq!(round_float(0.125, 2), 0.12);
        assert_eq!(round_float(2.675, 2), 2.67);
        assert_eq!(round_float(1.5, 0), 2.0);
        assert_eq!(round_float(1234.5, -2), 1200.0);
    }
}
