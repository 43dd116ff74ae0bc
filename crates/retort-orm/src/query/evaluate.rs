//! SQLAlchemy's `evaluator.py` in small: evaluates a WHERE criterion
//! against an object's loaded values, for `synchronize_session='evaluate'`
//! of bulk UPDATE and DELETE. Values are compared as SQLite parameters
//! (after each column's bind conversion), with SQL's NULL logic.

use std::cmp::Ordering;

use retort_sql::{BinaryOp, Expr, FromSource, InValues, UnaryOp, Value};

use crate::mapper::Mapper;
use crate::state::InstanceState;
use crate::types::to_param;

/// The outcome of evaluating a criterion for one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluation {
    /// True, false, or NULL (`None`).
    Known(Option<bool>),
    /// The criterion reads an expired attribute: the object is treated as
    /// matched and its updated attributes are expired.
    Expired,
}

/// A criterion the evaluator cannot handle (SQLAlchemy's
/// `UnevaluatableError`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unevaluatable;

enum Operand {
    Value(Value),
    Expired,
}

fn operand(expr: &Expr, mapper: &Mapper, state: &InstanceState) -> Result<Operand, Unevaluatable> {
    match expr {
        Expr::Column(col) => {
            let FromSource::Table(table) = &col.source else {
                return Err(Unevaluatable);
            };
            if table != mapper.table_name() {
                return Err(Unevaluatable);
            }
            let prop = mapper
                .columns
                .iter()
                .find(|c| c.column == col.name)
                .ok_or(Unevaluatable)?;
            match state.dict.get(&prop.attr) {
                Some(value) => Ok(Operand::Value(to_param(value, &prop.sql_type))),
                None => Ok(Operand::Expired),
            }
        }
        Expr::Bind(bind) => Ok(Operand::Value(bind.value.clone())),
        Expr::Literal(value) => Ok(Operand::Value(value.clone())),
        Expr::Null => Ok(Operand::Value(Value::Null)),
        Expr::True => Ok(Operand::Value(Value::Integer(1))),
        Expr::False => Ok(Operand::Value(Value::Integer(0))),
        Expr::Grouping(inner) => operand(inner, mapper, state),
        _ => Err(Unevaluatable),
    }
}

/// The value an UPDATE's SET expression gives an object (`User.age + 1`),
/// as SQLAlchemy's evaluator works it out in Python: `Ok(None)` when it
/// reads an expired attribute; arithmetic on numbers and `||` on strings.
pub fn evaluate_value(
    expr: &Expr,
    mapper: &Mapper,
    state: &InstanceState,
) -> Result<Option<Value>, Unevaluatable> {
    if let Expr::Binary { op, left, right } = expr {
        let (Some(a), Some(b)) = (
            evaluate_value(left, mapper, state)?,
            evaluate_value(right, mapper, state)?,
        ) else {
            return Ok(None);
        };
        return arithmetic(*op, &a, &b).map(Some);
    }
    match operand(expr, mapper, state)? {
        Operand::Value(value) => Ok(Some(value)),
        Operand::Expired => Ok(None),
    }
}

fn arithmetic(op: BinaryOp, a: &Value, b: &Value) -> Result<Value, Unevaluatable> {
    use Value::{Integer, Null, Real, Text};
    let real = |v: &Value| match v {
        Integer(i) => Some(*i as f64),
        Real(r) => Some(*r),
        _ => None,
    };
    Ok(match (op, a, b) {
        (_, Null, _) | (_, _, Null) => Null,
        (BinaryOp::Add, Integer(x), Integer(y)) => x.checked_add(*y).map_or(Null, Integer),
        (BinaryOp::Sub, Integer(x), Integer(y)) => x.checked_sub(*y).map_or(Null, Integer),
        (BinaryOp::Mul, Integer(x), Integer(y)) => x.checked_mul(*y).map_or(Null, Integer),
        (BinaryOp::Concat, Text(x), Text(y)) => Text(format!("{x}{y}")),
        (BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div, _, _) => {
            let (Some(x), Some(y)) = (real(a), real(b)) else {
                return Err(Unevaluatable);
            };
            match op {
                BinaryOp::Add => Real(x + y),
                BinaryOp::Sub => Real(x - y),
                BinaryOp::Mul => Real(x * y),
                _ if y == 0.0 => return Err(Unevaluatable),
                _ => Real(x / y),
            }
        }
        _ => return Err(Unevaluatable),
    })
}

fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Some(x.cmp(y)),
        (Value::Integer(x), Value::Real(y)) => (*x as f64).partial_cmp(y),
        (Value::Real(x), Value::Integer(y)) => x.partial_cmp(&(*y as f64)),
        (Value::Real(x), Value::Real(y)) => x.partial_cmp(y),
        (Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        (Value::Blob(x), Value::Blob(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn known(v: Option<bool>) -> Evaluation {
    Evaluation::Known(v)
}

/// Evaluates `criterion` for an object of `mapper`.
pub fn evaluate(
    criterion: &Expr,
    mapper: &Mapper,
    state: &InstanceState,
) -> Result<Evaluation, Unevaluatable> {
    match criterion {
        Expr::And(items) => {
            let mut result = Some(true);
            for item in items {
                match evaluate(item, mapper, state)? {
                    Evaluation::Expired => return Ok(Evaluation::Expired),
                    Evaluation::Known(Some(false)) => return Ok(known(Some(false))),
                    Evaluation::Known(None) => result = None,
                    Evaluation::Known(Some(true)) => {}
                }
            }
            Ok(known(result))
        }
        Expr::Or(items) => {
            let mut result = Some(false);
            for item in items {
                match evaluate(item, mapper, state)? {
                    Evaluation::Expired => return Ok(Evaluation::Expired),
                    Evaluation::Known(Some(true)) => return Ok(known(Some(true))),
                    Evaluation::Known(None) => result = None,
                    Evaluation::Known(Some(false)) => {}
                }
            }
            Ok(known(result))
        }
        Expr::Unary {
            op: UnaryOp::Not,
            operand: inner,
        } => Ok(match evaluate(inner, mapper, state)? {
            Evaluation::Known(v) => known(v.map(|b| !b)),
            Evaluation::Expired => Evaluation::Expired,
        }),
        Expr::Unary {
            op: op @ (UnaryOp::IsTrue | UnaryOp::IsFalse),
            operand: inner,
        } => match operand(inner, mapper, state)? {
            Operand::Expired => Ok(Evaluation::Expired),
            Operand::Value(Value::Null) => Ok(known(None)),
            Operand::Value(v) => {
                let truthy = compare(&v, &Value::Integer(0)) != Some(Ordering::Equal);
                Ok(known(Some(truthy == (*op == UnaryOp::IsTrue))))
            }
        },
        Expr::Grouping(inner) => evaluate(inner, mapper, state),
        Expr::Binary { left, op, right } => {
            // Like SQLAlchemy's evaluator, unsupported operators are refused
            // whatever the object's state.
            if !matches!(
                op,
                BinaryOp::Is
                    | BinaryOp::IsNot
                    | BinaryOp::Eq
                    | BinaryOp::Ne
                    | BinaryOp::Lt
                    | BinaryOp::Le
                    | BinaryOp::Gt
                    | BinaryOp::Ge
            ) {
                return Err(Unevaluatable);
            }
            let (Operand::Value(a), Operand::Value(b)) = (
                operand(left, mapper, state)?,
                operand(right, mapper, state)?,
            ) else {
                return Ok(Evaluation::Expired);
            };
            let result = match op {
                BinaryOp::Is => Some(a == b || compare(&a, &b) == Some(Ordering::Equal)),
                BinaryOp::IsNot => Some(!(a == b || compare(&a, &b) == Some(Ordering::Equal))),
                _ if a.is_null() || b.is_null() => None,
                BinaryOp::Eq => compare(&a, &b).map(|o| o == Ordering::Equal),
                BinaryOp::Ne => compare(&a, &b).map(|o| o != Ordering::Equal),
                BinaryOp::Lt => compare(&a, &b).map(|o| o == Ordering::Less),
                BinaryOp::Le => compare(&a, &b).map(|o| o != Ordering::Greater),
                BinaryOp::Gt => compare(&a, &b).map(|o| o == Ordering::Greater),
                _ => compare(&a, &b).map(|o| o != Ordering::Less),
            };
            Ok(known(result))
        }
        Expr::In {
            expr,
            values: InValues::Expanding { values, .. },
            negated,
        } => match operand(expr, mapper, state)? {
            Operand::Expired => Ok(Evaluation::Expired),
            Operand::Value(Value::Null) => Ok(known(None)),
            Operand::Value(v) => {
                let found = values
                    .iter()
                    .any(|candidate| compare(&v, candidate) == Some(Ordering::Equal));
                Ok(known(Some(found != *negated)))
            }
        },
        _ => Err(Unevaluatable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapper::MapperId;
    use crate::types::OrmValue;
    use retort_sql::{Column, SqlType, Table, and_, not_};

    fn setup() -> (Mapper, InstanceState) {
        let table = Table::new(
            "task",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("done", SqlType::Boolean),
                Column::new("title", SqlType::String(None)),
            ],
        );
        let mut state = InstanceState::new(MapperId(0));
        state.dict.insert("id".into(), OrmValue::Int(2));
        state.dict.insert("done".into(), OrmValue::Bool(true));
        (Mapper::new("__main__", "Task", table), state)
    }

    #[test]
    fn evaluates_comparisons_with_sql_null_logic() {
        let (mapper, state) = setup();
        let done = Expr::col("task", "done");
        let id = Expr::col("task", "id");
        let eval = |e: &Expr| evaluate(e, &mapper, &state).unwrap();
        assert_eq!(
            eval(&done.clone().eq(Expr::True)),
            Evaluation::Known(Some(true))
        );
        assert_eq!(
            eval(&id.clone().gt(id.value_bind(5))),
            Evaluation::Known(Some(false))
        );
        assert_eq!(
            eval(&and_([
                done.clone().eq(Expr::True),
                id.clone().in_values(vec![Value::Integer(2)])
            ])),
            Evaluation::Known(Some(true))
        );
        assert_eq!(
            eval(&not_(done.clone().eq(Expr::False))),
            Evaluation::Known(Some(true))
        );
        // `== None` is `IS NULL`, which is never NULL itself.
        assert_eq!(
            eval(&id.clone().eq(Expr::Null)),
            Evaluation::Known(Some(false))
        );
        let mut unknown = state.clone();
        unknown.dict.insert("done".into(), OrmValue::None);
        assert_eq!(
            evaluate(&done.clone().eq(Expr::True), &mapper, &unknown).unwrap(),
            Evaluation::Known(None)
        );
        let title = Expr::col("task", "title");
        assert_eq!(
            eval(&title.clone().eq(title.value_bind("x"))),
            Evaluation::Expired
        );
        assert!(
            evaluate(
                &title.clone().binary(BinaryOp::Like, title.value_bind("x%")),
                &mapper,
                &state
            )
            .is_err()
        );
    }
}
