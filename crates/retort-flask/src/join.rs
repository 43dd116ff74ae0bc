//! The arguments of `join()` / `outerjoin()`, shared by the legacy `Query`
//! and 2.0 `select()`: a relationship attribute (`Parent.children`, the
//! ON clause derived from its foreign keys), or a model with an optional
//! explicit ON clause, or a plain table (`db.Table`) with one, or an
//! `aliased()` class with an ON clause or a relationship (`join(a1,
//! User.posts)`), or a subquery with an ON clause; `isouter=True` or the `outerjoin` spelling make it a
//! LEFT OUTER JOIN.

use retort_orm::{MapperId, OrmQuery};
use retort_python::{CallArgs, Interpreter, PyResult, Value};

use crate::aliased::AliasedClass;
use crate::ctx::Ctx;
use crate::expr::criterion;
use crate::relationship::RelationshipAttribute;

/// `query.join(...)` or `query.outerjoin(...)` (`outer`) applied to `query`.
pub fn joined(
    ctx: &Ctx,
    interp: &mut Interpreter,
    query: &OrmQuery,
    args: &mut CallArgs,
    outer: bool,
) -> PyResult<OrmQuery> {
    let isouter = match args.take_keyword("isouter") {
        Some(flag) => interp.is_truthy(&flag)?,
        None => false,
    };
    let outer = outer || isouter;
    let target = args.positional.first().cloned().unwrap_or(Value::None);
    if let Some(table) = target.downcast_native::<crate::schema::TableObject>() {
        let table = table.table.clone();
        let on = match args.positional.get(1) {
            Some(value) => Some(criterion(interp, value)?),
            None => None,
        };
        return ctx
            .peek(|s| query.clone().join_table(&s.registry, &table, on, outer))?
            .map_err(|e| ctx.error(interp, e));
    }
    if let Some(attribute) = target.downcast_native::<RelationshipAttribute>() {
        return attribute.join_query(interp, query, None, outer);
    }
    if let Some(subquery) = target.downcast_native::<crate::subquery::SubqueryObject>() {
        let Some(on) = args.positional.get(1) else {
            return Err(ctx.raise(
                "InvalidRequestError",
                "Retort joins a subquery with an explicit ON clause: join(subq, Model.id == subq.c.model_id)",
            ));
        };
        let on = criterion(interp, on)?;
        let item = subquery.from_item();
        return ctx
            .peek(|s| query.clone().join_subquery(&s.registry, item, on, outer))?
            .map_err(|e| ctx.error(interp, e));
    }
    let second = args.positional.get(1).cloned();
    let alias = target.downcast_native::<AliasedClass>();
    // `join(Target, Parent.rel)`: along the relationship, into the target
    // (an alias of it when given).
    if let Some(attribute) = second
        .as_ref()
        .and_then(|v| v.downcast_native::<RelationshipAttribute>())
    {
        let target_alias = alias.map(|a| a.alias.clone());
        return attribute.join_query(interp, query, target_alias, outer);
    }
    let on = match &second {
        Some(value) => Some(criterion(interp, value)?),
        None => None,
    };
    if let Some(alias) = alias {
        return ctx
            .peek(|s| {
                query
                    .clone()
                    .join_alias(&s.registry, alias.mapper, &alias.alias, on, outer)
            })?
            .map_err(|e| ctx.error(interp, e));
    }
    let mapper: MapperId = crate::model::mapper_of_value(ctx, interp, &target)?;
    ctx.peek(|s| query.clone().join(&s.registry, mapper, on, outer))?
        .map_err(|e| ctx.error(interp, e))
}
