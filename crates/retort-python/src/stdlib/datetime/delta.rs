//! `datetime.timedelta` and `datetime.timezone`.

use crate::ast::{BinOp, CmpOp};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::NativeObject;
use crate::value::Value;

use super::*;

impl NativeObject for TimeDelta {
    fn type_name(&self) -> &str {
        "timedelta"
    }

    fn error_type_name(&self) -> Option<&str> {
        Some("datetime.timedelta")
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(timedelta_repr(self.0))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(timedelta_str(self.0))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let micros = self.0;
        Ok(match name {
            "days" => Some(Value::Int(micros.div_euclid(MICROS_PER_DAY))),
            "seconds" => Some(Value::Int(micros.rem_euclid(MICROS_PER_DAY) / 1_000_000)),
            "microseconds" => Some(Value::Int(micros.rem_euclid(1_000_000))),
            "total_seconds" => method("total_seconds", move |_, _| {
                Ok(Value::Float(micros as f64 / 1e6))
            }),
            _ => None,
        })
    }

    fn binary_op(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        let overflow = || PyErr::overflow_error("timedelta value out of range");
        if let Some(other) = timedelta_from(other) {
            let (a, b) = if reflected {
                (other, self.0)
            } else {
                (self.0, other)
            };
            return Ok(match op {
                BinOp::Add => Some(Value::native(TimeDelta(
                    a.checked_add(b).ok_or_else(overflow)?,
                ))),
                BinOp::Sub => Some(Value::native(TimeDelta(
                    a.checked_sub(b).ok_or_else(overflow)?,
                ))),
                BinOp::Div => {
                    if b == 0 {
                        return Err(PyErr::zero_division("division by zero"));
                    }
                    Some(Value::Float(a as f64 / b as f64))
                }
                BinOp::FloorDiv => {
                    if b == 0 {
                        return Err(PyErr::zero_division("integer division or modulo by zero"));
                    }
                    Some(Value::Int(a.div_euclid(b)))
                }
                _ => None,
            });
        }
        if other.downcast_native::<DateTime>().is_some()
            || other.downcast_native::<Date>().is_some()
        {
            return Ok(None);
        }
        let _ = this;
        Ok(match (op, other, reflected) {
            (BinOp::Mul, Value::Int(n), _) => Some(Value::native(TimeDelta(
                self.0.checked_mul(*n).ok_or_else(overflow)?,
            ))),
            (BinOp::Mul, Value::Float(x), _) => Some(Value::native(TimeDelta(
                (self.0 as f64 * x).round_ties_even() as i64,
            ))),
            (BinOp::Div, Value::Int(n), false) => {
                if *n == 0 {
                    return Err(PyErr::zero_division("division by zero"));
                }
                Some(Value::native(TimeDelta(
                    (self.0 as f64 / *n as f64).round_ties_even() as i64,
                )))
            }
            (BinOp::Div, Value::Float(x), false) => {
                if *x == 0.0 {
                    return Err(PyErr::zero_division("division by zero"));
                }
                Some(Value::native(TimeDelta(
                    (self.0 as f64 / x).round_ties_even() as i64,
                )))
            }
            (BinOp::FloorDiv, Value::Int(n), false) => {
                if *n == 0 {
                    return Err(PyErr::zero_division("integer division or modulo by zero"));
                }
                Some(Value::native(TimeDelta(self.0.div_euclid(*n))))
            }
            _ => None,
        })
    }

    fn unary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: crate::ast::UnaryOp,
    ) -> PyResult<Option<Value>> {
        Ok(match op {
            crate::ast::UnaryOp::Neg => Some(Value::native(TimeDelta(-self.0))),
            crate::ast::UnaryOp::Pos => Some(Value::native(*self)),
            _ => None,
        })
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(self.0 != 0)
    }

    fn compare(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        match timedelta_from(other) {
            Some(other) => Ok(Some(ordering_result(op, self.0.cmp(&other)))),
            None if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                Ok(Some(Value::Bool(op == CmpOp::NotEq)))
            }
            None => Ok(None),
        }
    }

    fn hash_key(&self) -> Option<u64> {
        Some(self.0 as u64)
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(timedelta_from(other) == Some(self.0))
    }
}

impl TimeZone {
    pub(super) fn repr_text(&self) -> String {
        if self.0 == 0 {
            return "datetime.timezone.utc".into();
        }
        format!(
            "datetime.timezone({})",
            timedelta_repr(i64::from(self.0) * 1_000_000)
        )
    }
}

impl NativeObject for TimeZone {
    fn type_name(&self) -> &str {
        "timezone"
    }

    fn error_type_name(&self) -> Option<&str> {
        Some("datetime.timezone")
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.repr_text())
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(if self.0 == 0 {
            "UTC".into()
        } else {
            format!("UTC{}", offset_text(self.0, true))
        })
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(other.downcast_native::<TimeZone>() == Some(self))
    }

    fn hash_key(&self) -> Option<u64> {
        Some(self.0 as u64)
    }
}
