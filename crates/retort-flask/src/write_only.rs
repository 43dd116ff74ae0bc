//! `WriteOnlyCollection`: a `lazy="write_only"` relationship
//! (`WriteOnlyMapped[...]`) read on an instance. It never loads: `select()`
//! is a 2.0 `select()` of the related class with the relationship's
//! criteria for this parent; `add`, `add_all` and `remove` change the
//! collection for the next flush.

use std::rc::Rc;

use retort_orm::{ObjectId, QueryStyle};
use retort_python::{CallArgs, Interpreter, NativeObject, PyResult, Value};

use crate::ctx::Ctx;
use crate::method::bound_method;
use crate::select::SelectObject;

/// `parent.<write-only relationship>`.
#[derive(Clone)]
pub struct WriteOnlyCollection {
    pub ctx: Rc<Ctx>,
    pub parent: ObjectId,
    pub key: String,
}

impl WriteOnlyCollection {
    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        let ctx = &self.ctx;
        let (parent, key) = (self.parent, self.key.as_str());
        match name {
            "select" => {
                args.check("select", 0, 0)?;
                let query = ctx.run(interp, |s, h| {
                    let query = s.relationship_query_unbound(parent, key)?;
                    s.bind_relationship_query(h, &query, parent, key)
                })?;
                Ok(Value::native(SelectObject {
                    ctx: ctx.clone(),
                    query: retort_orm::OrmQuery {
                        style: QueryStyle::Select,
                        ..query
                    },
                }))
            }
            _ => {
                args.check(name, 1, 1)?;
                let value = &args.positional[0];
                let values = if name == "add_all" {
                    interp.iterate(value)?
                } else {
                    vec![value.clone()]
                };
                for value in values {
                    let item = ctx.expect_related(interp, &value)?;
                    if name == "remove" {
                        ctx.run(interp, |s, h| s.rel_remove(h, parent, key, item))?;
                    } else {
                        ctx.run(interp, |s, h| s.rel_append(h, parent, key, item))?;
                    }
                }
                Ok(Value::None)
            }
        }
    }
}

impl NativeObject for WriteOnlyCollection {
    fn type_name(&self) -> &str {
        "WriteOnlyCollection"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !matches!(name, "select" | "add" | "add_all" | "remove") {
            return Ok(None);
        }
        Ok(Some(bound_method(self.clone(), name, Self::call_method)))
    }
}
