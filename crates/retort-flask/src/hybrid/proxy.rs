//! What a hybrid attribute read on its class gives: the expression the
//! class-level function returned, wearing the attribute's key (SQLAlchemy's
//! `hybrid_propertyProxy`): `str()` is `Person.full_name`, a result row
//! names the column by the key, a nameless expression is labelled by it;
//! a plain value is wrapped as a [`ValueProxy`].

use std::rc::Rc;

use retort_python::{Class, Interpreter, PyResult, Value};

use super::value_proxy::ValueProxy;
use crate::expr::ExprObject;

/// The key a hybrid has on `owner`: the name it was defined under, when the
/// class (or a base) holds this very object under its function's name.
/// A copy made under another name (`@size.expression def size_expr`) has
/// none, as SQLAlchemy's `_UNKNOWN_ATTR_KEY`.
pub fn attribute_key(owner: &Rc<Class>, hybrid: &Value, name: Option<&str>) -> Option<String> {
    let name = name?;
    owner
        .mro_iter()
        .find_map(|class| class.dict.borrow().get(name).map(|held| held.is(hybrid)))
        .filter(|same| *same)
        .map(|_| name.to_string())
}

/// How a hybrid read on a class shows and fails.
pub struct Proxy<'a> {
    /// `Person` or `aliased(Person)`.
    pub owner: &'a str,
    /// The hybrid object (for the address of an unknown key).
    pub hybrid: &'a Value,
    /// The attribute's key, if the class holds this very hybrid.
    pub key: Option<String>,
    /// `InvalidRequestError`, for a value that is not SQL.
    pub error_class: Option<Rc<Class>>,
}

impl Proxy<'_> {
    /// `Person.full_name`, or SQLAlchemy's `_UNKNOWN_ATTR_KEY` shown.
    fn shown(&self) -> String {
        match &self.key {
            Some(key) => format!("{}.{key}", self.owner),
            None => format!(
                "{}.<object object at {:#x}>",
                self.owner,
                self.hybrid.identity().unwrap_or(0)
            ),
        }
    }

    /// Wraps the class-level result as the proxy: an expression keeps its
    /// SQL and takes the key; another native object (a relationship
    /// attribute, a select) is returned as it is; a plain value becomes a
    /// [`ValueProxy`].
    pub fn wrap(self, interp: &mut Interpreter, result: Value) -> PyResult<Value> {
        let shown = self.shown();
        if let Some(expression) = result.downcast_native::<ExprObject>() {
            let mut proxy = expression.clone();
            proxy.display = Some(shown);
            if let Some(key) = self.key {
                proxy.name = key.clone();
                proxy.proxy_key = Some(key);
            }
            return Ok(Value::native(proxy));
        }
        if matches!(result, Value::Native(_)) {
            return Ok(result);
        }
        let value_repr = interp.repr(&result)?;
        Ok(Value::native(ValueProxy {
            value: result,
            shown,
            value_repr,
            error_class: self.error_class,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_python::Interpreter;
    use retort_sql::Expr;

    fn class_with(interp: &mut Interpreter, name: &str, value: Value) -> Rc<Class> {
        interp
            .new_class("Person", vec![], vec![(name, value)], None)
            .expect("class")
    }

    #[test]
    fn the_key_is_the_name_holding_this_very_object() {
        let mut interp = Interpreter::new(Default::default());
        let hybrid = Value::str("held");
        let class = class_with(&mut interp, "full_name", hybrid.clone());
        assert_eq!(
            attribute_key(&class, &hybrid, Some("full_name")),
            Some("full_name".to_string())
        );
        assert_eq!(
            attribute_key(&class, &Value::str("other"), Some("full_name")),
            None
        );
        assert_eq!(attribute_key(&class, &hybrid, Some("missing")), None);
    }

    #[test]
    fn the_proxy_shows_the_attribute_and_keeps_the_expression() {
        let mut interp = Interpreter::new(Default::default());
        let proxy = |key: Option<&str>| Proxy {
            owner: "Person",
            hybrid: &Value::None,
            key: key.map(str::to_string),
            error_class: None,
        };
        let expression = Value::native(ExprObject::plain(Expr::col("person", "first"), "first"));
        let wrapped = proxy(Some("full_name"))
            .wrap(&mut interp, expression)
            .expect("wrap");
        let wrapped = wrapped.downcast_native::<ExprObject>().expect("expression");
        assert_eq!(wrapped.display.as_deref(), Some("Person.full_name"));
        assert_eq!(wrapped.name, "full_name");
        assert_eq!(wrapped.proxy_key.as_deref(), Some("full_name"));
        assert_eq!(wrapped.expr, Expr::col("person", "first"));
        let plain = proxy(Some("n"))
            .wrap(&mut interp, Value::Int(1))
            .expect("wrap");
        let plain = plain.downcast_native::<ValueProxy>().expect("value proxy");
        assert_eq!(plain.shown, "Person.n");
        assert_eq!(plain.value_repr, "1");
    }
}
