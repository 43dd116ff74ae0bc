//! `Query.union(*queries)` and the other set operators of the legacy
//! `Query` (`union_all`, `intersect`, `intersect_all`, `except_`,
//! `except_all`): the members are this query and the arguments (a dynamic
//! relationship's query with its parent's key bound), and the result is a
//! query over this query's entities selected from the compound.

use retort_orm::OrmQuery;
use retort_python::{CallArgs, Interpreter, PyErr, PyResult};
use retort_sql::SetOp;

use crate::ctx::Ctx;
use crate::query::QueryObject;

/// `query.<name>(*args)` for a set-operator method `name`.
pub fn compound_of(
    ctx: &Ctx,
    interp: &mut Interpreter,
    query: &OrmQuery,
    name: &str,
    args: &CallArgs,
) -> PyResult<OrmQuery> {
    let op = match name {
        "union" => SetOp::Union,
        "union_all" => SetOp::UnionAll,
        "intersect" => SetOp::Intersect,
        "intersect_all" => SetOp::IntersectAll,
        "except_" => SetOp::Except,
        _ => SetOp::ExceptAll,
    };
    let mut others = Vec::new();
    for value in &args.positional {
        let Some(other) = value.downcast_native::<QueryObject>() else {
            let shown = interp.repr(value)?;
            return Err(PyErr::new(
                "ArgumentError",
                format!(
                    "SELECT construct for inclusion in a UNION or other set construct expected, got {shown}."
                ),
            ));
        };
        others.push(other.bound(interp)?);
    }
    ctx.run(interp, |s, _| s.compound_query(query, &others, op))
}
