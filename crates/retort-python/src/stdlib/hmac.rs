//! HMAC (RFC 2104) over `hashlib`'s algorithms, PBKDF2 on it (RFC 8018,
//! what `hashlib.pbkdf2_hmac` computes), and the `hmac` module: `new`,
//! `digest`, `compare_digest`, and HMAC objects (`update`, `digest`,
//! `hexdigest`, `name`, `digest_size`, `block_size`).

use std::cell::RefCell;

use digest::DynDigest;

use crate::builtins::bytes::Bytes;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction, NativeObject, object_repr};
use crate::stdlib::hashlib::{Algorithm, algorithm, buffer, hex};
use crate::value::Value;

/// A key's inner and outer hashing states, each already fed its padded key.
pub struct HmacKey {
    algorithm: Algorithm,
    inner: Box<dyn DynDigest>,
    outer: Box<dyn DynDigest>,
}

impl HmacKey {
    /// The states for `key` under `algorithm`.
    pub fn new(algorithm: Algorithm, key: &[u8]) -> HmacKey {
        let block = algorithm.block_size();
        let mut padded = if key.len() > block {
            let mut state = algorithm.hasher();
            state.update(key);
            state.finalize().to_vec()
        } else {
            key.to_vec()
        };
        padded.resize(block, 0);
        let mut inner = algorithm.hasher();
        inner.update(&padded.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>());
        let mut outer = algorithm.hasher();
        outer.update(&padded.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>());
        HmacKey {
            algorithm,
            inner,
            outer,
        }
    }

    /// The digest size in bytes.
    pub fn size(&self) -> usize {
        self.inner.output_size()
    }

    /// The MAC of the concatenation of `parts`.
    pub fn mac(&self, parts: &[&[u8]]) -> Vec<u8> {
        let mut inner = self.inner.box_clone();
        for part in parts {
            inner.update(part);
        }
        let mut outer = self.outer.box_clone();
        outer.update(&inner.finalize());
        outer.finalize().to_vec()
    }
}

/// PBKDF2 with HMAC-`algorithm`: `length` bytes of key from `password`.
pub fn pbkdf2(
    algorithm: Algorithm,
    password: &[u8],
    salt: &[u8],
    rounds: u32,
    length: usize,
) -> Vec<u8> {
    let key = HmacKey::new(algorithm, password);
    let mut out = Vec::with_capacity(length + key.size());
    let mut index: u32 = 1;
    while out.len() < length {
        let mut u = key.mac(&[salt, &index.to_be_bytes()]);
        let mut block = u.clone();
        for _ in 1..rounds {
            u = key.mac(&[&u]);
            block.iter_mut().zip(&u).for_each(|(t, x)| *t ^= x);
        }
        out.extend_from_slice(&block);
        index = index.wrapping_add(1);
    }
    out.truncate(length);
    out
}

/// An `hmac.HMAC` object: the key's states and the message so far.
struct HmacObject {
    key: HmacKey,
    message: RefCell<Vec<u8>>,
}

impl HmacObject {
    fn digest(&self) -> Vec<u8> {
        self.key.mac(&[&self.message.borrow()])
    }
}

impl NativeObject for HmacObject {
    fn type_name(&self) -> &str {
        "HMAC"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("hmac.HMAC", this))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let this = this.clone();
        let method = |name: &str, f: fn(&HmacObject, CallArgs) -> PyResult<Value>| {
            let this = this.clone();
            NativeFunction::function(name, move |_, args| match this.downcast_native() {
                Some(object) => f(object, args),
                None => Ok(Value::None),
            })
        };
        Ok(Some(match name {
            "name" => Value::str(format!("hmac-{}", self.key.algorithm.name())),
            "digest_size" => Value::Int(self.key.size() as i64),
            "block_size" => Value::Int(self.key.algorithm.block_size() as i64),
            "update" => method("update", |object, args| {
                args.check("update", 1, 1)?;
                let data = buffer(&args.positional[0], "hashing")?;
                object.message.borrow_mut().extend_from_slice(data);
                Ok(Value::None)
            }),
            "digest" => method("digest", |object, args| {
                args.check("digest", 0, 0)?;
                Ok(Bytes::value(object.digest()))
            }),
            "hexdigest" => method("hexdigest", |object, args| {
                args.check("hexdigest", 0, 0)?;
                Ok(Value::str(hex(&object.digest())))
            }),
            _ => return Ok(None),
        }))
    }
}

/// The algorithm a `digestmod` names: a name or a `hashlib` constructor.
fn digestmod(value: Option<Value>) -> PyResult<Algorithm> {
    match value {
        Some(Value::Str(name)) => algorithm(&name),
        Some(Value::NativeFunction(f)) => algorithm(&f.name),
        Some(Value::None) | None => {
            Err(PyErr::type_error("Missing required parameter 'digestmod'."))
        }
        Some(other) => Err(PyErr::type_error(format!(
            "unsupported hash type {}",
            other.type_name()
        ))),
    }
}

fn key_bytes(value: Option<Value>) -> PyResult<Vec<u8>> {
    let value = value.unwrap_or(Value::None);
    match value.downcast_native::<Bytes>() {
        Some(bytes) => Ok(bytes.0.clone()),
        None => Err(PyErr::type_error(format!(
            "key: expected bytes or bytearray, but got '{}'",
            value.type_name()
        ))),
    }
}

/// `hmac.new(key, msg=None, digestmod='')`.
fn new_hmac(_interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let key = key_bytes(args.take(0, "key"))?;
    let message = args.take(1, "msg");
    let algorithm = digestmod(args.take(2, "digestmod"))?;
    let message = match message {
        None | Some(Value::None) => Vec::new(),
        Some(message) => buffer(&message, "hashing")?.to_vec(),
    };
    Ok(Value::native(HmacObject {
        key: HmacKey::new(algorithm, &key),
        message: RefCell::new(message),
    }))
}

/// `hmac.compare_digest(a, b)`: two strings or two bytes values.
fn compare_digest(_interp: &mut Interpreter, args: CallArgs) -> PyResult<Value> {
    args.check("compare_digest", 2, 2)?;
    let (a, b) = (&args.positional[0], &args.positional[1]);
    if let (Some(a), Some(b)) = (a.as_str(), b.as_str()) {
        if !a.is_ascii() || !b.is_ascii() {
            return Err(PyErr::type_error(
                "comparing strings with non-ASCII characters is not supported",
            ));
        }
        return Ok(Value::Bool(a == b));
    }
    match (a.downcast_native::<Bytes>(), b.downcast_native::<Bytes>()) {
        (Some(a), Some(b)) => Ok(Value::Bool(a.0 == b.0)),
        _ => Err(PyErr::type_error(format!(
            "unsupported operand types(s) or combination of types: '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
}

/// Builds the `hmac` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    Ok(Interpreter::new_module(
        "hmac",
        vec![
            ("new", NativeFunction::function("new", new_hmac)),
            (
                "digest",
                NativeFunction::function("digest", |interp, args| {
                    let object = new_hmac(interp, args)?;
                    let digest = object
                        .downcast_native::<HmacObject>()
                        .map(HmacObject::digest);
                    Ok(Bytes::value(digest.unwrap_or_default()))
                }),
            ),
            (
                "compare_digest",
                NativeFunction::function("compare_digest", compare_digest),
            ),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_and_pbkdf2_match_the_rfc_test_vectors() {
        // RFC 4231, test case 2.
        let key = HmacKey::new(Algorithm::Sha256, b"Jefe");
        assert_eq!(
            hex(&key.mac(&[b"what do ya want ", b"for nothing?"])),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // RFC 6070, test case 2 (PBKDF2-HMAC-SHA1).
        assert_eq!(
            hex(&pbkdf2(Algorithm::Sha1, b"password", b"salt", 2, 20)),
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"
        );
    }
}
