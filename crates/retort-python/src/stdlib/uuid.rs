//! A `uuid` module: `uuid4()` (random bits from a deterministic generator,
//! as the `random` module's, so a run repeats), `UUID(hex)` parsing a
//! hexadecimal string with or without dashes or braces, and `UUID`
//! objects with `str()` in the 8-4-4-4-12 form, `repr` `UUID('...')`,
//! `hex`, `int`, `version`, equality and hashing. `UUID` is a class
//! (`isinstance`, `Mapped[uuid.UUID]`) that also takes `int=`.

use std::rc::Rc;

use crate::ast::CmpOp;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, ClassHooks, NativeFunction, NativeObject};
use crate::stdlib::random::Generator;
use crate::value::Class;
use crate::value::Value;

/// A UUID as its 128 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uuid(pub u128);

impl Uuid {
    /// A version 4 UUID from random bits.
    fn random(high: u64, low: u64) -> Uuid {
        let bits = (u128::from(high) << 64) | u128::from(low);
        // Version 4, RFC 4122 variant.
        let bits = (bits & !(0xf << 76)) | (0x4 << 76);
        let bits = (bits & !(0x3 << 62)) | (0x2 << 62);
        Uuid(bits)
    }

    /// Parses 32 hexadecimal digits, ignoring `urn:uuid:`, braces and
    /// dashes as Python does.
    pub fn parse(text: &str) -> Option<Uuid> {
        let text = text.trim_start_matches("urn:").trim_start_matches("uuid:");
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, '{' | '}' | '-'))
            .collect();
        if digits.len() != 32 {
            return None;
        }
        u128::from_str_radix(&digits, 16).ok().map(Uuid)
    }

    /// The 32 lowercase hex digits (`UUID.hex`).
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }

    /// The 8-4-4-4-12 form (`str(UUID)`).
    pub fn dashed(self) -> String {
        let h = self.hex();
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }
}

impl NativeObject for Uuid {
    fn type_name(&self) -> &str {
        "UUID"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("UUID('{}')", self.dashed()))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.dashed())
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "hex" => Some(Value::str(self.hex())),
            "int" => i64::try_from(self.0).ok().map(Value::Int),
            // Only an RFC 4122 UUID has a version.
            "version" => Some(if (self.0 >> 62) & 0x3 == 0x2 {
                Value::Int(((self.0 >> 76) & 0xf) as i64)
            } else {
                Value::None
            }),
            "urn" => Some(Value::str(format!("urn:uuid:{}", self.dashed()))),
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
        let Some(other) = other.downcast_native::<Uuid>() else {
            return Ok(match op {
                CmpOp::Eq => Some(Value::Bool(false)),
                CmpOp::NotEq => Some(Value::Bool(true)),
                _ => None,
            });
        };
        Ok(Some(Value::Bool(match op {
            CmpOp::Eq => self.0 == other.0,
            CmpOp::NotEq => self.0 != other.0,
            CmpOp::Lt => self.0 < other.0,
            CmpOp::LtE => self.0 <= other.0,
            CmpOp::Gt => self.0 > other.0,
            CmpOp::GtE => self.0 >= other.0,
            _ => return Ok(None),
        })))
    }

    fn hash_key(&self) -> Option<u64> {
        Some((self.0 as u64) ^ ((self.0 >> 64) as u64))
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(
            other
                .downcast_native::<Uuid>()
                .is_some_and(|o| o.0 == self.0),
        )
    }
}

/// Builds the `uuid` module.
pub fn module(interp: &mut Interpreter) -> PyResult<Value> {
    let generator = Rc::new(Generator::new(UUID_SEED));
    let uuid4 = NativeFunction::function("uuid4", move |_, args| {
        args.check("uuid4", 0, 0)?;
        let high = generator.next_u64();
        let low = generator.next_u64();
        Ok(Value::native(Uuid::random(high, low)))
    });
    let hooks: Rc<dyn ClassHooks> = Rc::new(UuidConstructor);
    let class = interp.new_class(
        "UUID",
        Vec::new(),
        vec![("__module__", Value::str("uuid"))],
        Some(hooks),
    )?;
    interp.register_native_class("UUID", class.clone());
    Ok(Interpreter::new_module(
        "uuid",
        vec![("uuid4", uuid4), ("UUID", Value::Class(class))],
    ))
}

/// `UUID(hex)` or `UUID(int=n)`.
#[derive(Debug)]
struct UuidConstructor;

impl ClassHooks for UuidConstructor {
    fn call(
        &self,
        interp: &mut Interpreter,
        _class: &Rc<Class>,
        args: &CallArgs,
    ) -> PyResult<Option<Value>> {
        let keyword = |name: &str| {
            args.keywords
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value)
        };
        let hex = args.positional.first().or_else(|| keyword("hex"));
        if let Some(text) = hex {
            let text = interp.str(text)?;
            return Uuid::parse(&text)
                .map(|id| Some(Value::native(id)))
                .ok_or_else(|| PyErr::value_error("badly formed hexadecimal UUID string"));
        }
        match keyword("int") {
            Some(Value::Int(n)) if *n >= 0 => Ok(Some(Value::native(Uuid(*n as u128)))),
            Some(Value::Int(_)) => Err(PyErr::value_error(
                "int is out of range (need a 128-bit value)",
            )),
            Some(other) => Err(PyErr::type_error(format!(
                "'<=' not supported between instances of 'int' and '{}'",
                other.type_name()
            ))),
            None => Err(PyErr::type_error(
                "one of the hex, bytes, bytes_le, fields, or int arguments must be given",
            )),
        }
    }
}

/// The seed of the module's generator.
const UUID_SEED: u64 = 0x5eed_0f11;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_random_uuid_is_version_4_and_round_trips_through_its_text() {
        let id = Uuid::random(u64::MAX, 0);
        assert_eq!(((id.0 >> 76) & 0xf), 4);
        assert_eq!(((id.0 >> 62) & 0x3), 2);
        let text = id.dashed();
        assert_eq!(text.len(), 36);
        assert_eq!(Uuid::parse(&text), Some(id));
        assert_eq!(Uuid::parse(&format!("{{{}}}", id.hex())), Some(id));
        assert_eq!(Uuid::parse("xyz"), None);
    }
}
