//! The `math` module: constants and the common functions.

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::Value;

fn number(value: &Value) -> PyResult<f64> {
    match value {
        Value::Float(x) => Ok(*x),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        other => Err(PyErr::type_error(format!(
            "must be real number, not {}",
            other.type_name()
        ))),
    }
}

fn unary(name: &'static str, func: fn(f64) -> f64) -> (&'static str, Value) {
    (
        name,
        NativeFunction::function(name, move |_, args: CallArgs| {
            args.check(name, 1, 1)?;
            let result = func(number(&args.positional[0])?);
            if result.is_nan() && !number(&args.positional[0])?.is_nan() {
                return Err(PyErr::value_error("math domain error"));
            }
            Ok(Value::Float(result))
        }),
    )
}

fn to_int(x: f64, name: &str) -> PyResult<Value> {
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() || x.abs() >= 9.2e18 {
        return Err(PyErr::overflow_error(format!(
            "cannot convert float infinity to integer in {name}()"
        )));
    }
    Ok(Value::Int(x as i64))
}

/// Builds the `math` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    let mut entries = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
        unary("sqrt", f64::sqrt),
        unary("exp", f64::exp),
        unary("sin", f64::sin),
        unary("cos", f64::cos),
        unary("tan", f64::tan),
        unary("asin", f64::asin),
        unary("acos", f64::acos),
        unary("atan", f64::atan),
        unary("fabs", f64::abs),
        unary("log10", f64::log10),
        unary("log2", f64::log2),
        unary("radians", f64::to_radians),
        unary("degrees", f64::to_degrees),
    ];
    entries.push((
        "floor",
        NativeFunction::function("floor", |_, args| {
            args.check("floor", 1, 1)?;
            match &args.positional[0] {
                Value::Int(i) => Ok(Value::Int(*i)),
                other => to_int(number(other)?.floor(), "floor"),
            }
        }),
    ));
    entries.push((
        "ceil",
        NativeFunction::function("ceil", |_, args| {
            args.check("ceil", 1, 1)?;
            match &args.positional[0] {
                Value::Int(i) => Ok(Value::Int(*i)),
                other => to_int(number(other)?.ceil(), "ceil"),
            }
        }),
    ));
    entries.push((
        "trunc",
        NativeFunction::function("trunc", |_, args| {
            args.check("trunc", 1, 1)?;
            to_int(number(&args.positional[0])?.trunc(), "trunc")
        }),
    ));
    entries.push((
        "log",
        NativeFunction::function("log", |_, args| {
            args.check("log", 1, 2)?;
            let x = number(&args.positional[0])?;
            if x <= 0.0 {
                return Err(PyErr::value_error("math domain error"));
            }
            Ok(Value::Float(match args.positional.get(1) {
                Some(base) => x.ln() / number(base)?.ln(),
                None => x.ln(),
            }))
        }),
    ));
    entries.push((
        "pow",
        NativeFunction::function("pow", |_, args| {
            args.check("pow", 2, 2)?;
            Ok(Value::Float(
                number(&args.positional[0])?.powf(number(&args.positional[1])?),
            ))
        }),
    ));
    entries.push((
        "atan2",
        NativeFunction::function("atan2", |_, args| {
            args.check("atan2", 2, 2)?;
            Ok(Value::Float(
                number(&args.positional[0])?.atan2(number(&args.positional[1])?),
            ))
        }),
    ));
    entries.push((
        "hypot",
        NativeFunction::function("hypot", |_, args| {
            let mut total = 0.0;
            for value in &args.positional {
                let x = number(value)?;
                total += x * x;
            }
            Ok(Value::Float(total.sqrt()))
        }),
    ));
    entries.push((
        "isnan",
        NativeFunction::function("isnan", |_, args| {
            args.check("isnan", 1, 1)?;
            Ok(Value::Bool(number(&args.positional[0])?.is_nan()))
        }),
    ));
    entries.push((
        "isinf",
        NativeFunction::function("isinf", |_, args| {
            args.check("isinf", 1, 1)?;
            Ok(Value::Bool(number(&args.positional[0])?.is_infinite()))
        }),
    ));
    entries.push((
        "isfinite",
        NativeFunction::function("isfinite", |_, args| {
            args.check("isfinite", 1, 1)?;
            Ok(Value::Bool(number(&args.positional[0])?.is_finite()))
        }),
    ));
    entries.push((
        "isclose",
        NativeFunction::function("isclose", |_, mut args| {
            let rel = args
                .take_keyword("rel_tol")
                .map(|v| number(&v))
                .transpose()?
                .unwrap_or(1e-9);
            let abs = args
                .take_keyword("abs_tol")
                .map(|v| number(&v))
                .transpose()?
                .unwrap_or(0.0);
            args.check("isclose", 2, 2)?;
            let (a, b) = (number(&args.positional[0])?, number(&args.positional[1])?);
            Ok(Value::Bool(
                a == b || (a - b).abs() <= (rel * a.abs().max(b.abs())).max(abs),
            ))
        }),
    ));
    entries.push((
        "gcd",
        NativeFunction::function("gcd", |_, args| {
            let mut result: i64 = 0;
            for value in &args.positional {
                let mut other = value
                    .as_int()
                    .ok_or_else(|| {
                        PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            value.type_name()
                        ))
                    })?
                    .abs();
                let mut current = result;
                while other != 0 {
                    (current, other) = (other, current % other);
                }
                result = current;
            }
            Ok(Value::Int(result))
        }),
    ));
    entries.push((
        "factorial",
        NativeFunction::function("factorial", |_, args| {
            args.check("factorial", 1, 1)?;
            let n = args.positional[0]
                .as_int()
                .ok_or_else(|| PyErr::type_error("factorial() only accepts integral values"))?;
            if n < 0 {
                return Err(PyErr::value_error(
                    "factorial() not defined for negative values",
                ));
            }
            let mut result: i64 = 1;
            for i in 2..=n {
                result = result.checked_mul(i).ok_or_else(|| {
                    PyErr::overflow_error("factorial() result does not fit in 64 bits")
                })?;
            }
            Ok(Value::Int(result))
        }),
    ));
    entries.push((
        "fsum",
        NativeFunction::function("fsum", |interp, args| {
            args.check("fsum", 1, 1)?;
            let mut total = 0.0;
            let mut compensation = 0.0;
            for item in interp.collect(&args.positional[0])? {
                let y = number(&item)? - compensation;
                let t = total + y;
                compensation = (t - total) - y;
                total = t;
            }
            Ok(Value::Float(total))
        }),
    ));
    entries.push((
        "prod",
        NativeFunction::function("prod", |interp, args| {
            args.check("prod", 1, 1)?;
            let mut total = Value::Int(1);
            for item in interp.collect(&args.positional[0])? {
                total = interp.binary_op(crate::ast::BinOp::Mul, &total, &item)?;
            }
            Ok(total)
        }),
    ));
    Ok(Interpreter::new_module("math", entries))
}
