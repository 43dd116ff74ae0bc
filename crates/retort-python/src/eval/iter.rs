//! The iteration and container protocols: `iter`/`next`, `len` and `in`
//! for built-in, user and native values.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::{PyIterator, Value};

fn iterator(state: PyIterator) -> Value {
    Value::Iterator(Rc::new(RefCell::new(state)))
}

impl Interpreter {
    /// `iter(value)`.
    pub(crate) fn get_iter(&mut self, value: &Value) -> PyResult<Value> {
        Ok(match value {
            Value::Iterator(_) => value.clone(),
            Value::List(list) => iterator(PyIterator::List {
                list: list.clone(),
                index: 0,
            }),
            Value::Tuple(items) => iterator(PyIterator::Items {
                items: items.clone(),
                index: 0,
            }),
            Value::Str(text) => iterator(PyIterator::Items {
                items: text.chars().map(|c| Value::str(c.to_string())).collect(),
                index: 0,
            }),
            Value::Dict(dict) => iterator(PyIterator::Items {
                items: dict.borrow().keys().into(),
                index: 0,
            }),
            Value::Set(set) => iterator(PyIterator::Items {
                items: set.borrow().iteration_order().into(),
                index: 0,
            }),
            Value::FrozenSet(set) => iterator(PyIterator::Items {
                items: set.iteration_order().into(),
                index: 0,
            }),
            Value::Range(range) => iterator(PyIterator::Range {
                next: range.start,
                remaining: range.len(),
                step: range.step,
            }),
            Value::Instance(_) => {
                if let Some(method) = self.special_method(value, "__iter__") {
                    let result = self.call_value(&method, CallArgs::default())?;
                    if Self::has_special(&result, "__next__") {
                        return Ok(iterator(PyIterator::Object(result)));
                    }
                    return self.get_iter(&result);
                }
                if Self::has_special(value, "__getitem__") {
                    let mut items = Vec::new();
                    for index in 0.. {
                        match self.get_item(value, &Value::Int(index)) {
                            Ok(item) => items.push(item),
                            Err(mut error) => {
                                let exception = self.exception_value(&mut error);
                                if exception.type_name() == "IndexError"
                                    || exception.type_name() == "StopIteration"
                                {
                                    break;
                                }
                                return Err(error);
                            }
                        }
                        self.check_collection_len(items.len())?;
                    }
                    return Ok(iterator(PyIterator::Items {
                        items: items.into(),
                        index: 0,
                    }));
                }
                return Err(not_iterable(value));
            }
            Value::Class(class) => match class.find_hooks() {
                Some((_, hooks)) => match hooks.iter(self, class)? {
                    Some(result) => return self.get_iter(&result),
                    None => return Err(not_iterable(value)),
                },
                None => return Err(not_iterable(value)),
            },
            Value::Native(object) => match object.clone().iter(self, value)? {
                Some(result) => return self.get_iter(&result),
                None => return Err(not_iterable(value)),
            },
            other => return Err(not_iterable(other)),
        })
    }

    /// Advances an iterator; `None` when exhausted.
    pub(crate) fn iter_next(&mut self, iterator: &Value) -> PyResult<Option<Value>> {
        self.tick()?;
        let Value::Iterator(state) = iterator else {
            return Err(PyErr::type_error(format!(
                "'{}' object is not an iterator",
                iterator.type_name()
            )));
        };
        let object = {
            let mut state = state.borrow_mut();
            match &mut *state {
                PyIterator::Items { items, index } => {
                    let item = items.get(*index).cloned();
                    *index += 1;
                    return Ok(item);
                }
                PyIterator::List { list, index } => {
                    let item = list.borrow().get(*index).cloned();
                    *index += 1;
                    return Ok(item);
                }
                PyIterator::Range {
                    next,
                    remaining,
                    step,
                } => {
                    if *remaining == 0 {
                        return Ok(None);
                    }
                    let value = *next;
                    *remaining -= 1;
                    *next = next.wrapping_add(*step);
                    return Ok(Some(Value::Int(value)));
                }
                PyIterator::Object(object) => object.clone(),
            }
        };
        let Some(method) = self.special_method(&object, "__next__") else {
            return Ok(None);
        };
        match self.call_value(&method, CallArgs::default()) {
            Ok(value) => Ok(Some(value)),
            Err(mut error) => {
                let exception = self.exception_value(&mut error);
                if exception.type_name() == "StopIteration" {
                    Ok(None)
                } else {
                    Err(error)
                }
            }
        }
    }

    /// Materialises any iterable into a vector.
    pub(crate) fn collect(&mut self, value: &Value) -> PyResult<Vec<Value>> {
        match value {
            Value::List(list) => return Ok(list.borrow().clone()),
            Value::Tuple(items) => return Ok(items.to_vec()),
            Value::Range(range) => self.check_collection_len(range.len())?,
            _ => {}
        }
        let iterator = self.get_iter(value)?;
        let mut items = Vec::new();
        while let Some(item) = self.iter_next(&iterator)? {
            items.push(item);
            if items.len() % 1024 == 0 {
                self.check_collection_len(items.len())?;
                self.tick()?;
            }
        }
        self.check_collection_len(items.len())?;
        Ok(items)
    }

    /// The `(key, value)` pairs of a mapping (dicts, or objects with `keys()`).
    pub(crate) fn mapping_items(&mut self, mapping: &Value) -> PyResult<Vec<(Value, Value)>> {
        if let Value::Dict(dict) = mapping {
            return Ok(dict.borrow().items());
        }
        let keys_method = self.get_attribute(mapping, "keys").map_err(|_| {
            PyErr::type_error(format!("'{}' object is not a mapping", mapping.type_name()))
        })?;
        let keys = self.call_value(&keys_method, CallArgs::default())?;
        let mut items = Vec::new();
        for key in self.collect(&keys)? {
            let value = self.get_item(mapping, &key)?;
            items.push((key, value));
        }
        Ok(items)
    }

    /// `len(value)`.
    pub(crate) fn len_of(&mut self, value: &Value) -> PyResult<usize> {
        Ok(match value {
            Value::Str(text) => text.chars().count(),
            Value::List(items) => items.borrow().len(),
            Value::Tuple(items) => items.len(),
            Value::Dict(dict) => dict.borrow().len(),
            Value::Set(set) => set.borrow().len(),
            Value::FrozenSet(set) => set.len(),
            Value::Range(range) => range.len(),
            Value::Instance(_) if Self::has_special(value, "__len__") => {
                let method = self.special_method(value, "__len__");
                let result = match method {
                    Some(method) => self.call_value(&method, CallArgs::default())?,
                    None => Value::Int(0),
                };
                match result {
                    Value::Int(n) if n >= 0 => n as usize,
                    Value::Int(_) => {
                        return Err(PyErr::value_error("__len__() should return >= 0"));
                    }
                    other => {
                        return Err(PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )));
                    }
                }
            }
            Value::Class(class) => match class.find_hooks() {
                Some((_, hooks)) => hooks.len(self, class)?.ok_or_else(|| no_len(value))?,
                None => return Err(no_len(value)),
            },
            Value::Native(object) => object
                .clone()
                .len(self, value)?
                .ok_or_else(|| no_len(value))?,
            other => return Err(no_len(other)),
        })
    }

    /// `item in container`.
    pub(crate) fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(text) => match item {
                Value::Str(needle) => Ok(text.contains(needle.as_ref())),
                other => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            Value::Dict(dict) => {
                let key = self.hash_key(item.clone())?;
                Ok(dict.borrow().contains(&key))
            }
            Value::Set(set) => {
                let key = self.hash_key(item.clone())?;
                Ok(set.borrow().contains(&key))
            }
            Value::FrozenSet(set) => {
                let key = self.hash_key(item.clone())?;
                Ok(set.contains(&key))
            }
            Value::Range(range) => Ok(match item.as_int() {
                Some(n) => {
                    let in_bounds = if range.step > 0 {
                        n >= range.start && n < range.stop
                    } else {
                        n <= range.start && n > range.stop
                    };
                    in_bounds && (n - range.start) % range.step == 0
                }
                None => false,
            }),
            Value::Instance(_) if Self::has_special(container, "__contains__") => {
                let method = self.special_method(container, "__contains__");
                let result = match method {
                    Some(method) => self.call_value(&method, CallArgs::new(vec![item.clone()]))?,
                    None => Value::Bool(false),
                };
                self.truthy(&result)
            }
            Value::Class(class) => {
                if let Some((_, hooks)) = class.find_hooks()
                    && let Some(found) = hooks.contains(self, class, item)?
                {
                    return Ok(found);
                }
                self.contains_by_iteration(container, item)
            }
            Value::Native(object) => match object.clone().contains(self, container, item)? {
                Some(found) => Ok(found),
                None => self.contains_by_iteration(container, item),
            },
            _ => self.contains_by_iteration(container, item),
        }
    }

    fn contains_by_iteration(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let iterator = self.get_iter(container).map_err(|_| {
            PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                container.error_type_name()
            ))
        })?;
        while let Some(candidate) = self.iter_next(&iterator)? {
            if candidate.is(item) || self.eq_values(&candidate, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

fn not_iterable(value: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not iterable",
        value.error_type_name()
    ))
}

fn no_len(value: &Value) -> PyErr {
    PyErr::type_error(format!(
        "object of type '{}' has no len()",
        value.error_type_name()
    ))
}
