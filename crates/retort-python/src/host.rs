//! Convenience entry points for host code running inside native calls:
//! Python semantics for truthiness, equality, operators, iteration, items,
//! formatting and dict construction, each usable at any time.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp};
use crate::dict::Dict;
use crate::error::PyResult;
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

impl Interpreter {
    /// `bool(value)`.
    pub fn is_truthy(&mut self, value: &Value) -> PyResult<bool> {
        self.with_stack_base(|interp| interp.truthy(value))
    }

    /// `a == b` as a Rust bool (runs user `__eq__`).
    pub fn equals(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        self.with_stack_base(|interp| interp.eq_values(a, b))
    }

    /// `a <op> b` for a comparison operator; may return any value.
    pub fn compare_values(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.with_stack_base(|interp| interp.compare(op, a, b))
    }

    /// `a <op> b` for an arithmetic or bitwise operator.
    pub fn apply_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.with_stack_base(|interp| interp.binary_op(op, a, b))
    }

    /// Collects any iterable into a vector.
    pub fn iterate(&mut self, value: &Value) -> PyResult<Vec<Value>> {
        self.with_stack_base(|interp| interp.collect(value))
    }

    /// `len(value)`.
    pub fn length(&mut self, value: &Value) -> PyResult<usize> {
        self.with_stack_base(|interp| interp.len_of(value))
    }

    /// `container[key] = value`.
    pub fn store_item(&mut self, container: &Value, key: &Value, value: Value) -> PyResult<()> {
        self.with_stack_base(|interp| interp.set_item(container, key.clone(), value))
    }

    /// `del container[key]`.
    pub fn delete_item(&mut self, container: &Value, key: &Value) -> PyResult<()> {
        self.with_stack_base(|interp| interp.del_item(container, key))
    }

    /// `container[key]`.
    pub fn item(&mut self, container: &Value, key: &Value) -> PyResult<Value> {
        self.with_stack_base(|interp| interp.get_item(container, key))
    }

    /// `format(value, spec)`.
    pub fn format(&mut self, value: &Value, spec: &str) -> PyResult<String> {
        self.with_stack_base(|interp| interp.format_value(value, spec))
    }

    /// `value.name(*args, **kwargs)`.
    pub fn call_method(&mut self, value: &Value, name: &str, args: CallArgs) -> PyResult<Value> {
        self.with_stack_base(|interp| {
            let method = interp.get_attribute(value, name)?;
            interp.call_value(&method, args)
        })
    }

    /// Builds a `dict` from key/value pairs (keys must be hashable).
    pub fn make_dict(&mut self, items: Vec<(Value, Value)>) -> PyResult<Value> {
        let mut dict = Dict::new();
        for (key, value) in items {
            dict.insert(self.hash_key(key)?, value);
        }
        Ok(Value::Dict(Rc::new(RefCell::new(dict))))
    }
}

#[cfg(test)]
mod tests {
    use crate::{BinOp, CallArgs, CmpOp, Interpreter, Limits, Value};

    #[test]
    fn host_helpers_follow_python_semantics() {
        let mut interp = Interpreter::new(Limits::default());
        assert!(interp.equals(&Value::Int(1), &Value::Float(1.0)).unwrap());
        assert!(!interp.is_truthy(&Value::list(vec![])).unwrap());
        let sum = interp
            .apply_binary(BinOp::Add, &Value::str("a"), &Value::str("b"))
            .unwrap();
        assert_eq!(sum.as_str(), Some("ab"));
        let less = interp
            .compare_values(CmpOp::Lt, &Value::Int(1), &Value::Int(2))
            .unwrap();
        assert!(matches!(less, Value::Bool(true)));
        assert_eq!(interp.length(&Value::str("张三")).unwrap(), 2);
        assert_eq!(interp.iterate(&Value::str("ab")).unwrap().len(), 2);
        assert_eq!(
            interp.format(&Value::Float(2.5), "06.2f").unwrap(),
            "002.50"
        );
        let dict = interp
            .make_dict(vec![(Value::str("k"), Value::Int(7))])
            .unwrap();
        assert!(matches!(
            interp.item(&dict, &Value::str("k")).unwrap(),
            Value::Int(7)
        ));
        let upper = interp
            .call_method(&Value::str("abc"), "upper", CallArgs::default())
            .unwrap();
        assert_eq!(upper.as_str(), Some("ABC"));
        assert_eq!(interp.repr(&dict).unwrap(), "{'k': 7}");
    }
}
