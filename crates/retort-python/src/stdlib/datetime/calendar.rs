//! `datetime.date` and `datetime.time`.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::ast::{BinOp, CmpOp};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::NativeObject;
use crate::value::Value;

use super::*;

impl NativeObject for Date {
    fn type_name(&self) -> &str {
        "date"
    }

    fn error_type_name(&self) -> Option<&str> {
        Some("datetime.date")
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!(
            "datetime.date({}, {}, {})",
            self.0.year(),
            self.0.month(),
            self.0.day()
        ))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.0.format("%Y-%m-%d").to_string())
    }

    fn format(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        spec: &str,
    ) -> PyResult<Option<String>> {
        if spec.is_empty() {
            return self.str(interp, this).map(Some);
        }
        strftime(&self.0.and_time(NaiveTime::MIN), None, spec).map(Some)
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let me = *self;
        Ok(match name {
            "year" => Some(Value::Int(i64::from(self.0.year()))),
            "month" => Some(Value::Int(i64::from(self.0.month()))),
            "day" => Some(Value::Int(i64::from(self.0.day()))),
            "isoformat" => method("isoformat", move |_, _| {
                Ok(Value::str(me.0.format("%Y-%m-%d").to_string().as_str()))
            }),
            "strftime" => method("strftime", move |_, args| {
                let pattern = args
                    .positional
                    .first()
                    .and_then(|p| p.as_str().map(str::to_string))
                    .unwrap_or_default();
                strftime(&me.0.and_time(NaiveTime::MIN), None, &pattern)
                    .map(|s| Value::str(s.as_str()))
            }),
            "weekday" => method("weekday", move |_, _| {
                Ok(Value::Int(i64::from(me.0.weekday().num_days_from_monday())))
            }),
            "isoweekday" => method("isoweekday", move |_, _| {
                Ok(Value::Int(i64::from(me.0.weekday().number_from_monday())))
            }),
            "replace" => method("replace", move |_, mut args| {
                let year = int_kw(&mut args, 0, "year", i64::from(me.0.year()))?;
                let month = int_kw(&mut args, 1, "month", i64::from(me.0.month()))?;
                let day = int_kw(&mut args, 2, "day", i64::from(me.0.day()))?;
                Ok(Value::native(Date(make_date(year, month, day)?)))
            }),
            _ => None,
        })
    }

    fn binary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if let Some(delta) = timedelta_from(other) {
            let days = delta.div_euclid(MICROS_PER_DAY);
            let shifted = |days: i64| {
                self.0
                    .checked_add_signed(chrono::TimeDelta::days(days))
                    .ok_or_else(|| PyErr::overflow_error("date value out of range"))
            };
            return Ok(match (op, reflected) {
                (BinOp::Add, _) => Some(Value::native(Date(shifted(days)?))),
                (BinOp::Sub, false) => Some(Value::native(Date(shifted(-days)?))),
                _ => None,
            });
        }
        if let (BinOp::Sub, Some(other)) = (op, other.downcast_native::<Date>()) {
            let days = (self.0 - other.0).num_days();
            return Ok(Some(Value::native(TimeDelta(
                (if reflected { -days } else { days }) * MICROS_PER_DAY,
            ))));
        }
        Ok(None)
    }

    fn compare(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        match other.downcast_native::<Date>() {
            Some(other) => Ok(Some(ordering_result(op, self.0.cmp(&other.0)))),
            None if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                Ok(Some(Value::Bool(op == CmpOp::NotEq)))
            }
            None => Ok(None),
        }
    }

    fn hash_key(&self) -> Option<u64> {
        Some(self.0.num_days_from_ce() as u64)
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(other.downcast_native::<Date>() == Some(self))
    }
}

impl NativeObject for Time {
    fn type_name(&self) -> &str {
        "time"
    }

    fn error_type_name(&self) -> Option<&str> {
        Some("datetime.time")
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let mut parts = vec![self.0.hour().to_string(), self.0.minute().to_string()];
        let micros = micros_of(&self.0);
        if self.0.second() != 0 || micros != 0 {
            parts.push(self.0.second().to_string());
        }
        if micros != 0 {
            parts.push(micros.to_string());
        }
        Ok(format!("datetime.time({})", parts.join(", ")))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(time_text(&self.0))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let me = *self;
        Ok(match name {
            "hour" => Some(Value::Int(i64::from(self.0.hour()))),
            "minute" => Some(Value::Int(i64::from(self.0.minute()))),
            "second" => Some(Value::Int(i64::from(self.0.second()))),
            "microsecond" => Some(Value::Int(micros_of(&self.0))),
            "isoformat" => method("isoformat", move |_, _| {
                Ok(Value::str(time_text(&me.0).as_str()))
            }),
            "strftime" => method("strftime", move |_, args| {
                let pattern = args
                    .positional
                    .first()
                    .and_then(|p| p.as_str().map(str::to_string))
                    .unwrap_or_default();
                strftime(&NaiveDate::MIN.and_time(me.0), None, &pattern)
                    .map(|s| Value::str(s.as_str()))
            }),
            _ => None,
        })
    }

    fn compare(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        match other.downcast_native::<Time>() {
            Some(other) => Ok(Some(ordering_result(op, self.0.cmp(&other.0)))),
            None if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                Ok(Some(Value::Bool(op == CmpOp::NotEq)))
            }
            None => Ok(None),
        }
    }
}
