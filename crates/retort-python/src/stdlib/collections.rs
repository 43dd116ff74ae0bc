//! The `collections` module: `defaultdict` and `Counter` (native wrappers
//! around a dict) and `namedtuple` (a host-built class), plus `OrderedDict`
//! as plain `dict`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp};
use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction, NativeObject};
use crate::value::Value;

/// `defaultdict(factory)` or, with `counter` set, `Counter(...)`.
#[derive(Debug)]
pub struct DefaultDict {
    dict: Rc<RefCell<Dict>>,
    factory: Value,
    counter: bool,
}

impl DefaultDict {
    fn as_dict(&self) -> Value {
        Value::Dict(self.dict.clone())
    }

    fn count_into(&self, interp: &mut Interpreter, source: &Value) -> PyResult<()> {
        if let Value::Dict(other) = source {
            for (key, value) in other.borrow().items() {
                let key = interp.hash_key(key)?;
                let current = self
                    .dict
                    .borrow()
                    .get(&key)
                    .cloned()
                    .unwrap_or(Value::Int(0));
                let total = interp.binary_op(BinOp::Add, &current, &value)?;
                self.dict.borrow_mut().insert(key, total);
            }
            return Ok(());
        }
        for item in interp.collect(source)? {
            let key = interp.hash_key(item)?;
            let current = self
                .dict
                .borrow()
                .get(&key)
                .and_then(Value::as_int)
                .unwrap_or(0);
            self.dict
                .borrow_mut()
                .insert(key, Value::Int(current.saturating_add(1)));
        }
        Ok(())
    }

    fn most_common(&self) -> Vec<(Value, Value)> {
        let mut items = self.dict.borrow().items();
        retort_sort::sort_by_key(&mut items, |item| {
            std::cmp::Reverse(item.1.as_int().unwrap_or(0))
        });
        items
    }
}

impl NativeObject for DefaultDict {
    fn type_name(&self) -> &str {
        if self.counter {
            "Counter"
        } else {
            "defaultdict"
        }
    }

    fn error_type_name(&self) -> Option<&str> {
        // `Counter` is a Python class; `defaultdict` is written in C.
        (!self.counter).then_some("collections.defaultdict")
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        if self.counter {
            if self.dict.borrow().is_empty() {
                return Ok("Counter()".into());
            }
            let mut sorted = Dict::new();
            for (key, value) in self.most_common() {
                sorted.insert(interp.hash_key(key)?, value);
            }
            let inner = interp.repr(&Value::Dict(Rc::new(RefCell::new(sorted))))?;
            return Ok(format!("Counter({inner})"));
        }
        let factory = match &self.factory {
            Value::None => "None".to_string(),
            other => interp.repr(other)?,
        };
        Ok(format!(
            "defaultdict({factory}, {})",
            interp.repr(&self.as_dict())?
        ))
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let hash_key = interp.hash_key(key.clone())?;
        if let Some(value) = self.dict.borrow().get(&hash_key) {
            return Ok(Some(value.clone()));
        }
        if self.counter {
            return Ok(Some(Value::Int(0)));
        }
        if matches!(self.factory, Value::None) {
            return Err(PyErr::key_error(key.clone()));
        }
        let value = interp.call(&self.factory, CallArgs::default())?;
        self.dict.borrow_mut().insert(hash_key, value.clone());
        Ok(Some(value))
    }

    fn set_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
        value: Value,
    ) -> PyResult<bool> {
        let key = interp.hash_key(key.clone())?;
        self.dict.borrow_mut().insert(key, value);
        Ok(true)
    }

    fn del_item(&self, interp: &mut Interpreter, _this: &Value, key: &Value) -> PyResult<bool> {
        let hash_key = interp.hash_key(key.clone())?;
        match self.dict.borrow_mut().remove(&hash_key) {
            Some(_) => Ok(true),
            None => Err(PyErr::key_error(key.clone())),
        }
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.dict.borrow().len()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.dict.borrow().keys())))
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.dict.borrow().is_empty())
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        let key = interp.hash_key(item.clone())?;
        Ok(Some(self.dict.borrow().contains(&key)))
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        if !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
            return Ok(None);
        }
        let other = match other.downcast_native::<DefaultDict>() {
            Some(other) => other.as_dict(),
            None => other.clone(),
        };
        let equal = interp.eq_values(&self.as_dict(), &other)?;
        Ok(Some(Value::Bool(if op == CmpOp::Eq {
            equal
        } else {
            !equal
        })))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        match (name, self.counter) {
            ("default_factory", false) => return Ok(Some(self.factory.clone())),
            ("most_common", true) => {
                let this = this.clone();
                return Ok(Some(NativeFunction::function(
                    "most_common",
                    move |_, args| {
                        let Some(counter) = this.downcast_native::<DefaultDict>() else {
                            return Ok(Value::list(Vec::new()));
                        };
                        let limit = args
                            .positional
                            .first()
                            .and_then(Value::as_int)
                            .map_or(usize::MAX, |n| n.max(0) as usize);
                        Ok(Value::list(
                            counter
                                .most_common()
                                .into_iter()
                                .take(limit)
                                .map(|(k, v)| Value::tuple(vec![k, v]))
                                .collect(),
                        ))
                    },
                )));
            }
            ("update", true) => {
                let this = this.clone();
                return Ok(Some(NativeFunction::function(
                    "update",
                    move |interp, args| {
                        if let (Some(counter), Some(source)) = (
                            this.downcast_native::<DefaultDict>(),
                            args.positional.first(),
                        ) {
                            counter.count_into(interp, source)?;
                        }
                        Ok(Value::None)
                    },
                )));
            }
            ("total", true) => {
                let total: i64 = self
                    .dict
                    .borrow()
                    .values()
                    .iter()
                    .filter_map(Value::as_int)
                    .sum();
                return Ok(Some(NativeFunction::function("total", move |_, _| {
                    Ok(Value::Int(total))
                })));
            }
            _ => {}
        }
        crate::builtins::methods::lookup(interp, &self.as_dict(), name)
    }
}

fn namedtuple(interp: &mut Interpreter, args: CallArgs) -> PyResult<Value> {
    args.check("namedtuple", 2, 2)?;
    let name = interp.str(&args.positional[0])?;
    let fields: Vec<String> = match &args.positional[1] {
        Value::Str(text) => text
            .replace(',', " ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        other => interp
            .collect(other)?
            .iter()
            .map(|f| f.as_str().unwrap_or_default().to_string())
            .collect(),
    };
    let field_values = Rc::new(fields);
    let values_of = |instance: &Value, fields: &[String]| -> Vec<Value> {
        match instance {
            Value::Instance(instance) => fields
                .iter()
                .map(|f| {
                    instance
                        .dict
                        .borrow()
                        .get(f)
                        .cloned()
                        .unwrap_or(Value::None)
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let (f_init, f_repr, f_iter, f_eq, f_item, f_len, f_dict, f_hash) = (
        field_values.clone(),
        field_values.clone(),
        field_values.clone(),
        field_values.clone(),
        field_values.clone(),
        field_values.clone(),
        field_values.clone(),
        field_values.clone(),
    );
    let class_name = name.clone();
    let entries: Vec<(&str, Value)> = vec![
        (
            "__init__",
            NativeFunction::method("__init__", move |_, mut args| {
                let instance = args.positional.remove(0);
                let Value::Instance(object) = &instance else {
                    return Err(PyErr::type_error("namedtuple __init__ needs an instance"));
                };
                if args.positional.len() > f_init.len() {
                    return Err(PyErr::type_error(format!(
                        "__new__() takes {} positional arguments but {} were given",
                        f_init.len() + 1,
                        args.positional.len() + 1
                    )));
                }
                let mut positional = std::mem::take(&mut args.positional).into_iter();
                for field in f_init.iter() {
                    let value = positional.next().or_else(|| args.take_keyword(field));
                    let Some(value) = value else {
                        return Err(PyErr::type_error(format!(
                            "__new__() missing 1 required positional argument: '{field}'"
                        )));
                    };
                    object.dict.borrow_mut().insert(field.clone(), value);
                }
                if let Some((key, _)) = args.keywords.first() {
                    return Err(PyErr::type_error(format!(
                        "__new__() got an unexpected keyword argument '{key}'"
                    )));
                }
                Ok(Value::None)
            }),
        ),
        (
            "__repr__",
            NativeFunction::method("__repr__", move |interp, args| {
                let instance = args.positional.first().cloned().unwrap_or(Value::None);
                let mut parts = Vec::new();
                for (field, value) in f_repr.iter().zip(values_of(&instance, &f_repr)) {
                    parts.push(format!("{field}={}", interp.repr(&value)?));
                }
                Ok(Value::str(format!("{class_name}({})", parts.join(", "))))
            }),
        ),
        (
            "__iter__",
            NativeFunction::method("__iter__", move |_, args| {
                Ok(Value::tuple(values_of(
                    args.positional.first().unwrap_or(&Value::None),
                    &f_iter,
                )))
            }),
        ),
        (
            "__eq__",
            NativeFunction::method("__eq__", move |interp, args| {
                let mine = Value::tuple(values_of(
                    args.positional.first().unwrap_or(&Value::None),
                    &f_eq,
                ));
                let other = args.positional.get(1).cloned().unwrap_or(Value::None);
                let other = match &other {
                    Value::Instance(_) => Value::tuple(values_of(&other, &f_eq)),
                    _ => other,
                };
                Ok(Value::Bool(interp.eq_values(&mine, &other)?))
            }),
        ),
        (
            "__hash__",
            NativeFunction::method("__hash__", move |_, args| {
                let values = Value::tuple(values_of(
                    args.positional.first().unwrap_or(&Value::None),
                    &f_hash,
                ));
                Ok(Value::Int(
                    crate::dict::hash_value(&values).unwrap_or(0) as i64 >> 1,
                ))
            }),
        ),
        (
            "__getitem__",
            NativeFunction::method("__getitem__", move |interp, args| {
                let values = Value::tuple(values_of(
                    args.positional.first().unwrap_or(&Value::None),
                    &f_item,
                ));
                interp.get_item(&values, args.positional.get(1).unwrap_or(&Value::None))
            }),
        ),
        (
            "__len__",
            NativeFunction::method("__len__", move |_, _| Ok(Value::Int(f_len.len() as i64))),
        ),
        (
            "_asdict",
            NativeFunction::method("_asdict", move |interp, args| {
                let mut dict = Dict::new();
                for (field, value) in f_dict.iter().zip(values_of(
                    args.positional.first().unwrap_or(&Value::None),
                    &f_dict,
                )) {
                    dict.insert(interp.hash_key(Value::str(field.as_str()))?, value);
                }
                Ok(Value::Dict(Rc::new(RefCell::new(dict))))
            }),
        ),
        (
            "_fields",
            Value::tuple(
                field_values
                    .iter()
                    .map(|f| Value::str(f.as_str()))
                    .collect(),
            ),
        ),
        ("__module__", Value::str("__main__")),
    ];
    let class = interp.new_class(&name, Vec::new(), entries, None)?;
    Ok(Value::Class(class))
}

/// Builds the `collections` module.
pub fn module(interp: &mut Interpreter) -> PyResult<Value> {
    let defaultdict = NativeFunction::function("defaultdict", |interp, args| {
        let factory = args.positional.first().cloned().unwrap_or(Value::None);
        let dict = Rc::new(RefCell::new(Dict::new()));
        if let Some(source) = args.positional.get(1) {
            crate::builtins::constructors::fill_dict(interp, &mut dict.borrow_mut(), source)?;
        }
        Ok(Value::native(DefaultDict {
            dict,
            factory,
            counter: false,
        }))
    });
    let counter = NativeFunction::function("Counter", |interp, args| {
        let counter = DefaultDict {
            dict: Rc::new(RefCell::new(Dict::new())),
            factory: Value::None,
            counter: true,
        };
        if let Some(source) = args.positional.first() {
            counter.count_into(interp, source)?;
        }
        for (key, value) in args.keywords {
            counter
                .dict
                .borrow_mut()
                .insert(interp.hash_key(Value::str(key.as_str()))?, value);
        }
        Ok(Value::native(counter))
    });
    let dict_class = Value::Class(
        interp
            .builtin_class("dict")
            .unwrap_or_else(|| interp.class_of(&Value::None)),
    );
    Ok(Interpreter::new_module(
        "collections",
        vec![
            ("defaultdict", defaultdict),
            ("Counter", counter),
            (
                "namedtuple",
                NativeFunction::function("namedtuple", namedtuple),
            ),
            ("OrderedDict", dict_class),
        ],
    ))
}
