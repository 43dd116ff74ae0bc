//! `hybrid_property`: a data descriptor calling its getter with the
//! instance, and with the class (or its `.expression` function) for a SQL
//! expression; `.setter` / `.deleter` / `.getter` / `.expression` return a
//! copy, `.inplace.<name>` changes this one.

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::native::object_repr;
use retort_python::{CallArgs, Class, Interpreter, NativeFunction, NativeObject, PyErr};
use retort_python::{PyResult, Value};

use super::proxy::{Proxy, attribute_key};
use super::{function_name, unwrap_classmethod};

/// The functions of a hybrid property.
#[derive(Debug, Clone)]
struct Accessors {
    fget: Value,
    fset: Option<Value>,
    fdel: Option<Value>,
    expr: Option<Value>,
    /// `InvalidRequestError`, for a class-level value that is not SQL.
    error_class: Option<Rc<Class>>,
}

/// Which function a modifying decorator replaces.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Getter,
    Setter,
    Deleter,
    Expression,
}

impl Slot {
    fn named(name: &str) -> Option<Slot> {
        Some(match name {
            "getter" => Slot::Getter,
            "setter" => Slot::Setter,
            "deleter" => Slot::Deleter,
            "expression" => Slot::Expression,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Slot::Getter => "getter",
            Slot::Setter => "setter",
            Slot::Deleter => "deleter",
            Slot::Expression => "expression",
        }
    }
}

impl Accessors {
    fn with(&self, slot: Slot, function: Value) -> Accessors {
        let mut next = self.clone();
        match slot {
            Slot::Getter => next.fget = function,
            Slot::Setter => next.fset = Some(function),
            Slot::Deleter => next.fdel = Some(function),
            Slot::Expression => next.expr = Some(function),
        }
        next
    }
}

/// `@hybrid_property`.
#[derive(Debug)]
pub struct HybridProperty {
    accessors: RefCell<Accessors>,
}

fn present(value: Option<Value>) -> Option<Value> {
    value.filter(|v| !v.is_none())
}

impl HybridProperty {
    /// `hybrid_property(fget, fset=None, fdel=None, expr=None)` as a Python
    /// value; `error_class` is the run's `InvalidRequestError`.
    pub fn value(
        fget: Value,
        fset: Option<Value>,
        fdel: Option<Value>,
        expr: Option<Value>,
        error_class: Option<Rc<Class>>,
    ) -> Value {
        Value::native(HybridProperty {
            accessors: RefCell::new(Accessors {
                fget,
                fset: present(fset),
                fdel: present(fdel),
                expr: present(expr).map(unwrap_classmethod),
                error_class,
            }),
        })
    }

    fn accessors(&self) -> Accessors {
        self.accessors.borrow().clone()
    }

    /// The hybrid read on a class: its `.expression` function (else the
    /// getter) called with `receiver` as `cls` — `class` itself or an
    /// `aliased(class)`, shown as `shown` — made the attribute's proxy.
    pub fn on_class(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        receiver: Value,
        class: &Rc<Class>,
        shown: &str,
    ) -> PyResult<Value> {
        let accessors = self.accessors();
        let name = function_name(interp, &accessors.fget);
        let key = attribute_key(class, this, name.as_deref());
        let function = accessors.expr.unwrap_or(accessors.fget);
        let result = interp.call(&function, CallArgs::new(vec![receiver]))?;
        let proxy = Proxy {
            owner: shown,
            hybrid: this,
            key,
            error_class: accessors.error_class,
        };
        proxy.wrap(interp, result)
    }

    /// The decorator `hybrid.<slot>`: a new hybrid with that function.
    fn copying(&self, slot: Slot) -> Value {
        let accessors = self.accessors();
        NativeFunction::function(slot.name(), move |_, args| {
            let function = args.positional.first().cloned().unwrap_or(Value::None);
            let function = unwrap_classmethod(function);
            Ok(Value::native(HybridProperty {
                accessors: RefCell::new(accessors.with(slot, function)),
            }))
        })
    }
}

impl NativeObject for HybridProperty {
    fn type_name(&self) -> &str {
        "hybrid_property"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.ext.hybrid.hybrid_property", this))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if let Some(slot) = Slot::named(name) {
            return Ok(Some(self.copying(slot)));
        }
        let accessors = self.accessors();
        Ok(Some(match name {
            "inplace" => Value::native(InPlace {
                hybrid: this.clone(),
            }),
            "fget" => accessors.fget,
            "fset" => accessors.fset.unwrap_or(Value::None),
            "fdel" => accessors.fdel.unwrap_or(Value::None),
            "expr" => accessors.expr.unwrap_or(Value::None),
            "__name__" => match function_name(interp, &accessors.fget) {
                Some(name) => Value::str(name.as_str()),
                None => return Ok(None),
            },
            _ => return Ok(None),
        }))
    }

    fn descriptor_get(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        if let Some(instance) = instance {
            let args = CallArgs::new(vec![instance.clone()]);
            return interp.call(&self.accessors().fget, args).map(Some);
        }
        let receiver = Value::Class(owner.clone());
        self.on_class(interp, this, receiver, owner, &owner.name)
            .map(Some)
    }

    fn is_data_descriptor(&self) -> bool {
        true
    }

    fn descriptor_set(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        instance: &Value,
        value: Value,
    ) -> PyResult<()> {
        let Some(fset) = self.accessors().fset else {
            return Err(PyErr::attribute_error("can't set attribute"));
        };
        interp
            .call(&fset, CallArgs::new(vec![instance.clone(), value]))
            .map(|_| ())
    }

    fn descriptor_delete(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        instance: &Value,
    ) -> PyResult<()> {
        let Some(fdel) = self.accessors().fdel else {
            return Err(PyErr::attribute_error("can't delete attribute"));
        };
        interp
            .call(&fdel, CallArgs::new(vec![instance.clone()]))
            .map(|_| ())
    }
}

/// `hybrid.inplace`: decorators that change the hybrid itself and return
/// it, so the decorated function may have any name (SQLAlchemy 2.0.4+).
#[derive(Debug)]
struct InPlace {
    hybrid: Value,
}

impl NativeObject for InPlace {
    fn type_name(&self) -> &str {
        "_InPlace"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let Some(slot) = Slot::named(name).filter(|slot| *slot != Slot::Getter) else {
            return Ok(None);
        };
        let hybrid = self.hybrid.clone();
        Ok(Some(NativeFunction::function(
            slot.name(),
            move |_, args| {
                let function = args.positional.first().cloned().unwrap_or(Value::None);
                let function = unwrap_classmethod(function);
                if let Some(property) = hybrid.downcast_native::<HybridProperty>() {
                    let next = property.accessors().with(slot, function);
                    *property.accessors.borrow_mut() = next;
                }
                Ok(hybrid.clone())
            },
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hybrid(value: &Value) -> &HybridProperty {
        value.downcast_native::<HybridProperty>().expect("hybrid")
    }

    #[test]
    fn a_modifier_copies_and_inplace_changes_the_same_object() {
        let mut interp = Interpreter::new(Default::default());
        let original = HybridProperty::value(Value::Int(1), None, Some(Value::None), None, None);
        assert!(hybrid(&original).accessors().fdel.is_none());
        let setter = interp.get_attr(&original, "setter").expect("setter");
        let copy = interp
            .call(&setter, CallArgs::new(vec![Value::Int(2)]))
            .expect("copy");
        assert!(!copy.is(&original));
        assert!(hybrid(&original).accessors().fset.is_none());
        assert!(matches!(
            hybrid(&copy).accessors().fset,
            Some(Value::Int(2))
        ));

        let inplace = interp.get_attr(&original, "inplace").expect("inplace");
        let expression = interp.get_attr(&inplace, "expression").expect("expression");
        let same = interp
            .call(&expression, CallArgs::new(vec![Value::Int(3)]))
            .expect("same");
        assert!(same.is(&original));
        assert!(matches!(
            hybrid(&original).accessors().expr,
            Some(Value::Int(3))
        ));
        assert!(interp.get_attr(&inplace, "getter").is_err());
    }

    #[test]
    fn without_a_setter_assignment_fails_as_in_sqlalchemy() {
        let mut interp = Interpreter::new(Default::default());
        let property = HybridProperty::value(Value::Int(1), None, None, None, None);
        let error = hybrid(&property)
            .descriptor_set(&mut interp, &property, &Value::None, Value::Int(1))
            .expect_err("no setter");
        let shown = format!("{error:?}");
        assert!(shown.contains("can't set attribute"), "{shown}");
    }
}
