//! Attribute access with Python's rules: data descriptors before the
//! instance dict, then non-data descriptors and plain class attributes;
//! method binding; `super()`; class, module and native attributes.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{Binding, CallArgs};
use crate::value::{BoundMethod, Class, Namespace, Property, Value};

fn namespace_dict(namespace: &Namespace) -> Value {
    crate::builtins::namespace_view::namespace_view(namespace)
}

fn no_attribute(object: &Value, name: &str) -> PyErr {
    PyErr::attribute_error(format!(
        "'{}' object has no attribute '{name}'",
        object.error_type_name()
    ))
}

impl Interpreter {
    /// `type(value)` as a class object.
    pub(crate) fn type_of(&self, value: &Value) -> Rc<Class> {
        match value {
            Value::Instance(instance) => instance.class.clone(),
            Value::Native(object) => self.types.native_class(object.type_name()),
            other => self.types.for_value(other),
        }
    }

    pub(crate) fn builtin_matches(&self, value: &Value, class: &Rc<Class>) -> bool {
        Rc::ptr_eq(class, &self.types.object) && !matches!(value, Value::Instance(_))
    }

    fn is_data_descriptor(value: &Value) -> bool {
        match value {
            Value::Property(_) => true,
            Value::Native(object) => object.is_data_descriptor(),
            Value::Instance(instance) => {
                instance.class.lookup("__set__").is_some()
                    || instance.class.lookup("__delete__").is_some()
            }
            _ => false,
        }
    }

    /// Applies the descriptor protocol to a member found in `owner`'s MRO.
    pub(crate) fn bind_class_member(
        &mut self,
        member: &Value,
        instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> PyResult<Value> {
        let bound = |receiver: Value, function: Value| {
            Value::BoundMethod(Rc::new(BoundMethod { receiver, function }))
        };
        Ok(match member {
            Value::Function(_) => match instance {
                Some(instance) => bound(instance.clone(), member.clone()),
                None => member.clone(),
            },
            Value::NativeFunction(native) => match (native.binding, instance) {
                (Binding::Method, Some(instance)) => bound(instance.clone(), member.clone()),
                (Binding::ClassMethod, _) => bound(Value::Class(owner.clone()), member.clone()),
                _ => member.clone(),
            },
            Value::ClassMethod(inner) => bound(Value::Class(owner.clone()), (**inner).clone()),
            Value::StaticMethod(inner) => (**inner).clone(),
            Value::Property(property) => match instance {
                Some(instance) => match &property.getter {
                    Some(getter) => {
                        self.call_value(getter, CallArgs::new(vec![instance.clone()]))?
                    }
                    None => {
                        return Err(PyErr::attribute_error(format!(
                            "property of '{}' object has no getter",
                            owner.name
                        )));
                    }
                },
                None => member.clone(),
            },
            Value::Native(object) => object
                .clone()
                .descriptor_get(self, member, instance, owner)?
                .unwrap_or_else(|| member.clone()),
            Value::Instance(descriptor) if descriptor.class.lookup("__get__").is_some() => {
                let getter = self.get_attribute(member, "__get__")?;
                let instance_arg = instance.cloned().unwrap_or(Value::None);
                self.call_value(
                    &getter,
                    CallArgs::new(vec![instance_arg, Value::Class(owner.clone())]),
                )?
            }
            other => other.clone(),
        })
    }

    /// Finds a special method on the value's type and binds it.
    pub(crate) fn special_method(&mut self, value: &Value, name: &str) -> Option<Value> {
        let Value::Instance(instance) = value else {
            return None;
        };
        let member = instance.class.lookup(name)?;
        self.bind_class_member(&member, Some(value), &instance.class.clone())
            .ok()
    }

    /// Whether a user-level special method exists on the value's class.
    pub(crate) fn has_special(value: &Value, name: &str) -> bool {
        matches!(value, Value::Instance(instance) if instance.class.lookup(name).is_some())
    }

    /// `getattr(object, name)`.
    pub(crate) fn get_attribute(&mut self, object: &Value, name: &str) -> PyResult<Value> {
        match object {
            Value::Instance(instance) => {
                let class = instance.class.clone();
                match name {
                    "__class__" => return Ok(Value::Class(class)),
                    "__dict__" => {
                        if let Some((_, hooks)) = class.find_hooks()
                            && let Some(dict) = hooks.instance_dict(self, object)?
                        {
                            return Ok(dict);
                        }
                        return Ok(namespace_dict(&instance.dict));
                    }
                    _ => {}
                }
                let class_member = class.lookup(name);
                if let Some(member) = &class_member
                    && Self::is_data_descriptor(member)
                {
                    return self.bind_class_member(member, Some(object), &class);
                }
                if let Some(value) = instance.dict.borrow().get(name) {
                    return Ok(value.clone());
                }
                if let Some(member) = class_member {
                    return self.bind_class_member(&member, Some(object), &class);
                }
                if name == "__cause__" || name == "__context__" {
                    return Ok(Value::None);
                }
                if let Some(getattr) = class.lookup("__getattr__") {
                    let bound = self.bind_class_member(&getattr, Some(object), &class)?;
                    return self.call_value(&bound, CallArgs::new(vec![Value::str(name)]));
                }
                Err(no_attribute(object, name))
            }
            Value::Class(class) => self.class_attribute(class, name),
            Value::Module(module) if name == "__dict__" => Ok(namespace_dict(&module.dict)),
            Value::Module(module) => {
                let found = module.dict.borrow().get(name).cloned();
                if let Some(value) = found {
                    return Ok(value);
                }
                // PEP 562: a module's own `__getattr__` answers the names
                // its dict lacks.
                let getattr = module.dict.borrow().get("__getattr__").cloned();
                match getattr {
                    Some(getattr) if name != "__getattr__" => {
                        self.call_value(&getattr, CallArgs::new(vec![Value::str(name)]))
                    }
                    _ => Err(PyErr::attribute_error(format!(
                        "module '{}' has no attribute '{name}'",
                        module.name
                    ))),
                }
            }
            Value::Native(native) => match native.clone().get_attr(self, object, name)? {
                Some(value) => Ok(value),
                None if name == "__class__" => Ok(Value::Class(self.type_of(object))),
                // `obj.__repr__()` and `obj.__str__()` call what `repr()`
                // and `str()` call.
                None if matches!(name, "__repr__" | "__str__") => {
                    let receiver = object.clone();
                    let as_repr = name == "__repr__";
                    Ok(crate::native::NativeFunction::function(
                        if as_repr { "__repr__" } else { "__str__" },
                        move |interp, args| {
                            args.check(if as_repr { "__repr__" } else { "__str__" }, 0, 0)?;
                            let text = if as_repr {
                                interp.repr(&receiver)?
                            } else {
                                interp.str(&receiver)?
                            };
                            Ok(Value::str(text))
                        },
                    ))
                }
                None if matches!(name, "__name__" | "__qualname__") => {
                    // A library class held natively (`Session`, `Integer`)
                    // is named by the last part of its repr's dotted path.
                    let repr = native.repr(self, object)?;
                    match repr
                        .strip_prefix("<class '")
                        .and_then(|rest| rest.strip_suffix("'>"))
                    {
                        Some(path) => Ok(Value::str(path.rsplit('.').next().unwrap_or(path))),
                        None => Err(no_attribute(object, name)),
                    }
                }
                None => Err(no_attribute(object, name)),
            },
            Value::Super(sup) => {
                let receiver_class = match &sup.receiver {
                    Value::Class(class) => class.clone(),
                    other => self.type_of(other),
                };
                let start = receiver_class
                    .mro_iter()
                    .position(|c| Rc::ptr_eq(c, &sup.class))
                    .map_or(0, |i| i + 1);
                let found = receiver_class
                    .mro_iter()
                    .skip(start)
                    .find_map(|c| c.dict.borrow().get(name).cloned());
                match found {
                    Some(member) => {
                        let instance = if matches!(sup.receiver, Value::Class(_)) {
                            None
                        } else {
                            Some(&sup.receiver)
                        };
                        self.bind_class_member(&member, instance, &receiver_class)
                    }
                    None if name == "__init__" => Ok(crate::native::NativeFunction::function(
                        "__init__",
                        |_, _| Ok(Value::None),
                    )),
                    None => Err(PyErr::attribute_error(format!(
                        "'super' object has no attribute '{name}'"
                    ))),
                }
            }
            Value::Function(function) => match name {
                "__name__" => Ok(Value::str(function.name.borrow().as_str())),
                "__qualname__" => Ok(Value::str(function.qualname.as_str())),
                "__doc__" => Ok(Value::None),
                "__module__" => Ok(function
                    .globals
                    .borrow()
                    .get("__name__")
                    .cloned()
                    .unwrap_or(Value::None)),
                "__dict__" => Ok(namespace_dict(&function.attributes)),
                _ => function
                    .attributes
                    .borrow()
                    .get(name)
                    .cloned()
                    .ok_or_else(|| no_attribute(object, name)),
            },
            Value::NativeFunction(native) if name == "__name__" => {
                Ok(Value::str(native.name.as_str()))
            }
            Value::BoundMethod(bound) => match name {
                "__self__" => Ok(bound.receiver.clone()),
                "__func__" => Ok(bound.function.clone()),
                _ => self.get_attribute(&bound.function.clone(), name),
            },
            Value::Property(property) => self.property_attribute(object, property, name),
            _ => match crate::builtins::methods::lookup(self, object, name)? {
                Some(value) => Ok(value),
                None => Err(no_attribute(object, name)),
            },
        }
    }

    fn property_attribute(
        &mut self,
        object: &Value,
        property: &Rc<Property>,
        name: &str,
    ) -> PyResult<Value> {
        let template = (**property).clone();
        let make = move |kind: &'static str| {
            let template = template.clone();
            crate::native::NativeFunction::function(kind, move |_, args| {
                let accessor = args.positional.first().cloned();
                let mut updated = template.clone();
                match kind {
                    "setter" => updated.setter = accessor,
                    "deleter" => updated.deleter = accessor,
                    _ => updated.getter = accessor,
                }
                Ok(Value::Property(Rc::new(updated)))
            })
        };
        match name {
            "setter" => Ok(make("setter")),
            "deleter" => Ok(make("deleter")),
            "getter" => Ok(make("getter")),
            "fget" => Ok(property.getter.clone().unwrap_or(Value::None)),
            "fset" => Ok(property.setter.clone().unwrap_or(Value::None)),
            _ => Err(no_attribute(object, name)),
        }
    }

    fn class_attribute(&mut self, class: &Rc<Class>, name: &str) -> PyResult<Value> {
        match name {
            "__name__" => return Ok(Value::str(class.name.clone())),
            "__qualname__" => return Ok(Value::str(class.qualname.as_str())),
            "__module__" if class.dict.borrow().get("__module__").is_none() => {
                return Ok(Value::str(class.module.as_str()));
            }
            "__mro__" => {
                return Ok(Value::tuple(
                    class.mro_iter().map(|c| Value::Class(c.clone())).collect(),
                ));
            }
            "__bases__" => {
                return Ok(Value::tuple(
                    class
                        .bases
                        .iter()
                        .map(|c| Value::Class(c.clone()))
                        .collect(),
                ));
            }
            "__dict__" => return Ok(namespace_dict(&class.dict)),
            "__class__" => return Ok(Value::Class(self.types.type_.clone())),
            "__doc__" if class.lookup("__doc__").is_none() => return Ok(Value::None),
            _ => {}
        }
        if let Some(member) = class.lookup(name) {
            return self.bind_class_member(&member, None, class);
        }
        if let Some((_, hooks)) = class.find_hooks()
            && let Some(value) = hooks.get_attr(self, class, name)?
        {
            return Ok(value);
        }
        if let Some(value) = crate::builtins::methods::class_attribute(self, class, name)? {
            return Ok(value);
        }
        Err(PyErr::attribute_error(format!(
            "type object '{}' has no attribute '{name}'",
            class.name
        )))
    }

    /// `setattr(object, name, value)`.
    pub(crate) fn set_attribute(
        &mut self,
        object: &Value,
        name: &str,
        value: Value,
    ) -> PyResult<()> {
        match object {
            Value::Instance(instance) => {
                let class = instance.class.clone();
                if let Some(member) = class.lookup(name) {
                    match &member {
                        Value::Property(property) => {
                            return match &property.setter {
                                Some(setter) => self
                                    .call_value(setter, CallArgs::new(vec![object.clone(), value]))
                                    .map(|_| ()),
                                None => Err(PyErr::attribute_error(format!(
                                    "property '{name}' of '{}' object has no setter",
                                    class.name
                                ))),
                            };
                        }
                        Value::Native(native) if native.is_data_descriptor() => {
                            return native.clone().descriptor_set(self, &member, object, value);
                        }
                        Value::Instance(descriptor)
                            if descriptor.class.lookup("__set__").is_some() =>
                        {
                            let setter = self.get_attribute(&member, "__set__")?;
                            return self
                                .call_value(&setter, CallArgs::new(vec![object.clone(), value]))
                                .map(|_| ());
                        }
                        _ => {}
                    }
                }
                if let Some(setattr) = class.lookup("__setattr__")
                    && matches!(setattr, Value::Function(_))
                {
                    let bound = self.bind_class_member(&setattr, Some(object), &class)?;
                    return self
                        .call_value(&bound, CallArgs::new(vec![Value::str(name), value]))
                        .map(|_| ());
                }
                instance.dict.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            Value::Class(class) => {
                if let Some((_, hooks)) = class.find_hooks()
                    && hooks.set_attr(self, class, name, &value)?
                {
                    return Ok(());
                }
                if let Value::Function(function) = &value {
                    *function.defining_class.borrow_mut() = Some(Rc::downgrade(class));
                }
                class.dict.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            Value::Module(module) => {
                module.dict.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            Value::Native(native) => {
                if native.clone().set_attr(self, object, name, value)? {
                    Ok(())
                } else {
                    Err(no_attribute(object, name))
                }
            }
            Value::Function(function) => {
                if name == "__name__" {
                    *function.name.borrow_mut() = value.as_str().unwrap_or_default().to_string();
                }
                function
                    .attributes
                    .borrow_mut()
                    .insert(name.to_string(), value);
                Ok(())
            }
            _ => Err(no_attribute(object, name)),
        }
    }

    /// `delattr(object, name)`.
    pub(crate) fn del_attribute(&mut self, object: &Value, name: &str) -> PyResult<()> {
        match object {
            Value::Instance(instance) => {
                let class = instance.class.clone();
                if let Some(member) = class.lookup(name) {
                    match &member {
                        Value::Property(property) => {
                            return match &property.deleter {
                                Some(deleter) => self
                                    .call_value(deleter, CallArgs::new(vec![object.clone()]))
                                    .map(|_| ()),
                                None => Err(PyErr::attribute_error(format!(
                                    "property '{name}' of '{}' object has no deleter",
                                    class.name
                                ))),
                            };
                        }
                        Value::Native(native) if native.is_data_descriptor() => {
                            return native.clone().descriptor_delete(self, &member, object);
                        }
                        _ => {}
                    }
                }
                match instance.dict.borrow_mut().shift_remove(name) {
                    Some(_) => Ok(()),
                    None => Err(no_attribute(object, name)),
                }
            }
            Value::Class(class) => match class.dict.borrow_mut().shift_remove(name) {
                Some(_) => Ok(()),
                None => Err(PyErr::attribute_error(format!(
                    "type object '{}' has no attribute '{name}'",
                    class.name
                ))),
            },
            Value::Module(module) => match module.dict.borrow_mut().shift_remove(name) {
                Some(_) => Ok(()),
                None => Err(PyErr::attribute_error(format!(
                    "module '{}' has no attribute '{name}'",
                    module.name
                ))),
            },
            Value::Native(native) => {
                if native.clone().del_attr(self, object, name)? {
                    Ok(())
                } else {
                    Err(no_attribute(object, name))
                }
            }
            _ => Err(no_attribute(object, name)),
        }
    }
}
