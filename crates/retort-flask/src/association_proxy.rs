//! `sqlalchemy.ext.associationproxy.association_proxy(target, attr,
//! creator=None)`: a descriptor that reads `attr` through the relationship
//! `target`. On an instance it is the related object's `attr` (a scalar
//! relationship) or a list-like view of the related objects' `attr`
//! values (`_AssociationList`: `append(v)` adds `creator(v)`, by default
//! the target class called with `v`); on the class, a comparison or a
//! column operator (`contains()`, `like()`, ...) applies to the remote
//! attribute inside the relationship's `any()` / `has()`.

use std::rc::Rc;

use retort_python::native::object_repr;
use retort_python::{CallArgs, Class, CmpOp, Interpreter, NativeFunction, NativeObject, PyErr};
use retort_python::{PyResult, Value};

use crate::ctx::Ctx;
use crate::method::bound_method;
use crate::relationship::RelationshipAttribute;

/// `association_proxy(...)` itself.
pub fn association_proxy_function() -> Value {
    NativeFunction::function("association_proxy", |interp, mut args| {
        let target = args.take(0, "target_collection");
        let attr = args.take(1, "attr");
        let (Some(target), Some(attr)) = (target, attr) else {
            return Err(PyErr::type_error(
                "association_proxy() missing required positional arguments: 'target_collection' and 'attr'",
            ));
        };
        let creator = args.take_keyword("creator").filter(|c| !c.is_none());
        Ok(Value::native(AssociationProxy {
            target: interp.str(&target)?,
            attr: interp.str(&attr)?,
            creator,
        }))
    })
}

/// The descriptor.
#[derive(Debug, Clone)]
pub struct AssociationProxy {
    target: String,
    attr: String,
    creator: Option<Value>,
}

/// What the relationship behind a proxy is.
struct Target {
    /// The related class, which is the default creator.
    class: Rc<Class>,
    uselist: bool,
    /// The relationship on the owning class (`Post.tags`).
    attribute: Value,
}

impl AssociationProxy {
    fn target(&self, interp: &mut Interpreter, owner: &Rc<Class>) -> PyResult<Target> {
        let attribute = interp.get_attr(&Value::Class(owner.clone()), &self.target)?;
        let Some(rel) = attribute.downcast_native::<RelationshipAttribute>() else {
            return Err(PyErr::new(
                "AttributeError",
                format!(
                    "association proxy target '{}' of {} is not a relationship",
                    self.target, owner.name
                ),
            ));
        };
        let ctx: Rc<Ctx> = rel.ctx.clone();
        ctx.configure(interp)?;
        let found = ctx.peek(|s| {
            s.registry
                .relationship(rel.mapper, &rel.key)
                .map(|r| (r.target, r.uselist))
        })?;
        let (target, uselist) = found.map_err(|e| ctx.error(interp, e))?;
        let class = ctx.classes.borrow().get(&target.0).cloned();
        let class = class.ok_or_else(|| PyErr::new("RuntimeError", "unmapped proxy target"))?;
        Ok(Target {
            class,
            uselist,
            attribute,
        })
    }

    /// `creator(value)`, by default the target class called with `value`.
    fn create(&self, interp: &mut Interpreter, class: &Rc<Class>, value: Value) -> PyResult<Value> {
        let creator = self
            .creator
            .clone()
            .unwrap_or_else(|| Value::Class(class.clone()));
        interp.call(&creator, CallArgs::new(vec![value]))
    }

    fn owner_of(instance: &Value) -> PyResult<Rc<Class>> {
        match instance {
            Value::Instance(instance) => Ok(instance.class.clone()),
            _ => Err(PyErr::type_error("association proxy on a non-instance")),
        }
    }
}

impl NativeObject for AssociationProxy {
    fn type_name(&self) -> &str {
        "AssociationProxy"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "sqlalchemy.ext.associationproxy.AssociationProxy",
            this,
        ))
    }

    fn descriptor_get(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        let target = self.target(interp, owner)?;
        let Some(instance) = instance else {
            return Ok(Some(Value::native(ClassProxy {
                proxy: self.clone(),
                target_class: target.class,
                uselist: target.uselist,
                relationship: target.attribute,
            })));
        };
        if target.uselist {
            return Ok(Some(Value::native(AssociationList {
                proxy: self.clone(),
                instance: instance.clone(),
                target_class: target.class,
            })));
        }
        let related = interp.get_attr(instance, &self.target)?;
        if related.is_none() {
            return Ok(Some(Value::None));
        }
        interp.get_attr(&related, &self.attr).map(Some)
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
        let owner = Self::owner_of(instance)?;
        let target = self.target(interp, &owner)?;
        if target.uselist {
            let list = AssociationList {
                proxy: self.clone(),
                instance: instance.clone(),
                target_class: target.class,
            };
            let values = interp.iterate(&value)?;
            list.collection(interp)
                .and_then(|c| interp.call_method(&c, "clear", CallArgs::default()))?;
            for value in values {
                list.append(interp, value)?;
            }
            return Ok(());
        }
        let related = interp.get_attr(instance, &self.target)?;
        if related.is_none() {
            if value.is_none() {
                return Ok(());
            }
            let created = self.create(interp, &target.class, value)?;
            return interp.set_attr(instance, &self.target, created);
        }
        interp.set_attr(&related, &self.attr, value)
    }
}

/// The proxy read on an instance of a collection relationship.
#[derive(Debug, Clone)]
struct AssociationList {
    proxy: AssociationProxy,
    instance: Value,
    target_class: Rc<Class>,
}

const LIST_METHODS: &[&str] = &[
    "append", "extend", "remove", "clear", "count", "index", "copy",
];

impl AssociationList {
    fn collection(&self, interp: &mut Interpreter) -> PyResult<Value> {
        interp.get_attr(&self.instance, &self.proxy.target)
    }

    fn members(&self, interp: &mut Interpreter) -> PyResult<Vec<Value>> {
        let collection = self.collection(interp)?;
        interp.iterate(&collection)
    }

    fn values(&self, interp: &mut Interpreter) -> PyResult<Vec<Value>> {
        let mut values = Vec::new();
        for member in self.members(interp)? {
            values.push(interp.get_attr(&member, &self.proxy.attr)?);
        }
        Ok(values)
    }

    fn append(&self, interp: &mut Interpreter, value: Value) -> PyResult<()> {
        let created = self.proxy.create(interp, &self.target_class, value)?;
        let collection = self.collection(interp)?;
        interp.call_method(&collection, "append", CallArgs::new(vec![created]))?;
        Ok(())
    }

    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        let arg = args.positional.first().cloned().unwrap_or(Value::None);
        match name {
            "append" => self.append(interp, arg)?,
            "extend" => {
                for value in interp.iterate(&arg)? {
                    self.append(interp, value)?;
                }
            }
            "remove" => {
                for member in self.members(interp)? {
                    let value = interp.get_attr(&member, &self.proxy.attr)?;
                    let equal = interp.compare_values(CmpOp::Eq, &value, &arg)?;
                    if interp.is_truthy(&equal)? {
                        let collection = self.collection(interp)?;
                        interp.call_method(&collection, "remove", CallArgs::new(vec![member]))?;
                        return Ok(Value::None);
                    }
                }
                return Err(PyErr::value_error("value not in list"));
            }
            "clear" => {
                let collection = self.collection(interp)?;
                interp.call_method(&collection, "clear", CallArgs::default())?;
            }
            _ => {
                let list = Value::list(self.values(interp)?);
                return interp.call_method(&list, name, args);
            }
        }
        Ok(Value::None)
    }
}

impl NativeObject for AssociationList {
    fn type_name(&self) -> &str {
        "_AssociationList"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let list = Value::list(self.values(interp)?);
        interp.repr(&list)
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !LIST_METHODS.contains(&name) {
            return Ok(None);
        }
        Ok(Some(bound_method(self.clone(), name, Self::call_method)))
    }

    fn len(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.members(interp)?.len()))
    }

    fn truthy(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.members(interp)?.is_empty())
    }

    fn iter(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.values(interp)?)))
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        for value in self.values(interp)? {
            let equal = interp.compare_values(CmpOp::Eq, &value, item)?;
            if interp.is_truthy(&equal)? {
                return Ok(Some(true));
            }
        }
        Ok(Some(false))
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let list = Value::list(self.values(interp)?);
        interp.item(&list, key).map(Some)
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
        let list = Value::list(self.values(interp)?);
        interp.compare_values(op, &list, other).map(Some)
    }
}

/// The proxy read on its class: criteria through the relationship.
#[derive(Debug, Clone)]
struct ClassProxy {
    proxy: AssociationProxy,
    target_class: Rc<Class>,
    uselist: bool,
    relationship: Value,
}

/// The column operators a proxy applies to the remote attribute.
const OPERATORS: &[&str] = &[
    "contains",
    "like",
    "ilike",
    "startswith",
    "endswith",
    "in_",
    "not_in",
    "is_",
    "is_not",
    "isnot",
    "between",
];

impl ClassProxy {
    fn remote(&self, interp: &mut Interpreter) -> PyResult<Value> {
        interp.get_attr(&Value::Class(self.target_class.clone()), &self.proxy.attr)
    }

    /// A criterion on the remote attribute wrapped in the relationship's
    /// `any()` (a collection) or `has()` (a scalar), as SQLAlchemy's
    /// `ColumnAssociationProxyInstance.operate` does.
    fn exists(&self, interp: &mut Interpreter, criterion: Value) -> PyResult<Value> {
        let method = if self.uselist { "any" } else { "has" };
        interp.call_method(&self.relationship, method, CallArgs::new(vec![criterion]))
    }
}

impl NativeObject for ClassProxy {
    fn type_name(&self) -> &str {
        "ColumnAssociationProxyInstance"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!(
            "ColumnAssociationProxyInstance(AssociationProxy('{}', '{}'))",
            self.proxy.target, self.proxy.attr
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let this = self.clone();
        Ok(match name {
            name if OPERATORS.contains(&name) => {
                let method = name.to_owned();
                Some(NativeFunction::function(name, move |interp, args| {
                    let remote = this.remote(interp)?;
                    let criterion = interp.call_method(&remote, &method, args)?;
                    this.exists(interp, criterion)
                }))
            }
            "any" | "has" => {
                let method = name.to_owned();
                Some(NativeFunction::function(name, move |interp, args| {
                    interp.call_method(&this.relationship, &method, args)
                }))
            }
            _ => None,
        })
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        if matches!(op, CmpOp::In | CmpOp::NotIn | CmpOp::Is | CmpOp::IsNot) {
            return Ok(None);
        }
        let remote = self.remote(interp)?;
        let criterion = interp.compare_values(op, &remote, other)?;
        self.exists(interp, criterion).map(Some)
    }
}
