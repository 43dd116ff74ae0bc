//! A `string` module: its character-class constants (`ascii_letters`,
//! `digits`, `punctuation`, ...), which scripts use to build random codes.

use crate::error::PyResult;
use crate::interp::Interpreter;
use crate::value::Value;

/// Builds the `string` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    let lower = "abcdefghijklmnopqrstuvwxyz";
    let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let digits = "0123456789";
    let punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    let whitespace = " \t\n\r\x0b\x0c";
    Ok(Interpreter::new_module(
        "string",
        vec![
            ("ascii_lowercase", Value::str(lower)),
            ("ascii_uppercase", Value::str(upper)),
            ("ascii_letters", Value::str(format!("{lower}{upper}"))),
            ("digits", Value::str(digits)),
            ("hexdigits", Value::str("0123456789abcdefABCDEF")),
            ("octdigits", Value::str("01234567")),
            ("punctuation", Value::str(punctuation)),
            ("whitespace", Value::str(whitespace)),
            (
                "printable",
                Value::str(format!("{digits}{lower}{upper}{punctuation}{whitespace}")),
            ),
        ],
    ))
}
