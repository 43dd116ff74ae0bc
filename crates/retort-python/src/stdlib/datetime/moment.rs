//! `datetime.datetime`: repr, str, isoformat, strftime, arithmetic with
//! timedeltas and comparisons (naive or with a fixed UTC offset).

use chrono::{Datelike, Timelike};

use crate::ast::{BinOp, CmpOp};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::NativeObject;
use crate::value::Value;

use super::*;

impl DateTime {
    fn utc_micros(&self) -> i64 {
        self.naive.and_utc().timestamp_micros() - i64::from(self.offset.unwrap_or(0)) * 1_000_000
    }

    fn iso(&self, sep: &str) -> String {
        self.iso_spec(sep, "auto").unwrap_or_default()
    }

    fn iso_spec(&self, sep: &str, timespec: &str) -> PyResult<String> {
        let date = self.naive.date().format("%Y-%m-%d").to_string();
        let zone = self
            .offset
            .map(|o| offset_text(o, true))
            .unwrap_or_default();
        let time = time_text_spec(&self.naive.time(), timespec)?;
        Ok(format!("{date}{sep}{time}{zone}"))
    }
}

impl NativeObject for DateTime {
    fn type_name(&self) -> &str {
        "datetime"
    }

    fn error_type_name(&self) -> Option<&str> {
        Some("datetime.datetime")
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let (date, time) = (self.naive.date(), self.naive.time());
        let mut parts = vec![
            date.year().to_string(),
            date.month().to_string(),
            date.day().to_string(),
            time.hour().to_string(),
            time.minute().to_string(),
        ];
        let micros = micros_of(&time);
        if time.second() != 0 || micros != 0 {
            parts.push(time.second().to_string());
        }
        if micros != 0 {
            parts.push(micros.to_string());
        }
        let zone = match self.offset {
            Some(0) => ", tzinfo=datetime.timezone.utc".to_string(),
            Some(offset) => format!(", tzinfo={}", TimeZone(offset).repr_text()),
            None => String::new(),
        };
        Ok(format!("datetime.datetime({}{zone})", parts.join(", ")))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.iso(" "))
    }

    fn format(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        spec: &str,
    ) -> PyResult<Option<String>> {
        if spec.is_empty() {
            Ok(Some(self.iso(" ")))
        } else {
            strftime(&self.naive, self.offset, spec).map(Some)
        }
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let (date, time) = (self.naive.date(), self.naive.time());
        let me = *self;
        Ok(match name {
            "year" => Some(Value::Int(i64::from(date.year()))),
            "month" => Some(Value::Int(i64::from(date.month()))),
            "day" => Some(Value::Int(i64::from(date.day()))),
            "hour" => Some(Value::Int(i64::from(time.hour()))),
            "minute" => Some(Value::Int(i64::from(time.minute()))),
            "second" => Some(Value::Int(i64::from(time.second()))),
            "microsecond" => Some(Value::Int(micros_of(&time))),
            "tzinfo" => Some(
                self.offset
                    .map_or(Value::None, |o| Value::native(TimeZone(o))),
            ),
            "date" => method("date", move |_, _| Ok(Value::native(Date(me.naive.date())))),
            "time" => method("time", move |_, _| Ok(Value::native(Time(me.naive.time())))),
            "isoformat" => method("isoformat", move |_, mut args| {
                let sep = args
                    .take(0, "sep")
                    .and_then(|s| s.as_str().map(str::to_string))
                    .unwrap_or_else(|| "T".into());
                let timespec = args
                    .take(1, "timespec")
                    .and_then(|s| s.as_str().map(str::to_string))
                    .unwrap_or_else(|| "auto".into());
                Ok(Value::str(me.iso_spec(&sep, &timespec)?))
            }),
            "strftime" => method("strftime", move |_, args| {
                let pattern = args
                    .positional
                    .first()
                    .and_then(|p| p.as_str().map(str::to_string))
                    .unwrap_or_default();
                strftime(&me.naive, me.offset, &pattern).map(|s| Value::str(s.as_str()))
            }),
            "timestamp" => method("timestamp", move |_, _| {
                Ok(Value::Float(me.utc_micros() as f64 / 1e6))
            }),
            "weekday" => method("weekday", move |_, _| {
                Ok(Value::Int(i64::from(
                    me.naive.weekday().num_days_from_monday(),
                )))
            }),
            "isoweekday" => method("isoweekday", move |_, _| {
                Ok(Value::Int(i64::from(
                    me.naive.weekday().number_from_monday(),
                )))
            }),
            "replace" => method("replace", move |_, mut args| {
                let (date, time) = (me.naive.date(), me.naive.time());
                let year = int_kw(&mut args, 0, "year", i64::from(date.year()))?;
                let month = int_kw(&mut args, 1, "month", i64::from(date.month()))?;
                let day = int_kw(&mut args, 2, "day", i64::from(date.day()))?;
                let hour = int_kw(&mut args, 3, "hour", i64::from(time.hour()))?;
                let minute = int_kw(&mut args, 4, "minute", i64::from(time.minute()))?;
                let second = int_kw(&mut args, 5, "second", i64::from(time.second()))?;
                let micro = int_kw(&mut args, 6, "microsecond", micros_of(&time))?;
                let offset = match args.take_keyword("tzinfo") {
                    Some(value) => tz_offset(Some(value))?,
                    None => me.offset,
                };
                let naive =
                    make_date(year, month, day)?.and_time(make_time(hour, minute, second, micro)?);
                Ok(Value::native(DateTime { naive, offset }))
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
            return Ok(match (op, reflected) {
                (BinOp::Add, _) => Some(Value::native(DateTime {
                    naive: add_micros(self.naive, delta)?,
                    offset: self.offset,
                })),
                (BinOp::Sub, false) => Some(Value::native(DateTime {
                    naive: add_micros(self.naive, -delta)?,
                    offset: self.offset,
                })),
                _ => None,
            });
        }
        if let (BinOp::Sub, Some(other)) = (op, other.downcast_native::<DateTime>()) {
            if self.offset.is_some() != other.offset.is_some() {
                return Err(PyErr::type_error(
                    "can't subtract offset-naive and offset-aware datetimes",
                ));
            }
            let difference = self.utc_micros() - other.utc_micros();
            return Ok(Some(Value::native(TimeDelta(if reflected {
                -difference
            } else {
                difference
            }))));
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
        match other.downcast_native::<DateTime>() {
            Some(other) => {
                if self.offset.is_some() != other.offset.is_some() {
                    if matches!(op, CmpOp::Eq | CmpOp::NotEq) {
                        return Ok(Some(Value::Bool(op == CmpOp::NotEq)));
                    }
                    return Err(PyErr::type_error(
                        "can't compare offset-naive and offset-aware datetimes",
                    ));
                }
                Ok(Some(ordering_result(
                    op,
                    self.utc_micros().cmp(&other.utc_micros()),
                )))
            }
            None if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                Ok(Some(Value::Bool(op == CmpOp::NotEq)))
            }
            None => Ok(None),
        }
    }

    fn hash_key(&self) -> Option<u64> {
        Some(self.utc_micros() as u64)
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(
            other
                .downcast_native::<DateTime>()
                .is_some_and(|o| o.utc_micros() == self.utc_micros()),
        )
    }
}
