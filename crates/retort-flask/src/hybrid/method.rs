//! `hybrid_method`: a method bound to the instance, or to the class (its
//! `.expression` function if given) for a SQL expression.

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::native::object_repr;
use retort_python::value::BoundMethod;
use retort_python::{Class, Interpreter, NativeFunction, NativeObject, PyResult, Value};

/// `@hybrid_method`.
#[derive(Debug)]
pub struct HybridMethod {
    func: Value,
    expr: RefCell<Option<Value>>,
}

impl HybridMethod {
    /// `hybrid_method(func, expr=None)` as a Python value.
    pub fn value(func: Value, expr: Option<Value>) -> Value {
        Value::native(HybridMethod {
            func,
            expr: RefCell::new(expr.filter(|v| !v.is_none()).map(super::unwrap_classmethod)),
        })
    }
}

impl HybridMethod {
    /// The method read on a class: its `.expression` function (else the
    /// method) bound to `receiver`, the class or an `aliased()` of it.
    pub fn on_class(&self, receiver: Value) -> Value {
        let function = self.expr.borrow().clone();
        bound(receiver, function.unwrap_or_else(|| self.func.clone()))
    }
}

fn bound(receiver: Value, function: Value) -> Value {
    Value::BoundMethod(Rc::new(BoundMethod { receiver, function }))
}

impl NativeObject for HybridMethod {
    fn type_name(&self) -> &str {
        "hybrid_method"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.ext.hybrid.hybrid_method", this))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            // Unlike `hybrid_property`, both change this object and return it.
            "expression" => {
                let this = this.clone();
                NativeFunction::function("expression", move |_, args| {
                    if let Some(method) = this.downcast_native::<HybridMethod>() {
                        *method.expr.borrow_mut() = args
                            .positional
                            .first()
                            .cloned()
                            .map(super::unwrap_classmethod);
                    }
                    Ok(this.clone())
                })
            }
            "inplace" => this.clone(),
            "func" => self.func.clone(),
            "expr" => self.expr.borrow().clone().unwrap_or(Value::None),
            _ => return Ok(None),
        }))
    }

    fn descriptor_get(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        Ok(Some(match instance {
            Some(instance) => bound(instance.clone(), self.func.clone()),
            None => self.on_class(Value::Class(owner.clone())),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_python::CallArgs;

    #[test]
    fn the_class_gets_the_expression_function_bound_to_it() {
        let mut interp = Interpreter::new(Default::default());
        let method = HybridMethod::value(Value::Int(1), None);
        let class = interp
            .new_class("Person", vec![], vec![], None)
            .expect("class");
        let object = method.downcast_native::<HybridMethod>().expect("method");
        let Some(Value::BoundMethod(on_class)) = object
            .descriptor_get(&mut interp, &method, None, &class)
            .expect("get")
        else {
            panic!("not bound");
        };
        assert!(matches!(on_class.function, Value::Int(1)));

        let expression = interp.get_attr(&method, "expression").expect("expression");
        let same = interp
            .call(&expression, CallArgs::new(vec![Value::Int(2)]))
            .expect("same");
        assert!(same.is(&method));
        let Some(Value::BoundMethod(on_class)) = object
            .descriptor_get(&mut interp, &method, None, &class)
            .expect("get")
        else {
            panic!("not bound");
        };
        assert!(matches!(on_class.function, Value::Int(2)));
        assert!(matches!(on_class.receiver, Value::Class(_)));
    }
}
