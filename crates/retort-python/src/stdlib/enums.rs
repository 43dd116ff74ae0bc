//! The `enum` module (`Enum`, `IntEnum`, `auto`), built entirely with the
//! host extension API: a class with [`ClassHooks`] that turns class-body
//! assignments into members and gives the class `Color['RED']`,
//! `Color(1)`, iteration, `len` and membership. `class Status(str, Enum)`
//! gets a mixin class in place of `str` (or `int`): its members equal and
//! hash as their values and answer the value's methods.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ast::CmpOp;
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, ClassHooks, NativeFunction, NativeObject};
use crate::value::{BuiltinType, Class, Value};

/// The members of one enum class, in definition order.
#[derive(Debug, Default)]
struct EnumMembers {
    members: RefCell<Vec<(String, Value)>>,
}

/// `enum.auto()` before it is replaced by a value.
#[derive(Debug)]
struct AutoValue;

impl NativeObject for AutoValue {
    fn type_name(&self) -> &str {
        "auto"
    }
}

#[derive(Default)]
struct EnumHooks {
    /// The classes standing in for `str` and `int` beside an enum.
    mixins: RefCell<Vec<(BuiltinType, Rc<Class>)>>,
}

fn members_of(class: &Rc<Class>) -> Option<Rc<EnumMembers>> {
    class
        .host_state()
        .and_then(|state| state.downcast::<EnumMembers>().ok())
}

fn is_member_candidate(name: &str, value: &Value) -> bool {
    if name.starts_with('_') {
        return false;
    }
    !matches!(
        value,
        Value::Function(_)
            | Value::NativeFunction(_)
            | Value::Property(_)
            | Value::StaticMethod(_)
            | Value::ClassMethod(_)
            | Value::Class(_)
    )
}

fn member_name(member: &Value) -> String {
    match member {
        Value::Instance(instance) => instance
            .dict
            .borrow()
            .get("name")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn member_value(member: &Value) -> Value {
    match member {
        Value::Instance(instance) => instance
            .dict
            .borrow()
            .get("value")
            .cloned()
            .unwrap_or(Value::None),
        _ => Value::None,
    }
}

impl ClassHooks for EnumHooks {
    fn data_type_mixin(&self, builtin: BuiltinType) -> Option<Rc<Class>> {
        let mixins = self.mixins.borrow();
        let (_, class) = mixins.iter().find(|(b, _)| *b == builtin)?;
        Some(class.clone())
    }

    fn subclass_created(
        &self,
        interp: &mut Interpreter,
        _base: &Rc<Class>,
        new_class: &Rc<Class>,
        _keywords: &[(String, Value)],
    ) -> PyResult<()> {
        if let Some(parent) = new_class.bases.iter().find_map(members_of)
            && !parent.members.borrow().is_empty()
        {
            return Err(PyErr::type_error(format!(
                "{}: cannot extend enumeration",
                new_class.name
            )));
        }
        let state = Rc::new(EnumMembers::default());
        let entries: Vec<(String, Value)> = new_class
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut next_auto = 1;
        for (name, value) in entries {
            if !is_member_candidate(&name, &value) {
                continue;
            }
            let value = if value.downcast_native::<AutoValue>().is_some() {
                Value::Int(next_auto)
            } else {
                value
            };
            if let Value::Int(n) = value {
                next_auto = n + 1;
            }
            let existing = state
                .members
                .borrow()
                .iter()
                .find(|(_, m)| {
                    let v = member_value(m);
                    crate::dict::keys_equal(&v, &value)
                })
                .map(|(_, m)| m.clone());
            let member = match existing {
                Some(alias) => alias,
                None => {
                    let member = Interpreter::new_instance(new_class);
                    if let Value::Instance(instance) = &member {
                        let mut dict = instance.dict.borrow_mut();
                        dict.insert("name".into(), Value::str(name.as_str()));
                        dict.insert("value".into(), value.clone());
                        dict.insert("_name_".into(), Value::str(name.as_str()));
                        dict.insert("_value_".into(), value.clone());
                    }
                    state
                        .members
                        .borrow_mut()
                        .push((name.clone(), member.clone()));
                    member
                }
            };
            new_class.dict.borrow_mut().insert(name, member);
        }
        let _ = interp;
        new_class.set_host_state(state);
        Ok(())
    }

    fn call(
        &self,
        interp: &mut Interpreter,
        class: &Rc<Class>,
        args: &CallArgs,
    ) -> PyResult<Option<Value>> {
        let Some(state) = members_of(class) else {
            return Err(PyErr::type_error(format!(
                "{}() cannot be instantiated",
                class.name
            )));
        };
        let wanted = args.positional.first().cloned().unwrap_or(Value::None);
        let members = state.members.borrow().clone();
        for (_, member) in &members {
            if member.is(&wanted) || interp.eq_values(&member_value(member), &wanted)? {
                return Ok(Some(member.clone()));
            }
        }
        let shown = interp.repr_value(&wanted)?;
        Err(PyErr::value_error(format!(
            "{shown} is not a valid {}",
            class.qualname
        )))
    }

    fn get_item(
        &self,
        _interp: &mut Interpreter,
        class: &Rc<Class>,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let state = members_of(class).ok_or_else(|| PyErr::key_error(key.clone()))?;
        let name = key.as_str().unwrap_or_default();
        let found = state
            .members
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| m.clone());
        found.map(Some).ok_or_else(|| PyErr::key_error(key.clone()))
    }

    fn iter(&self, _interp: &mut Interpreter, class: &Rc<Class>) -> PyResult<Option<Value>> {
        let members = members_of(class)
            .map(|s| s.members.borrow().iter().map(|(_, m)| m.clone()).collect())
            .unwrap_or_default();
        Ok(Some(Value::list(members)))
    }

    fn len(&self, _interp: &mut Interpreter, class: &Rc<Class>) -> PyResult<Option<usize>> {
        Ok(Some(
            members_of(class).map_or(0, |s| s.members.borrow().len()),
        ))
    }

    fn contains(
        &self,
        _interp: &mut Interpreter,
        class: &Rc<Class>,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        Ok(Some(members_of(class).is_some_and(|s| {
            s.members.borrow().iter().any(|(_, m)| m.is(item))
        })))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        class: &Rc<Class>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if name == "__members__" {
            let mut dict = crate::dict::Dict::new();
            if let Some(state) = members_of(class) {
                for (member_name, member) in state.members.borrow().iter() {
                    if let Ok(key) = crate::dict::HashKey::new(Value::str(member_name.as_str())) {
                        dict.insert(key, member.clone());
                    }
                }
            }
            return Ok(Some(Value::Dict(Rc::new(RefCell::new(dict)))));
        }
        Ok(None)
    }

    fn set_attr(
        &self,
        _interp: &mut Interpreter,
        class: &Rc<Class>,
        name: &str,
        _value: &Value,
    ) -> PyResult<bool> {
        if members_of(class).is_some_and(|s| s.members.borrow().iter().any(|(n, _)| n == name)) {
            return Err(PyErr::attribute_error(format!(
                "cannot reassign member '{name}'"
            )));
        }
        Ok(false)
    }
}

/// The value of `value` when it is a member of an enum with a data type
/// mixed in (its class's `_member_type_` is `str` or `int`): what it
/// hashes, compares and serializes as.
pub fn data_type_value(value: &Value) -> Option<Value> {
    let Value::Instance(instance) = value else {
        return None;
    };
    match instance.class.lookup("_member_type_") {
        Some(Value::Class(data_type)) if data_type.builtin.is_some() => Some(member_value(value)),
        _ => None,
    }
}

/// Builds the `enum` module.
pub fn module(interp: &mut Interpreter) -> PyResult<Value> {
    let repr = NativeFunction::method("__repr__", |interp, args| {
        let member = args.positional.first().cloned().unwrap_or(Value::None);
        let class_name = interp.class_of(&member).name.to_string();
        let value = interp.repr_value(&member_value(&member))?;
        Ok(Value::str(format!(
            "<{class_name}.{}: {value}>",
            member_name(&member)
        )))
    });
    let str_method = NativeFunction::method("__str__", |interp, args| {
        let member = args.positional.first().cloned().unwrap_or(Value::None);
        let class_name = interp.class_of(&member).name.to_string();
        Ok(Value::str(format!("{class_name}.{}", member_name(&member))))
    });
    let hash = NativeFunction::method("__hash__", |_, args| {
        let name = args.positional.first().map(member_name).unwrap_or_default();
        Ok(Value::Int(
            crate::dict::hash_value(&Value::str(name.as_str())).unwrap_or(0) as i64 >> 1,
        ))
    });
    let enum_hooks = Rc::new(EnumHooks::default());
    let hooks: Rc<dyn ClassHooks> = enum_hooks.clone();
    let enum_class = interp.new_class(
        "Enum",
        Vec::new(),
        vec![
            ("__repr__", repr),
            ("__str__", str_method.clone()),
            ("__hash__", hash),
            ("__module__", Value::str("enum")),
        ],
        Some(hooks.clone()),
    )?;
    let int_str = NativeFunction::method("__str__", |interp, args| {
        let member = args.positional.first().cloned().unwrap_or(Value::None);
        interp
            .str_value(&member_value(&member))
            .map(|s| Value::str(s.as_str()))
    });
    let int_eq = NativeFunction::method("__eq__", |interp, args| {
        let member = args.positional.first().cloned().unwrap_or(Value::None);
        let other = args.positional.get(1).cloned().unwrap_or(Value::None);
        let other = if interp
            .class_of(&other)
            .is_subclass_of(&interp.class_of(&member))
        {
            member_value(&other)
        } else {
            other
        };
        Ok(Value::Bool(
            interp.eq_values(&member_value(&member), &other)?,
        ))
    });
    let int_enum = interp.new_class(
        "IntEnum",
        vec![enum_class.clone()],
        vec![
            ("__str__", int_str.clone()),
            ("__eq__", int_eq.clone()),
            ("__module__", Value::str("enum")),
        ],
        None,
    )?;
    let str_enum = interp.new_class(
        "StrEnum",
        vec![enum_class.clone()],
        vec![("__str__", int_str), ("__module__", Value::str("enum"))],
        None,
    )?;
    // `str`/`int` beside `Enum`: equal and hashed as the value, its
    // methods answered by the value; printed as an `Enum`.
    let value_hash = NativeFunction::method("__hash__", |_, args| {
        let value = args.positional.first().map(member_value);
        let hash = value.as_ref().and_then(crate::cpython_hash::hash);
        Ok(Value::Int(hash.unwrap_or(0)))
    });
    let value_getattr = NativeFunction::method("__getattr__", |interp, args| {
        let member = args.positional.first().cloned().unwrap_or(Value::None);
        let name = args.positional.get(1).cloned().unwrap_or(Value::None);
        let name = name.as_str().unwrap_or_default().to_string();
        interp.get_attribute(&member_value(&member), &name)
    });
    let ordering: Vec<(&'static str, Value)> = [
        ("__lt__", CmpOp::Lt),
        ("__le__", CmpOp::LtE),
        ("__gt__", CmpOp::Gt),
        ("__ge__", CmpOp::GtE),
    ]
    .into_iter()
    .map(|(name, op)| {
        let method = NativeFunction::method(name, move |interp, args| {
            let value = |v: Option<&Value>| match v {
                Some(v) => data_type_value(v).unwrap_or_else(|| v.clone()),
                None => Value::None,
            };
            let (a, b) = (
                value(args.positional.first()),
                value(args.positional.get(1)),
            );
            interp.compare(op, &a, &b)
        });
        (name, method)
    })
    .collect();
    for (builtin, name) in [(BuiltinType::Str, "str"), (BuiltinType::Int, "int")] {
        let data_type = interp
            .builtin_class(name)
            .ok_or_else(|| PyErr::type_error(format!("no built-in type '{name}'")))?;
        let mut methods = vec![
            ("_member_type_", Value::Class(data_type)),
            ("__eq__", int_eq.clone()),
            ("__hash__", value_hash.clone()),
            ("__getattr__", value_getattr.clone()),
            ("__module__", Value::str("enum")),
        ];
        methods.extend(ordering.iter().cloned());
        let mixin = interp.new_class(name, vec![enum_class.clone()], methods, None)?;
        enum_hooks.mixins.borrow_mut().push((builtin, mixin));
    }
    let auto = NativeFunction::function("auto", |_, _| Ok(Value::native(AutoValue)));
    Ok(Interpreter::new_module(
        "enum",
        vec![
            ("Enum", Value::Class(enum_class)),
            ("IntEnum", Value::Class(int_enum)),
            ("StrEnum", Value::Class(str_enum)),
            ("auto", auto),
        ],
    ))
}
