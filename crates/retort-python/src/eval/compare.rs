//! Comparisons: `==`/`!=` with Python's numeric equality and container
//! recursion, ordering of numbers, strings and sequences, identity and
//! membership, user rich-comparison dunders and native comparison hooks
//! (which may return non-bool values such as query expressions).

use std::cmp::Ordering;

use crate::ast::CmpOp;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

fn dunder(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "__eq__",
        CmpOp::NotEq => "__ne__",
        CmpOp::Lt => "__lt__",
        CmpOp::LtE => "__le__",
        CmpOp::Gt => "__gt__",
        _ => "__ge__",
    }
}

fn swapped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::LtE => CmpOp::GtE,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::GtE => CmpOp::LtE,
        other => other,
    }
}

fn symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Eq => "==",
        _ => "!=",
    }
}

impl Interpreter {
    /// Evaluates one comparison operator.
    pub(crate) fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.check_stack()?;
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        if let Some(result) = self.rich_compare(op, a, b)? {
            return Ok(result);
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(self.builtin_eq(a, b)?)),
            CmpOp::NotEq => Ok(Value::Bool(!self.builtin_eq(a, b)?)),
            _ => {
                let ordering = self.builtin_order(a, b).ok_or_else(|| {
                    PyErr::type_error(format!(
                        "'{}' not supported between instances of '{}' and '{}'",
                        symbol(op),
                        a.error_type_name(),
                        b.error_type_name()
                    ))
                })??;
                Ok(Value::Bool(match op {
                    CmpOp::Lt => ordering == Ordering::Less,
                    CmpOp::LtE => ordering != Ordering::Greater,
                    CmpOp::Gt => ordering == Ordering::Greater,
                    _ => ordering != Ordering::Less,
                }))
            }
        }
    }

    /// User and native comparison hooks, with reflection; `None` if none applied.
    fn rich_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let Some(method) = self.special_method(a, dunder(op)) {
            let result = self.call_value(&method, CallArgs::new(vec![b.clone()]))?;
            if !matches!(result, Value::NotImplemented) {
                return Ok(Some(result));
            }
        }
        if let Value::Native(object) = a
            && let Some(result) = object.clone().compare(self, a, op, b)?
        {
            return Ok(Some(result));
        }
        if let Some(method) = self.special_method(b, dunder(swapped(op))) {
            let result = self.call_value(&method, CallArgs::new(vec![a.clone()]))?;
            if !matches!(result, Value::NotImplemented) {
                return Ok(Some(result));
            }
        }
        if let Value::Native(object) = b
            && let Some(result) = object.clone().compare(self, b, swapped(op), a)?
        {
            return Ok(Some(result));
        }
        if op == CmpOp::NotEq && Self::has_special(a, "__eq__") {
            let equal = self.compare(CmpOp::Eq, a, b)?;
            return Ok(Some(Value::Bool(!self.truthy(&equal)?)));
        }
        Ok(None)
    }

    /// `a == b` as a Rust bool.
    pub(crate) fn eq_values(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x == y);
        }
        if let (Value::Str(x), Value::Str(y)) = (a, b) {
            return Ok(x == y);
        }
        let result = self.compare(CmpOp::Eq, a, b)?;
        self.truthy(&result)
    }

    fn builtin_eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        Ok(match (a, b) {
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.sequences_equal(&x, &y)?
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.sequences_equal(x, y)?,
            (Value::Dict(x), Value::Dict(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (key, value) in x.items() {
                    let key = self.hash_key(key)?;
                    match y.get(&key) {
                        Some(other) => {
                            if !self.eq_values(&value, other)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                true
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let (x, y) = (
                    crate::builtins::set_methods::set_items(a),
                    crate::builtins::set_methods::set_items(b),
                );
                x.len() == y.len() && x.iter().all(|k| y.contains(k))
            }
            (Value::Float(x), Value::Float(y)) => x == y,
            (Value::Float(x), other) | (other, Value::Float(x)) if other.as_int().is_some() => {
                other
                    .as_int()
                    .is_some_and(|i| *x == i as f64 && (x.fract() == 0.0))
            }
            (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
                a.as_int() == b.as_int()
            }
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Range(x), Value::Range(y)) => x == y,
            _ => a.is(b),
        })
    }

    fn sequences_equal(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !p.is(q) && !self.eq_values(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Ordering for built-in types; `None` if the types are not orderable.
    fn builtin_order(&mut self, a: &Value, b: &Value) -> Option<PyResult<Ordering>> {
        match (a, b) {
            (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
                Some(Ok(a.as_int()?.cmp(&b.as_int()?)))
            }
            (
                Value::Int(_) | Value::Bool(_) | Value::Float(_),
                Value::Int(_) | Value::Bool(_) | Value::Float(_),
            ) => {
                let x = match a {
                    Value::Float(x) => *x,
                    other => other.as_int()? as f64,
                };
                let y = match b {
                    Value::Float(y) => *y,
                    other => other.as_int()? as f64,
                };
                Some(Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal)))
            }
            (Value::Str(x), Value::Str(y)) => Some(Ok(x.cmp(y))),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                Some(self.sequence_order(&x, &y))
            }
            (Value::Tuple(x), Value::Tuple(y)) => Some(self.sequence_order(x, y)),
            _ => None,
        }
    }

    fn sequence_order(&mut self, x: &[Value], y: &[Value]) -> PyResult<Ordering> {
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq_values(p, q)? {
                return Ok(if self.less_than(p, q)? {
                    Ordering::Less
                } else {
                    Ordering::Greater
                });
            }
        }
        Ok(x.len().cmp(&y.len()))
    }

    /// `a < b` as a Rust bool (used by sorting, `min` and `max`).
    pub(crate) fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        let result = self.compare(CmpOp::Lt, a, b)?;
        self.truthy(&result)
    }
}
