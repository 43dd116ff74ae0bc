//! Arithmetic and bitwise operators with Python semantics: checked 64-bit
//! integers, floor division and modulo signs, sequence concatenation and
//! repetition, set algebra, user dunders and native operator hooks.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ast::{BinOp, UnaryOp};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
    }
}

fn overflow(op: BinOp) -> PyErr {
    PyErr::overflow_error(format!(
        "integer result of '{}' does not fit in 64 bits (Retort's integers are 64-bit)",
        op.symbol().trim_end_matches(" or pow()")
    ))
}

/// Python's floor division and modulo for integers.
pub fn int_floor_div_mod(a: i64, b: i64) -> Option<(i64, i64)> {
    let quotient = a.checked_div(b)?;
    let remainder = a.checked_rem(b)?;
    if remainder != 0 && ((remainder < 0) != (b < 0)) {
        Some((quotient - 1, remainder + b))
    } else {
        Some((quotient, remainder))
    }
}

/// Python's float modulo (result has the sign of the divisor).
pub fn float_mod(a: f64, b: f64) -> f64 {
    let remainder = a % b;
    if remainder != 0.0 && ((remainder < 0.0) != (b < 0.0)) {
        remainder + b
    } else {
        remainder
    }
}

fn as_float(value: &Value) -> Option<f64> {
    match value {
        Value::Float(x) => Some(*x),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

impl Interpreter {
    /// `a <op> b`.
    pub(crate) fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        let (method, reflected) = dunder(op);
        if let Some(bound) = self.special_method(a, method) {
            let result = self.call_value(&bound, CallArgs::new(vec![b.clone()]))?;
            if !matches!(result, Value::NotImplemented) {
                return Ok(result);
            }
        }
        if let Value::Native(object) = a
            && let Some(result) = object.clone().binary_op(self, a, op, b, false)?
        {
            return Ok(result);
        }
        if let Some(bound) = self.special_method(b, reflected) {
            let result = self.call_value(&bound, CallArgs::new(vec![a.clone()]))?;
            if !matches!(result, Value::NotImplemented) {
                return Ok(result);
            }
        }
        if let Value::Native(object) = b
            && let Some(result) = object.clone().binary_op(self, b, op, a, true)?
        {
            return Ok(result);
        }
        if let Some(result) = self.builtin_binary(op, a, b)? {
            return Ok(result);
        }
        Err(match (op, a) {
            (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                PyErr::type_error(format!(
                    "can only concatenate {} (not \"{}\") to {}",
                    a.type_name(),
                    b.type_name(),
                    a.type_name()
                ))
            }
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_)) | (BinOp::Mul, _)
                if matches!(b, Value::Str(_) | Value::List(_) | Value::Tuple(_))
                    || matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) =>
            {
                let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                    b
                } else {
                    a
                };
                PyErr::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.error_type_name()
                ))
            }
            _ => PyErr::type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                a.error_type_name(),
                b.error_type_name()
            )),
        })
    }

    fn builtin_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let (Some(x), Some(y)) = (a.as_int(), b.as_int())
            && matches!(a, Value::Int(_) | Value::Bool(_))
            && matches!(b, Value::Int(_) | Value::Bool(_))
        {
            if let (Value::Bool(p), Value::Bool(q), BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) =
                (a, b, op)
            {
                return Ok(Some(Value::Bool(match op {
                    BinOp::BitAnd => *p && *q,
                    BinOp::BitOr => *p || *q,
                    _ => p != q,
                })));
            }
            return self.int_binary(op, x, y).map(Some);
        }
        if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
            return float_binary(op, x, y).map(Some);
        }
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                self.check_string_len(x.len() + y.len())?;
                self.charge_allocation(x.len() + y.len())?;
                Ok(Some(Value::str(format!("{x}{y}"))))
            }
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                let mut items = x.borrow().clone();
                items.extend(y.borrow().iter().cloned());
                self.check_collection_len(items.len())?;
                Ok(Some(Value::list(items)))
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                let items: Vec<Value> = x.iter().chain(y.iter()).cloned().collect();
                self.check_collection_len(items.len())?;
                Ok(Some(Value::tuple(items)))
            }
            (
                BinOp::Mul,
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
                Value::Int(_) | Value::Bool(_),
            ) => self.repeat(a, b.as_int().unwrap_or(0)).map(Some),
            (
                BinOp::Mul,
                Value::Int(_) | Value::Bool(_),
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
            ) => self.repeat(b, a.as_int().unwrap_or(0)).map(Some),
            (BinOp::Mod, Value::Str(format), _) => {
                crate::format::percent::percent_format(self, format, b).map(|s| Some(Value::str(s)))
            }
            (
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Value::Set(_) | Value::FrozenSet(_),
                Value::Set(_) | Value::FrozenSet(_),
            ) => crate::builtins::set_methods::set_operator(self, op, a, b).map(Some),
            (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
                let mut merged = x.borrow().clone();
                for (key, value) in y.borrow().items() {
                    merged.insert(self.hash_key(key)?, value);
                }
                Ok(Some(Value::Dict(Rc::new(RefCell::new(merged)))))
            }
            (
                BinOp::BitOr,
                Value::Class(_) | Value::None | Value::Native(_),
                Value::Class(_) | Value::None | Value::Native(_),
            ) => Ok(Some(crate::stdlib::typing::union_of(self, a, b))),
            _ => Ok(None),
        }
    }

    fn int_binary(&mut self, op: BinOp, x: i64, y: i64) -> PyResult<Value> {
        let int = |result: Option<i64>| result.map(Value::Int).ok_or_else(|| overflow(op));
        match op {
            BinOp::Add => int(x.checked_add(y)),
            BinOp::Sub => int(x.checked_sub(y)),
            BinOp::Mul => int(x.checked_mul(y)),
            BinOp::Div => {
                if y == 0 {
                    return Err(PyErr::zero_division("division by zero"));
                }
                Ok(Value::Float(x as f64 / y as f64))
            }
            BinOp::FloorDiv | BinOp::Mod => {
                if y == 0 {
                    let message = if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    return Err(PyErr::zero_division(message));
                }
                let (quotient, remainder) = int_floor_div_mod(x, y).ok_or_else(|| overflow(op))?;
                Ok(Value::Int(if op == BinOp::Mod {
                    remainder
                } else {
                    quotient
                }))
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return Err(PyErr::zero_division(
                            "0.0 cannot be raised to a negative power",
                        ));
                    }
                    return Ok(Value::Float((x as f64).powf(y as f64)));
                }
                let exponent = u32::try_from(y).map_err(|_| overflow(op))?;
                int(x.checked_pow(exponent))
            }
            BinOp::LShift => {
                if y < 0 {
                    return Err(PyErr::value_error("negative shift count"));
                }
                let shift = u32::try_from(y)
                    .ok()
                    .filter(|s| *s < 64)
                    .ok_or_else(|| overflow(op))?;
                let result = x
                    .checked_shl(shift)
                    .filter(|r| r >> shift == x)
                    .ok_or_else(|| overflow(op))?;
                Ok(Value::Int(result))
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(PyErr::value_error("negative shift count"));
                }
                Ok(Value::Int(if y >= 64 {
                    if x < 0 { -1 } else { 0 }
                } else {
                    x >> y
                }))
            }
            BinOp::BitAnd => Ok(Value::Int(x & y)),
            BinOp::BitOr => Ok(Value::Int(x | y)),
            BinOp::BitXor => Ok(Value::Int(x ^ y)),
            BinOp::MatMul => Err(PyErr::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            )),
        }
    }

    fn repeat(&mut self, sequence: &Value, count: i64) -> PyResult<Value> {
        let count = usize::try_from(count.max(0)).unwrap_or(0);
        match sequence {
            Value::Str(text) => {
                let total = text.len().saturating_mul(count);
                self.check_string_len(total)?;
                self.charge_allocation(total)?;
                Ok(Value::str(text.repeat(count)))
            }
            Value::List(items) => {
                let items = items.borrow();
                let total = items.len().saturating_mul(count);
                self.check_collection_len(total)?;
                self.charge_allocation(total.saturating_mul(std::mem::size_of::<Value>()))?;
                Ok(Value::list(
                    items.iter().cloned().cycle().take(total).collect(),
                ))
            }
            Value::Tuple(items) => {
                let total = items.len().saturating_mul(count);
                self.check_collection_len(total)?;
                self.charge_allocation(total.saturating_mul(std::mem::size_of::<Value>()))?;
                Ok(Value::tuple(
                    items.iter().cloned().cycle().take(total).collect(),
                ))
            }
            other => Err(PyErr::type_error(format!(
                "'{}' object cannot be repeated",
                other.type_name()
            ))),
        }
    }

    /// `-x`, `+x`, `~x`.
    pub(crate) fn unary_op(&mut self, op: UnaryOp, value: &Value) -> PyResult<Value> {
        let method = match op {
            UnaryOp::Neg => "__neg__",
            UnaryOp::Pos => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Not => return Ok(Value::Bool(!self.truthy(value)?)),
        };
        if let Some(bound) = self.special_method(value, method) {
            return self.call_value(&bound, CallArgs::default());
        }
        if let Value::Native(object) = value
            && let Some(result) = object.clone().unary_op(self, value, op)?
        {
            return Ok(result);
        }
        match (op, value) {
            (UnaryOp::Neg, Value::Int(_) | Value::Bool(_)) => value
                .as_int()
                .and_then(i64::checked_neg)
                .map(Value::Int)
                .ok_or_else(|| PyErr::overflow_error("integer negation does not fit in 64 bits")),
            (UnaryOp::Neg, Value::Float(x)) => Ok(Value::Float(-x)),
            (UnaryOp::Pos, Value::Int(_) | Value::Bool(_)) => {
                Ok(Value::Int(value.as_int().unwrap_or(0)))
            }
            (UnaryOp::Pos, Value::Float(x)) => Ok(Value::Float(*x)),
            (UnaryOp::Invert, Value::Int(_) | Value::Bool(_)) => {
                Ok(Value::Int(!value.as_int().unwrap_or(0)))
            }
            _ => {
                let symbol = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Pos => "+",
                    _ => "~",
                };
                Err(PyErr::type_error(format!(
                    "bad operand type for unary {symbol}: '{}'",
                    value.type_name()
                )))
            }
        }
    }

    /// `bool(value)`.
    pub(crate) fn truthy(&mut self, value: &Value) -> PyResult<bool> {
        Ok(match value {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(x) => *x != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(items) => !items.borrow().is_empty(),
            Value::Tuple(items) => !items.is_empty(),
            Value::Dict(dict) => !dict.borrow().is_empty(),
            Value::Set(set) => !set.borrow().is_empty(),
            Value::FrozenSet(set) => !set.is_empty(),
            Value::Range(range) => !range.is_empty(),
            Value::Instance(_) => {
                if let Some(method) = self.special_method(value, "__bool__") {
                    let result = self.call_value(&method, CallArgs::default())?;
                    return match result {
                        Value::Bool(b) => Ok(b),
                        other => Err(PyErr::type_error(format!(
                            "__bool__ should return bool, returned {}",
                            other.type_name()
                        ))),
                    };
                }
                if Self::has_special(value, "__len__") {
                    return Ok(self.len_of(value)? > 0);
                }
                true
            }
            Value::Native(object) => object.clone().truthy(self, value)?,
            _ => true,
        })
    }
}

fn float_binary(op: BinOp, x: f64, y: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float floor division by zero"));
            }
            (x / y).floor()
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float modulo"));
            }
            float_mod(x, y)
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(PyErr::zero_division(
                    "0.0 cannot be raised to a negative power",
                ));
            }
            let result = x.powf(y);
            if result.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(PyErr::overflow_error(
                    "(34, 'Numerical result out of range')",
                ));
            }
            result
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )));
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_division_rounds_down() {
        assert_eq!(int_floor_div_mod(7, -2), Some((-4, -1)));
        assert_eq!(int_floor_div_mod(-7, 3), Some((-3, 2)));
        assert_eq!(int_floor_div_mod(i64::MIN, -1), None);
    }

    #[test]
    fn float_modulo_takes_divisor_sign() {
        assert_eq!(float_mod(-7.0, 3.0), 2.0);
        assert_eq!(float_mod(7.0, -3.0), -2.0);
    }
}
