//! A `hashlib` module: `md5`, `sha1`, `sha224`, `sha256`, `sha384`,
//! `sha512` and `new(name)` give hash objects (`update`, `digest`,
//! `hexdigest`, `copy`, `name`, `digest_size`, `block_size`);
//! `pbkdf2_hmac` and `scrypt` derive keys as CPython's do (werkzeug's
//! password hashes are built on them). The digests are RustCrypto's.

use std::cell::RefCell;

use digest::DynDigest;

use crate::builtins::bytes::Bytes;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction, NativeObject, object_repr};
use crate::stdlib::hmac::{HmacKey, pbkdf2};
use crate::value::Value;

/// A hash algorithm `hashlib` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    /// Every algorithm, in the order `hashlib` lists its constructors.
    pub const ALL: [Algorithm; 6] = [
        Algorithm::Md5,
        Algorithm::Sha1,
        Algorithm::Sha224,
        Algorithm::Sha256,
        Algorithm::Sha384,
        Algorithm::Sha512,
    ];

    /// The algorithm of a name as OpenSSL reads it (any case, `sha-256`).
    pub fn named(name: &str) -> Option<Algorithm> {
        let name = name.to_ascii_lowercase().replace('-', "");
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The lower-case name (`hash.name`).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha224 => "sha224",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    /// The internal block size in bytes.
    pub fn block_size(self) -> usize {
        match self {
            Algorithm::Sha384 | Algorithm::Sha512 => 128,
            _ => 64,
        }
    }

    /// The digest size in bytes.
    pub fn digest_size(self) -> usize {
        self.hasher().output_size()
    }

    /// A fresh hashing state.
    pub fn hasher(self) -> Box<dyn DynDigest> {
        match self {
            Algorithm::Md5 => Box::new(md5::Md5::default()),
            Algorithm::Sha1 => Box::new(sha1::Sha1::default()),
            Algorithm::Sha224 => Box::new(sha2::Sha224::default()),
            Algorithm::Sha256 => Box::new(sha2::Sha256::default()),
            Algorithm::Sha384 => Box::new(sha2::Sha384::default()),
            Algorithm::Sha512 => Box::new(sha2::Sha512::default()),
        }
    }
}

/// The algorithm of a name, or CPython's `unsupported hash type` error.
pub fn algorithm(name: &str) -> PyResult<Algorithm> {
    Algorithm::named(name)
        .ok_or_else(|| PyErr::value_error(format!("unsupported hash type {name}")))
}

/// The bytes of a bytes-like argument; a `str` must be encoded first.
pub fn buffer<'a>(value: &'a Value, what: &str) -> PyResult<&'a [u8]> {
    if let Some(bytes) = value.downcast_native::<Bytes>() {
        return Ok(&bytes.0);
    }
    Err(PyErr::type_error(if value.as_str().is_some() {
        format!("Strings must be encoded before {what}")
    } else {
        format!(
            "object supporting the buffer API required, not '{}'",
            value.type_name()
        )
    }))
}

/// Lower-case hexadecimal digits of `data`.
pub fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

/// A hash object (`_hashlib.HASH`).
pub struct HashObject {
    algorithm: Algorithm,
    state: RefCell<Box<dyn DynDigest>>,
}

impl HashObject {
    fn value(algorithm: Algorithm, state: Box<dyn DynDigest>) -> Value {
        Value::native(HashObject {
            algorithm,
            state: RefCell::new(state),
        })
    }

    fn digest(&self) -> Vec<u8> {
        self.state.borrow().box_clone().finalize().to_vec()
    }
}

impl NativeObject for HashObject {
    fn type_name(&self) -> &str {
        "HASH"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(
            object_repr(&format!("{} _hashlib.HASH", self.algorithm.name()), this).replacen(
                " object at ",
                " object @ ",
                1,
            ),
        )
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let this = this.clone();
        let method = |name: &str, f: fn(&HashObject, CallArgs) -> PyResult<Value>| {
            let this = this.clone();
            NativeFunction::function(name, move |_, args| match this.downcast_native() {
                Some(object) => f(object, args),
                None => Ok(Value::None),
            })
        };
        Ok(Some(match name {
            "name" => Value::str(self.algorithm.name()),
            "digest_size" => Value::Int(self.state.borrow().output_size() as i64),
            "block_size" => Value::Int(self.algorithm.block_size() as i64),
            "update" => method("update", |object, args| {
                args.check("update", 1, 1)?;
                let data = buffer(&args.positional[0], "hashing")?;
                object.state.borrow_mut().update(data);
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
            "copy" => method("copy", |object, args| {
                args.check("copy", 0, 0)?;
                Ok(HashObject::value(
                    object.algorithm,
                    object.state.borrow().box_clone(),
                ))
            }),
            _ => return Ok(None),
        }))
    }
}

/// A hash object of `algorithm` fed with the optional initial data.
fn new_hash(algorithm: Algorithm, mut args: CallArgs, function: &str) -> PyResult<Value> {
    args.take_keyword("usedforsecurity");
    let data = args.take(0, "string").or_else(|| args.take_keyword("data"));
    args.positional.truncate(0);
    args.check(function, 0, 0)?;
    let mut state = algorithm.hasher();
    if let Some(data) = data {
        state.update(buffer(&data, "hashing")?);
    }
    Ok(HashObject::value(algorithm, state))
}

fn int_keyword(args: &mut CallArgs, index: Option<usize>, name: &str) -> PyResult<Option<i64>> {
    let value = match index {
        Some(index) => args.take(index, name),
        None => args.take_keyword(name),
    };
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => value.as_int().map(Some).ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                value.type_name()
            ))
        }),
    }
}

/// `hashlib.pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)`.
fn pbkdf2_hmac(_interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let name = args.take(0, "hash_name");
    let password = args.take(1, "password");
    let salt = args.take(2, "salt");
    let iterations = int_keyword(&mut args, Some(3), "iterations")?;
    let dklen = int_keyword(&mut args, Some(4), "dklen")?;
    let (Some(name), Some(password), Some(salt), Some(iterations)) =
        (name, password, salt, iterations)
    else {
        return Err(PyErr::type_error(
            "pbkdf2_hmac() missing required argument 'iterations' (pos 4)",
        ));
    };
    let name = name
        .as_str()
        .ok_or_else(|| PyErr::type_error("pbkdf2_hmac() argument 'hash_name' must be str"))?;
    let algorithm = algorithm(name)?;
    let password = buffer(&password, "hashing")?;
    let salt = buffer(&salt, "hashing")?;
    if iterations < 1 {
        return Err(PyErr::value_error(
            "iteration value must be greater than 0.",
        ));
    }
    let rounds = u32::try_from(iterations)
        .map_err(|_| PyErr::overflow_error("iteration value is too great."))?;
    let size = HmacKey::new(algorithm, password).size();
    let dklen = match dklen {
        None => size,
        Some(n) if n < 1 => return Err(PyErr::value_error("key length must be greater than 0.")),
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|n| *n <= 1 << 20)
            .ok_or_else(|| PyErr::overflow_error("key length is too great."))?,
    };
    Ok(Bytes::value(pbkdf2(
        algorithm, password, salt, rounds, dklen,
    )))
}

/// OpenSSL's memory ceiling when `maxmem` is 0.
const SCRYPT_DEFAULT_MAXMEM: u64 = 32 * 1024 * 1024;

/// `hashlib.scrypt(password, *, salt, n, r, p, maxmem=0, dklen=64)`.
fn scrypt_function(_interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let password = args.take(0, "password");
    let salt = args.take_keyword("salt");
    let n = int_keyword(&mut args, None, "n")?;
    let r = int_keyword(&mut args, None, "r")?;
    let p = int_keyword(&mut args, None, "p")?;
    let maxmem = int_keyword(&mut args, None, "maxmem")?.unwrap_or(0);
    let dklen = int_keyword(&mut args, None, "dklen")?.unwrap_or(64);
    args.positional.truncate(0);
    args.check("scrypt", 0, 0)?;
    let password = password.ok_or_else(|| {
        PyErr::type_error("scrypt() missing required argument 'password' (pos 1)")
    })?;
    let password = buffer(&password, "hashing")?;
    let salt = salt.ok_or_else(|| PyErr::type_error("salt is required"))?;
    let salt = buffer(&salt, "hashing")?;
    let (Some(n), Some(r), Some(p)) = (n, r, p) else {
        return Err(PyErr::type_error(
            "n is required and must be an unsigned int",
        ));
    };
    scrypt_key(password, salt, [n, r, p], maxmem, dklen).map(Bytes::value)
}

/// scrypt's key of `password` with cost `[n, r, p]`, under CPython's checks
/// (`maxmem` 0 is OpenSSL's 32 MiB ceiling).
pub fn scrypt_key(
    password: &[u8],
    salt: &[u8],
    [n, r, p]: [i64; 3],
    maxmem: i64,
    dklen: i64,
) -> PyResult<Vec<u8>> {
    if n < 2 || n & (n - 1) != 0 {
        return Err(PyErr::value_error("n must be a power of 2."));
    }
    if !(0..=i64::from(i32::MAX)).contains(&maxmem) {
        return Err(PyErr::value_error(
            "maxmem must be positive and smaller than 2147483647",
        ));
    }
    if !(1..=i64::from(i32::MAX)).contains(&dklen) {
        return Err(PyErr::value_error(
            "dklen must be greater than 0 and smaller than 2147483647",
        ));
    }
    let limit = if maxmem == 0 {
        SCRYPT_DEFAULT_MAXMEM
    } else {
        maxmem as u64
    };
    let (r, p) = (u32::try_from(r).ok(), u32::try_from(p).ok());
    let needed = r.zip(p).and_then(|(r, p)| {
        let block = 128 * u64::from(r);
        block
            .checked_mul(u64::from(p))?
            .checked_add(block.checked_mul(n as u64 + 2)?)
    });
    let params = r.zip(p).and_then(|(r, p)| {
        scrypt::Params::new(
            n.trailing_zeros() as u8,
            r,
            p,
            scrypt::Params::RECOMMENDED_LEN,
        )
        .ok()
    });
    let (Some(needed), Some(params)) = (needed, params) else {
        return Err(PyErr::value_error(
            "Invalid parameter combination for n, r, p, maxmem.",
        ));
    };
    if needed > limit || dklen > 1 << 20 {
        return Err(PyErr::value_error(
            "[digital envelope routines] memory limit exceeded",
        ));
    }
    let mut out = vec![0u8; dklen as usize];
    scrypt::scrypt(password, salt, &params, &mut out)
        .map_err(|_| PyErr::value_error("Invalid parameter combination for n, r, p, maxmem."))?;
    Ok(out)
}

/// Builds the `hashlib` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    let mut entries: Vec<(&str, Value)> = Algorithm::ALL
        .into_iter()
        .map(|algorithm| {
            let name = algorithm.name();
            let function =
                NativeFunction::function(name, move |_, args| new_hash(algorithm, args, name));
            (name, function)
        })
        .collect();
    entries.push((
        "new",
        NativeFunction::function("new", |_, mut args| {
            let name = args.take(0, "name").ok_or_else(|| {
                PyErr::type_error("new() missing required argument 'name' (pos 1)")
            })?;
            let name = name
                .as_str()
                .ok_or_else(|| PyErr::type_error("new() argument 'name' must be str"))?;
            let algorithm = algorithm(name)?;
            if !args.positional.is_empty() {
                args.positional.remove(0);
            }
            new_hash(algorithm, args, "new")
        }),
    ));
    entries.push((
        "pbkdf2_hmac",
        NativeFunction::function("pbkdf2_hmac", pbkdf2_hmac),
    ));
    entries.push((
        "scrypt",
        NativeFunction::function("scrypt", scrypt_function),
    ));
    Ok(Interpreter::new_module("hashlib", entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_the_published_test_vectors() {
        let digest = |a: Algorithm, data: &[u8]| {
            let mut state = a.hasher();
            state.update(data);
            hex(&state.finalize())
        };
        assert_eq!(
            digest(Algorithm::Md5, b""),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            digest(Algorithm::Sha1, b"abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            digest(Algorithm::Sha256, b"hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(Algorithm::named("SHA-256"), Some(Algorithm::Sha256));
        assert_eq!(Algorithm::named("whirlpool"), None);
    }
}
