//! A hybrid whose class-level function gave no SQL expression (an f-string
//! of columns, a number): SQLAlchemy still returns its proxy, which shows
//! as `Person.full_name`, compares and computes as the plain value does
//! (`== 'x'` is `False`, so `filter()` gets `WHERE 0 = 1`), and raises
//! `InvalidRequestError` wherever it must be a SQL expression.

use std::rc::Rc;

use retort_python::native::object_repr;
use retort_python::{BinOp, Class, CmpOp, Interpreter, NativeObject, PyErr, PyResult, Value};

/// `hybrid_propertyProxy` over a value that is not an expression.
#[derive(Debug)]
pub struct ValueProxy {
    /// What the class-level function returned.
    pub value: Value,
    /// `Person.full_name`.
    pub shown: String,
    /// `repr()` of the value, for the error.
    pub value_repr: String,
    /// `sqlalchemy.exc.InvalidRequestError`, when the run has it.
    pub error_class: Option<Rc<Class>>,
}

impl ValueProxy {
    /// What SQLAlchemy raises when the proxy is used as a SQL expression.
    pub fn not_an_expression(&self) -> PyErr {
        let message = format!(
            "When interpreting attribute \"{}\" as a SQL expression, expected \
             __clause_element__() to return a ClauseElement object, got: {}",
            self.shown, self.value_repr
        );
        match &self.error_class {
            Some(class) => PyErr::from_class(class, message),
            None => PyErr::new("InvalidRequestError", message),
        }
    }
}

/// The error for `value` if it is a hybrid proxy without an expression.
pub fn expression_error(value: &Value) -> Option<PyErr> {
    value
        .downcast_native::<ValueProxy>()
        .map(ValueProxy::not_an_expression)
}

impl NativeObject for ValueProxy {
    fn type_name(&self) -> &str {
        "hybrid_propertyProxy"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "sqlalchemy.orm.attributes.hybrid_propertyProxy",
            this,
        ))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.shown.clone())
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        interp.get_attr(&self.value, name).map(Some)
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        if matches!(op, CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn) {
            return Ok(None);
        }
        interp.compare_values(op, &self.value, other).map(Some)
    }

    fn binary_op(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        let result = if reflected {
            interp.apply_binary(op, other, &self.value)
        } else {
            interp.apply_binary(op, &self.value, other)
        };
        result.map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_compares_as_its_value_and_refuses_to_be_sql() {
        let mut interp = Interpreter::new(Default::default());
        let proxy = Value::native(ValueProxy {
            value: Value::str("Person.first Person.last"),
            shown: "Person.full_name".into(),
            value_repr: "'Person.first Person.last'".into(),
            error_class: None,
        });
        let equal = interp
            .compare_values(CmpOp::Eq, &proxy, &Value::str("Ada"))
            .expect("compare");
        assert!(matches!(equal, Value::Bool(false)));
        assert_eq!(interp.str(&proxy).expect("str"), "Person.full_name");
        let error = format!("{:?}", expression_error(&proxy).expect("error"));
        assert!(error.contains("InvalidRequestError"), "{error}");
        assert!(error.contains("ClauseElement object, got: "), "{error}");
        assert!(expression_error(&Value::Int(1)).is_none());
    }
}
