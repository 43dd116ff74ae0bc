//! Column deferral as Python sees it: the loader options `load_only(...)`,
//! `defer(...)`, `undefer(...)` (`sqlalchemy.orm`, `db.load_only`, ...),
//! which `options()` hands to the ORM query (`OrmQuery::column_options`),
//! also chained on a relationship loader option
//! (`selectinload(A.b).load_only(B.c)`), and the mapping-level
//! `deferred(Column(...))`.

use std::rc::Rc;

use retort_orm::{ColumnOption, MapperId};
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::column::ColumnSpec;
use crate::ctx::Ctx;
use crate::expr::ExprObject;
use crate::model::ColumnAttribute;
use crate::relationship::LoaderOptionObject;

/// What `load_only(...)`, `defer(...)`, `undefer(...)` and
/// `undefer_group(...)` return.
#[derive(Debug, Clone)]
pub enum ColumnLoadOption {
    Columns(Vec<ColumnOption>),
    /// `undefer_group(name)`: for the query's first entity.
    UndeferGroup(String),
}

impl NativeObject for ColumnLoadOption {
    fn type_name(&self) -> &str {
        "_AbstractLoad"
    }
}

/// The column option functions and `deferred`, by name.
const FUNCTIONS: &[&str] = &["load_only", "defer", "undefer", "undefer_group", "deferred"];

/// Every column option function and `deferred` (for `sqlalchemy.orm`).
pub fn deferral_functions(ctx: &Rc<Ctx>) -> Vec<(&'static str, Value)> {
    FUNCTIONS
        .iter()
        .filter_map(|name| deferral_function(ctx, name).map(|f| (*name, f)))
        .collect()
}

/// The function named `name` (`db.load_only`, `db.deferred`), if any.
pub fn deferral_function(ctx: &Rc<Ctx>, name: &str) -> Option<Value> {
    let ctx = ctx.clone();
    Some(match name {
        "load_only" => NativeFunction::function("load_only", move |i, a| {
            Ok(Value::native(ColumnLoadOption::Columns(load_only(
                Some(ctx.as_ref()),
                i,
                a,
            )?)))
        }),
        "defer" => NativeFunction::function("defer", move |i, a| {
            Ok(Value::native(ColumnLoadOption::Columns(defer(
                Some(ctx.as_ref()),
                i,
                a,
                true,
            )?)))
        }),
        "undefer" => NativeFunction::function("undefer", move |i, a| {
            Ok(Value::native(ColumnLoadOption::Columns(defer(
                Some(ctx.as_ref()),
                i,
                a,
                false,
            )?)))
        }),
        "undefer_group" => NativeFunction::function("undefer_group", undefer_group),
        "deferred" => NativeFunction::function("deferred", move |i, a| deferred(&ctx, i, a)),
        _ => return None,
    })
}

/// `selectinload(A.b).load_only(B.c)` (and `.defer`, `.undefer`): the
/// relationship option with column options for its target.
pub fn chained_method(option: &LoaderOptionObject, name: &str) -> Option<Value> {
    if !matches!(name, "load_only" | "defer" | "undefer") {
        return None;
    }
    let option = option.clone();
    let name = name.to_owned();
    Some(NativeFunction::function(
        &name.clone(),
        move |interp, args| {
            let ctx = args
                .positional
                .iter()
                .find_map(|v| v.downcast_native::<ColumnAttribute>())
                .map(|a| a.ctx.clone());
            let columns = match name.as_str() {
                "load_only" => load_only(ctx.as_deref(), interp, args)?,
                other => defer(ctx.as_deref(), interp, args, other == "defer")?,
            };
            let mut chained = option.clone();
            chained.columns.extend(columns);
            Ok(Value::native(chained))
        },
    ))
}

/// The SQLAlchemy exception `name` (a plain error of that name without a
/// context to find its class in).
fn raise(ctx: Option<&Ctx>, name: &str, message: impl Into<String>) -> PyErr {
    match ctx {
        Some(ctx) => ctx.raise(name, message),
        None => PyErr::new(name, message),
    }
}

/// `(mapper, attribute)` of a mapped column attribute (`User.name`).
fn column_attribute(
    ctx: Option<&Ctx>,
    interp: &mut Interpreter,
    value: &Value,
) -> PyResult<(MapperId, String)> {
    if let Some(attribute) = value.downcast_native::<ColumnAttribute>() {
        return Ok((attribute.mapper, attribute.attr.clone()));
    }
    if let Some((mapper, attr)) = value
        .downcast_native::<ExprObject>()
        .and_then(|e| e.attribute.clone())
    {
        return Ok((mapper, attr));
    }
    if value
        .downcast_native::<crate::relationship::RelationshipAttribute>()
        .is_some()
    {
        let shown = interp.str(value)?;
        return Err(raise(
            ctx,
            "LoaderStrategyException",
            format!(
                "Can't apply \"column loader\" strategy to property \"{shown}\", which is a \"relationship\"; this loader strategy is intended to be used with a \"column property\"."
            ),
        ));
    }
    Err(raise(
        ctx,
        "ArgumentError",
        "expected ORM mapped attribute for loader strategy argument",
    ))
}

/// Refuses `raiseload=True`, which Retort does not emulate.
fn no_raiseload(interp: &mut Interpreter, args: &mut CallArgs) -> PyResult<()> {
    match args.take_keyword("raiseload") {
        Some(value) if interp.is_truthy(&value)? => Err(PyErr::new(
            "NotImplementedError",
            "Retort does not support raiseload=True in load_only() or defer()",
        )),
        _ => Ok(()),
    }
}

/// `load_only(*attrs, raiseload=False)`: the primary key and `attrs` are
/// loaded, every other column of their class deferred.
fn load_only(
    ctx: Option<&Ctx>,
    interp: &mut Interpreter,
    mut args: CallArgs,
) -> PyResult<Vec<ColumnOption>> {
    no_raiseload(interp, &mut args)?;
    args.check("load_only", 0, usize::MAX)?;
    let mut by_mapper: Vec<(MapperId, Vec<String>)> = Vec::new();
    for value in &args.positional {
        let (mapper, attr) = column_attribute(ctx, interp, value)?;
        match by_mapper.iter_mut().find(|(m, _)| *m == mapper) {
            Some((_, keys)) => keys.push(attr),
            None => by_mapper.push((mapper, vec![attr])),
        }
    }
    Ok(by_mapper
        .iter()
        .flat_map(|(mapper, keys)| ColumnOption::load_only(*mapper, keys))
        .collect())
}

/// `defer(key, raiseload=False)` / `undefer(key)`.
fn defer(
    ctx: Option<&Ctx>,
    interp: &mut Interpreter,
    mut args: CallArgs,
    deferred: bool,
) -> PyResult<Vec<ColumnOption>> {
    let name = if deferred { "defer" } else { "undefer" };
    if deferred {
        no_raiseload(interp, &mut args)?;
    }
    args.check(name, 1, 1)?;
    let key = args.positional.first().cloned().unwrap_or(Value::None);
    let (mapper, attr) = column_attribute(ctx, interp, &key)?;
    Ok(vec![ColumnOption::column(mapper, attr, deferred)])
}

/// `undefer_group(name)`.
fn undefer_group(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let name = args.take(0, "name").unwrap_or(Value::None);
    args.check("undefer_group", 0, 1)?;
    Ok(Value::native(ColumnLoadOption::UndeferGroup(
        interp.str(&name)?,
    )))
}

/// `deferred(Column(...), group=None)`: the column, deferred by the
/// mapping.
fn deferred(ctx: &Ctx, interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let column = args.take(0, "column").unwrap_or(Value::None);
    let group = match args.take_keyword("group") {
        None | Some(Value::None) => None,
        Some(name) => Some(interp.str(&name)?),
    };
    let Some(spec) = column.downcast_native::<ColumnSpec>() else {
        let shown = interp.repr(&column)?;
        return Err(ctx.raise(
            "ArgumentError",
            format!("Retort supports deferred(Column(...)); got {shown}"),
        ));
    };
    Ok(Value::native(ColumnSpec {
        deferred: true,
        deferred_group: group,
        ..spec.clone()
    }))
}

/// The column options among `options(...)`'s arguments; an
/// `undefer_group` applies to `first_mapper`, the query's first entity.
pub fn column_options(values: &[Value], first_mapper: Option<MapperId>) -> Vec<ColumnOption> {
    let mut out: Vec<ColumnOption> = values
        .iter()
        .filter_map(|v| v.downcast_native::<LoaderOptionObject>())
        .flat_map(|o| o.columns.iter().cloned())
        .collect();
    for option in values
        .iter()
        .filter_map(|v| v.downcast_native::<ColumnLoadOption>())
    {
        match option {
            ColumnLoadOption::Columns(options) => out.extend(options.iter().cloned()),
            ColumnLoadOption::UndeferGroup(name) => {
                if let Some(mapper) = first_mapper {
                    out.push(ColumnOption::undefer_group(mapper, name.clone()));
                }
            }
        }
    }
    out
}
