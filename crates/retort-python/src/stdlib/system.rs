//! Small modules: `warnings` (forwarded to the host's warning handler) and
//! `sys` (version facts, `exit`, the standard streams).

use crate::error::{ErrorClass, PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::NativeFunction;
use crate::value::Value;

/// Builds the `warnings` module.
pub fn warnings_module(_interp: &mut Interpreter) -> PyResult<Value> {
    Ok(Interpreter::new_module(
        "warnings",
        vec![
            (
                "warn",
                NativeFunction::function("warn", |interp, mut args| {
                    let message = args.take(0, "message").unwrap_or(Value::None);
                    let category = match args.take(1, "category") {
                        Some(Value::Class(class)) => class.name.to_string(),
                        _ => "UserWarning".to_string(),
                    };
                    let text = interp.str_value(&message)?;
                    interp.warn(&category, &text);
                    Ok(Value::None)
                }),
            ),
            (
                "filterwarnings",
                NativeFunction::function("filterwarnings", |_, _| Ok(Value::None)),
            ),
            (
                "simplefilter",
                NativeFunction::function("simplefilter", |_, _| Ok(Value::None)),
            ),
        ],
    ))
}

/// Builds the `sys` module.
pub fn sys_module(_interp: &mut Interpreter) -> PyResult<Value> {
    Ok(Interpreter::new_module(
        "sys",
        vec![
            ("version", Value::str("3.11.0 (Retort)")),
            ("platform", Value::str("retort")),
            ("argv", Value::list(vec![Value::str("main.py")])),
            ("maxsize", Value::Int(i64::MAX)),
            ("stdout", super::streams::stdout()),
            ("stderr", super::streams::stderr()),
            (
                "exit",
                NativeFunction::function("exit", |_, args| {
                    Err(PyErr::with_args(
                        ErrorClass::Builtin("SystemExit".into()),
                        args.positional.into_iter().take(1).collect(),
                    ))
                }),
            ),
            (
                "getrecursionlimit",
                NativeFunction::function("getrecursionlimit", |interp, _| {
                    Ok(Value::Int(interp.limits().max_recursion_depth as i64))
                }),
            ),
        ],
    ))
}
