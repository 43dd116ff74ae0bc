//! The arguments of `join()` / `outerjoin()`, shared by the legacy `Query`
//! and 2.0 `select()`: a relationship attribute (`Parent.children`, the
//! ON clause derived from its foreign keys), or a model with an optional
//! explicit ON clause, or a plain table (`db.Table`) with one; `isouter=True` or the `outerjoin` spelling make it a
//! LEFT OUTER JOIN.

use retort_orm::{MapperId, OrmQuery};
use retort_python::{CallArgs, Interpreter, PyResult, Value};

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
    let (mapper, on): (MapperId, _) = match target.downcast_native::<RelationshipAttribute>() {
        Some(attribute) => {
            let (mapper, on) = attribute.join_target(interp)?;
            (mapper, Some(on))
        }
        None => {
            let mapper = crate::model::mapper_of_value(ctx, interp, &target)?;
            let on = match args.positional.get(1) {
                Some(value) => Some(criterion(interp, value)?),
                None => None,
            };
            (mapper, on)
        }
    };
    ctx.peek(|s| query.clone().join(&s.registry, mapper, on, outer))?
        .map_err(|e| ctx.error(interp, e))
}
