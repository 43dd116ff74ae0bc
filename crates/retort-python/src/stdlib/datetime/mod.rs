//! The `datetime` module: `datetime`, `date`, `time`, `timedelta` and
//! `timezone.utc` as native objects with CPython's repr, str, isoformat,
//! strftime, arithmetic and comparisons.

use std::rc::Rc;

pub use chrono::NaiveDateTime;
use chrono::format::{Item, StrftimeItems};
use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::ast::CmpOp;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, ClassHooks, NativeFunction};
use crate::value::{Class, Value};

mod calendar;
mod delta;
mod moment;

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// `datetime.timedelta`, stored as microseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeDelta(pub i64);

/// `datetime.datetime`, naive or with a fixed UTC offset (seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub naive: NaiveDateTime,
    pub offset: Option<i32>,
}

/// `datetime.date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// `datetime.time`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time(pub NaiveTime);

/// `datetime.timezone` with a fixed offset in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(pub i32);

fn micros_of(time: &NaiveTime) -> i64 {
    i64::from(time.nanosecond() / 1000).min(999_999)
}

fn offset_text(offset: i32, colon: bool) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let total = offset.abs();
    let (hours, minutes) = (total / 3600, (total % 3600) / 60);
    if colon {
        format!("{sign}{hours:02}:{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}")
    }
}

/// `isoformat(timespec=...)` of a time: `auto` drops zero microseconds.
fn time_text_spec(time: &NaiveTime, timespec: &str) -> PyResult<String> {
    let (h, m, s) = (time.hour(), time.minute(), time.second());
    let micros = micros_of(time);
    Ok(match timespec {
        "auto" => time_text(time),
        "hours" => format!("{h:02}"),
        "minutes" => format!("{h:02}:{m:02}"),
        "seconds" => format!("{h:02}:{m:02}:{s:02}"),
        "milliseconds" => format!("{h:02}:{m:02}:{s:02}.{:03}", micros / 1000),
        "microseconds" => format!("{h:02}:{m:02}:{s:02}.{micros:06}"),
        _ => return Err(PyErr::value_error("Unknown timespec value")),
    })
}

fn time_text(time: &NaiveTime) -> String {
    let base = format!(
        "{:02}:{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second()
    );
    let micros = micros_of(time);
    if micros > 0 {
        format!("{base}.{micros:06}")
    } else {
        base
    }
}

/// Formats with a Python strftime pattern, rejecting patterns chrono cannot render.
fn strftime(naive: &NaiveDateTime, offset: Option<i32>, pattern: &str) -> PyResult<String> {
    let mut converted = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            converted.push(c);
            continue;
        }
        match chars.next() {
            Some('f') => converted.push_str("%6f"),
            Some('z') => converted.push_str(
                &offset
                    .map(|o| offset_text(o, false))
                    .unwrap_or_default()
                    .replace('%', "%%"),
            ),
            Some('Z') => converted.push_str(if offset == Some(0) { "UTC" } else { "" }),
            Some(other) => {
                converted.push('%');
                converted.push(other);
            }
            None => converted.push_str("%%"),
        }
    }
    let items: Vec<Item> = StrftimeItems::new(&converted).collect();
    if items.iter().any(|item| matches!(item, Item::Error)) {
        return Err(PyErr::value_error(format!(
            "Invalid format string: {pattern:?}"
        )));
    }
    Ok(naive.format_with_items(items.into_iter()).to_string())
}

fn int_kw(args: &mut CallArgs, index: usize, name: &str, default: i64) -> PyResult<i64> {
    match args.take(index, name) {
        None => Ok(default),
        Some(value) => value.as_int().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                value.type_name()
            ))
        }),
    }
}

fn make_date(year: i64, month: i64, day: i64) -> PyResult<NaiveDate> {
    if !(1..=9999).contains(&year) {
        return Err(PyErr::value_error(format!("year {year} is out of range")));
    }
    if !(1..=12).contains(&month) {
        return Err(PyErr::value_error("month must be in 1..12"));
    }
    NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32)
        .ok_or_else(|| PyErr::value_error("day is out of range for month"))
}

fn make_time(hour: i64, minute: i64, second: i64, micro: i64) -> PyResult<NaiveTime> {
    if !(0..24).contains(&hour) {
        return Err(PyErr::value_error("hour must be in 0..23"));
    }
    if !(0..60).contains(&minute) {
        return Err(PyErr::value_error("minute must be in 0..59"));
    }
    if !(0..60).contains(&second) {
        return Err(PyErr::value_error("second must be in 0..59"));
    }
    if !(0..1_000_000).contains(&micro) {
        return Err(PyErr::value_error("microsecond must be in 0..999999"));
    }
    NaiveTime::from_hms_micro_opt(hour as u32, minute as u32, second as u32, micro as u32)
        .ok_or_else(|| PyErr::value_error("invalid time"))
}

fn tz_offset(value: Option<Value>) -> PyResult<Option<i32>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => match value.downcast_native::<TimeZone>() {
            Some(tz) => Ok(Some(tz.0)),
            None => Err(PyErr::type_error(
                "tzinfo argument must be None or of a tzinfo subclass",
            )),
        },
    }
}

fn timedelta_from(value: &Value) -> Option<i64> {
    value.downcast_native::<TimeDelta>().map(|d| d.0)
}

fn add_micros(naive: NaiveDateTime, micros: i64) -> PyResult<NaiveDateTime> {
    naive
        .checked_add_signed(chrono::TimeDelta::microseconds(micros))
        .ok_or_else(|| PyErr::overflow_error("date value out of range"))
}

fn parse_iso_datetime(text: &str) -> Option<DateTime> {
    let text = text.trim();
    let (body, offset) = if let Some(stripped) = text.strip_suffix('Z') {
        (stripped, Some(0))
    } else if text.len() > 19
        && (text[19..].contains('+') || text[10..].rfind('-').is_some_and(|i| i > 8))
    {
        let split = text[10..].rfind(['+', '-']).map(|i| i + 10)?;
        let (body, zone) = text.split_at(split);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
        let hours: i32 = digits.get(0..2)?.parse().ok()?;
        let minutes: i32 = digits.get(2..4).unwrap_or("0").parse().ok()?;
        (body, Some(sign * (hours * 3600 + minutes * 60)))
    } else {
        (text, None)
    };
    let normalised = body.replacen(' ', "T", 1);
    for pattern in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&normalised, pattern) {
            return Some(DateTime { naive, offset });
        }
    }
    NaiveDate::parse_from_str(&normalised, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|naive| DateTime { naive, offset })
}

/// Python's `str(timedelta)`.
pub fn timedelta_str(micros: i64) -> String {
    let days = micros.div_euclid(MICROS_PER_DAY);
    let rest = micros.rem_euclid(MICROS_PER_DAY);
    let seconds = rest / 1_000_000;
    let fraction = rest % 1_000_000;
    let clock = format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        (seconds % 3600) / 60,
        seconds % 60
    );
    let clock = if fraction > 0 {
        format!("{clock}.{fraction:06}")
    } else {
        clock
    };
    match days {
        0 => clock,
        1 | -1 => format!("{days} day, {clock}"),
        _ => format!("{days} days, {clock}"),
    }
}

/// Python's `repr(timedelta)`.
pub fn timedelta_repr(micros: i64) -> String {
    let days = micros.div_euclid(MICROS_PER_DAY);
    let rest = micros.rem_euclid(MICROS_PER_DAY);
    let mut parts = Vec::new();
    if days != 0 {
        parts.push(format!("days={days}"));
    }
    if rest / 1_000_000 != 0 {
        parts.push(format!("seconds={}", rest / 1_000_000));
    }
    if rest % 1_000_000 != 0 {
        parts.push(format!("microseconds={}", rest % 1_000_000));
    }
    if parts.is_empty() {
        "datetime.timedelta(0)".into()
    } else {
        format!("datetime.timedelta({})", parts.join(", "))
    }
}

fn ordering_result(op: CmpOp, ordering: std::cmp::Ordering) -> Value {
    use std::cmp::Ordering::*;
    Value::Bool(match op {
        CmpOp::Eq => ordering == Equal,
        CmpOp::NotEq => ordering != Equal,
        CmpOp::Lt => ordering == Less,
        CmpOp::LtE => ordering != Greater,
        CmpOp::Gt => ordering == Greater,
        _ => ordering != Less,
    })
}

fn method(
    name: &str,
    func: impl Fn(&mut Interpreter, CallArgs) -> PyResult<Value> + 'static,
) -> Option<Value> {
    Some(NativeFunction::function(name, func))
}

/// Builds native instances when a class object of this module is called.
#[derive(Debug)]
struct Constructor(&'static str);

impl ClassHooks for Constructor {
    fn call(
        &self,
        interp: &mut Interpreter,
        _class: &Rc<Class>,
        args: &CallArgs,
    ) -> PyResult<Option<Value>> {
        let mut args = args.clone();
        let value = match self.0 {
            "datetime" => {
                let year = int_kw(&mut args, 0, "year", -1)?;
                let month = int_kw(&mut args, 1, "month", -1)?;
                let day = int_kw(&mut args, 2, "day", -1)?;
                if year < 0 || month < 0 || day < 0 {
                    return Err(PyErr::type_error(
                        "function missing required argument 'year' (pos 1)",
                    ));
                }
                let time = make_time(
                    int_kw(&mut args, 3, "hour", 0)?,
                    int_kw(&mut args, 4, "minute", 0)?,
                    int_kw(&mut args, 5, "second", 0)?,
                    int_kw(&mut args, 6, "microsecond", 0)?,
                )?;
                let offset = tz_offset(args.take(7, "tzinfo"))?;
                Value::native(DateTime {
                    naive: make_date(year, month, day)?.and_time(time),
                    offset,
                })
            }
            "date" => {
                let (year, month, day) = (
                    int_kw(&mut args, 0, "year", -1)?,
                    int_kw(&mut args, 1, "month", -1)?,
                    int_kw(&mut args, 2, "day", -1)?,
                );
                if year < 0 || month < 0 || day < 0 {
                    return Err(PyErr::type_error(
                        "function missing required argument 'year' (pos 1)",
                    ));
                }
                Value::native(Date(make_date(year, month, day)?))
            }
            "time" => Value::native(Time(make_time(
                int_kw(&mut args, 0, "hour", 0)?,
                int_kw(&mut args, 1, "minute", 0)?,
                int_kw(&mut args, 2, "second", 0)?,
                int_kw(&mut args, 3, "microsecond", 0)?,
            )?)),
            "timedelta" => {
                let units = [
                    ("days", MICROS_PER_DAY as f64),
                    ("seconds", 1e6),
                    ("microseconds", 1.0),
                    ("milliseconds", 1e3),
                    ("minutes", 6e7),
                    ("hours", 3.6e9),
                    ("weeks", 7.0 * MICROS_PER_DAY as f64),
                ];
                let mut total: i128 = 0;
                let mut fractional = 0.0;
                for (index, (name, scale)) in units.iter().enumerate() {
                    match args.take(index, name) {
                        None => {}
                        Some(Value::Int(n)) => total += i128::from(n) * (*scale as i128).max(1),
                        Some(Value::Float(x)) => fractional += x * scale,
                        Some(other) => {
                            return Err(PyErr::type_error(format!(
                                "unsupported type for timedelta {name} component: {}",
                                other.type_name()
                            )));
                        }
                    }
                }
                let micros = total + fractional.round_ties_even() as i128;
                Value::native(TimeDelta(
                    i64::try_from(micros)
                        .map_err(|_| PyErr::overflow_error("timedelta value out of range"))?,
                ))
            }
            "timezone" => {
                let offset = args
                    .positional
                    .first()
                    .and_then(timedelta_from)
                    .ok_or_else(|| {
                        PyErr::type_error("timezone() argument 1 must be datetime.timedelta")
                    })?;
                Value::native(TimeZone((offset / 1_000_000) as i32))
            }
            _ => return Ok(None),
        };
        let _ = interp;
        Ok(Some(value))
    }
}

fn now(interp: &Interpreter) -> NaiveDateTime {
    interp.now()
}

/// Builds the `datetime` module.
pub fn module(interp: &mut Interpreter) -> PyResult<Value> {
    let mut classes = Vec::new();
    // `date` first: `datetime` is its subclass, as in CPython
    // (`isinstance(a_datetime, date)` is true).
    for name in ["date", "datetime", "time", "timedelta", "timezone"] {
        let hooks: Rc<dyn ClassHooks> = Rc::new(Constructor(name));
        let mut entries: Vec<(&str, Value)> = vec![("__module__", Value::str("datetime"))];
        match name {
            "datetime" => {
                entries.push((
                    "now",
                    NativeFunction::function("now", |interp, args| {
                        let offset = tz_offset(args.positional.first().cloned())?;
                        let local = now(interp);
                        Ok(Value::native(match offset {
                            Some(offset) => DateTime {
                                naive: add_micros(local, i64::from(offset) * 1_000_000)?,
                                offset: Some(offset),
                            },
                            None => DateTime {
                                naive: local,
                                offset: None,
                            },
                        }))
                    }),
                ));
                entries.push((
                    "combine",
                    NativeFunction::function("combine", |_, args| {
                        args.check("combine", 2, 2)?;
                        let date = args.positional[0].downcast_native::<Date>();
                        let time = args.positional[1].downcast_native::<Time>();
                        match (date, time) {
                            (Some(date), Some(time)) => Ok(Value::native(DateTime {
                                naive: date.0.and_time(time.0),
                                offset: None,
                            })),
                            (None, _) => Err(PyErr::type_error(format!(
                                "combine() argument 1 must be datetime.date, not {}",
                                args.positional[0].type_name()
                            ))),
                            (_, None) => Err(PyErr::type_error(format!(
                                "combine() argument 2 must be datetime.time, not {}",
                                args.positional[1].type_name()
                            ))),
                        }
                    }),
                ));
                entries.push((
                    "utcnow",
                    NativeFunction::function("utcnow", |interp, _| {
                        Ok(Value::native(DateTime {
                            naive: now(interp),
                            offset: None,
                        }))
                    }),
                ));
                entries.push((
                    "today",
                    NativeFunction::function("today", |interp, _| {
                        Ok(Value::native(DateTime {
                            naive: now(interp),
                            offset: None,
                        }))
                    }),
                ));
                entries.push((
                    "fromisoformat",
                    NativeFunction::function("fromisoformat", |_, args| {
                        let text = args
                            .positional
                            .first()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        parse_iso_datetime(&text).map(Value::native).ok_or_else(|| {
                            PyErr::value_error(format!(
                                "Invalid isoformat string: {}",
                                crate::format::repr::str_repr(&text)
                            ))
                        })
                    }),
                ));
                entries.push((
                    "strptime",
                    NativeFunction::function("strptime", |_, args| {
                        let text = args
                            .positional
                            .first()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        let pattern = args
                            .positional
                            .get(1)
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        let chrono_pattern = pattern.replace("%f", "%6f");
                        NaiveDateTime::parse_from_str(&text, &chrono_pattern)
                            .or_else(|_| {
                                NaiveDate::parse_from_str(&text, &chrono_pattern)
                                    .map(|d| d.and_time(NaiveTime::MIN))
                            })
                            .map(|naive| {
                                Value::native(DateTime {
                                    naive,
                                    offset: None,
                                })
                            })
                            .map_err(|_| {
                                PyErr::value_error(format!(
                                    "time data {} does not match format {}",
                                    crate::format::repr::str_repr(&text),
                                    crate::format::repr::str_repr(&pattern)
                                ))
                            })
                    }),
                ));
            }
            "date" => {
                entries.push((
                    "today",
                    NativeFunction::function("today", |interp, _| {
                        Ok(Value::native(Date(now(interp).date())))
                    }),
                ));
                entries.push((
                    "fromisoformat",
                    NativeFunction::function("fromisoformat", |_, args| {
                        let text = args
                            .positional
                            .first()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                            .map(|d| Value::native(Date(d)))
                            .map_err(|_| {
                                PyErr::value_error(format!(
                                    "Invalid isoformat string: {}",
                                    crate::format::repr::str_repr(&text)
                                ))
                            })
                    }),
                ));
            }
            _ => {}
        }
        let bases = match (name, classes.iter().find(|(n, _)| *n == "date")) {
            ("datetime", Some((_, Value::Class(date)))) => vec![date.clone()],
            _ => Vec::new(),
        };
        let class = interp.new_class(name, bases, entries, Some(hooks))?;
        interp.register_native_class(name, class.clone());
        classes.push((name, Value::Class(class)));
    }
    if let Some((_, Value::Class(timezone))) = classes.iter().find(|(n, _)| *n == "timezone") {
        timezone
            .dict
            .borrow_mut()
            .insert("utc".into(), Value::native(TimeZone(0)));
    }
    let mut entries = classes;
    entries.push(("MINYEAR", Value::Int(1)));
    entries.push(("MAXYEAR", Value::Int(9999)));
    Ok(Interpreter::new_module("datetime", entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timedelta_text_matches_cpython() {
        assert_eq!(
            timedelta_str(MICROS_PER_DAY + 3_600_000_000),
            "1 day, 1:00:00"
        );
        assert_eq!(timedelta_str(-3_600_000_000), "-1 day, 23:00:00");
        assert_eq!(timedelta_str(500_000), "0:00:00.500000");
        assert_eq!(timedelta_repr(0), "datetime.timedelta(0)");
        assert_eq!(
            timedelta_repr(-1),
            "datetime.timedelta(days=-1, seconds=86399, microseconds=999999)"
        );
    }

    #[test]
    fn bad_strftime_patterns_do_not_panic() {
        let naive = NaiveDate::from_ymd_opt(2024, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        assert!(strftime(&naive, None, "%Y-%Q").is_err());
        assert_eq!(
            strftime(&naive, None, "%d/%m/%Y %H:%M").unwrap(),
            "01/01/2024 00:00"
        );
    }
}
