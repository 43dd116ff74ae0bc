//! `import`: resolves module names against host-registered modules and
//! module factories, caching built modules.

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::value::Value;

impl Interpreter {
    /// The module `name`, imported (and cached) as `import name` would.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(module) = self.modules.get(name) {
            return Ok(module.clone());
        }
        if let Some(factory) = self.module_factories.get(name).cloned() {
            let module = factory(self)?;
            self.modules.insert(name.to_string(), module.clone());
            return Ok(module);
        }
        let available = self.available_modules().join(", ");
        Err(PyErr::new(
            "ModuleNotFoundError",
            format!("No module named '{name}' (Retort can import: {available})"),
        ))
    }
}
