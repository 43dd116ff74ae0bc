//! A `secrets` module: `token_bytes`, `token_hex`, `token_urlsafe`,
//! `choice`, `randbelow` and `compare_digest`. The bits come from a
//! deterministic generator (as `random`'s and `uuid`'s), so a run repeats;
//! only their shape matters to a script.

use std::rc::Rc;

use crate::builtins::bytes::Bytes;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::stdlib::hashlib::hex;
use crate::stdlib::random::Generator;
use crate::value::Value;

/// The seed of the module's generator.
const SECRETS_SEED: u64 = 0x5ec2_e75e;

/// How many bytes a token has when the script does not say.
const DEFAULT_ENTROPY: i64 = 32;

/// `count` random bytes.
pub fn random_bytes(generator: &Generator, count: usize) -> Vec<u8> {
    (0..count).map(|_| generator.next_u64() as u8).collect()
}

/// URL-safe base64 without padding (`base64.urlsafe_b64encode(...).rstrip(b'=')`).
fn urlsafe_base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(bits >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn byte_count(args: &CallArgs, function: &str) -> PyResult<usize> {
    args.check(function, 0, 1)?;
    let count = match args.positional.first() {
        None | Some(Value::None) => DEFAULT_ENTROPY,
        Some(value) => value.as_int().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                value.type_name()
            ))
        })?,
    };
    usize::try_from(count)
        .ok()
        .filter(|n| *n <= 1 << 20)
        .ok_or_else(|| PyErr::value_error("negative argument not allowed"))
}

/// Builds the `secrets` module.
pub fn module(interp: &mut Interpreter) -> PyResult<Value> {
    let generator = Rc::new(Generator::new(SECRETS_SEED));
    let token = |name: &'static str, shape: fn(Vec<u8>) -> Value| {
        let g = generator.clone();
        NativeFunction::function(name, move |_, args| {
            let count = byte_count(&args, name)?;
            Ok(shape(random_bytes(&g, count)))
        })
    };
    let g = generator.clone();
    let choice = NativeFunction::function("choice", move |interp, args| {
        args.check("choice", 1, 1)?;
        let items = interp.collect(&args.positional[0])?;
        if items.is_empty() {
            return Err(PyErr::index_error("Cannot choose from an empty sequence"));
        }
        Ok(items[g.below(items.len() as u64) as usize].clone())
    });
    let g = generator.clone();
    let randbelow = NativeFunction::function("randbelow", move |_, args| {
        args.check("randbelow", 1, 1)?;
        match args.positional[0].as_int() {
            Some(n) if n > 0 => Ok(Value::Int(g.below(n as u64) as i64)),
            Some(_) => Err(PyErr::value_error("Upper bound must be positive.")),
            None => Err(PyErr::type_error("an integer is required")),
        }
    });
    let hmac = interp.import_module("hmac")?;
    let compare_digest = interp.get_attr(&hmac, "compare_digest")?;
    Ok(Interpreter::new_module(
        "secrets",
        vec![
            ("token_bytes", token("token_bytes", Bytes::value)),
            ("token_hex", token("token_hex", |b| Value::str(hex(&b)))),
            (
                "token_urlsafe",
                token("token_urlsafe", |b| Value::str(urlsafe_base64(&b))),
            ),
            ("choice", choice),
            ("randbelow", randbelow),
            ("compare_digest", compare_digest),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlsafe_base64_drops_the_padding() {
        assert_eq!(urlsafe_base64(b"f"), "Zg");
        assert_eq!(urlsafe_base64(b"fo"), "Zm8");
        assert_eq!(urlsafe_base64(b"foo"), "Zm9v");
        assert_eq!(urlsafe_base64(&[0xfb, 0xff]), "-_8");
    }
}
