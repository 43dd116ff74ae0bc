//! 2.0-style `select(...)` statements.

use std::rc::Rc;

use retort_orm::{OrmQuery, QueryStyle};
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;
use crate::expr::criterion;
use crate::method::bound_method;
use crate::query::{entities_of, filter_by};

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
    "slice",
    "distinct",
    "add_columns",
    "with_only_columns",
    "join_from",
    "correlate",
    "correlate_except",
    "select_from",
    "join",
    "outerjoin",
    "compile",
    "scalar_subquery",
    "subquery",
    "exists",
    "union",
    "union_all",
    "intersect",
    "intersect_all",
    "except_",
    "except_all",
    "from_statement",
];

impl SelectObject {
    /// The statement as a nested SELECT (`IN (SELECT ...)`, a scalar
    /// subquery, `EXISTS`).
    pub fn nested(&self, interp: &mut Interpreter) -> PyResult<retort_sql::Select> {
        let ctx = &self.ctx;
        ctx.peek(|s| self.query.to_nested_select(&s.registry))?
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
            "from_statement" => {
                // SQLAlchemy's `Select.from_statement()` of a plain string
                // raises a bare NotImplementedError.
                if args.positional.first().and_then(Value::as_str).is_some() {
                    return Err(PyErr::new("NotImplementedError", ""));
                }
                let (sql, binds) = crate::query::text_source(ctx, interp, args.positional.first())?;
                next = next.from_statement(sql, binds);
            }
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
                next.column_options.extend(crate::deferral::column_options(
                    &args.positional,
                    crate::query::first_mapper(&next),
                ));
                next.contains_eager
                    .extend(crate::contains_eager::contains_eager_options(
                        &args.positional,
                    ));
            }
            "order_by" | "group_by" => {
                for value in &args.positional {
                    for expr in crate::query::order_exprs(interp, ctx, &query, value)? {
                        next = if name == "order_by" {
                            next.order_by(expr)
                        } else {
                            next.group_by(expr)
                        };
                    }
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
            "slice" => {
                let start = args.positional.first().and_then(Value::as_int);
                let stop = args.positional.get(1).and_then(Value::as_int);
                next = next.slice(start.unwrap_or(0), stop);
            }
            "distinct" => next = next.distinct(),
            "add_columns" => {
                let mut entities = next.entities.clone();
                entities.extend(entities_of(interp, &args.positional)?);
                next = next.with_entities(entities);
            }
            "with_only_columns" => {
                next = next.with_entities(entities_of(interp, &args.positional)?);
            }
            "join_from" => {
                // `join_from(left, right, on)`: `select_from(left)` then
                // `join(right, on)`.
                let left = match args.take_keyword("from_") {
                    Some(left) => left,
                    None if !args.positional.is_empty() => args.positional.remove(0),
                    None => Value::None,
                };
                if let Some(on) = args.take_keyword("onclause") {
                    args.positional.push(on);
                }
                next = select_from(ctx, interp, next, &left)?;
                next = crate::join::joined(ctx, interp, &next, &mut args, false)?;
            }
            // Auto-correlation already correlates the enclosing query's
            // tables, as `correlate(Outer)` / `correlate_except(Inner)` ask.
            "correlate" | "correlate_except" => {}
            "join" | "outerjoin" => {
                next = crate::join::joined(ctx, interp, &query, &mut args, name == "outerjoin")?;
            }
            "select_from" => {
                let target = args.positional.first().cloned().unwrap_or(Value::None);
                next = select_from(ctx, interp, next, &target)?;
            }
            name if crate::compound_select::SET_OPERATORS.contains(&name) => {
                return crate::compound_select::compound_of(interp, self, name, &args);
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
                let options = crate::compiled::compile_options(interp, &args)?;
                let select = ctx.peek(|s| query.to_select(&s.registry))?;
                let select = select.map_err(|e| ctx.error(interp, e))?;
                return crate::compiled::compiled_value(
                    ctx,
                    &retort_sql::Statement::Select(select),
                    options,
                );
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

/// `select_from(target)` of a `Select` or a legacy `Query`: a subquery or
/// a mapped class's table becomes the explicit FROM the joins start from.
pub fn select_from(
    ctx: &Ctx,
    interp: &mut Interpreter,
    query: OrmQuery,
    target: &Value,
) -> PyResult<OrmQuery> {
    if let Some(subquery) = target.downcast_native::<crate::subquery::SubqueryObject>() {
        return Ok(query.select_from(subquery.from_item()));
    }
    if let Some(table) = target.downcast_native::<crate::schema::TableObject>() {
        return Ok(query.select_from(retort_sql::FromItem::table(table.table.name.clone())));
    }
    let mapper = crate::model::mapper_of_value(ctx, interp, target)?;
    let table = ctx
        .peek(|s| {
            s.registry
                .mapper(mapper)
                .map(|m| m.table_name().to_string())
        })?
        .map_err(|e| ctx.error(interp, e))?;
    Ok(query.select_from(retort_sql::FromItem::table(table)))
}

pub use crate::result::ResultObject;
