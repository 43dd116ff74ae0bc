//! The `functools` module (`wraps`, `partial`, `reduce`, `lru_cache`,
//! `cache`, `total_ordering`) and a small `time` module whose clock is the
//! interpreter's.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::Value;

/// Copies `__name__` and `__doc__` from `wrapped` onto `wrapper` when possible.
fn copy_metadata(interp: &mut Interpreter, wrapped: &Value, wrapper: &Value) -> PyResult<()> {
    for name in ["__name__", "__doc__", "__qualname__", "__module__"] {
        if let Ok(value) = interp.get_attr(wrapped, name) {
            let _ = interp.set_attr(wrapper, name, value);
        }
    }
    let _ = interp.set_attr(wrapper, "__wrapped__", wrapped.clone());
    Ok(())
}

/// A decorator that returns its argument unchanged (for caches Retort does not need).
fn identity_decorator(name: &str) -> Value {
    NativeFunction::function(name, |_, args| match args.positional.first() {
        Some(
            function @ (Value::Function(_) | Value::NativeFunction(_) | Value::BoundMethod(_)),
        ) => Ok(function.clone()),
        _ => Ok(NativeFunction::function("decorator", |_, args| {
            Ok(args.positional.first().cloned().unwrap_or(Value::None))
        })),
    })
}

/// Builds the `functools` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    let wraps = NativeFunction::function("wraps", |_, args| {
        args.check("wraps", 1, 1)?;
        let wrapped = args.positional[0].clone();
        Ok(NativeFunction::function(
            "decorator",
            move |interp, args| {
                let wrapper = args.positional.first().cloned().unwrap_or(Value::None);
                copy_metadata(interp, &wrapped, &wrapper)?;
                Ok(wrapper)
            },
        ))
    });
    let partial = NativeFunction::function("partial", |_, args| {
        let mut positional = args.positional;
        if positional.is_empty() {
            return Err(PyErr::type_error(
                "partial() missing required argument 'func'",
            ));
        }
        let function = positional.remove(0);
        let bound = Rc::new((positional, args.keywords));
        Ok(NativeFunction::function("partial", move |interp, extra| {
            let mut call_args = CallArgs::with_keywords(bound.0.clone(), bound.1.clone());
            call_args.positional.extend(extra.positional);
            for (key, value) in extra.keywords {
                call_args.keywords.retain(|(existing, _)| existing != &key);
                call_args.keywords.push((key, value));
            }
            interp.call(&function, call_args)
        }))
    });
    let reduce = NativeFunction::function("reduce", |interp, args| {
        args.check("reduce", 2, 3)?;
        let function = args.positional[0].clone();
        let mut items = interp.collect(&args.positional[1])?.into_iter();
        let mut accumulator = match args.positional.get(2) {
            Some(initial) => initial.clone(),
            None => items.next().ok_or_else(|| {
                PyErr::type_error("reduce() of empty iterable with no initial value")
            })?,
        };
        for item in items {
            accumulator = interp.call(&function, CallArgs::new(vec![accumulator, item]))?;
        }
        Ok(accumulator)
    });
    Ok(Interpreter::new_module(
        "functools",
        vec![
            ("wraps", wraps),
            ("partial", partial),
            ("reduce", reduce),
            ("lru_cache", identity_decorator("lru_cache")),
            ("cache", identity_decorator("cache")),
            ("total_ordering", identity_decorator("total_ordering")),
        ],
    ))
}

/// Builds the `time` module on the interpreter's clock; `sleep` returns at once.
pub fn time_module(_interp: &mut Interpreter) -> PyResult<Value> {
    let seconds = |interp: &mut Interpreter| interp.now().and_utc().timestamp_micros() as f64 / 1e6;
    Ok(Interpreter::new_module(
        "time",
        vec![
            (
                "time",
                NativeFunction::function("time", move |interp, _| {
                    Ok(Value::Float(seconds(interp)))
                }),
            ),
            (
                "perf_counter",
                NativeFunction::function("perf_counter", move |interp, _| {
                    Ok(Value::Float(seconds(interp)))
                }),
            ),
            (
                "monotonic",
                NativeFunction::function("monotonic", move |interp, _| {
                    Ok(Value::Float(seconds(interp)))
                }),
            ),
            (
                "sleep",
                NativeFunction::function("sleep", |_, _| Ok(Value::None)),
            ),
        ],
    ))
}
