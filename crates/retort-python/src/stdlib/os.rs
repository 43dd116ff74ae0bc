//! A minimal `os` module for computing database paths: `os.path.join`,
//! `abspath`, `dirname`, `basename`, `exists`, `os.environ`, `os.getenv`,
//! `os.getcwd`. Paths are virtual: the script lives in `/app`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction};
use crate::value::Value;

/// The virtual working directory.
pub const WORKING_DIRECTORY: &str = "/app";

fn strings(args: &CallArgs, function: &str) -> PyResult<Vec<String>> {
    args.positional
        .iter()
        .map(|v| {
            v.as_str().map(str::to_string).ok_or_else(|| {
                PyErr::type_error(format!(
                    "{function}() argument must be str, not {}",
                    v.type_name()
                ))
            })
        })
        .collect()
}

/// `os.path.normpath`.
pub fn normpath(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// `os.path.join`.
pub fn join(parts: &[String]) -> String {
    let mut result = String::new();
    for part in parts {
        if part.starts_with('/') {
            result = part.clone();
        } else if result.is_empty() || result.ends_with('/') {
            result.push_str(part);
        } else {
            result.push('/');
            result.push_str(part);
        }
    }
    result
}

fn dirname(path: &str) -> String {
    match path.rfind('/') {
        Some(0) => "/".into(),
        Some(index) => path[..index].to_string(),
        None => String::new(),
    }
}

fn path_function(name: &str, func: fn(&[String]) -> Value) -> Value {
    let function_name = name.to_string();
    NativeFunction::function(name, move |_, args| {
        Ok(func(&strings(&args, &function_name)?))
    })
}

/// Builds the `os` module (with `os.path`).
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    let path = Interpreter::new_module(
        "posixpath",
        vec![
            (
                "join",
                path_function("join", |parts| Value::str(join(parts).as_str())),
            ),
            (
                "abspath",
                path_function("abspath", |parts| {
                    let path = parts.first().cloned().unwrap_or_default();
                    Value::str(normpath(&join(&[WORKING_DIRECTORY.to_string(), path])).as_str())
                }),
            ),
            (
                "normpath",
                path_function("normpath", |parts| {
                    Value::str(normpath(&parts.first().cloned().unwrap_or_default()).as_str())
                }),
            ),
            (
                "dirname",
                path_function("dirname", |parts| {
                    Value::str(dirname(&parts.first().cloned().unwrap_or_default()).as_str())
                }),
            ),
            (
                "basename",
                path_function("basename", |parts| {
                    let path = parts.first().cloned().unwrap_or_default();
                    Value::str(path.rsplit('/').next().unwrap_or_default())
                }),
            ),
            ("exists", path_function("exists", |_| Value::Bool(false))),
            ("isfile", path_function("isfile", |_| Value::Bool(false))),
            (
                "isdir",
                path_function("isdir", |parts| {
                    Value::Bool(
                        parts
                            .first()
                            .is_some_and(|p| p == WORKING_DIRECTORY || p == "/"),
                    )
                }),
            ),
            (
                "splitext",
                path_function("splitext", |parts| {
                    let path = parts.first().cloned().unwrap_or_default();
                    let name_start = path.rfind('/').map_or(0, |i| i + 1);
                    match path[name_start..].rfind('.').filter(|i| *i > 0) {
                        Some(dot) => Value::tuple(vec![
                            Value::str(&path[..name_start + dot]),
                            Value::str(&path[name_start + dot..]),
                        ]),
                        None => Value::tuple(vec![Value::str(path.as_str()), Value::str("")]),
                    }
                }),
            ),
            ("sep", Value::str("/")),
        ],
    );
    let environ = Value::Dict(Rc::new(RefCell::new(Dict::new())));
    let environ_for_getenv = environ.clone();
    Ok(Interpreter::new_module(
        "os",
        vec![
            ("path", path),
            ("environ", environ),
            (
                "getenv",
                NativeFunction::function("getenv", move |interp, args| {
                    args.check("getenv", 1, 2)?;
                    let key = args.positional[0].clone();
                    let Value::Dict(dict) = &environ_for_getenv else {
                        return Ok(Value::None);
                    };
                    let key = interp.hash_key(key)?;
                    Ok(dict
                        .borrow()
                        .get(&key)
                        .cloned()
                        .unwrap_or_else(|| args.positional.get(1).cloned().unwrap_or(Value::None)))
                }),
            ),
            (
                "getcwd",
                NativeFunction::function("getcwd", |_, _| Ok(Value::str(WORKING_DIRECTORY))),
            ),
            ("sep", Value::str("/")),
            ("name", Value::str("posix")),
            (
                "makedirs",
                NativeFunction::function("makedirs", |_, _| Ok(Value::None)),
            ),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_behave_like_posixpath() {
        assert_eq!(
            join(&["/app".into(), "data".into(), "app.db".into()]),
            "/app/data/app.db"
        );
        assert_eq!(join(&["a/".into(), "/b".into()]), "/b");
        assert_eq!(normpath("/app/./x/../y"), "/app/y");
        assert_eq!(dirname("/app/main.py"), "/app");
        assert_eq!(dirname("main.py"), "");
        assert_eq!(dirname("/main.py"), "/");
    }
}
