//! `bytes`: literals (`b'\x00\x01'`), the `bytes(...)` constructor and the
//! everyday behaviour — CPython's `repr`, length, indexing to ints,
//! slicing, iteration, `in`, `+`, `*`, equality and hashing, `.hex()`,
//! `.decode()`, `bytes.fromhex()`; `str.encode()` produces it.

use std::rc::Rc;

use crate::ast::{BinOp, CmpOp};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, ClassHooks, NativeFunction, NativeObject};
use crate::value::{Class, Value};

/// A `bytes` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl Bytes {
    /// A new `bytes` value.
    pub fn value(data: Vec<u8>) -> Value {
        Value::native(Bytes(data))
    }
}

/// CPython's `repr` of bytes: `b'...'`, single quotes unless the data has
/// a single quote and no double quote.
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &byte in data {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b if b == quote => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(byte as char),
            other => out.push_str(&format!("\\x{other:02x}")),
        }
    }
    out.push(quote as char);
    out
}

fn index_of(len: usize, index: i64) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let position = if index < 0 { len + index } else { index };
    (0..len)
        .contains(&position)
        .then(|| usize::try_from(position).ok())?
}

impl NativeObject for Bytes {
    fn type_name(&self) -> &str {
        "bytes"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(bytes_repr(&self.0))
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.0.is_empty())
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.0.len()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(
            self.0.iter().map(|b| Value::Int(i64::from(*b))).collect(),
        )))
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        if let Some(index) = key.as_int() {
            return match index_of(self.0.len(), index) {
                Some(i) => Ok(Some(Value::Int(i64::from(self.0[i])))),
                None => Err(PyErr::index_error("index out of range")),
            };
        }
        if matches!(key, Value::Slice(_)) {
            let ints = Value::list(self.0.iter().map(|b| Value::Int(i64::from(*b))).collect());
            let sliced = interp.item(&ints, key)?;
            let data = interp
                .iterate(&sliced)?
                .iter()
                .filter_map(|v| v.as_int().and_then(|i| u8::try_from(i).ok()))
                .collect();
            return Ok(Some(Bytes::value(data)));
        }
        Ok(None)
    }

    fn contains(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        if let Some(i) = item.as_int() {
            return Ok(Some(u8::try_from(i).is_ok_and(|b| self.0.contains(&b))));
        }
        if let Some(other) = item.downcast_native::<Bytes>() {
            let found = other.0.is_empty() || self.0.windows(other.0.len()).any(|w| w == other.0);
            return Ok(Some(found));
        }
        Err(PyErr::type_error(
            "a bytes-like object is required, not 'str'",
        ))
    }

    fn compare(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        let Some(other) = other.downcast_native::<Bytes>() else {
            return Ok(match op {
                CmpOp::Eq => Some(Value::Bool(false)),
                CmpOp::NotEq => Some(Value::Bool(true)),
                _ => None,
            });
        };
        let result = match op {
            CmpOp::Eq => self.0 == other.0,
            CmpOp::NotEq => self.0 != other.0,
            CmpOp::Lt => self.0 < other.0,
            CmpOp::LtE => self.0 <= other.0,
            CmpOp::Gt => self.0 > other.0,
            CmpOp::GtE => self.0 >= other.0,
            _ => return Ok(None),
        };
        Ok(Some(Value::Bool(result)))
    }

    fn binary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        match (op, other.downcast_native::<Bytes>(), other.as_int()) {
            (BinOp::Add, Some(other), _) => {
                let mut data = if reflected {
                    other.0.clone()
                } else {
                    self.0.clone()
                };
                data.extend(if reflected { &self.0 } else { &other.0 });
                Ok(Some(Bytes::value(data)))
            }
            (BinOp::Mul, None, Some(times)) => {
                let times = usize::try_from(times.max(0)).unwrap_or(0);
                if self.0.len().saturating_mul(times) > 100_000_000 {
                    return Err(PyErr::new("MemoryError", ""));
                }
                Ok(Some(Bytes::value(self.0.repeat(times))))
            }
            _ => Ok(None),
        }
    }

    fn hash_key(&self) -> Option<u64> {
        crate::dict::hash_value(&Value::str(bytes_repr(&self.0))).ok()
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(
            other
                .downcast_native::<Bytes>()
                .is_some_and(|o| o.0 == self.0),
        )
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let data = self.0.clone();
        Ok(Some(match name {
            "hex" => NativeFunction::function("hex", move |_, _| {
                Ok(Value::str(
                    data.iter().map(|b| format!("{b:02x}")).collect::<String>(),
                ))
            }),
            "decode" => NativeFunction::function("decode", move |interp, mut args| {
                let encoding = match args.take(0, "encoding") {
                    Some(value) => interp.str(&value)?,
                    None => "utf-8".to_string(),
                };
                decode(&data, &encoding)
            }),
            _ => return Ok(None),
        }))
    }
}

fn decode(data: &[u8], encoding: &str) -> PyResult<Value> {
    match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" => match std::str::from_utf8(data) {
            Ok(text) => Ok(Value::str(text)),
            Err(error) => Err(PyErr::new(
                "UnicodeDecodeError",
                format!(
                    "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                    data.get(error.valid_up_to()).copied().unwrap_or(0),
                    error.valid_up_to()
                ),
            )),
        },
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            if encoding.starts_with("ascii") && data.iter().any(|b| *b > 0x7f) {
                return Err(PyErr::new(
                    "UnicodeDecodeError",
                    "'ascii' codec can't decode byte: ordinal not in range(128)",
                ));
            }
            Ok(Value::str(
                data.iter().map(|b| char::from(*b)).collect::<String>(),
            ))
        }
        other => Err(PyErr::new(
            "LookupError",
            format!("unknown encoding: {other}"),
        )),
    }
}

/// `str.encode(encoding='utf-8')`.
pub fn encode(text: &str, encoding: &str) -> PyResult<Value> {
    match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" => Ok(Bytes::value(text.as_bytes().to_vec())),
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            let limit = if encoding.starts_with("ascii") {
                0x7f
            } else {
                0xff
            };
            text.chars()
                .map(|c| {
                    u8::try_from(u32::from(c))
                        .ok()
                        .filter(|b| u32::from(*b) <= limit)
                })
                .collect::<Option<Vec<u8>>>()
                .map(Bytes::value)
                .ok_or_else(|| {
                    PyErr::new(
                        "UnicodeEncodeError",
                        format!("'{encoding}' codec can't encode character: ordinal not in range"),
                    )
                })
        }
        other => Err(PyErr::new(
            "LookupError",
            format!("unknown encoding: {other}"),
        )),
    }
}

#[derive(Debug)]
struct BytesConstructor;

impl ClassHooks for BytesConstructor {
    fn call(
        &self,
        interp: &mut Interpreter,
        _class: &Rc<Class>,
        args: &CallArgs,
    ) -> PyResult<Option<Value>> {
        let Some(source) = args.positional.first() else {
            return Ok(Some(Bytes::value(Vec::new())));
        };
        if let Value::Str(text) = source {
            let Some(encoding) = args.positional.get(1).or_else(|| {
                args.keywords
                    .iter()
                    .find(|(k, _)| k == "encoding")
                    .map(|(_, v)| v)
            }) else {
                return Err(PyErr::type_error("string argument without an encoding"));
            };
            let encoding = interp.str(encoding)?;
            return encode(text, &encoding).map(Some);
        }
        if let Some(n) = source.as_int() {
            let n = usize::try_from(n).map_err(|_| PyErr::new("ValueError", "negative count"))?;
            if n > 100_000_000 {
                return Err(PyErr::new("MemoryError", ""));
            }
            return Ok(Some(Bytes::value(vec![0; n])));
        }
        if let Some(bytes) = source.downcast_native::<Bytes>() {
            return Ok(Some(Bytes::value(bytes.0.clone())));
        }
        let mut data = Vec::new();
        for item in interp.iterate(source)? {
            let byte = item
                .as_int()
                .and_then(|i| u8::try_from(i).ok())
                .ok_or_else(|| PyErr::new("ValueError", "bytes must be in range(0, 256)"))?;
            data.push(byte);
        }
        Ok(Some(Bytes::value(data)))
    }
}

/// Creates the `bytes` class and puts it in the builtins.
pub fn install(interp: &mut Interpreter) -> PyResult<()> {
    let hooks: Rc<dyn ClassHooks> = Rc::new(BytesConstructor);
    let fromhex = NativeFunction::function("fromhex", |interp, mut args| {
        let text = args.take(0, "string").unwrap_or(Value::None);
        let text = interp.str(&text)?;
        let digits: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut data = Vec::new();
        for pair in digits.chunks(2) {
            let pair: String = pair.iter().collect();
            let byte = u8::from_str_radix(&pair, 16).map_err(|_| {
                PyErr::new(
                    "ValueError",
                    "non-hexadecimal number found in fromhex() arg",
                )
            })?;
            data.push(byte);
        }
        Ok(Bytes::value(data))
    });
    let class = interp.new_class("bytes", Vec::new(), vec![("fromhex", fromhex)], Some(hooks))?;
    interp.register_native_class("bytes", class.clone());
    interp
        .builtins
        .borrow_mut()
        .insert("bytes".to_string(), Value::Class(class));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        assert_eq!(bytes_repr(b"\x00\x01"), "b'\\x00\\x01'");
        assert_eq!(bytes_repr(b"it's"), "b\"it's\"");
        assert_eq!(bytes_repr(b"a'\""), "b'a\\'\"'");
        assert_eq!(bytes_repr(b"tab\there\n"), "b'tab\\there\\n'");
        assert_eq!(bytes_repr(&[0xff, b'A']), "b'\\xffA'");
    }

    #[test]
    fn scripts_use_bytes_like_cpython() {
        let mut interp = Interpreter::new(crate::Limits::default());
        let out = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
        let sink = out.clone();
        interp.set_output(move |t| sink.borrow_mut().push_str(t));
        interp
            .run(
                "b = b'\\x00\\x01' + b'AB'\nprint(b, len(b), b[0], b[-1], b[1:3], list(b))\n\
                 print(b.hex(), 'hé'.encode(), 'hé'.encode().decode(), bytes([65, 66]), bytes(2))\n\
                 print(isinstance(b, bytes), type(b).__name__, b == b'\\x00\\x01AB', 65 in b, {b: 1}[b'\\x00\\x01AB'])\n\
                 print(bytes.fromhex('00ff'), bool(b''), b'ab' * 2, repr(rb'\\d'))\n",
            )
            .unwrap();
        assert_eq!(
            out.borrow().as_str(),
            "b'\\x00\\x01AB' 4 0 66 b'\\x01A' [0, 1, 65, 66]\n\
             00014142 b'h\\xc3\\xa9' hé b'AB' b'\\x00\\x00'\n\
             True bytes True True 1\n\
             b'\\x00\\xff' False b'abab' b'\\\\d'\n"
        );
    }
}
