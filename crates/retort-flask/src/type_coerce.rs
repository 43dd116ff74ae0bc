//! `type_coerce(expr, Type)`: the same SQL (no `CAST`), read back as
//! `Type` (`type_coerce(func.abs(x) / 2, Float)` gives floats).

use retort_python::{NativeFunction, PyErr, Value};

use crate::expr::{ExprObject, operand};
use crate::types::sql_type_of;

/// The `type_coerce` function.
pub fn type_coerce_function() -> Value {
    NativeFunction::function("type_coerce", |interp, args| {
        let (Some(value), Some(type_value)) = (args.positional.first(), args.positional.get(1))
        else {
            return Err(PyErr::type_error(
                "type_coerce() missing required arguments: 'expression' and 'type_'",
            ));
        };
        let expr = operand(interp, value, "param")?;
        let mut object = match value.downcast_native::<ExprObject>() {
            Some(object) => ExprObject::plain(expr, object.name.clone()),
            None => ExprObject::plain(expr, "param"),
        };
        object.sql_type = sql_type_of(type_value);
        Ok(Value::native(object))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_python::{CallArgs, Interpreter};
    use retort_sql::{Expr, SqlType};

    #[test]
    fn the_expression_is_kept_and_only_its_type_changes() {
        let mut interp = Interpreter::new(Default::default());
        let column = Value::native(ExprObject::plain(Expr::col("t", "x"), "x"));
        let float = Value::native(crate::types::bare_type("Float").expect("Float"));
        let coerced = interp
            .call(&type_coerce_function(), CallArgs::new(vec![column, float]))
            .expect("type_coerce");
        let object = coerced.downcast_native::<ExprObject>().expect("expression");
        assert_eq!(object.expr, Expr::col("t", "x"));
        assert!(matches!(object.sql_type, Some(SqlType::Float(_))));
    }
}
