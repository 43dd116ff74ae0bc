//! `declared_attr` (and `declared_attr.directive`): a function of the class
//! in a mixin or model body that the declarative scan calls once per mapped
//! class to produce a column, a relationship, `__tablename__` or
//! `__table_args__` for that class.

use std::rc::Rc;

use retort_python::{CallArgs, Class, Interpreter, NativeObject, PyResult, Value};

/// The `declared_attr` decorator itself.
pub struct DeclaredAttrDecorator;

/// A function decorated with `@declared_attr`.
pub struct DeclaredAttr {
    pub function: Value,
}

impl NativeObject for DeclaredAttrDecorator {
    fn type_name(&self) -> &str {
        "declared_attr"
    }

    fn call(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        args: CallArgs,
    ) -> PyResult<Option<Value>> {
        args.check("declared_attr", 1, 1)?;
        Ok(Some(Value::native(DeclaredAttr {
            function: args.positional[0].clone(),
        })))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(matches!(name, "directive" | "cascading").then(|| this.clone()))
    }
}

impl NativeObject for DeclaredAttr {
    fn type_name(&self) -> &str {
        "declared_attr"
    }

    /// Read on a class (`cls.__tablename__` inside another
    /// `declared_attr`), it is the function's value for that class.
    fn descriptor_get(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        _instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        let owner = Value::Class(owner.clone());
        interp
            .call(&self.function, CallArgs::new(vec![owner]))
            .map(Some)
    }
}

/// What each `declared_attr` of `class` and its unmapped bases (mixins,
/// `__abstract__` models) gives for `class`, in MRO order: called once per
/// name, the nearest definition winning, as SQLAlchemy's scan does.
pub fn resolve(interp: &mut Interpreter, class: &Rc<Class>) -> PyResult<Vec<(String, Value)>> {
    let mut resolved: Vec<(String, Value)> = Vec::new();
    for base in class.mro_iter() {
        let own = Rc::ptr_eq(base, class);
        if !own && (base.host_state.borrow().is_some() || base.builtin.is_some()) {
            continue;
        }
        let functions: Vec<(String, Value)> = base
            .dict
            .borrow()
            .iter()
            .filter_map(|(k, v)| {
                let declared = v.downcast_native::<DeclaredAttr>()?;
                Some((k.clone(), declared.function.clone()))
            })
            .collect();
        for (name, function) in functions {
            if resolved.iter().any(|(k, _)| *k == name) {
                continue;
            }
            let value = interp.call(&function, CallArgs::new(vec![Value::Class(class.clone())]))?;
            resolved.push((name, value));
        }
    }
    Ok(resolved)
}
