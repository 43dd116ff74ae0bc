//! Subscripting: indexes and slices of built-in sequences, dict lookups,
//! and `__getitem__`/`__setitem__`/`__delitem__` on user and native objects.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

/// `slice.indices(len)`: the clamped `(start, stop, step)` of a slice.
pub fn slice_bounds(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> PyResult<(i64, i64, i64)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let adjust = |value: Option<i64>, default: i64| -> i64 {
        match value {
            None => default,
            Some(v) if v < 0 => {
                let v = v.saturating_add(len);
                if v < 0 {
                    if step < 0 { -1 } else { 0 }
                } else {
                    v
                }
            }
            Some(v) if v >= len => {
                if step < 0 {
                    len - 1
                } else {
                    len
                }
            }
            Some(v) => v,
        }
    };
    let (default_start, default_stop) = if step < 0 { (len - 1, -1) } else { (0, len) };
    Ok((
        adjust(start, default_start),
        adjust(stop, default_stop),
        step,
    ))
}

/// Resolves a slice against a sequence length into the selected indexes.
pub fn slice_indices(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> PyResult<Vec<usize>> {
    let (start, stop, step) = slice_bounds(start, stop, step, len)?;
    let mut indices = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        indices.push(i as usize);
        i = i.saturating_add(step);
    }
    Ok(indices)
}
impl Interpreter {
    fn index_of(&mut self, index: &Value, len: usize, kind: &str) -> PyResult<usize> {
        let Some(index) = index.as_int() else {
            return Err(PyErr::type_error(format!(
                "{kind} indices must be integers or slices, not {}",
                index.type_name()
            )));
        };
        let actual = if index < 0 { index + len as i64 } else { index };
        if actual < 0 || actual >= len as i64 {
            return Err(PyErr::index_error(format!("{kind} index out of range")));
        }
        Ok(actual as usize)
    }

    fn slice_of(&mut self, slice: &crate::value::SliceValue, len: usize) -> PyResult<Vec<usize>> {
        let part = |value: &Value| -> PyResult<Option<i64>> {
            match value {
                Value::None => Ok(None),
                other => other.as_int().map(Some).ok_or_else(|| {
                    PyErr::type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )
                }),
            }
        };
        slice_indices(
            part(&slice.start)?,
            part(&slice.stop)?,
            part(&slice.step)?,
            len,
        )
    }

    /// `container[key]`.
    pub(crate) fn get_item(&mut self, container: &Value, key: &Value) -> PyResult<Value> {
        match (container, key) {
            (Value::List(items), Value::Slice(slice)) => {
                let items = items.borrow().clone();
                let indices = self.slice_of(slice, items.len())?;
                Ok(Value::list(
                    indices
                        .into_iter()
                        .filter_map(|i| items.get(i).cloned())
                        .collect(),
                ))
            }
            (Value::List(items), _) => {
                let len = items.borrow().len();
                let index = self.index_of(key, len, "list")?;
                items
                    .borrow()
                    .get(index)
                    .cloned()
                    .ok_or_else(|| PyErr::index_error("list index out of range"))
            }
            (Value::Tuple(items), Value::Slice(slice)) => {
                let indices = self.slice_of(slice, items.len())?;
                Ok(Value::tuple(
                    indices
                        .into_iter()
                        .filter_map(|i| items.get(i).cloned())
                        .collect(),
                ))
            }
            (Value::Tuple(items), _) => {
                let index = self.index_of(key, items.len(), "tuple")?;
                items
                    .get(index)
                    .cloned()
                    .ok_or_else(|| PyErr::index_error("tuple index out of range"))
            }
            (Value::Str(text), Value::Slice(slice)) => {
                let chars: Vec<char> = text.chars().collect();
                let indices = self.slice_of(slice, chars.len())?;
                Ok(Value::str(
                    indices
                        .into_iter()
                        .filter_map(|i| chars.get(i))
                        .collect::<String>(),
                ))
            }
            (Value::Str(text), _) => {
                let len = text.chars().count();
                let index = self.index_of(key, len, "string")?;
                text.chars()
                    .nth(index)
                    .map(|c| Value::str(c.to_string()))
                    .ok_or_else(|| PyErr::index_error("string index out of range"))
            }
            (Value::Range(range), Value::Slice(slice)) => {
                let part = |value: &Value| value.as_int();
                let (start, stop, step) = slice_bounds(
                    part(&slice.start),
                    part(&slice.stop),
                    part(&slice.step),
                    range.len(),
                )?;
                let at = |index: i64| range.start.saturating_add(index.saturating_mul(range.step));
                Ok(Value::Range(Rc::new(crate::value::RangeValue {
                    start: at(start),
                    stop: at(stop),
                    step: range.step.saturating_mul(step),
                })))
            }
            (Value::Range(range), _) => {
                let index = self.index_of(key, range.len(), "range object")?;
                range
                    .get(index)
                    .map(Value::Int)
                    .ok_or_else(|| PyErr::index_error("range object index out of range"))
            }
            (Value::Dict(dict), _) => {
                let hash_key = self.hash_key(key.clone())?;
                let found = dict.borrow().get(&hash_key).cloned();
                found.ok_or_else(|| PyErr::key_error(key.clone()))
            }
            (Value::Instance(_), _) => match self.special_method(container, "__getitem__") {
                Some(method) => self.call_value(&method, CallArgs::new(vec![key.clone()])),
                None => Err(not_subscriptable(container)),
            },
            (Value::Class(class), _) => {
                if let Some((_, hooks)) = class.find_hooks()
                    && let Some(value) = hooks.get_item(self, class, key)?
                {
                    return Ok(value);
                }
                if let Some(method) = class.lookup("__class_getitem__") {
                    let bound = self.bind_class_member(&method, None, class)?;
                    let bound = match bound {
                        Value::Function(_) => {
                            Value::BoundMethod(Rc::new(crate::value::BoundMethod {
                                receiver: container.clone(),
                                function: bound,
                            }))
                        }
                        other => other,
                    };
                    return self.call_value(&bound, CallArgs::new(vec![key.clone()]));
                }
                if class.builtin.is_some() {
                    return Ok(crate::stdlib::typing::generic_alias(self, container, key));
                }
                Err(PyErr::type_error(format!(
                    "type '{}' is not subscriptable",
                    class.name
                )))
            }
            (Value::Native(object), _) => match object.clone().get_item(self, container, key)? {
                Some(value) => Ok(value),
                None => Err(not_subscriptable(container)),
            },
            _ => Err(not_subscriptable(container)),
        }
    }

    /// `container[key] = value`.
    pub(crate) fn set_item(&mut self, container: &Value, key: Value, value: Value) -> PyResult<()> {
        match container {
            Value::List(items) => {
                if let Value::Slice(slice) = &key {
                    let len = items.borrow().len();
                    let indices = self.slice_of(slice, len)?;
                    let replacement = self.collect(&value)?;
                    let step_one =
                        matches!(slice.step, Value::None) || slice.step.as_int() == Some(1);
                    let mut list = items.borrow_mut();
                    if step_one {
                        let start = indices.first().copied().unwrap_or_else(|| {
                            let start = slice.start.as_int().unwrap_or(0);
                            (if start < 0 {
                                (start + len as i64).max(0)
                            } else {
                                start.min(len as i64)
                            }) as usize
                        });
                        let end = indices.last().map_or(start, |last| last + 1);
                        list.splice(start..end, replacement);
                    } else {
                        if indices.len() != replacement.len() {
                            return Err(PyErr::value_error(format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                replacement.len(),
                                indices.len()
                            )));
                        }
                        for (index, item) in indices.into_iter().zip(replacement) {
                            if let Some(slot) = list.get_mut(index) {
                                *slot = item;
                            }
                        }
                    }
                    return Ok(());
                }
                let len = items.borrow().len();
                let index = self.index_of(&key, len, "list").map_err(|e| {
                    if e.class_name() == "IndexError" {
                        PyErr::index_error("list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                if let Some(slot) = items.borrow_mut().get_mut(index) {
                    *slot = value;
                }
                Ok(())
            }
            Value::Dict(dict) => {
                let key = self.hash_key(key)?;
                dict.borrow_mut().insert(key, value);
                let len = dict.borrow().len();
                self.check_collection_len(len)
            }
            Value::Instance(_) => match self.special_method(container, "__setitem__") {
                Some(method) => self
                    .call_value(&method, CallArgs::new(vec![key, value]))
                    .map(|_| ()),
                None => Err(no_item_assignment(container)),
            },
            Value::Native(object) => {
                if object.clone().set_item(self, container, &key, value)? {
                    Ok(())
                } else {
                    Err(no_item_assignment(container))
                }
            }
            _ => Err(no_item_assignment(container)),
        }
    }

    /// `del container[key]`.
    pub(crate) fn del_item(&mut self, container: &Value, key: &Value) -> PyResult<()> {
        match container {
            Value::List(items) => {
                let len = items.borrow().len();
                if let Value::Slice(slice) = key {
                    let mut indices = self.slice_of(slice, len)?;
                    retort_sort::sort(&mut indices);
                    let mut list = items.borrow_mut();
                    for index in indices.into_iter().rev() {
                        if index < list.len() {
                            list.remove(index);
                        }
                    }
                    return Ok(());
                }
                let index = self.index_of(key, len, "list").map_err(|e| {
                    if e.class_name() == "IndexError" {
                        PyErr::index_error("list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                items.borrow_mut().remove(index);
                Ok(())
            }
            Value::Dict(dict) => {
                let hash_key = self.hash_key(key.clone())?;
                match dict.borrow_mut().remove(&hash_key) {
                    Some(_) => Ok(()),
                    None => Err(PyErr::key_error(key.clone())),
                }
            }
            Value::Instance(_) => match self.special_method(container, "__delitem__") {
                Some(method) => self
                    .call_value(&method, CallArgs::new(vec![key.clone()]))
                    .map(|_| ()),
                None => Err(PyErr::type_error(format!(
                    "'{}' object doesn't support item deletion",
                    container.type_name()
                ))),
            },
            Value::Native(object) => {
                if object.clone().del_item(self, container, key)? {
                    Ok(())
                } else {
                    Err(PyErr::type_error(format!(
                        "'{}' object doesn't support item deletion",
                        container.type_name()
                    )))
                }
            }
            _ => Err(PyErr::type_error(format!(
                "'{}' object doesn't support item deletion",
                container.type_name()
            ))),
        }
    }
}

fn not_subscriptable(value: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not subscriptable",
        value.error_type_name()
    ))
}

fn no_item_assignment(value: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object does not support item assignment",
        value.type_name()
    ))
}

#[cfg(test)]
mod tests {
    use super::slice_indices;

    #[test]
    fn slices_follow_python() {
        assert_eq!(
            slice_indices(None, None, Some(-1), 4).unwrap(),
            vec![3, 2, 1, 0]
        );
        assert_eq!(
            slice_indices(Some(1), Some(-1), None, 5).unwrap(),
            vec![1, 2, 3]
        );
        assert_eq!(slice_indices(Some(-2), None, None, 5).unwrap(), vec![3, 4]);
        assert_eq!(
            slice_indices(None, None, Some(2), 5).unwrap(),
            vec![0, 2, 4]
        );
        assert!(slice_indices(None, None, Some(0), 5).is_err());
    }
}
