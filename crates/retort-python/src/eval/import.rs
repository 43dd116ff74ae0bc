//! `import`: resolves module names against host-registered modules and
//! module factories, caching built modules.

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::value::Value;

impl Interpreter {
    /// The module `name`, imported (and cached) as `import name` would.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(module) = self.modules.get(name).cloned() {
            self.bind_in_parent(name, &module);
            return Ok(module);
        }
        if let Some(factory) = self.module_factories.get(name).cloned() {
            let module = factory(self)?;
            self.modules.insert(name.to_string(), module.clone());
            self.bind_in_parent(name, &module);
            return Ok(module);
        }
        let available = self.available_modules().join(", ");
        Err(PyErr::new(
            "ModuleNotFoundError",
            format!("No module named '{name}' (Retort can import: {available})"),
        ))
    }

    /// Importing `a.b` makes `b` an attribute of module `a` (unless `a`
    /// already has one by that name), so `import sqlalchemy.orm` lets
    /// `sqlalchemy.orm.relationship` resolve, as in Python.
    fn bind_in_parent(&mut self, name: &str, module: &Value) {
        let Some((parent, child)) = name.rsplit_once('.') else {
            return;
        };
        if let Ok(Value::Module(parent)) = self.import_module(parent) {
            let mut dict = parent.dict.borrow_mut();
            if !dict.contains_key(child) {
                dict.insert(child.to_string(), module.clone());
            }
        }
    }
}
