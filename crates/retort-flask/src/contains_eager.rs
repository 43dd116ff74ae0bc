//! `contains_eager(Parent.rel)` (`sqlalchemy.orm.contains_eager`,
//! `db.contains_eager`): the loader option that fills a relationship from
//! the query's own join, the target read from an alias when the attribute
//! is `of_type(alias)` or `alias=` names one. `options()` hands it to the
//! ORM query (`OrmQuery::contains_eager`).

use retort_python::{CallArgs, NativeFunction, NativeObject, PyErr, Value};

use crate::aliased::AliasedClass;
use crate::relationship::RelationshipAttribute;

/// The option object `contains_eager(...)` returns.
#[derive(Debug, Clone)]
pub struct ContainsEagerOption(pub retort_orm::ContainsEager);

impl NativeObject for ContainsEagerOption {
    fn type_name(&self) -> &str {
        "_AbstractLoad"
    }
}

/// `contains_eager(attr, alias=None)`.
pub fn contains_eager_function() -> Value {
    NativeFunction::function("contains_eager", |interp, mut args: CallArgs| {
        let target = args.take(0, "attr").unwrap_or(Value::None);
        let alias = args.take_keyword("alias");
        let Some(attribute) = target.downcast_native::<RelationshipAttribute>() else {
            let shown = interp.repr(&target)?;
            return Err(PyErr::new(
                "ArgumentError",
                format!("expected ORM mapped attribute for loader strategy argument, got {shown}"),
            ));
        };
        let alias = alias
            .as_ref()
            .and_then(|a| a.downcast_native::<AliasedClass>())
            .map(|a| a.alias.clone())
            .or_else(|| attribute.target_alias.clone());
        Ok(Value::native(ContainsEagerOption(
            retort_orm::ContainsEager {
                mapper: attribute.mapper,
                key: attribute.key.clone(),
                alias,
            },
        )))
    })
}

/// The `contains_eager` options among `options(...)`'s arguments.
pub fn contains_eager_options(values: &[Value]) -> Vec<retort_orm::ContainsEager> {
    values
        .iter()
        .filter_map(|v| v.downcast_native::<ContainsEagerOption>())
        .map(|o| o.0.clone())
        .collect()
}
