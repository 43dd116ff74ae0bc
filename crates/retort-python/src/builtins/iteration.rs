//! Built-in functions over iterables: `sum`, `min`, `max`, `any`, `all`,
//! `sorted`, `reversed`, `enumerate`, `zip`, `map`, `filter`, `iter`, `next`.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::{PyIterator, Value};

fn items_iterator(items: Vec<Value>) -> Value {
    Value::Iterator(Rc::new(RefCell::new(PyIterator::Items {
        items: items.into(),
        index: 0,
    })))
}

/// The iteration built-ins as (name, function) pairs.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        (
            "sum",
            NativeFunction::function("sum", |interp, mut args| {
                let start = args.take_keyword("start");
                args.check("sum", 1, 2)?;
                let mut total = start
                    .or_else(|| args.positional.get(1).cloned())
                    .unwrap_or(Value::Int(0));
                if matches!(total, Value::Str(_)) {
                    return Err(PyErr::type_error(
                        "sum() can't sum strings [use ''.join(seq) instead]",
                    ));
                }
                let iterable = args.positional.first().cloned().unwrap_or(Value::None);
                let iterator = interp.get_iter(&iterable)?;
                while let Some(item) = interp.iter_next(&iterator)? {
                    total = interp.binary_op(BinOp::Add, &total, &item)?;
                }
                Ok(total)
            }),
        ),
        (
            "min",
            NativeFunction::function("min", |interp, args| {
                extreme(interp, args, "min", Ordering::Less)
            }),
        ),
        (
            "max",
            NativeFunction::function("max", |interp, args| {
                extreme(interp, args, "max", Ordering::Greater)
            }),
        ),
        (
            "any",
            NativeFunction::function("any", |interp, args| {
                args.check("any", 1, 1)?;
                let iterator = interp.get_iter(&args.positional[0])?;
                while let Some(item) = interp.iter_next(&iterator)? {
                    if interp.truthy(&item)? {
                        return Ok(Value::Bool(true));
                    }
                }
                Ok(Value::Bool(false))
            }),
        ),
        (
            "all",
            NativeFunction::function("all", |interp, args| {
                args.check("all", 1, 1)?;
                let iterator = interp.get_iter(&args.positional[0])?;
                while let Some(item) = interp.iter_next(&iterator)? {
                    if !interp.truthy(&item)? {
                        return Ok(Value::Bool(false));
                    }
                }
                Ok(Value::Bool(true))
            }),
        ),
        (
            "sorted",
            NativeFunction::function("sorted", |interp, mut args| {
                let key = args.take_keyword("key");
                let reverse = args.take_keyword("reverse");
                args.check("sorted", 1, 1)?;
                let mut items = interp.collect(&args.positional[0])?;
                let reverse = match reverse {
                    Some(value) => interp.truthy(&value)?,
                    None => false,
                };
                sort_values(interp, &mut items, key.as_ref(), reverse)?;
                Ok(Value::list(items))
            }),
        ),
        (
            "reversed",
            NativeFunction::function("reversed", |interp, args| {
                args.check("reversed", 1, 1)?;
                let value = &args.positional[0];
                if let Some(method) = interp.special_method(value, "__reversed__") {
                    return interp.call_value(&method, CallArgs::default());
                }
                match value {
                    Value::Set(_) | Value::Iterator(_) => {
                        return Err(PyErr::type_error(format!(
                            "'{}' object is not reversible",
                            value.type_name()
                        )));
                    }
                    // A library object is reversed as a sequence, which
                    // needs its length: a `Query` has none (CPython's
                    // TypeError), a list view or a `Row` has one.
                    Value::Native(_) => {
                        interp.len_of(value)?;
                    }
                    // A dict (3.8+) gives its keys last to first.
                    _ => {}
                }
                let mut items = interp.collect(value)?;
                items.reverse();
                Ok(items_iterator(items))
            }),
        ),
        (
            "enumerate",
            NativeFunction::function("enumerate", |interp, mut args| {
                let start = args.take_keyword("start");
                args.check("enumerate", 1, 2)?;
                let start = start
                    .or_else(|| args.positional.get(1).cloned())
                    .and_then(|v| v.as_int())
                    .unwrap_or(0);
                let items = interp.collect(&args.positional[0])?;
                Ok(items_iterator(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, item)| {
                            Value::tuple(vec![Value::Int(start.saturating_add(i as i64)), item])
                        })
                        .collect(),
                ))
            }),
        ),
        (
            "zip",
            NativeFunction::function("zip", |interp, mut args| {
                let strict = args.take_keyword("strict");
                args.check("zip", 0, usize::MAX)?;
                let mut columns = Vec::new();
                for iterable in &args.positional {
                    columns.push(interp.collect(iterable)?);
                }
                let shortest = columns.iter().map(Vec::len).min().unwrap_or(0);
                if let Some(strict) = strict
                    && interp.truthy(&strict)?
                    && columns.iter().any(|c| c.len() != shortest)
                {
                    return Err(PyErr::value_error("zip() arguments have different lengths"));
                }
                let rows = (0..shortest)
                    .map(|i| {
                        Value::tuple(columns.iter().filter_map(|c| c.get(i).cloned()).collect())
                    })
                    .collect();
                Ok(items_iterator(rows))
            }),
        ),
        (
            "map",
            NativeFunction::function("map", |interp, args| {
                if args.positional.len() < 2 {
                    return Err(PyErr::type_error("map() must have at least two arguments."));
                }
                let function = args.positional[0].clone();
                let mut columns = Vec::new();
                for iterable in &args.positional[1..] {
                    columns.push(interp.collect(iterable)?);
                }
                let shortest = columns.iter().map(Vec::len).min().unwrap_or(0);
                let mut results = Vec::with_capacity(shortest);
                for i in 0..shortest {
                    let call_args = columns.iter().filter_map(|c| c.get(i).cloned()).collect();
                    results.push(interp.call_value(&function, CallArgs::new(call_args))?);
                }
                Ok(items_iterator(results))
            }),
        ),
        (
            "filter",
            NativeFunction::function("filter", |interp, args| {
                args.check("filter", 2, 2)?;
                let function = args.positional[0].clone();
                let mut results = Vec::new();
                for item in interp.collect(&args.positional[1])? {
                    let keep = match &function {
                        Value::None => interp.truthy(&item)?,
                        f => {
                            let verdict =
                                interp.call_value(f, CallArgs::new(vec![item.clone()]))?;
                            interp.truthy(&verdict)?
                        }
                    };
                    if keep {
                        results.push(item);
                    }
                }
                Ok(items_iterator(results))
            }),
        ),
        (
            "iter",
            NativeFunction::function("iter", |interp, args| {
                args.check("iter", 1, 1)?;
                interp.get_iter(&args.positional[0])
            }),
        ),
        (
            "next",
            NativeFunction::function("next", |interp, args| {
                args.check("next", 1, 2)?;
                let iterator = &args.positional[0];
                if !matches!(iterator, Value::Iterator(_)) {
                    if let Some(method) = interp.special_method(iterator, "__next__") {
                        return interp.call_value(&method, CallArgs::default());
                    }
                    return Err(PyErr::type_error(format!(
                        "'{}' object is not an iterator",
                        iterator.type_name()
                    )));
                }
                match interp.iter_next(iterator)? {
                    Some(value) => Ok(value),
                    None => match args.positional.get(1) {
                        Some(default) => Ok(default.clone()),
                        None => Err(PyErr::with_args(
                            crate::error::ErrorClass::Builtin("StopIteration".into()),
                            Vec::new(),
                        )),
                    },
                }
            }),
        ),
    ]
}

fn extreme(
    interp: &mut Interpreter,
    mut args: CallArgs,
    name: &str,
    wanted: Ordering,
) -> PyResult<Value> {
    let key = args
        .take_keyword("key")
        .filter(|k| !matches!(k, Value::None));
    let default = args.take_keyword("default");
    args.check(name, 1, usize::MAX)?;
    let items = if args.positional.len() == 1 {
        interp.collect(&args.positional[0])?
    } else {
        args.positional.clone()
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let item_key = match &key {
            Some(key) => interp.call_value(key, CallArgs::new(vec![item.clone()]))?,
            None => item.clone(),
        };
        let replace = match &best {
            None => true,
            // CPython asks `item < best` for min() and `item > best` for
            // max(), which its TypeError names.
            Some((_, best_key)) => {
                let op = if wanted == Ordering::Less {
                    CmpOp::Lt
                } else {
                    CmpOp::Gt
                };
                let result = interp.compare(op, &item_key, best_key)?;
                interp.truthy(&result)?
            }
        };
        if replace {
            best = Some((item, item_key));
        }
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(default)) => Ok(default),
        (None, None) => Err(PyErr::value_error(format!(
            "{name}() arg is an empty sequence"
        ))),
    }
}

/// Sorts values stably by `key`, like `list.sort`.
pub fn sort_values(
    interp: &mut Interpreter,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let mut keyed = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        let item_key = match key {
            Some(Value::None) | None => item.clone(),
            Some(key) => interp.call_value(key, CallArgs::new(vec![item.clone()]))?,
        };
        keyed.push((item_key, item));
    }
    let mut failure = None;
    retort_sort::sort_by(&mut keyed, |(a, _), (b, _)| {
        if failure.is_some() {
            return Ordering::Equal;
        }
        let (first, second) = if reverse { (b, a) } else { (a, b) };
        match interp.less_than(first, second) {
            Ok(true) => Ordering::Less,
            Ok(false) => match interp.less_than(second, first) {
                Ok(true) => Ordering::Greater,
                Ok(false) => Ordering::Equal,
                Err(error) => {
                    failure = Some(error);
                    Ordering::Equal
                }
            },
            Err(error) => {
                failure = Some(error);
                Ordering::Equal
            }
        }
    });
    items.extend(keyed.into_iter().map(|(_, item)| item));
    match failure {
        Some(error) => Err(error),
        None => Ok(()),
    }
}
