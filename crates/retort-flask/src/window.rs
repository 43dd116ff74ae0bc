//! `func.<name>(...).over(partition_by=..., order_by=...)`: a window
//! function (SQLAlchemy's `Over`), `row_number() OVER (PARTITION BY a
//! ORDER BY b DESC)`. Each argument is one expression or a list of them;
//! the result keeps the function's type and, unlabelled, is selected as
//! `anon_1`.

use retort_python::{CallArgs, Interpreter, PyErr, PyResult, Value};
use retort_sql::Expr;

use crate::expr::ExprObject;

/// `function.over(...)`.
pub fn over(
    interp: &mut Interpreter,
    function: &ExprObject,
    mut args: CallArgs,
) -> PyResult<Value> {
    if !matches!(function.expr, Expr::Function { .. }) {
        return Err(PyErr::attribute_error(
            "'BinaryExpression' object has no attribute 'over'",
        ));
    }
    let partition_by = args.take(0, "partition_by");
    let order_by = args.take(1, "order_by");
    if let Some((key, _)) = args.keywords.first() {
        return Err(PyErr::new(
            "ArgumentError",
            format!("Retort's over() takes partition_by= and order_by=, not {key}="),
        ));
    }
    let expr = Expr::Over {
        func: Box::new(function.expr.clone()),
        partition_by: window_items(interp, partition_by)?,
        order_by: window_items(interp, order_by)?,
    };
    let mut object = ExprObject::plain(expr, "anon_1");
    object.sql_type = function.sql_type.clone();
    Ok(Value::native(object))
}

/// One expression or a list/tuple of them.
fn window_items(interp: &mut Interpreter, value: Option<Value>) -> PyResult<Vec<Expr>> {
    let items = match value {
        None | Some(Value::None) => return Ok(Vec::new()),
        Some(value @ (Value::List(_) | Value::Tuple(_))) => interp.iterate(&value)?,
        Some(value) => vec![value],
    };
    items
        .iter()
        .map(|item| match item.downcast_native::<ExprObject>() {
            Some(object) => Ok(object.expr.clone()),
            None => {
                let shown = interp.repr(item)?;
                Err(PyErr::new(
                    "ArgumentError",
                    format!("SQL expression element expected, got {shown}"),
                ))
            }
        })
        .collect()
}
