//! What a hybrid attribute read on its class gives: the expression the
//! class-level function returned, wearing the attribute's key (SQLAlchemy's
//! `hybrid_propertyProxy`): `str()` is `Person.full_name`, a result row
//! names the column by the key, a nameless expression is labelled by it.

use std::rc::Rc;

use retort_python::{Class, Value};

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

/// Wraps the class-level result of a hybrid property as its proxy, shown
/// as `owner.key` (`owner` is `Person` or `aliased(Person)`). A value that
/// is not a column expression is returned as it is.
pub fn class_level(owner: &str, hybrid: &Value, key: Option<String>, result: Value) -> Value {
    let Some(expression) = result.downcast_native::<ExprObject>() else {
        return result;
    };
    let mut proxy = expression.clone();
    match key {
        Some(key) => {
            proxy.display = Some(format!("{owner}.{key}"));
            proxy.name = key.clone();
            proxy.proxy_key = Some(key);
        }
        None => {
            proxy.display = Some(format!(
                "{owner}.<object object at {:#x}>",
                hybrid.identity().unwrap_or(0)
            ));
        }
    }
    Value::native(proxy)
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
        let expression = Value::native(ExprObject::plain(Expr::col("person", "first"), "first"));
        let proxy = class_level("Person", &Value::None, Some("full_name".into()), expression);
        let proxy = proxy.downcast_native::<ExprObject>().expect("expression");
        assert_eq!(proxy.display.as_deref(), Some("Person.full_name"));
        assert_eq!(proxy.name, "full_name");
        assert_eq!(proxy.expr, Expr::col("person", "first"));
        let plain = class_level("Person", &Value::None, None, Value::Int(1));
        assert!(matches!(plain, Value::Int(1)));
    }
}
