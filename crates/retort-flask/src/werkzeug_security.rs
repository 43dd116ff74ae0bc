//! `werkzeug.security` (Werkzeug 3.1): `generate_password_hash`,
//! `check_password_hash` and `gen_salt`, as `method$salt$hex` strings —
//! `scrypt:32768:8:1` by default, `pbkdf2[:hash[:iterations]]` — computed
//! by the interpreter's `hashlib`. Salts come from a deterministic
//! generator, so a run repeats.

use std::rc::Rc;

use retort_python::stdlib::hashlib::{algorithm, hex, scrypt_key};
use retort_python::stdlib::hmac::pbkdf2;
use retort_python::stdlib::random::Generator;
use retort_python::{CallArgs, Interpreter, NativeFunction, PyErr, PyResult, Value};

/// The characters of a salt.
const SALT_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// Werkzeug 3.1's PBKDF2 iterations when the method names none.
const DEFAULT_PBKDF2_ITERATIONS: i64 = 1_000_000;

/// The seed of the salts' generator.
const SALT_SEED: u64 = 0x5a17_5eed;

/// `gen_salt(length)`.
fn gen_salt(generator: &Generator, length: i64) -> PyResult<String> {
    if length <= 0 {
        return Err(PyErr::value_error("Salt length must be at least 1."));
    }
    Ok((0..length)
        .map(|_| SALT_CHARS[generator.below(SALT_CHARS.len() as u64) as usize] as char)
        .collect())
}

/// A string argument, or the `AttributeError` werkzeug's `.encode()` or
/// `.split()` on it raises.
fn text(value: Option<Value>, method: &str) -> PyResult<Rc<str>> {
    match value {
        Some(Value::Str(text)) => Ok(text),
        other => Err(PyErr::attribute_error(format!(
            "'{}' object has no attribute '{method}'",
            other.unwrap_or(Value::None).type_name()
        ))),
    }
}

/// Python's `int(text)` of a method argument.
fn int_of(text: &str) -> PyResult<i64> {
    text.trim().parse().map_err(|_| {
        PyErr::value_error(format!("invalid literal for int() with base 10: '{text}'"))
    })
}

/// `_hash_internal(method, salt, password)`: the hex hash and the method
/// with its parameters spelled out.
fn hash_internal(method: &str, salt: &str, password: &str) -> PyResult<(String, String)> {
    let mut parts = method.split(':');
    let name = parts.next().unwrap_or_default();
    let args: Vec<&str> = parts.collect();
    let (salt, password) = (salt.as_bytes(), password.as_bytes());
    match name {
        "scrypt" => {
            let [n, r, p] = match args[..] {
                [] => [1 << 15, 8, 1],
                [n, r, p] => match (int_of(n), int_of(r), int_of(p)) {
                    (Ok(n), Ok(r), Ok(p)) => [n, r, p],
                    _ => return Err(PyErr::value_error("'scrypt' takes 3 arguments.")),
                },
                _ => return Err(PyErr::value_error("'scrypt' takes 3 arguments.")),
            };
            let maxmem = 132i64.saturating_mul(n).saturating_mul(r).saturating_mul(p);
            let key = scrypt_key(password, salt, [n, r, p], maxmem, 64)?;
            Ok((hex(&key), format!("scrypt:{n}:{r}:{p}")))
        }
        "pbkdf2" => {
            let (hash_name, iterations) = match args[..] {
                [] => ("sha256", DEFAULT_PBKDF2_ITERATIONS),
                [hash_name] => (hash_name, DEFAULT_PBKDF2_ITERATIONS),
                [hash_name, iterations] => (hash_name, int_of(iterations)?),
                _ => return Err(PyErr::value_error("'pbkdf2' takes 2 arguments.")),
            };
            let algorithm = algorithm(hash_name)?;
            if iterations < 1 {
                return Err(PyErr::value_error(
                    "iteration value must be greater than 0.",
                ));
            }
            let rounds = u32::try_from(iterations)
                .map_err(|_| PyErr::overflow_error("iteration value is too great."))?;
            let key = pbkdf2(algorithm, password, salt, rounds, algorithm.digest_size());
            Ok((hex(&key), format!("pbkdf2:{hash_name}:{iterations}")))
        }
        _ => Err(PyErr::value_error(format!("Invalid hash method '{name}'."))),
    }
}

/// `generate_password_hash(password, method="scrypt", salt_length=16)`.
fn generate_password_hash(generator: &Generator, mut args: CallArgs) -> PyResult<Value> {
    let password = args.take(0, "password");
    let method = args.take(1, "method");
    let salt_length = args.take(2, "salt_length");
    args.positional.truncate(0);
    args.check("generate_password_hash", 0, 0)?;
    let Some(password) = password else {
        return Err(PyErr::type_error(
            "generate_password_hash() missing 1 required positional argument: 'password'",
        ));
    };
    let salt_length = match salt_length {
        None => 16,
        Some(value) => value.as_int().ok_or_else(|| {
            PyErr::type_error(format!(
                "'<=' not supported between instances of '{}' and 'int'",
                value.type_name()
            ))
        })?,
    };
    let salt = gen_salt(generator, salt_length)?;
    let method = match method {
        None => Rc::from("scrypt"),
        some => text(some, "split")?,
    };
    let password = text(Some(password), "encode")?;
    let (hash, method) = hash_internal(&method, &salt, &password)?;
    Ok(Value::str(format!("{method}${salt}${hash}")))
}

/// `check_password_hash(pwhash, password)`.
fn check_password_hash(mut args: CallArgs) -> PyResult<Value> {
    let pwhash = args.take(0, "pwhash");
    let password = args.take(1, "password");
    args.positional.truncate(0);
    args.check("check_password_hash", 0, 0)?;
    let (Some(pwhash), Some(password)) = (pwhash, password) else {
        return Err(PyErr::type_error(
            "check_password_hash() missing 1 required positional argument: 'password'",
        ));
    };
    let pwhash = text(Some(pwhash), "split")?;
    let mut parts = pwhash.splitn(3, '$');
    let (Some(method), Some(salt), Some(expected)) = (parts.next(), parts.next(), parts.next())
    else {
        return Ok(Value::Bool(false));
    };
    let password = text(Some(password), "encode")?;
    let (hash, _) = hash_internal(method, salt, &password)?;
    if !expected.is_ascii() {
        return Err(PyErr::type_error(
            "comparing strings with non-ASCII characters is not supported",
        ));
    }
    Ok(Value::Bool(hash == expected))
}

/// The `werkzeug.security` module.
pub fn module() -> Value {
    let generator = Rc::new(Generator::new(SALT_SEED));
    let g = generator.clone();
    let generate = NativeFunction::function("generate_password_hash", move |_, args| {
        generate_password_hash(&g, args)
    });
    let check =
        NativeFunction::function("check_password_hash", |_, args| check_password_hash(args));
    let salt = NativeFunction::function("gen_salt", move |_, args| {
        args.check("gen_salt", 1, 1)?;
        let length = args.positional[0].as_int().ok_or_else(|| {
            PyErr::type_error("'<=' not supported between instances of 'str' and 'int'")
        })?;
        gen_salt(&generator, length).map(Value::str)
    });
    Interpreter::new_module(
        "werkzeug.security",
        vec![
            ("generate_password_hash", generate),
            ("check_password_hash", check),
            ("gen_salt", salt),
        ],
    )
}
