//! `repr()` and `str()` of every value, running user `__repr__`/`__str__`
//! and native hooks, with CPython's quoting rules for strings.

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::CallArgs;
use crate::value::Value;

/// `repr(text)`: single quotes unless the text contains `'` but no `"`.
pub fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn address(value: &Value) -> String {
    format!("0x{:012x}", value.identity().unwrap_or(0))
}

impl Interpreter {
    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.repr_value(item)?);
        }
        Ok(parts.join(", "))
    }

    /// `repr(value)`.
    pub(crate) fn repr_value(&mut self, value: &Value) -> PyResult<String> {
        self.check_stack()?;
        Ok(match value {
            Value::None => "None".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(x) => crate::format::float_repr::float_repr(*x),
            Value::Str(s) => str_repr(s),
            Value::List(items) => {
                let items = items.borrow().clone();
                return self.guarded_repr(value, "[...]", |interp| {
                    Ok(format!("[{}]", interp.join_reprs(&items)?))
                });
            }
            Value::Tuple(items) => {
                if items.len() == 1 {
                    format!("({},)", self.join_reprs(items)?)
                } else {
                    format!("({})", self.join_reprs(items)?)
                }
            }
            Value::Dict(dict) => {
                let items = dict.borrow().items();
                return self.guarded_repr(value, "{...}", |interp| {
                    let mut parts = Vec::with_capacity(items.len());
                    for (key, item) in &items {
                        parts.push(format!(
                            "{}: {}",
                            interp.repr_value(key)?,
                            interp.repr_value(item)?
                        ));
                    }
                    Ok(format!("{{{}}}", parts.join(", ")))
                });
            }
            Value::Set(set) => {
                let items = set.borrow().iteration_order();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Value::FrozenSet(set) => {
                let items = set.iteration_order();
                if items.is_empty() {
                    "frozenset()".into()
                } else {
                    format!("frozenset({{{}}})", self.join_reprs(&items)?)
                }
            }
            Value::Range(range) => {
                if range.step == 1 {
                    format!("range({}, {})", range.start, range.stop)
                } else {
                    format!("range({}, {}, {})", range.start, range.stop, range.step)
                }
            }
            Value::Slice(slice) => {
                format!(
                    "slice({}, {}, {})",
                    self.repr_value(&slice.start)?,
                    self.repr_value(&slice.stop)?,
                    self.repr_value(&slice.step)?
                )
            }
            Value::Function(function) => {
                format!("<function {} at {}>", function.qualname, address(value))
            }
            Value::NativeFunction(native) => format!("<built-in function {}>", native.name),
            Value::BoundMethod(bound) => {
                let name = match &bound.function {
                    Value::Function(function) => function.qualname.clone(),
                    Value::NativeFunction(native) => native.name.clone(),
                    other => other.type_name(),
                };
                let receiver = self.repr_value(&bound.receiver.clone())?;
                format!("<bound method {name} of {receiver}>")
            }
            Value::Class(class) => {
                let module = class
                    .dict
                    .borrow()
                    .get("__module__")
                    .and_then(|m| m.as_str().map(str::to_string))
                    .unwrap_or_else(|| class.module.clone());
                if module == "builtins" {
                    format!("<class '{}'>", class.qualname)
                } else {
                    format!("<class '{}.{}'>", module, class.qualname)
                }
            }
            Value::Instance(instance) => {
                if let Some(method) = self.user_method(value, "__repr__") {
                    return self.expect_string(method, "__repr__");
                }
                if crate::eval::exceptions::is_exception_class(&instance.class) {
                    return self.exception_repr(instance);
                }
                let module = instance
                    .class
                    .dict
                    .borrow()
                    .get("__module__")
                    .and_then(|m| m.as_str().map(str::to_string))
                    .unwrap_or_else(|| instance.class.module.clone());
                format!(
                    "<{module}.{} object at {}>",
                    instance.class.qualname,
                    address(value)
                )
            }
            Value::Module(module) => format!("<module '{}'>", module.name),
            Value::Native(object) => object.clone().repr(self, value)?,
            Value::Iterator(_) => format!("<iterator object at {}>", address(value)),
            Value::Property(_) => format!("<property object at {}>", address(value)),
            Value::StaticMethod(_) => format!("<staticmethod object at {}>", address(value)),
            Value::ClassMethod(_) => format!("<classmethod object at {}>", address(value)),
            Value::Super(sup) => format!(
                "<super: <class '{}'>, <{} object>>",
                sup.class.name,
                sup.receiver.type_name()
            ),
        })
    }

    /// Reprs a container, printing `placeholder` when it contains itself.
    fn guarded_repr(
        &mut self,
        value: &Value,
        placeholder: &str,
        render: impl FnOnce(&mut Interpreter) -> PyResult<String>,
    ) -> PyResult<String> {
        let identity = value.identity().unwrap_or(0);
        if self.repr_active.contains(&identity) {
            return Ok(placeholder.to_string());
        }
        self.repr_active.push(identity);
        let result = render(self);
        self.repr_active.retain(|active| *active != identity);
        result
    }

    /// `str(value)`.
    pub(crate) fn str_value(&mut self, value: &Value) -> PyResult<String> {
        match value {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(instance) => {
                if let Some(method) = self.user_method(value, "__str__") {
                    return self.expect_string(method, "__str__");
                }
                if crate::eval::exceptions::is_exception_class(&instance.class) {
                    return self.exception_str(instance);
                }
                self.repr_value(value)
            }
            Value::Native(object) => object.clone().str(self, value),
            other => self.repr_value(other),
        }
    }

    /// A bound special method defined by a user or host class (not by `object`).
    pub(crate) fn user_method(&mut self, value: &Value, name: &str) -> Option<Value> {
        let Value::Instance(instance) = value else {
            return None;
        };
        let owner = instance
            .class
            .mro_iter()
            .find(|c| c.dict.borrow().contains_key(name))?;
        if std::rc::Rc::ptr_eq(owner, &self.types.object) {
            return None;
        }
        self.special_method(value, name)
    }

    fn expect_string(&mut self, method: Value, name: &str) -> PyResult<String> {
        match self.call_value(&method, CallArgs::default())? {
            Value::Str(s) => Ok(s.to_string()),
            other => Err(PyErr::type_error(format!(
                "{name} returned non-string (type {})",
                other.type_name()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::str_repr;

    #[test]
    fn quotes_like_cpython() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("both ' and \""), "'both \\' and \"'");
        assert_eq!(str_repr("a\nb\\"), "'a\\nb\\\\'");
        assert_eq!(str_repr("张三"), "'张三'");
        assert_eq!(str_repr("\x01"), "'\\x01'");
    }
}
