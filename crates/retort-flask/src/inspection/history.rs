//! SQLAlchemy's `History(added, unchanged, deleted)` of one attribute, as
//! `inspect(obj).attrs.<key>.history` gives it.

use retort_python::{Interpreter, NativeFunction, NativeObject, PyResult, Value};

/// SQLAlchemy's `History`: empty parts are `()`, others lists.
pub fn history(added: Vec<Value>, unchanged: Vec<Value>, deleted: Vec<Value>) -> Value {
    let part = |items: Vec<Value>| {
        if items.is_empty() {
            Value::tuple(Vec::new())
        } else {
            Value::list(items)
        }
    };
    Value::native(HistoryObject {
        added: part(added),
        unchanged: part(unchanged),
        deleted: part(deleted),
    })
}

/// `History(added, unchanged, deleted)`.
#[derive(Debug)]
pub struct HistoryObject {
    pub added: Value,
    pub unchanged: Value,
    pub deleted: Value,
}

impl NativeObject for HistoryObject {
    fn type_name(&self) -> &str {
        "History"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!(
            "History(added={}, unchanged={}, deleted={})",
            interp.repr(&self.added)?,
            interp.repr(&self.unchanged)?,
            interp.repr(&self.deleted)?
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "added" => Some(self.added.clone()),
            "unchanged" => Some(self.unchanged.clone()),
            "deleted" => Some(self.deleted.clone()),
            "has_changes" => {
                let (added, deleted) = (self.added.clone(), self.deleted.clone());
                Some(NativeFunction::function("has_changes", move |interp, _| {
                    Ok(Value::Bool(
                        interp.is_truthy(&added)? || interp.is_truthy(&deleted)?,
                    ))
                }))
            }
            "empty" => {
                let parts = [
                    self.added.clone(),
                    self.unchanged.clone(),
                    self.deleted.clone(),
                ];
                Some(NativeFunction::function("empty", move |interp, _| {
                    for part in &parts {
                        if interp.is_truthy(part)? {
                            return Ok(Value::Bool(false));
                        }
                    }
                    Ok(Value::Bool(true))
                }))
            }
            _ => None,
        })
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(vec![
            self.added.clone(),
            self.unchanged.clone(),
            self.deleted.clone(),
        ])))
    }
}
