//! Standard-library modules implemented in Rust through the same extension
//! API a host uses: `typing`, `enum`, `datetime`, `decimal`, `json`, `os`,
//! `math`, `random`, `uuid`, `collections`, `functools`, `time`, `warnings`,
//! `sys`, `pickle`, `hashlib`, `hmac`, `secrets` and `string`.

pub mod collections;
pub mod datetime;
pub mod decimal;
pub mod enums;
pub mod functools;
pub mod hashlib;
pub mod hmac;
pub mod json;
pub mod math;
pub mod os;
pub mod pickle;
pub mod random;
pub mod secrets;
pub mod streams;
pub mod string;
pub mod system;
pub mod typing;
pub mod uuid;

use crate::interp::Interpreter;
use crate::value::Value;

/// Makes every standard module importable.
pub fn register_all(interp: &mut Interpreter) {
    interp.register_module_factory("typing", typing::module);
    interp.register_module_factory("enum", enums::module);
    interp.register_module_factory("datetime", datetime::module);
    interp.register_module_factory("decimal", decimal::module);
    interp.register_module_factory("json", json::module);
    interp.register_module_factory("os", os::module);
    interp.register_module_factory("os.path", |interp| {
        let os = interp.import_module("os")?;
        interp.get_attr(&os, "path")
    });
    interp.register_module_factory("math", math::module);
    interp.register_module_factory("pickle", pickle::module);
    interp.register_module_factory("collections", collections::module);
    interp.register_module_factory("functools", functools::module);
    interp.register_module_factory("time", functools::time_module);
    interp.register_module_factory("random", random::module);
    interp.register_module_factory("uuid", uuid::module);
    interp.register_module_factory("hashlib", hashlib::module);
    interp.register_module_factory("hmac", hmac::module);
    interp.register_module_factory("secrets", secrets::module);
    interp.register_module_factory("string", string::module);
    interp.register_module_factory("warnings", system::warnings_module);
    interp.register_module_factory("sys", system::sys_module);
    interp.register_module_factory("__future__", |_| {
        let features = [
            "annotations",
            "division",
            "print_function",
            "absolute_import",
            "generators",
            "with_statement",
        ];
        Ok(Interpreter::new_module(
            "__future__",
            features
                .iter()
                .map(|name| (*name, Value::Bool(true)))
                .collect(),
        ))
    });
    interp.set_global(
        "__file__",
        Value::str(format!("{}/main.py", os::WORKING_DIRECTORY)),
    );
}
