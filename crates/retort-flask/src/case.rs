//! `case((condition, value), ..., else_=value)`: SQL `CASE WHEN ... END`,
//! typed by its first typed result, as SQLAlchemy 2.0 takes its `whens`
//! positionally; with `value=`, the whens compare that value (`CASE x
//! WHEN ? THEN ? END`) and may be a dict of value to result.

use std::rc::Rc;

use retort_python::{CallArgs, Interpreter, NativeFunction, PyErr, PyResult, Value};
use retort_sql::{Expr, SqlType};

use crate::ctx::Ctx;
use crate::expr::{ExprObject, criterion, literal_type, operand};

/// What SQLAlchemy 2.0 raises for the 1.x form `case([(cond, value)])`.
const LIST_FORM: &str = "The \"whens\" argument to case(), when referring to a sequence of \
     items, is now passed as a series of positional elements, rather than as a list. ";

/// The `case` function.
pub fn case_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("case", move |interp, args| case(interp, &ctx, args))
}

/// A result of a branch: an expression, or a value bound as `:param_N`.
fn result(interp: &mut Interpreter, value: &Value) -> PyResult<(Expr, Option<SqlType>)> {
    if value.is_none() {
        return Ok((Expr::Null, None));
    }
    let sql_type = match value.downcast_native::<ExprObject>() {
        Some(object) => object.sql_type.clone(),
        None => literal_type(value),
    };
    Ok((operand(interp, value, "param")?, sql_type))
}

fn case(interp: &mut Interpreter, ctx: &Ctx, mut args: CallArgs) -> PyResult<Value> {
    let value = args.take_keyword("value").filter(|v| !v.is_none());
    let else_ = args.take_keyword("else_");
    if let Some((name, _)) = args.keywords.first() {
        return Err(PyErr::type_error(format!(
            "case() got an unexpected keyword argument '{name}'"
        )));
    }
    // With `value=`, the whens may be a dict of value to result.
    let positional = match (&value, args.positional.as_slice()) {
        (Some(_), [Value::Dict(dict)]) => dict
            .borrow()
            .items()
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
        _ => args.positional.clone(),
    };
    let mut whens = Vec::new();
    let mut sql_type = None;
    for when in &positional {
        let pair = match when {
            Value::Tuple(items) if items.len() == 2 => items.clone(),
            Value::List(_) => return Err(ctx.raise("ArgumentError", LIST_FORM)),
            other => {
                let shown = interp.repr(other)?;
                return Err(ctx.raise(
                    "ArgumentError",
                    format!("case() expects (condition, result) tuples, got {shown}"),
                ));
            }
        };
        let condition = match &value {
            Some(_) => operand(interp, &pair[0], "param")?,
            None => criterion(interp, &pair[0])?,
        };
        let (then, then_type) = result(interp, &pair[1])?;
        sql_type = sql_type.or(then_type);
        whens.push((condition, then));
    }
    let else_ = match else_.filter(|v| !v.is_none()) {
        Some(value) => {
            let (expr, else_type) = result(interp, &value)?;
            sql_type = sql_type.or(else_type);
            Some(Box::new(expr))
        }
        None => None,
    };
    let expr = match value {
        Some(value) => Expr::SimpleCase {
            value: Box::new(operand(interp, &value, "param")?),
            whens,
            else_,
        },
        None => Expr::Case { whens, else_ },
    };
    let mut object = ExprObject::plain(expr, "case");
    object.sql_type = sql_type;
    Ok(Value::native(object))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(interp: &mut Interpreter, args: CallArgs) -> PyResult<Value> {
        let exceptions = crate::exceptions::ExceptionClasses::build(interp).expect("classes");
        let session = retort_orm::Session::in_memory().expect("session");
        let ctx = Ctx::new(session, exceptions);
        interp.call(&case_function(ctx), args)
    }

    #[test]
    fn whens_are_positional_pairs_and_the_first_result_types_it() {
        let mut interp = Interpreter::new(Default::default());
        let when = Value::tuple(vec![Value::Bool(true), Value::str("big")]);
        let args = CallArgs::with_keywords(vec![when], vec![("else_".into(), Value::str("small"))]);
        let value = call(&mut interp, args).expect("case");
        let object = value.downcast_native::<ExprObject>().expect("expression");
        let Expr::Case { whens, else_ } = &object.expr else {
            panic!("not a case: {:?}", object.expr);
        };
        assert_eq!(whens.len(), 1);
        assert!(else_.is_some());
        assert_eq!(object.sql_type, Some(SqlType::String(None)));
    }

    #[test]
    fn the_list_form_of_sqlalchemy_1_is_an_argument_error() {
        let mut interp = Interpreter::new(Default::default());
        let whens = Value::list(vec![Value::tuple(vec![Value::Bool(true), Value::Int(1)])]);
        let error = call(&mut interp, CallArgs::new(vec![whens])).expect_err("list");
        let shown = format!("{error:?}");
        assert!(shown.contains("ArgumentError"), "{shown}");
        assert!(shown.contains("now passed as a series"), "{shown}");
    }
}
