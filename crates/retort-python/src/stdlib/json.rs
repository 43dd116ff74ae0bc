//! The `json` module: `dumps` with CPython's separators, `indent`,
//! `ensure_ascii`, `sort_keys` and `default`; `loads` with a small parser.

use std::cell::RefCell;
use std::rc::Rc;

use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::Value;

struct Options {
    indent: Option<String>,
    ensure_ascii: bool,
    sort_keys: bool,
    default: Option<Value>,
    item_separator: String,
    key_separator: String,
}

/// Escapes a string as JSON.
pub fn quote(text: &str, ensure_ascii: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ensure_ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn key_text(interp: &mut Interpreter, key: &Value) -> PyResult<String> {
    Ok(match key {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => if *b { "true" } else { "false" }.to_string(),
        Value::None => "null".to_string(),
        Value::Float(x) => crate::format::float_repr::float_repr(*x),
        other => {
            let _ = interp;
            return Err(PyErr::type_error(format!(
                "keys must be str, int, float, bool or None, not {}",
                other.type_name()
            )));
        }
    })
}

fn encode(
    interp: &mut Interpreter,
    value: &Value,
    options: &Options,
    level: usize,
    out: &mut String,
) -> PyResult<()> {
    interp.check_stack()?;
    let newline = |level: usize| {
        options
            .indent
            .as_ref()
            .map(|indent| format!("\n{}", indent.repeat(level)))
    };
    match value {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(x) => out.push_str(&if x.is_nan() {
            "NaN".to_string()
        } else if x.is_infinite() {
            if *x > 0.0 {
                "Infinity".into()
            } else {
                "-Infinity".into()
            }
        } else {
            crate::format::float_repr::float_repr(*x)
        }),
        Value::Str(s) => out.push_str(&quote(s, options.ensure_ascii)),
        Value::List(_) | Value::Tuple(_) => {
            let items = interp.collect(value)?;
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(&options.item_separator);
                }
                if let Some(line) = newline(level + 1) {
                    out.push_str(&line);
                }
                encode(interp, item, options, level + 1, out)?;
            }
            if let Some(line) = newline(level) {
                out.push_str(&line);
            }
            out.push(']');
        }
        Value::Dict(dict) => {
            let mut items = dict.borrow().items();
            if items.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            if options.sort_keys {
                let mut keyed = Vec::new();
                for (key, item) in items {
                    keyed.push((key_text(interp, &key)?, item));
                }
                retort_sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
                items = keyed
                    .into_iter()
                    .map(|(k, v)| (Value::str(k.as_str()), v))
                    .collect();
            }
            out.push('{');
            for (index, (key, item)) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(&options.item_separator);
                }
                if let Some(line) = newline(level + 1) {
                    out.push_str(&line);
                }
                let key = key_text(interp, key)?;
                out.push_str(&quote(&key, options.ensure_ascii));
                out.push_str(&options.key_separator);
                encode(interp, item, options, level + 1, out)?;
            }
            if let Some(line) = newline(level) {
                out.push_str(&line);
            }
            out.push('}');
        }
        // A member of `class Status(str, Enum)` is a `str` to json.
        Value::Instance(_) if let Some(v) = crate::stdlib::enums::data_type_value(value) => {
            encode(interp, &v, options, level, out)?;
        }
        other => match &options.default {
            Some(default) => {
                let replacement = interp.call_value(default, CallArgs::new(vec![other.clone()]))?;
                encode(interp, &replacement, options, level, out)?;
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "Object of type {} is not JSON serializable",
                    other.type_name()
                )));
            }
        },
    }
    Ok(())
}

fn dumps(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let indent = match args.take_keyword("indent") {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(" ".repeat(usize::try_from(n).unwrap_or(0))),
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "indent must be int or str, not {}",
                other.type_name()
            )));
        }
    };
    let ensure_ascii = match args.take_keyword("ensure_ascii") {
        Some(value) => interp.truthy(&value)?,
        None => true,
    };
    let sort_keys = match args.take_keyword("sort_keys") {
        Some(value) => interp.truthy(&value)?,
        None => false,
    };
    let default = args
        .take_keyword("default")
        .filter(|d| !matches!(d, Value::None));
    let (item_separator, key_separator) = match args.take_keyword("separators") {
        Some(Value::Tuple(parts)) if parts.len() == 2 => (
            parts
                .first()
                .and_then(|p| p.as_str())
                .unwrap_or(",")
                .to_string(),
            parts
                .get(1)
                .and_then(|p| p.as_str())
                .unwrap_or(":")
                .to_string(),
        ),
        _ => (
            if indent.is_some() { "," } else { ", " }.to_string(),
            ": ".to_string(),
        ),
    };
    args.check("dumps", 1, 1)?;
    let options = Options {
        indent,
        ensure_ascii,
        sort_keys,
        default,
        item_separator,
        key_separator,
    };
    let mut out = String::new();
    encode(interp, &args.positional[0], &options, 0, &mut out)?;
    Ok(Value::str(out.as_str()))
}

struct Parser<'a> {
    chars: Vec<char>,
    index: usize,
    interp: &'a mut Interpreter,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> PyErr {
        PyErr::value_error(format!(
            "{message}: line 1 column {} (char {})",
            self.index + 1,
            self.index
        ))
    }

    fn skip_whitespace(&mut self) {
        while self
            .chars
            .get(self.index)
            .is_some_and(|c| c.is_whitespace())
        {
            self.index += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Value) -> PyResult<Value> {
        let end = self.index + word.chars().count();
        let found: String = self
            .chars
            .get(self.index..end)
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        if found != word {
            return Err(self.error("Expecting value"));
        }
        self.index = end;
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> PyResult<Value> {
        if depth > 200 {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded while decoding a JSON document",
            ));
        }
        self.skip_whitespace();
        match self.chars.get(self.index) {
            Some('{') => {
                self.index += 1;
                let mut dict = Dict::new();
                self.skip_whitespace();
                if self.chars.get(self.index) == Some(&'}') {
                    self.index += 1;
                    return Ok(Value::Dict(Rc::new(RefCell::new(dict))));
                }
                loop {
                    self.skip_whitespace();
                    if self.chars.get(self.index) != Some(&'"') {
                        return Err(self.error("Expecting property name enclosed in double quotes"));
                    }
                    let key = self.string()?;
                    self.skip_whitespace();
                    if self.chars.get(self.index) != Some(&':') {
                        return Err(self.error("Expecting ':' delimiter"));
                    }
                    self.index += 1;
                    let value = self.value(depth + 1)?;
                    let key = self.interp.hash_key(key)?;
                    dict.insert(key, value);
                    self.skip_whitespace();
                    match self.chars.get(self.index) {
                        Some(',') => self.index += 1,
                        Some('}') => {
                            self.index += 1;
                            return Ok(Value::Dict(Rc::new(RefCell::new(dict))));
                        }
                        _ => return Err(self.error("Expecting ',' delimiter")),
                    }
                }
            }
            Some('[') => {
                self.index += 1;
                let mut items = Vec::new();
                self.skip_whitespace();
                if self.chars.get(self.index) == Some(&']') {
                    self.index += 1;
                    return Ok(Value::list(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_whitespace();
                    match self.chars.get(self.index) {
                        Some(',') => self.index += 1,
                        Some(']') => {
                            self.index += 1;
                            return Ok(Value::list(items));
                        }
                        _ => return Err(self.error("Expecting ',' delimiter")),
                    }
                }
            }
            Some('"') => self.string(),
            Some('t') => self.expect_word("true", Value::Bool(true)),
            Some('f') => self.expect_word("false", Value::Bool(false)),
            Some('n') => self.expect_word("null", Value::None),
            Some('N') => self.expect_word("NaN", Value::Float(f64::NAN)),
            Some('I') => self.expect_word("Infinity", Value::Float(f64::INFINITY)),
            Some(c) if c.is_ascii_digit() || *c == '-' => {
                let start = self.index;
                self.index += 1;
                while self
                    .chars
                    .get(self.index)
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
                {
                    self.index += 1;
                }
                let text: String = self
                    .chars
                    .get(start..self.index)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default();
                if text == "-" && self.chars.get(self.index) == Some(&'I') {
                    return self.expect_word("Infinity", Value::Float(f64::NEG_INFINITY));
                }
                if let Ok(int) = text.parse::<i64>() {
                    return Ok(Value::Int(int));
                }
                text.parse::<f64>()
                    .map(Value::Float)
                    .map_err(|_| self.error("Expecting value"))
            }
            _ => Err(self.error("Expecting value")),
        }
    }

    fn string(&mut self) -> PyResult<Value> {
        self.index += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.chars.get(self.index) else {
                return Err(self.error("Unterminated string starting at"));
            };
            self.index += 1;
            match c {
                '"' => return Ok(Value::str(out.as_str())),
                '\\' => {
                    let escape = self.chars.get(self.index).copied();
                    self.index += 1;
                    match escape {
                        Some('n') => out.push('\n'),
                        Some('t') => out.push('\t'),
                        Some('r') => out.push('\r'),
                        Some('b') => out.push('\u{8}'),
                        Some('f') => out.push('\u{c}'),
                        Some('u') => {
                            let hex: String = self
                                .chars
                                .get(self.index..self.index + 4)
                                .map(|s| s.iter().collect())
                                .unwrap_or_default();
                            self.index += 4;
                            let unit = u32::from_str_radix(&hex, 16)
                                .map_err(|_| self.error("Invalid \\uXXXX escape"))?;
                            if (0xd800..0xdc00).contains(&unit)
                                && self.chars.get(self.index) == Some(&'\\')
                            {
                                let low: String = self
                                    .chars
                                    .get(self.index + 2..self.index + 6)
                                    .map(|s| s.iter().collect())
                                    .unwrap_or_default();
                                if let Ok(low) = u32::from_str_radix(&low, 16) {
                                    self.index += 6;
                                    let combined = 0x10000
                                        + ((unit - 0xd800) << 10)
                                        + (low.wrapping_sub(0xdc00) & 0x3ff);
                                    out.push(char::from_u32(combined).unwrap_or('\u{fffd}'));
                                    continue;
                                }
                            }
                            out.push(char::from_u32(unit).unwrap_or('\u{fffd}'));
                        }
                        Some(other) => out.push(other),
                        None => return Err(self.error("Unterminated string starting at")),
                    }
                }
                c => out.push(c),
            }
        }
    }
}

fn loads(interp: &mut Interpreter, args: CallArgs) -> PyResult<Value> {
    args.check("loads", 1, 1)?;
    let text = args.positional[0]
        .as_str()
        .ok_or_else(|| PyErr::type_error("the JSON object must be str"))?
        .to_string();
    let mut parser = Parser {
        chars: text.chars().collect(),
        index: 0,
        interp,
    };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.index < parser.chars.len() {
        return Err(parser.error("Extra data"));
    }
    Ok(value)
}

/// Builds the `json` module.
pub fn module(interp: &mut Interpreter) -> PyResult<Value> {
    let value_error = interp
        .builtin_class("ValueError")
        .map(|c| vec![c])
        .unwrap_or_default();
    let decode_error = interp.new_class(
        "JSONDecodeError",
        value_error,
        vec![("__module__", Value::str("json"))],
        None,
    )?;
    Ok(Interpreter::new_module(
        "json",
        vec![
            ("dumps", NativeFunction::function("dumps", dumps)),
            ("loads", NativeFunction::function("loads", loads)),
            ("JSONDecodeError", Value::Class(decode_error)),
        ],
    ))
}
