//! Methods of `str`, with CPython's semantics for whitespace splitting,
//! `title`, padding and searching (indexes count characters, not bytes).

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

/// Every `str` method Retort implements.
pub const METHODS: &[&str] = &[
    "split",
    "rsplit",
    "join",
    "strip",
    "lstrip",
    "rstrip",
    "upper",
    "lower",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "format",
    "format_map",
    "zfill",
    "ljust",
    "rjust",
    "center",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isnumeric",
    "isdecimal",
    "istitle",
    "isidentifier",
    "splitlines",
    "partition",
    "rpartition",
    "removeprefix",
    "removesuffix",
    "encode",
    "expandtabs",
    "translate",
];

/// `str.splitlines(keepends)`: Python's line boundaries (`\n`, `\r\n`,
/// `\r`, and the other Unicode separators), a last line without one kept.
fn split_lines(text: &str, keep: bool) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let width = match c {
            '\r' if matches!(chars.peek(), Some((_, '\n'))) => {
                chars.next();
                2
            }
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}'
            | '\u{2028}' | '\u{2029}' => c.len_utf8(),
            _ => continue,
        };
        let end = if keep { index + width } else { index };
        lines.push(&text[start..end]);
        start = index + width;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// `str.expandtabs(tabsize)`: each tab up to the next multiple of the tab
/// size in its line's columns.
fn expand_tabs(text: &str, tab: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' if tab > 0 => {
                let pad = tab - column % tab;
                out.extend(std::iter::repeat_n(' ', pad));
                column += pad;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

fn str_arg(args: &CallArgs, index: usize, method: &str) -> PyResult<Option<String>> {
    match args.positional.get(index) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(PyErr::type_error(format!(
            "{method}() argument must be str or None, not {}",
            other.type_name()
        ))),
    }
}

fn int_arg(args: &CallArgs, index: usize, default: i64) -> PyResult<i64> {
    match args.positional.get(index) {
        None | Some(Value::None) => Ok(default),
        Some(value) => value.as_int().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                value.type_name()
            ))
        }),
    }
}

fn required_str(args: &CallArgs, index: usize, method: &str) -> PyResult<String> {
    match args.positional.get(index) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(PyErr::type_error(format!(
            "must be str, not {}",
            other.type_name()
        ))),
        None => Err(PyErr::type_error(format!(
            "{method}() takes at least {} argument ({index} given)",
            index + 1
        ))),
    }
}

/// Python's `str.title`.
pub fn title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous_cased = false;
    for c in text.chars() {
        if previous_cased {
            out.extend(c.to_lowercase())
        } else {
            out.extend(c.to_uppercase())
        }
        previous_cased = c.is_alphabetic();
    }
    out
}

/// Resolves `start`/`end` arguments to a character range.
fn char_range(len: usize, start: i64, end: i64) -> (usize, usize) {
    let clamp = |i: i64| -> usize {
        let i = if i < 0 { i + len as i64 } else { i };
        i.clamp(0, len as i64) as usize
    };
    (clamp(start), clamp(end))
}

fn find(text: &str, needle: &str, start: i64, end: i64, reverse: bool) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = char_range(chars.len(), start, end);
    if start > end {
        return None;
    }
    let haystack: String = chars.get(start..end)?.iter().collect();
    let byte_index = if reverse {
        haystack.rfind(needle)?
    } else {
        haystack.find(needle)?
    };
    Some(start + haystack.get(..byte_index)?.chars().count())
}

fn pad(text: &str, width: i64, fill: char, align: char) -> String {
    let len = text.chars().count() as i64;
    if width <= len {
        return text.to_string();
    }
    let total = (width - len) as usize;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        _ => {
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    format!(
        "{}{text}{}",
        fill.to_string().repeat(left),
        fill.to_string().repeat(right)
    )
}

fn fill_char(args: &CallArgs, index: usize) -> PyResult<char> {
    match args.positional.get(index) {
        None => Ok(' '),
        Some(Value::Str(s)) if s.chars().count() == 1 => Ok(s.chars().next().unwrap_or(' ')),
        Some(_) => Err(PyErr::type_error(
            "The fill character must be exactly one character long",
        )),
    }
}

fn split_whitespace(text: &str, max_split: i64, from_right: bool) -> Vec<Value> {
    let mut parts: Vec<String> = Vec::new();
    if from_right {
        let mut rest = text.trim_end();
        while !rest.is_empty() {
            if max_split >= 0 && parts.len() as i64 == max_split {
                parts.push(rest.to_string());
                break;
            }
            match rest.rfind(char::is_whitespace) {
                Some(index) => {
                    let word_start = index + rest[index..].chars().next().map_or(1, char::len_utf8);
                    parts.push(rest[word_start..].to_string());
                    rest = rest[..index].trim_end();
                }
                None => {
                    parts.push(rest.to_string());
                    break;
                }
            }
        }
        parts.reverse();
    } else {
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            if max_split >= 0 && parts.len() as i64 == max_split {
                parts.push(rest.to_string());
                break;
            }
            match rest.find(char::is_whitespace) {
                Some(index) => {
                    parts.push(rest[..index].to_string());
                    rest = rest[index..].trim_start();
                }
                None => {
                    parts.push(rest.to_string());
                    break;
                }
            }
        }
    }
    parts.into_iter().map(|p| Value::str(p.as_str())).collect()
}

fn starts_or_ends(
    interp: &mut Interpreter,
    text: &str,
    args: &CallArgs,
    ends: bool,
) -> PyResult<Value> {
    let prefixes = match args.positional.first() {
        Some(Value::Str(s)) => vec![s.to_string()],
        Some(Value::Tuple(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| PyErr::type_error("tuple for startswith must only contain str"))
            })
            .collect::<PyResult<_>>()?,
        Some(other) => {
            let method = if ends { "endswith" } else { "startswith" };
            return Err(PyErr::type_error(format!(
                "{method} first arg must be str or a tuple of str, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(PyErr::type_error(
                "startswith() takes at least 1 argument (0 given)",
            ));
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = char_range(
        chars.len(),
        int_arg(args, 1, 0)?,
        int_arg(args, 2, i64::MAX)?,
    );
    let window: String = chars
        .get(start..end.max(start))
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    let _ = interp;
    Ok(Value::Bool(prefixes.iter().any(|p| {
        if ends {
            window.ends_with(p.as_str())
        } else {
            window.starts_with(p.as_str())
        }
    })))
}

/// Calls `text.name(*args)`.
pub fn call(
    interp: &mut Interpreter,
    text: &Rc<str>,
    name: &str,
    mut args: CallArgs,
) -> PyResult<Value> {
    let s = |text: String| Value::str(text.as_str());
    let b = Value::Bool;
    let nonempty = !text.is_empty();
    Ok(match name {
        "upper" => s(text.to_uppercase()),
        "lower" | "casefold" => s(text.to_lowercase()),
        "title" => s(title(text)),
        "capitalize" => {
            let mut chars = text.chars();
            s(match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            })
        }
        "swapcase" => s(text
            .chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect()
                }
            })
            .collect()),
        "strip" | "lstrip" | "rstrip" => {
            let chars = str_arg(&args, 0, name)?;
            let matcher = |c: char| match &chars {
                Some(set) => set.contains(c),
                None => c.is_whitespace(),
            };
            s(match name {
                "strip" => text.trim_matches(matcher).to_string(),
                "lstrip" => text.trim_start_matches(matcher).to_string(),
                _ => text.trim_end_matches(matcher).to_string(),
            })
        }
        "split" | "rsplit" => {
            let max_split = match args.take_keyword("maxsplit") {
                Some(v) => v.as_int().unwrap_or(-1),
                None => int_arg(&args, 1, -1)?,
            };
            let sep = match args.take_keyword("sep") {
                Some(Value::Str(sep)) => Some(sep.to_string()),
                Some(_) => None,
                None => str_arg(&args, 0, name)?,
            };
            match sep {
                None => Value::list(split_whitespace(text, max_split, name == "rsplit")),
                Some(sep) if sep.is_empty() => return Err(PyErr::value_error("empty separator")),
                Some(sep) => {
                    let parts: Vec<Value> = if max_split < 0 {
                        text.split(sep.as_str()).map(Value::str).collect()
                    } else if name == "split" {
                        text.splitn(max_split as usize + 1, sep.as_str())
                            .map(Value::str)
                            .collect()
                    } else {
                        let mut parts: Vec<Value> = text
                            .rsplitn(max_split as usize + 1, sep.as_str())
                            .map(Value::str)
                            .collect();
                        parts.reverse();
                        parts
                    };
                    Value::list(parts)
                }
            }
        }
        "splitlines" => {
            let keep = match args.positional.first().or_else(|| {
                args.keywords
                    .iter()
                    .find(|(k, _)| k == "keepends")
                    .map(|(_, v)| v)
            }) {
                Some(flag) => interp.is_truthy(flag)?,
                None => false,
            };
            Value::list(
                split_lines(text, keep)
                    .into_iter()
                    .map(Value::str)
                    .collect(),
            )
        }
        "join" => {
            let items = interp.collect(args.positional.first().unwrap_or(&Value::None))?;
            let mut parts = Vec::with_capacity(items.len());
            let mut total = text.len().saturating_mul(items.len());
            for (index, item) in items.iter().enumerate() {
                match item {
                    Value::Str(part) => {
                        total = total.saturating_add(part.len());
                        interp.check_string_len(total)?;
                        parts.push(part.to_string());
                    }
                    other => {
                        return Err(PyErr::type_error(format!(
                            "sequence item {index}: expected str instance, {} found",
                            other.type_name()
                        )));
                    }
                }
            }
            let joined = parts.join(text);
            interp.check_string_len(joined.len())?;
            interp.charge_allocation(joined.len())?;
            s(joined)
        }
        "replace" => {
            let old = required_str(&args, 0, name)?;
            let new = required_str(&args, 1, name)?;
            let count = int_arg(&args, 2, -1)?;
            let occurrences = if old.is_empty() {
                text.chars().count() + 1
            } else {
                text.matches(old.as_str()).count()
            };
            let replaced = if count < 0 {
                occurrences
            } else {
                occurrences.min(count as usize)
            };
            let growth = new.len().saturating_sub(old.len()).saturating_mul(replaced);
            interp.check_string_len(text.len().saturating_add(growth))?;
            interp.charge_allocation(text.len().saturating_add(growth))?;
            let result = if count < 0 {
                text.replace(old.as_str(), &new)
            } else {
                text.replacen(old.as_str(), &new, count as usize)
            };
            interp.check_string_len(result.len())?;
            s(result)
        }
        "startswith" => starts_or_ends(interp, text, &args, false)?,
        "endswith" => starts_or_ends(interp, text, &args, true)?,
        "find" | "rfind" | "index" | "rindex" => {
            let needle = required_str(&args, 0, name)?;
            let found = find(
                text,
                &needle,
                int_arg(&args, 1, 0)?,
                int_arg(&args, 2, i64::MAX)?,
                name.starts_with('r'),
            );
            match (found, name) {
                (Some(index), _) => Value::Int(index as i64),
                (None, "find" | "rfind") => Value::Int(-1),
                (None, _) => return Err(PyErr::value_error("substring not found")),
            }
        }
        "count" => {
            let needle = required_str(&args, 0, name)?;
            let chars: Vec<char> = text.chars().collect();
            let (start, end) = char_range(
                chars.len(),
                int_arg(&args, 1, 0)?,
                int_arg(&args, 2, i64::MAX)?,
            );
            let window: String = chars
                .get(start..end.max(start))
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            Value::Int(if needle.is_empty() {
                window.chars().count() as i64 + 1
            } else {
                window.matches(needle.as_str()).count() as i64
            })
        }
        "format" => s(crate::format::str_format::str_format(interp, text, &args)?),
        "format_map" => {
            let mapping = args.positional.first().cloned().unwrap_or(Value::None);
            let mut keywords = Vec::new();
            for (key, value) in interp.mapping_items(&mapping)? {
                keywords.push((key.as_str().unwrap_or_default().to_string(), value));
            }
            s(crate::format::str_format::str_format(
                interp,
                text,
                &CallArgs::with_keywords(Vec::new(), keywords),
            )?)
        }
        "zfill" => {
            let width = int_arg(&args, 0, 0)?;
            interp.check_string_len(usize::try_from(width).unwrap_or(0))?;
            let len = text.chars().count() as i64;
            if width <= len {
                s(text.to_string())
            } else {
                let zeros = "0".repeat((width - len) as usize);
                match text.chars().next() {
                    Some(sign @ ('+' | '-')) => s(format!("{sign}{zeros}{}", &text[1..])),
                    _ => s(format!("{zeros}{text}")),
                }
            }
        }
        "ljust" | "rjust" | "center" => {
            let width = int_arg(&args, 0, 0)?;
            interp.check_string_len(usize::try_from(width).unwrap_or(0))?;
            let fill = fill_char(&args, 1)?;
            let align = match name {
                "ljust" => '<',
                "rjust" => '>',
                _ => '^',
            };
            s(pad(text, width, fill, align))
        }
        "isdigit" | "isdecimal" | "isnumeric" => {
            b(nonempty && text.chars().all(|c| c.is_numeric()))
        }
        "isalpha" => b(nonempty && text.chars().all(char::is_alphabetic)),
        "isalnum" => b(nonempty && text.chars().all(char::is_alphanumeric)),
        "isspace" => b(nonempty && text.chars().all(char::is_whitespace)),
        "isupper" => {
            b(text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase))
        }
        "islower" => {
            b(text.chars().any(char::is_lowercase) && !text.chars().any(char::is_uppercase))
        }
        "istitle" => b(nonempty && title(text) == **text && text.chars().any(char::is_alphabetic)),
        "isidentifier" => b(text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && text.chars().all(|c| c.is_alphanumeric() || c == '_')),
        "partition" | "rpartition" => {
            let sep = required_str(&args, 0, name)?;
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            let found = if name == "partition" {
                text.find(sep.as_str())
            } else {
                text.rfind(sep.as_str())
            };
            let parts = match found {
                Some(index) => vec![
                    s(text[..index].to_string()),
                    s(sep.clone()),
                    s(text[index + sep.len()..].to_string()),
                ],
                None if name == "partition" => {
                    vec![s(text.to_string()), s(String::new()), s(String::new())]
                }
                None => vec![s(String::new()), s(String::new()), s(text.to_string())],
            };
            Value::tuple(parts)
        }
        "removeprefix" => {
            let prefix = required_str(&args, 0, name)?;
            s(text
                .strip_prefix(prefix.as_str())
                .unwrap_or(text)
                .to_string())
        }
        "removesuffix" => {
            let suffix = required_str(&args, 0, name)?;
            s(text
                .strip_suffix(suffix.as_str())
                .unwrap_or(text)
                .to_string())
        }
        "translate" => {
            args.check(name, 1, 1)?;
            let table = args.positional[0].clone();
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                let key = Value::Int(i64::from(u32::from(c)));
                match interp.get_item(&table, &key) {
                    Ok(Value::None) => {}
                    Ok(Value::Int(code)) => match u32::try_from(code).ok().and_then(char::from_u32)
                    {
                        Some(mapped) => out.push(mapped),
                        None => {
                            return Err(PyErr::value_error(
                                "character mapping must be in range(0x110000)",
                            ));
                        }
                    },
                    Ok(Value::Str(mapped)) => out.push_str(&mapped),
                    Ok(_) => {
                        return Err(PyErr::type_error(
                            "character mapping must return integer, None or str",
                        ));
                    }
                    Err(error)
                        if matches!(
                            error.class_name().as_str(),
                            "KeyError" | "IndexError" | "LookupError"
                        ) =>
                    {
                        out.push(c)
                    }
                    Err(error) => return Err(error),
                }
            }
            s(out)
        }
        "expandtabs" => s({
            let tab = usize::try_from(int_arg(&args, 0, 8)?).unwrap_or(8);
            interp.check_string_len(
                tab.saturating_mul(text.matches('\t').count())
                    .saturating_add(text.len()),
            )?;
            expand_tabs(text, tab)
        }),
        "encode" => {
            let encoding = match str_arg(&args, 0, name)? {
                Some(encoding) => encoding,
                None => args
                    .keywords
                    .iter()
                    .find(|(k, _)| k == "encoding")
                    .and_then(|(_, v)| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "utf-8".to_string()),
            };
            return super::bytes::encode(text, &encoding);
        }
        _ => {
            return Err(PyErr::attribute_error(format!(
                "'str' object has no attribute '{name}'"
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_matches_python() {
        assert_eq!(title("hello world's"), "Hello World'S");
        assert_eq!(title("ALICE smith"), "Alice Smith");
    }

    #[test]
    fn center_puts_extra_space_like_python() {
        assert_eq!(pad("ab", 5, '*', '^'), "**ab*");
        assert_eq!(pad("abc", 6, '*', '^'), "*abc**");
        assert_eq!(pad("a", 4, '-', '^'), "-a--");
    }

    #[test]
    fn whitespace_split_with_limits() {
        let parts = split_whitespace("  a b  c ", 1, false);
        assert_eq!(
            parts
                .iter()
                .map(|p| p.as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>(),
            vec!["a", "b  c "]
        );
        let parts = split_whitespace("  a b  c ", 1, true);
        assert_eq!(
            parts
                .iter()
                .map(|p| p.as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>(),
            vec!["  a b", "c"]
        );
    }

    #[test]
    fn find_counts_characters() {
        assert_eq!(find("张三abc", "a", 0, i64::MAX, false), Some(2));
        assert_eq!(find("abcabc", "c", 0, i64::MAX, true), Some(5));
    }
}
