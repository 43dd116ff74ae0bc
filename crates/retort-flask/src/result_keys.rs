//! `Result.keys()`: SQLAlchemy's `RMKeyView`, the column names of a
//! result, shown as `RMKeyView(['id', 'name'])`, iterable, sized and
//! answering `in`.

use std::rc::Rc;

use retort_python::{Interpreter, NativeObject, PyResult, Value};

/// The keys of a result.
#[derive(Debug, Clone)]
pub struct KeyView {
    pub keys: Rc<Vec<String>>,
}

impl KeyView {
    fn list(&self) -> Value {
        Value::list(self.keys.iter().map(|k| Value::str(k.as_str())).collect())
    }
}

impl NativeObject for KeyView {
    fn type_name(&self) -> &str {
        "RMKeyView"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("RMKeyView({})", interp.repr(&self.list())?))
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.keys.len()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(self.list()))
    }

    fn contains(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        Ok(Some(
            item.as_str()
                .is_some_and(|name| self.keys.iter().any(|k| k == name)),
        ))
    }
}
