//! The `decimal` module: `Decimal` backed by `rust_decimal`, keeping the
//! scale as Python does (`Decimal('3.50')`), with arithmetic, comparisons,
//! `quantize` and rounding constants.

use std::rc::Rc;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal as Exact, RoundingStrategy};

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::error::{PyErr, PyResult};
use crate::format::spec::{Spec, parse_spec};
use crate::interp::Interpreter;
use crate::native::{CallArgs, ClassHooks, NativeFunction, NativeObject};
use crate::value::{Class, Value};

/// A `decimal.Decimal` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal(pub Exact);

fn to_exact(value: &Value) -> Option<Exact> {
    match value {
        Value::Int(i) => Some(Exact::from(*i)),
        Value::Bool(b) => Some(Exact::from(i64::from(*b))),
        other => other.downcast_native::<Decimal>().map(|d| d.0),
    }
}

fn rounding(name: &str) -> PyResult<RoundingStrategy> {
    Ok(match name {
        "ROUND_HALF_EVEN" => RoundingStrategy::MidpointNearestEven,
        "ROUND_HALF_UP" => RoundingStrategy::MidpointAwayFromZero,
        "ROUND_HALF_DOWN" => RoundingStrategy::MidpointTowardZero,
        "ROUND_DOWN" => RoundingStrategy::ToZero,
        "ROUND_UP" => RoundingStrategy::AwayFromZero,
        "ROUND_FLOOR" => RoundingStrategy::ToNegativeInfinity,
        "ROUND_CEILING" => RoundingStrategy::ToPositiveInfinity,
        other => return Err(PyErr::value_error(format!("unknown rounding mode {other}"))),
    })
}

/// Parses the argument of `Decimal(...)`.
fn construct(value: &Value) -> PyResult<Exact> {
    match value {
        Value::Str(text) => {
            let trimmed = text.trim().replace('_', "");
            Exact::from_str(&trimmed)
                .or_else(|_| Exact::from_scientific(&trimmed))
                .map_err(|_| PyErr::new("InvalidOperation", "[<class 'decimal.ConversionSyntax'>]"))
        }
        Value::Float(x) => Exact::from_f64_retain(*x)
            .ok_or_else(|| PyErr::value_error("cannot convert this float to Decimal")),
        other => to_exact(other).ok_or_else(|| {
            PyErr::type_error(format!(
                "conversion from {} to Decimal is not supported",
                other.type_name()
            ))
        }),
    }
}

impl Decimal {
    fn format_spec(&self, spec: &Spec) -> PyResult<String> {
        let value = match (spec.kind, spec.precision) {
            (Some('f' | 'F') | None, Some(precision)) => self
                .0
                .round_dp_with_strategy(precision as u32, RoundingStrategy::MidpointNearestEven),
            (Some('%'), precision) => (self.0 * Exact::from(100)).round_dp_with_strategy(
                precision.unwrap_or(6) as u32,
                RoundingStrategy::MidpointNearestEven,
            ),
            _ => self.0,
        };
        let mut text = match spec.kind {
            Some(kind @ ('e' | 'E')) => scientific(&value.abs(), spec.precision, kind),
            _ => value.abs().to_string(),
        };
        if let (Some('f' | 'F' | '%'), Some(precision)) = (spec.kind, spec.precision) {
            let current = text.split_once('.').map_or(0, |(_, f)| f.len());
            if current < precision {
                if !text.contains('.') {
                    text.push('.');
                }
                text.push_str(&"0".repeat(precision - current));
            }
        }
        if spec.kind == Some('%') {
            text.push('%');
        }
        if let Some(separator) = spec.grouping {
            let (integer, rest) = text
                .split_once('.')
                .map_or((text.clone(), String::new()), |(i, f)| {
                    (i.to_string(), format!(".{f}"))
                });
            let mut grouped = String::new();
            for (index, c) in integer.chars().enumerate() {
                if index > 0 && (integer.len() - index) % 3 == 0 {
                    grouped.push(separator);
                }
                grouped.push(c);
            }
            text = format!("{grouped}{rest}");
        }
        let sign = if value.is_sign_negative() && !value.is_zero() {
            "-"
        } else {
            match spec.sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        // `0` before the width pads with zeros after the sign.
        if spec.zero && matches!(spec.align, None | Some('=')) && spec.fill.is_none() {
            let width = spec.width.saturating_sub(sign.len());
            let digits = text.chars().count();
            if digits < width {
                text = format!("{}{text}", "0".repeat(width - digits));
            }
        }
        let body = format!("{sign}{text}");
        crate::format::spec::format_str(
            &body,
            &Spec {
                kind: None,
                precision: None,
                sign: None,
                align: spec.align.or(Some('>')),
                ..spec.clone()
            },
        )
    }
}

impl NativeObject for Decimal {
    fn type_name(&self) -> &str {
        "Decimal"
    }

    fn error_type_name(&self) -> Option<&str> {
        Some("decimal.Decimal")
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("Decimal('{}')", python_str(&self.0)))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(python_str(&self.0))
    }

    fn format(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        spec: &str,
    ) -> PyResult<Option<String>> {
        if spec.is_empty() {
            return Ok(Some(python_str(&self.0)));
        }
        let parsed =
            parse_spec(spec).ok_or_else(|| PyErr::value_error("Invalid format specifier"))?;
        self.format_spec(&parsed).map(Some)
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let me = *self;
        Ok(match name {
            "quantize" => Some(NativeFunction::function("quantize", move |_, mut args| {
                let exponent = args.take(0, "exp").ok_or_else(|| {
                    PyErr::type_error("quantize() missing required argument 'exp' (pos 1)")
                })?;
                let exponent = to_exact(&exponent)
                    .ok_or_else(|| PyErr::type_error("quantize() argument must be a Decimal"))?;
                let strategy = match args.take(1, "rounding") {
                    Some(Value::Str(mode)) => rounding(&mode)?,
                    _ => RoundingStrategy::MidpointNearestEven,
                };
                let mut result = me.0.round_dp_with_strategy(exponent.scale(), strategy);
                result.rescale(exponent.scale());
                Ok(Value::native(Decimal(result)))
            })),
            "__float__" => Some(NativeFunction::function("__float__", move |_, _| {
                Ok(Value::Float(me.0.to_f64().unwrap_or(f64::NAN)))
            })),
            "__int__" => Some(NativeFunction::function("__int__", move |_, _| {
                me.0.trunc()
                    .to_i64()
                    .map(Value::Int)
                    .ok_or_else(|| PyErr::overflow_error("Decimal too large for a 64-bit int"))
            })),
            "__round__" => Some(NativeFunction::function(
                "__round__",
                move |_, args| match args.positional.first().and_then(Value::as_int) {
                    Some(digits) => Ok(Value::native(Decimal(me.0.round_dp_with_strategy(
                        digits.max(0) as u32,
                        RoundingStrategy::MidpointNearestEven,
                    )))),
                    None => {
                        me.0.round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven)
                            .to_i64()
                            .map(Value::Int)
                            .ok_or_else(|| PyErr::overflow_error("Decimal too large"))
                    }
                },
            )),
            "__abs__" => Some(NativeFunction::function("__abs__", move |_, _| {
                Ok(Value::native(Decimal(me.0.abs())))
            })),
            "normalize" => Some(NativeFunction::function("normalize", move |_, _| {
                Ok(Value::native(Decimal(me.0.normalize())))
            })),
            "is_zero" => Some(NativeFunction::function("is_zero", move |_, _| {
                Ok(Value::Bool(me.0.is_zero()))
            })),
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
        let Some(other) = to_exact(other) else {
            return Ok(None);
        };
        let (a, b) = if reflected {
            (other, self.0)
        } else {
            (self.0, other)
        };
        let overflow = || PyErr::overflow_error("Decimal result out of range");
        let result = match op {
            BinOp::Add => a.checked_add(b).ok_or_else(overflow)?,
            BinOp::Sub => a.checked_sub(b).ok_or_else(overflow)?,
            BinOp::Mul => a.checked_mul(b).ok_or_else(overflow)?,
            BinOp::Div => {
                if b.is_zero() {
                    return Err(PyErr::new(
                        "ZeroDivisionError",
                        "[<class 'decimal.DivisionByZero'>]",
                    ));
                }
                divide(a, b).ok_or_else(overflow)?
            }
            BinOp::FloorDiv => {
                if b.is_zero() {
                    return Err(PyErr::new(
                        "ZeroDivisionError",
                        "[<class 'decimal.DivisionByZero'>]",
                    ));
                }
                a.checked_div(b).ok_or_else(overflow)?.trunc()
            }
            BinOp::Mod => {
                if b.is_zero() {
                    return Err(PyErr::new(
                        "ZeroDivisionError",
                        "[<class 'decimal.DivisionUndefined'>]",
                    ));
                }
                a.checked_rem(b).ok_or_else(overflow)?
            }
            BinOp::Pow => {
                let exponent = b.to_i64().filter(|_| b.fract().is_zero()).ok_or_else(|| {
                    PyErr::type_error("Retort's Decimal supports only integer powers")
                })?;
                let mut result = Exact::ONE;
                for _ in 0..exponent.unsigned_abs().min(1000) {
                    result = result.checked_mul(a).ok_or_else(overflow)?;
                }
                if exponent < 0 {
                    Exact::ONE.checked_div(result).ok_or_else(overflow)?
                } else {
                    result
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(Value::native(Decimal(result))))
    }

    fn unary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: UnaryOp,
    ) -> PyResult<Option<Value>> {
        Ok(match op {
            UnaryOp::Neg => Some(Value::native(Decimal(-self.0))),
            UnaryOp::Pos => Some(Value::native(*self)),
            _ => None,
        })
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.0.is_zero())
    }

    fn compare(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        // A float compares by its exact binary value (Decimal('4.99') !=
        // 4.99, Decimal('0.5') == 0.5), as Python compares them.
        let other = match other {
            Value::Float(x) => Exact::from_f64_retain(*x),
            other => to_exact(other),
        };
        let Some(other) = other else {
            return Ok(if matches!(op, CmpOp::Eq | CmpOp::NotEq) {
                Some(Value::Bool(op == CmpOp::NotEq))
            } else {
                None
            });
        };
        let ordering = self.0.cmp(&other);
        Ok(Some(Value::Bool(match op {
            CmpOp::Eq => ordering.is_eq(),
            CmpOp::NotEq => !ordering.is_eq(),
            CmpOp::Lt => ordering.is_lt(),
            CmpOp::LtE => ordering.is_le(),
            CmpOp::Gt => ordering.is_gt(),
            _ => ordering.is_ge(),
        })))
    }

    fn hash_key(&self) -> Option<u64> {
        let normalized = self.0.normalize();
        match normalized.to_i64().filter(|_| normalized.fract().is_zero()) {
            Some(i) => crate::dict::hash_value(&Value::Int(i)).ok(),
            None => crate::dict::hash_value(&Value::str(normalized.to_string())).ok(),
        }
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(to_exact(other).is_some_and(|o| o == self.0))
    }
}

/// A non-negative decimal in `e` notation as Python's Decimal formats it:
/// every digit (or `precision` after the point, rounded half-even), and a
/// signed exponent (`Decimal('0.333')` is `3.33e-1`).
fn scientific(value: &Exact, precision: Option<usize>, kind: char) -> String {
    let mut digits = value.mantissa().unsigned_abs().to_string();
    let mut adjusted = digits.len() as i64 - 1 - i64::from(value.scale());
    if let Some(precision) = precision {
        let wanted = precision as u32 + 1;
        if let Some(rounded) =
            value.round_sf_with_strategy(wanted, RoundingStrategy::MidpointNearestEven)
        {
            digits = rounded.mantissa().unsigned_abs().to_string();
            adjusted = digits.len() as i64 - 1 - i64::from(rounded.scale());
        }
        digits = digits.trim_end_matches('0').to_owned();
        if digits.is_empty() {
            digits.push('0');
        }
        while digits.len() < wanted as usize {
            digits.push('0');
        }
    }
    let (first, rest) = digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    let sign = if adjusted < 0 { '-' } else { '+' };
    format!("{first}{point}{rest}{kind}{sign}{}", adjusted.abs())
}

/// The significant digits of Python's default decimal context.
const PRECISION: u32 = 28;

/// `a / b` in Python's default context: an exact quotient at the ideal
/// exponent (the dividend's minus the divisor's, `Decimal('6.00') / 2` is
/// `3.00`), otherwise rounded half-even to 28 significant digits
/// (`Decimal('10') / 3` is `3.333333333333333333333333333`).
fn divide(a: Exact, b: Exact) -> Option<Exact> {
    let quotient = a.checked_div(b)?;
    let digits = quotient.mantissa().unsigned_abs().to_string().len() as u32;
    let quotient = if digits > PRECISION {
        quotient.round_sf_with_strategy(PRECISION, RoundingStrategy::MidpointNearestEven)?
    } else {
        quotient
    };
    if quotient.checked_mul(b) != Some(a) {
        return Some(quotient);
    }
    let exact = quotient.normalize();
    let ideal = a.scale().saturating_sub(b.scale());
    if a.scale() >= b.scale() && exact.scale() < ideal {
        let mut padded = exact;
        padded.rescale(ideal);
        return Some(padded);
    }
    Some(exact)
}

/// `str(Decimal)`: the decimal specification's to-scientific-string, as
/// Python prints it. Plain digits while the exponent is at most zero and
/// the adjusted exponent (that of the first digit) at least -6; otherwise
/// one digit, the rest after a point, and `E` with the adjusted exponent
/// (`Decimal('0.00000001')` is `1E-8`, zero at scale 10 `0E-10`).
pub fn python_str(value: &rust_decimal::Decimal) -> String {
    let digits = value.mantissa().unsigned_abs().to_string();
    let exponent = -i64::from(value.scale());
    let adjusted = exponent + digits.len() as i64 - 1;
    if adjusted >= -6 {
        return value.to_string();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let (first, rest) = digits.split_at(1);
    let point = if rest.is_empty() { "" } else { "." };
    format!("{sign}{first}{point}{rest}E{adjusted}")
}

impl Decimal {
    /// `int(Decimal)`: the integral part, if it fits.
    pub fn truncated(&self) -> Option<i64> {
        self.0.trunc().to_i64()
    }
}

#[derive(Debug)]
struct DecimalConstructor;

impl ClassHooks for DecimalConstructor {
    fn call(
        &self,
        _interp: &mut Interpreter,
        _class: &Rc<Class>,
        args: &CallArgs,
    ) -> PyResult<Option<Value>> {
        let value = args.positional.first().cloned().unwrap_or(Value::Int(0));
        Ok(Some(Value::native(Decimal(construct(&value)?))))
    }
}

/// Builds the `decimal` module.
pub fn module(interp: &mut Interpreter) -> PyResult<Value> {
    let hooks: Rc<dyn ClassHooks> = Rc::new(DecimalConstructor);
    let class = interp.new_class(
        "Decimal",
        Vec::new(),
        vec![("__module__", Value::str("decimal"))],
        Some(hooks),
    )?;
    interp.register_native_class("Decimal", class.clone());
    let arithmetic_error = interp
        .builtin_class("ArithmeticError")
        .map(|c| vec![c])
        .unwrap_or_default();
    let invalid = interp.new_class(
        "InvalidOperation",
        arithmetic_error,
        vec![("__module__", Value::str("decimal"))],
        None,
    )?;
    // What `PyErr::new("InvalidOperation", ...)` raises, so that
    // `except InvalidOperation` catches it.
    interp.register_exception_class("InvalidOperation", invalid.clone());
    let mut entries = vec![
        ("Decimal", Value::Class(class)),
        ("InvalidOperation", Value::Class(invalid)),
    ];
    for name in [
        "ROUND_HALF_EVEN",
        "ROUND_HALF_UP",
        "ROUND_HALF_DOWN",
        "ROUND_DOWN",
        "ROUND_UP",
        "ROUND_FLOOR",
        "ROUND_CEILING",
    ] {
        entries.push((name, Value::str(name)));
    }
    Ok(Interpreter::new_module("decimal", entries))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn shown(text: &str) -> String {
        python_str(&rust_decimal::Decimal::from_str(text).unwrap())
    }

    #[test]
    fn small_exponents_print_in_scientific_notation_as_python_does() {
        assert_eq!(shown("0.0000000000"), "0E-10");
        assert_eq!(shown("0.00000001"), "1E-8");
        assert_eq!(shown("-0.000000123"), "-1.23E-7");
        assert_eq!(shown("0.000001"), "0.000001");
        assert_eq!(shown("1.5000000000"), "1.5000000000");
        assert_eq!(shown("19.90"), "19.90");
    }

    #[test]
    fn division_keeps_28_significant_digits_or_the_ideal_exponent() {
        let d = |text: &str| rust_decimal::Decimal::from_str(text).unwrap();
        let quotient = |a: &str, b: &str| python_str(&divide(d(a), d(b)).unwrap());
        assert_eq!(quotient("4.99", "3"), "1.663333333333333333333333333");
        assert_eq!(quotient("10", "3"), "3.333333333333333333333333333");
        assert_eq!(quotient("2", "3"), "0.6666666666666666666666666667");
        assert_eq!(quotient("6.00", "2"), "3.00");
        assert_eq!(quotient("10", "4"), "2.5");
        assert_eq!(quotient("1", "8"), "0.125");
    }
}
