//! 2.0-style `select(...)` statements, and the `Result` / `ScalarResult`
//! objects `session.execute()` and `session.scalars()` return.

use std::rc::Rc;

use retort_orm::{OrmQuery, QueryResult, QueryStyle};
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;
use crate::expr::criterion;
use crate::method::bound_method;
use crate::query::{entities_of, filter_by, order_expr};
use crate::row::{rows_value, scalars_value};

/// `select(...)`.
#[derive(Debug, Clone)]
pub struct SelectObject {
    pub ctx: Rc<Ctx>,
    pub query: OrmQuery,
}

/// `select(*entities)`.
pub fn select_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("select", move |interp, args| {
        let entities = entities_of(interp, &args.positional)?;
        Ok(Value::native(SelectObject {
            ctx: ctx.clone(),
            query: OrmQuery::new(QueryStyle::Select, entities),
        }))
    })
}

const METHODS: &[&str] = &[
    "where",
    "options",
    "filter",
    "filter_by",
    "order_by",
    "group_by",
    "having",
    "limit",
    "offset",
    "distinct",
    "select_from",
    "join",
    "outerjoin",
    "compile",
    "scalar_subquery",
    "subquery",
    "exists",
];

impl SelectObject {
    /// The statement as a nested SELECT (`IN (SELECT ...)`, a scalar
    /// subquery, `EXISTS`).
    pub fn nested(&self, interp: &mut Interpreter) -> PyResult<retort_sql::Select> {
        let ctx = &self.ctx;
        ctx.peek(|s| self.query.to_select(&s.registry))?
            .map_err(|e| ctx.error(interp, e))
    }

    fn with(&self, query: OrmQuery) -> Value {
        Value::native(SelectObject {
            ctx: self.ctx.clone(),
            query,
        })
    }

    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let ctx = &self.ctx;
        let query = self.query.clone();
        let mut next = query.clone();
        match name {
            "where" | "filter" => {
                if let Some((key, _)) = args.keywords.first() {
                    return Err(PyErr::type_error(format!(
                        "Select.{name}() got an unexpected keyword argument '{key}'"
                    )));
                }
                for value in &args.positional {
                    next = next.filter(criterion(interp, value)?);
                }
            }
            "filter_by" => {
                crate::query::no_positional("Select.filter_by", &args)?;
                next = filter_by(interp, ctx, &query, &args)?;
            }
            "options" => {
                let options = crate::relationship::loader_options(
                    interp,
                    &args.positional,
                    crate::query::first_mapper(&query),
                )?;
                next.loader_options.extend(options);
                next.contains_eager
                    .extend(crate::contains_eager::contains_eager_options(
                        &args.positional,
                    ));
            }
            "order_by" | "group_by" => {
                for value in &args.positional {
                    let expr = order_expr(interp, ctx, &query, value)?;
                    next = if name == "order_by" {
                        next.order_by(expr)
                    } else {
                        next.group_by(expr)
                    };
                }
            }
            "having" => {
                for value in &args.positional {
                    next = next.having(criterion(interp, value)?);
                }
            }
            "limit" | "offset" => {
                let n = args.positional.first().and_then(Value::as_int);
                next = match (name, n) {
                    ("limit", Some(n)) => next.limit(n),
                    ("offset", Some(n)) => next.offset(n),
                    _ => next,
                };
            }
            "distinct" => next = next.distinct(),
            "join" | "outerjoin" => {
                next = crate::join::joined(ctx, interp, &query, &mut args, name == "outerjoin")?;
            }
            "select_from" => {
                let target = args.positional.first().cloned().unwrap_or(Value::None);
                if let Some(subquery) = target.downcast_native::<crate::subquery::SubqueryObject>()
                {
                    return Ok(self.with(next.select_from(subquery.from_item())));
                }
                let mapper = crate::model::mapper_of_value(ctx, interp, &target)?;
                let table = ctx
                    .peek(|s| {
                        s.registry
                            .mapper(mapper)
                            .map(|m| m.table_name().to_string())
                    })?
                    .map_err(|e| ctx.error(interp, e))?;
                next = next.select_from(retort_sql::FromItem::table(table));
            }
            "exists" => {
                let select = self.nested(interp)?;
                return Ok(Value::native(crate::expr::ExprObject::exists(select)));
            }
            "subquery" => {
                let name = match args.take(0, "name") {
                    Some(Value::None) | None => None,
                    Some(name) => Some(interp.str(&name)?),
                };
                let select = self.nested(interp)?;
                return crate::subquery::SubqueryObject::make(ctx, interp, select, name);
            }
            "scalar_subquery" => {
                let select = Box::new(self.nested(interp)?);
                return Ok(Value::native(crate::expr::ExprObject::plain(
                    retort_sql::Expr::ScalarSubquery(select),
                    "anon_1",
                )));
            }
            "compile" => {
                let mut literal = false;
                if let Some((_, kwargs)) = args.keywords.iter().find(|(k, _)| k == "compile_kwargs")
                    && let Ok(flag) = interp.item(kwargs, &Value::str("literal_binds"))
                {
                    literal = interp.is_truthy(&flag)?;
                }
                let text = ctx.peek(|s| query.to_sql_string(&s.registry, literal))?;
                return Ok(Value::str(text.map_err(|e| ctx.error(interp, e))?));
            }
            _ => {
                return Err(PyErr::attribute_error(format!(
                    "'Select' object has no attribute '{name}'"
                )));
            }
        }
        Ok(self.with(next))
    }
}

impl NativeObject for SelectObject {
    fn type_name(&self) -> &str {
        "Select"
    }

    fn str(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let text = self
            .ctx
            .peek(|s| self.query.to_sql_string(&s.registry, false))?;
        text.map_err(|e| self.ctx.error(interp, e))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !METHODS.contains(&name) {
            return Ok(None);
        }
        Ok(Some(bound_method(self.clone(), name, Self::call_method)))
    }
}

/// A `Result` (rows) or a `ScalarResult` (first items).
#[derive(Debug, Clone)]
pub struct ResultObject {
    pub ctx: Rc<Ctx>,
    pub result: Rc<QueryResult>,
    pub scalars: bool,
    /// `mappings()`: rows as dicts keyed by column.
    pub mappings: bool,
}

impl ResultObject {
    fn values(&self, interp: &mut Interpreter) -> PyResult<Vec<Value>> {
        if self.result.unique_required && !self.result.rows.is_empty() {
            return Err(self.ctx.raise(
                "InvalidRequestError",
                "The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections",
            ));
        }
        if self.scalars {
            return scalars_value(&self.ctx, &self.result);
        }
        if !self.mappings {
            return rows_value(&self.ctx, &self.result, false);
        }
        let mut dicts = Vec::new();
        for row in &self.result.rows {
            let mut items = Vec::new();
            for (key, item) in self.result.keys.iter().zip(&row.items) {
                items.push((Value::str(key.as_str()), self.ctx.item_value(item)?));
            }
            dicts.push(interp.make_dict(items)?);
        }
        Ok(dicts)
    }

    fn call_method(&self, interp: &mut Interpreter, name: &str) -> PyResult<Value> {
        match name {
            "scalars" => {
                return Ok(Value::native(ResultObject {
                    scalars: true,
                    ..self.clone()
                }));
            }
            "mappings" => {
                return Ok(Value::native(ResultObject {
                    mappings: true,
                    ..self.clone()
                }));
            }
            "unique" => {
                let rows = retort_orm::query::unique_rows(self.result.rows.clone(), self.scalars);
                return Ok(Value::native(ResultObject {
                    result: Rc::new(QueryResult {
                        keys: self.result.keys.clone(),
                        rows,
                        unique_required: false,
                    }),
                    ..self.clone()
                }));
            }
            _ => {}
        }
        let values = self.values(interp)?;
        let first_scalar = || -> PyResult<Value> {
            match scalars_value(&self.ctx, &self.result)?.into_iter().next() {
                Some(v) => Ok(v),
                None => Ok(Value::None),
            }
        };
        let exactly = |values: Vec<Value>, allow_none: bool| -> PyResult<Value> {
            match values.len() {
                0 if allow_none => Ok(Value::None),
                0 => Err(self
                    .ctx
                    .raise("NoResultFound", "No row was found when one was required")),
                1 => Ok(values.into_iter().next().unwrap_or(Value::None)),
                _ if allow_none => Err(self.ctx.raise(
                    "MultipleResultsFound",
                    "Multiple rows were found when one or none was required",
                )),
                _ => Err(self.ctx.raise(
                    "MultipleResultsFound",
                    "Multiple rows were found when exactly one was required",
                )),
            }
        };
        match name {
            "all" | "fetchall" => Ok(Value::list(values)),
            "first" | "fetchone" => Ok(values.into_iter().next().unwrap_or(Value::None)),
            "one" => exactly(values, false),
            "one_or_none" => exactly(values, true),
            "scalar" => first_scalar(),
            "scalar_one" => exactly(scalars_value(&self.ctx, &self.result)?, false),
            "scalar_one_or_none" => exactly(scalars_value(&self.ctx, &self.result)?, true),
            _ => Err(PyErr::attribute_error(format!(
                "'Result' object has no attribute '{name}'"
            ))),
        }
    }
}

const RESULT_METHODS: &[&str] = &[
    "all",
    "fetchall",
    "first",
    "fetchone",
    "one",
    "one_or_none",
    "scalar",
    "scalar_one",
    "scalar_one_or_none",
    "scalars",
    "mappings",
    "unique",
];

impl NativeObject for ResultObject {
    fn type_name(&self) -> &str {
        if self.scalars {
            "ScalarResult"
        } else {
            "Result"
        }
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !RESULT_METHODS.contains(&name) {
            return Ok(None);
        }
        Ok(Some(bound_method(
            self.clone(),
            name,
            |result, interp, name, _| result.call_method(interp, name),
        )))
    }

    fn iter(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.values(interp)?)))
    }
}
