//! The session's legacy bulk methods: `bulk_insert_mappings(Model,
//! [dicts])`, `bulk_update_mappings(Model, [dicts])` and
//! `bulk_save_objects(objects)` — rows straight to the table, grouped
//! into `executemany`s by key set; objects given to `bulk_save_objects`
//! are not added to the session and get no primary key, as in
//! SQLAlchemy.

use retort_orm::OrmValue;
use retort_orm::query::bulk_insert::InsertTarget;
use retort_python::{CallArgs, Interpreter, PyResult, Value};

use crate::convert::to_orm;
use crate::ctx::Ctx;
use crate::dml::dict_pairs;

/// The bulk method names a session answers.
pub const BULK_METHODS: &[&str] = &[
    "bulk_insert_mappings",
    "bulk_update_mappings",
    "bulk_save_objects",
];

/// Runs one of [`BULK_METHODS`].
pub fn bulk_method(
    ctx: &Ctx,
    interp: &mut Interpreter,
    name: &str,
    args: &CallArgs,
) -> PyResult<Value> {
    let first = args.positional.first().cloned().unwrap_or(Value::None);
    match name {
        "bulk_save_objects" => save_objects(ctx, interp, &first),
        _ => {
            let mapper = crate::model::mapper_of_value(ctx, interp, &first)?;
            let mappings = args.positional.get(1).cloned().unwrap_or(Value::None);
            let mut rows = Vec::new();
            for mapping in interp.iterate(&mappings)? {
                let pairs = dict_pairs(interp, &mapping)?;
                rows.push(orm_pairs(interp, pairs)?);
            }
            if name == "bulk_insert_mappings" {
                let target = InsertTarget::Mapper(mapper);
                ctx.run(interp, |s, h| s.bulk_insert(h, &target, &rows))?;
            } else {
                ctx.run(interp, |s, _| s.bulk_update(mapper, &rows))?;
            }
            Ok(Value::None)
        }
    }
}

fn orm_pairs(
    interp: &mut Interpreter,
    pairs: Vec<(String, Value)>,
) -> PyResult<Vec<(String, OrmValue)>> {
    let mut out = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        out.push((key, to_orm(interp, &value)?));
    }
    Ok(out)
}

/// `bulk_save_objects`: runs of objects of one class; new ones INSERTed
/// with the attributes they have, persistent ones UPDATEd with what
/// changed.
fn save_objects(ctx: &Ctx, interp: &mut Interpreter, objects: &Value) -> PyResult<Value> {
    let mut ids = Vec::new();
    for object in interp.iterate(objects)? {
        ids.push(ctx.expect_object(interp, &object)?);
    }
    // (mapper, persistent, row) per object, read from its state.
    let rows = ctx.peek(|s| {
        ids.iter()
            .filter_map(|id| {
                let state = s.state(*id).ok()?;
                let mapper = s.mapper(state.mapper).ok()?;
                let persistent = state.key.is_some();
                let row: Vec<(String, OrmValue)> = mapper
                    .columns
                    .iter()
                    .filter(|c| {
                        !state.expired.contains(&c.attr)
                            && (!persistent
                                || c.primary_key
                                || state.committed.contains_key(&c.attr))
                    })
                    .filter_map(|c| {
                        let value = state.dict.get(&c.attr)?;
                        Some((c.attr.as_ref().to_string(), value.clone()))
                    })
                    .collect();
                Some((state.mapper, persistent, row))
            })
            .collect::<Vec<_>>()
    })?;
    let mut start = 0;
    while start < rows.len() {
        let (mapper, persistent, _) = &rows[start];
        let end = start
            + rows[start..]
                .iter()
                .take_while(|(m, p, _)| m == mapper && p == persistent)
                .count();
        let group: Vec<Vec<(String, OrmValue)>> =
            rows[start..end].iter().map(|(_, _, r)| r.clone()).collect();
        let (mapper, persistent) = (*mapper, *persistent);
        if persistent {
            ctx.run(interp, |s, _| s.bulk_update(mapper, &group))?;
        } else {
            let target = InsertTarget::Mapper(mapper);
            ctx.run(interp, |s, h| s.bulk_insert(h, &target, &group))?;
        }
        start = end;
    }
    Ok(Value::None)
}
