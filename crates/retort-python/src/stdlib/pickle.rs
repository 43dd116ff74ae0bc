//! `pickle.dumps` / `pickle.loads` for the values a playground pickles
//! (`None`, `bool`, `int`, `float`, `str`, `bytes`, `list`, `tuple`, `dict`,
//! `set`, `frozenset`), written byte for byte as CPython's C pickler writes
//! them with protocol 4 or 5: one frame after `PROTO`, every container and
//! string memoized, repeated objects as `BINGET`, one-item batches as
//! `APPEND`/`SETITEM`. SQLAlchemy's `PickleType` uses it
//! (`HIGHEST_PROTOCOL`, 5), so the bytes bound to SQLite are the ones
//! SQLAlchemy binds. Other objects are refused with a clear error.

use std::collections::HashMap;
use std::rc::Rc;

use crate::builtins::bytes::Bytes;
use crate::dict::{Dict, HashKey, Set};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::Value;

/// The protocol SQLAlchemy's `PickleType` asks for.
pub const HIGHEST_PROTOCOL: i64 = 5;
/// `pickle.DEFAULT_PROTOCOL` in Python 3.11.
pub const DEFAULT_PROTOCOL: i64 = 4;

const BATCH: usize = 1000;

/// `pickle.dumps(value, protocol)`.
pub fn dumps(value: &Value, protocol: i64) -> PyResult<Vec<u8>> {
    if !(4..=5).contains(&protocol) {
        return Err(PyErr::new(
            "NotImplementedError",
            format!("Retort pickles with protocol 4 or 5, not {protocol}"),
        ));
    }
    let mut writer = Writer::default();
    writer.save(value)?;
    writer.body.push(b'.');
    let mut out = vec![0x80, protocol as u8];
    if writer.body.len() >= 4 {
        out.push(0x95);
        out.extend_from_slice(&(writer.body.len() as u64).to_le_bytes());
    }
    out.extend_from_slice(&writer.body);
    Ok(out)
}

#[derive(Default)]
struct Writer {
    body: Vec<u8>,
    /// Memo index by object identity.
    memo: HashMap<usize, u32>,
}

impl Writer {
    fn memoize(&mut self, value: &Value) {
        let index = self.memo.len() as u32;
        if let Some(id) = value.identity() {
            self.memo.insert(id, index);
        }
        self.body.push(0x94);
    }

    /// Writes `BINGET` for an object pickled before; `true` when it did.
    fn get(&mut self, value: &Value) -> bool {
        let Some(index) = value.identity().and_then(|id| self.memo.get(&id).copied()) else {
            return false;
        };
        if index < 256 {
            self.body.extend_from_slice(&[b'h', index as u8]);
        } else {
            self.body.push(b'j');
            self.body.extend_from_slice(&index.to_le_bytes());
        }
        true
    }

    fn save(&mut self, value: &Value) -> PyResult<()> {
        match value {
            Value::None => self.body.push(b'N'),
            Value::Bool(true) => self.body.push(0x88),
            Value::Bool(false) => self.body.push(0x89),
            Value::Int(i) => self.save_int(*i),
            Value::Float(f) => {
                self.body.push(b'G');
                self.body.extend_from_slice(&f.to_be_bytes());
            }
            Value::Str(s) => {
                if self.get(value) {
                    return Ok(());
                }
                let bytes = s.as_bytes();
                if bytes.len() < 256 {
                    self.body.extend_from_slice(&[0x8c, bytes.len() as u8]);
                } else {
                    self.body.push(b'X');
                    self.body
                        .extend_from_slice(&(bytes.len() as u32).to_le_bytes());
                }
                self.body.extend_from_slice(bytes);
                self.memoize(value);
            }
            Value::Tuple(items) => self.save_tuple(value, items)?,
            Value::List(items) => {
                if self.get(value) {
                    return Ok(());
                }
                self.body.push(b']');
                self.memoize(value);
                let items = items.borrow().clone();
                self.batch(&items, b'a', b'e')?;
            }
            Value::Dict(dict) => {
                if self.get(value) {
                    return Ok(());
                }
                self.body.push(b'}');
                self.memoize(value);
                let items = dict.borrow().items();
                for chunk in items.chunks(BATCH) {
                    if let [(key, item)] = chunk {
                        self.save(key)?;
                        self.save(item)?;
                        self.body.push(b's');
                        continue;
                    }
                    self.body.push(b'(');
                    for (key, item) in chunk {
                        self.save(key)?;
                        self.save(item)?;
                    }
                    self.body.push(b'u');
                }
            }
            Value::Set(set) => {
                if self.get(value) {
                    return Ok(());
                }
                self.body.push(0x8f);
                self.memoize(value);
                let items = set.borrow().values();
                for chunk in items.chunks(BATCH) {
                    self.body.push(b'(');
                    for item in chunk {
                        self.save(item)?;
                    }
                    self.body.push(0x90);
                }
            }
            Value::FrozenSet(set) => {
                if self.get(value) {
                    return Ok(());
                }
                self.body.push(b'(');
                for item in set.values() {
                    self.save(&item)?;
                }
                self.body.push(0x91);
                self.memoize(value);
            }
            other => {
                if let Some(bytes) = other.downcast_native::<Bytes>() {
                    let data = &bytes.0;
                    if data.len() < 256 {
                        self.body.extend_from_slice(&[b'C', data.len() as u8]);
                    } else {
                        self.body.push(b'B');
                        self.body
                            .extend_from_slice(&(data.len() as u32).to_le_bytes());
                    }
                    self.body.extend_from_slice(data);
                    self.memoize(value);
                    return Ok(());
                }
                return Err(PyErr::new(
                    "NotImplementedError",
                    format!(
                        "Retort pickles None, bool, int, float, str, bytes, list, tuple, dict, set and frozenset; not a '{}' object",
                        other.type_name()
                    ),
                ));
            }
        }
        Ok(())
    }

    fn save_int(&mut self, i: i64) {
        if (0..=0xff).contains(&i) {
            self.body.extend_from_slice(&[b'K', i as u8]);
        } else if (0..=0xffff).contains(&i) {
            self.body.push(b'M');
            self.body.extend_from_slice(&(i as u16).to_le_bytes());
        } else if (i32::MIN as i64..=i32::MAX as i64).contains(&i) {
            self.body.push(b'J');
            self.body.extend_from_slice(&(i as i32).to_le_bytes());
        } else {
            // LONG1: the shortest little-endian two's complement.
            let mut bytes = i.to_le_bytes().to_vec();
            while bytes.len() > 1 {
                let last = bytes[bytes.len() - 1];
                let next = bytes[bytes.len() - 2];
                let redundant =
                    (last == 0 && next & 0x80 == 0) || (last == 0xff && next & 0x80 != 0);
                if !redundant {
                    break;
                }
                bytes.pop();
            }
            self.body.extend_from_slice(&[0x8a, bytes.len() as u8]);
            self.body.extend_from_slice(&bytes);
        }
    }

    fn save_tuple(&mut self, value: &Value, items: &Rc<[Value]>) -> PyResult<()> {
        if items.is_empty() {
            self.body.push(b')');
            return Ok(());
        }
        if self.get(value) {
            return Ok(());
        }
        if items.len() <= 3 {
            for item in items.iter() {
                self.save(item)?;
            }
            // A tuple that contains itself was memoized on the way.
            if self.get(value) {
                return Ok(());
            }
            self.body.push([0x85, 0x86, 0x87][items.len() - 1]);
        } else {
            self.body.push(b'(');
            for item in items.iter() {
                self.save(item)?;
            }
            self.body.push(b't');
        }
        self.memoize(value);
        Ok(())
    }

    fn batch(&mut self, items: &[Value], one: u8, many: u8) -> PyResult<()> {
        for chunk in items.chunks(BATCH) {
            if let [item] = chunk {
                self.save(item)?;
                self.body.push(one);
                continue;
            }
            self.body.push(b'(');
            for item in chunk {
                self.save(item)?;
            }
            self.body.push(many);
        }
        Ok(())
    }
}

/// `pickle.loads(data)` for what [`dumps`] writes (protocols 2 to 5, the
/// opcodes of those types).
pub fn loads(data: &[u8]) -> PyResult<Value> {
    let mut reader = Reader {
        data,
        at: 0,
        stack: Vec::new(),
        marks: Vec::new(),
        memo: Vec::new(),
    };
    reader.run()
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
    stack: Vec<Value>,
    marks: Vec<usize>,
    memo: Vec<Value>,
}

fn unpickling(message: impl Into<String>) -> PyErr {
    PyErr::new("UnpicklingError", message)
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> PyResult<&[u8]> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.data.len());
        let Some(end) = end else {
            return Err(unpickling("pickle data was truncated"));
        };
        let slice = &self.data[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn byte(&mut self) -> PyResult<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> PyResult<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn pop(&mut self) -> PyResult<Value> {
        self.stack
            .pop()
            .ok_or_else(|| unpickling("unpickling stack underflow"))
    }

    fn pop_mark(&mut self) -> PyResult<Vec<Value>> {
        let mark = self
            .marks
            .pop()
            .ok_or_else(|| unpickling("could not find MARK"))?;
        if mark > self.stack.len() {
            return Err(unpickling("could not find MARK"));
        }
        Ok(self.stack.split_off(mark))
    }

    fn top(&self) -> PyResult<Value> {
        self.stack
            .last()
            .cloned()
            .ok_or_else(|| unpickling("unpickling stack underflow"))
    }

    fn text(&mut self, n: usize) -> PyResult<Value> {
        let bytes = self.take(n)?.to_vec();
        String::from_utf8(bytes)
            .map(|s| Value::str(s.as_str()))
            .map_err(|_| unpickling("invalid UTF-8 in a pickled string"))
    }

    fn memo_get(&self, index: usize) -> PyResult<Value> {
        self.memo
            .get(index)
            .cloned()
            .ok_or_else(|| unpickling(format!("Memo value not found at index {index}")))
    }

    fn memo_put(&mut self, index: usize) -> PyResult<()> {
        let top = self.top()?;
        if index >= self.memo.len() {
            self.memo.resize(index + 1, Value::None);
        }
        self.memo[index] = top;
        Ok(())
    }

    fn add_to(&mut self, container: &Value, items: Vec<Value>) -> PyResult<()> {
        match container {
            Value::List(list) => list.borrow_mut().extend(items),
            Value::Set(set) => {
                let mut set = set.borrow_mut();
                for item in items {
                    set.insert(HashKey::new(item).map_err(|_| unpickling("unhashable set item"))?);
                }
            }
            _ => return Err(unpickling("APPENDS or ADDITEMS on a non-container")),
        }
        Ok(())
    }

    fn set_items(&mut self, container: &Value, items: Vec<Value>) -> PyResult<()> {
        let Value::Dict(dict) = container else {
            return Err(unpickling("SETITEMS on a non-dict"));
        };
        let mut dict = dict.borrow_mut();
        for pair in items.chunks(2) {
            let [key, value] = pair else {
                return Err(unpickling("odd number of items for SETITEMS"));
            };
            let key = HashKey::new(key.clone()).map_err(|_| unpickling("unhashable dict key"))?;
            dict.insert(key, value.clone());
        }
        Ok(())
    }

    fn run(&mut self) -> PyResult<Value> {
        loop {
            let op = self.byte()?;
            match op {
                0x80 => {
                    self.byte()?;
                }
                0x95 => {
                    self.take(8)?;
                }
                b'.' => return self.pop(),
                b'N' => self.stack.push(Value::None),
                0x88 => self.stack.push(Value::Bool(true)),
                0x89 => self.stack.push(Value::Bool(false)),
                b'K' => {
                    let b = self.byte()?;
                    self.stack.push(Value::Int(b as i64));
                }
                b'M' => {
                    let b = self.take(2)?;
                    let n = u16::from_le_bytes([b[0], b[1]]) as i64;
                    self.stack.push(Value::Int(n));
                }
                b'J' => {
                    let n = self.u32()? as i32;
                    self.stack.push(Value::Int(n as i64));
                }
                0x8a => {
                    let n = self.byte()? as usize;
                    let bytes = self.take(n)?.to_vec();
                    if n > 8 {
                        return Err(PyErr::new("OverflowError", "Retort's ints are 64-bit"));
                    }
                    let negative = bytes.last().is_some_and(|b| b & 0x80 != 0);
                    let mut full = [if negative { 0xff } else { 0 }; 8];
                    full[..n].copy_from_slice(&bytes);
                    self.stack.push(Value::Int(i64::from_le_bytes(full)));
                }
                b'G' => {
                    let mut raw = [0u8; 8];
                    raw.copy_from_slice(self.take(8)?);
                    self.stack.push(Value::Float(f64::from_be_bytes(raw)));
                }
                0x8c => {
                    let n = self.byte()? as usize;
                    let text = self.text(n)?;
                    self.stack.push(text);
                }
                b'X' => {
                    let n = self.u32()? as usize;
                    let text = self.text(n)?;
                    self.stack.push(text);
                }
                b'C' => {
                    let n = self.byte()? as usize;
                    let data = self.take(n)?.to_vec();
                    self.stack.push(Value::native(Bytes(data)));
                }
                b'B' => {
                    let n = self.u32()? as usize;
                    let data = self.take(n)?.to_vec();
                    self.stack.push(Value::native(Bytes(data)));
                }
                b')' => self.stack.push(Value::tuple(Vec::new())),
                0x85..=0x87 => {
                    let n = (op - 0x84) as usize;
                    if self.stack.len() < n {
                        return Err(unpickling("unpickling stack underflow"));
                    }
                    let items = self.stack.split_off(self.stack.len() - n);
                    self.stack.push(Value::tuple(items));
                }
                b't' => {
                    let items = self.pop_mark()?;
                    self.stack.push(Value::tuple(items));
                }
                b']' => self.stack.push(Value::list(Vec::new())),
                b'}' => self.stack.push(Value::dict(Dict::new())),
                0x8f => self
                    .stack
                    .push(Value::Set(Rc::new(std::cell::RefCell::new(Set::new())))),
                b'(' => self.marks.push(self.stack.len()),
                b'a' => {
                    let item = self.pop()?;
                    let list = self.top()?;
                    self.add_to(&list, vec![item])?;
                }
                b'e' | 0x90 => {
                    let items = self.pop_mark()?;
                    let container = self.top()?;
                    self.add_to(&container, items)?;
                }
                b's' => {
                    let value = self.pop()?;
                    let key = self.pop()?;
                    let dict = self.top()?;
                    self.set_items(&dict, vec![key, value])?;
                }
                b'u' => {
                    let items = self.pop_mark()?;
                    let dict = self.top()?;
                    self.set_items(&dict, items)?;
                }
                0x91 => {
                    let items = self.pop_mark()?;
                    let mut set = Set::new();
                    for item in items {
                        set.insert(
                            HashKey::new(item).map_err(|_| unpickling("unhashable set item"))?,
                        );
                    }
                    self.stack.push(Value::FrozenSet(Rc::new(set)));
                }
                0x94 => {
                    let index = self.memo.len();
                    self.memo_put(index)?;
                }
                b'q' => {
                    let index = self.byte()? as usize;
                    self.memo_put(index)?;
                }
                b'r' => {
                    let index = self.u32()? as usize;
                    self.memo_put(index)?;
                }
                b'h' => {
                    let index = self.byte()? as usize;
                    let value = self.memo_get(index)?;
                    self.stack.push(value);
                }
                b'j' => {
                    let index = self.u32()? as usize;
                    let value = self.memo_get(index)?;
                    self.stack.push(value);
                }
                other => {
                    return Err(unpickling(format!(
                        "Retort cannot unpickle opcode {:?} (only the built-in types it pickles)",
                        other as char
                    )));
                }
            }
        }
    }
}

fn pickle_dumps(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let value = args.take(0, "obj").unwrap_or(Value::None);
    let protocol = match args.take(1, "protocol") {
        None | Some(Value::None) => DEFAULT_PROTOCOL,
        Some(Value::Int(p)) if p < 0 => HIGHEST_PROTOCOL,
        Some(Value::Int(p)) => p,
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "an integer is required (got type {})",
                interp.class_of(&other).name
            )));
        }
    };
    Ok(Value::native(Bytes(dumps(&value, protocol)?)))
}

fn pickle_loads(_interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let data = args.take(0, "data").unwrap_or(Value::None);
    match data.downcast_native::<Bytes>() {
        Some(bytes) => loads(&bytes.0),
        None => Err(PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            data.type_name()
        ))),
    }
}

/// Builds the `pickle` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    Ok(Interpreter::new_module(
        "pickle",
        vec![
            ("dumps", NativeFunction::function("dumps", pickle_dumps)),
            ("loads", NativeFunction::function("loads", pickle_loads)),
            ("HIGHEST_PROTOCOL", Value::Int(HIGHEST_PROTOCOL)),
            ("DEFAULT_PROTOCOL", Value::Int(DEFAULT_PROTOCOL)),
        ],
    ))
}
