//! The legacy `Query` (`Model.query`, `db.session.query(...)`): generative
//! criteria methods and the methods that run it.

use std::rc::Rc;

use retort_orm::{
    Entity, MapperId, ObjectId, OrmError, OrmQuery, OrmValue, QueryStyle, SynchronizeSession,
};
use retort_python::{CallArgs, Interpreter, NativeObject, PyErr, PyResult, Value};
use retort_sql::Expr;

use crate::convert::to_orm;
use crate::ctx::Ctx;
use crate::expr::{ExprObject, criterion, operand};
use crate::method::bound_method;
use crate::pagination::{not_found_described, page_request, paginate};
use crate::row::{row_value, rows_value};

/// The warning `Query.with_parent()` emits.
pub const WITH_PARENT_WARNING: &str = "The Query.with_parent() method is considered legacy as of the 1.x series of SQLAlchemy and becomes a legacy construct in 2.0. Use the with_parent() standalone construct. (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)";

/// The warning `Query.get()` emits.
pub const QUERY_GET_WARNING: &str = "The Query.get() method is considered legacy as of the 1.x series of SQLAlchemy and becomes a legacy construct in 2.0. The method is now available as Session.get() (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)";

/// A legacy query.
#[derive(Debug, Clone)]
pub struct QueryObject {
    pub ctx: Rc<Ctx>,
    pub query: OrmQuery,
    /// For a dynamic relationship (`AppenderQuery`): the parent object and
    /// the relationship, whose criteria are bound when the query runs.
    pub dynamic: Option<(ObjectId, String)>,
}

/// The methods that run the query (a dynamic relationship binds its
/// parent's key first).
const EXECUTING: &[&str] = &[
    "all",
    "first",
    "one",
    "one_or_none",
    "scalar",
    "count",
    "get",
    "get_or_404",
    "first_or_404",
    "one_or_404",
    "paginate",
    "update",
    "delete",
];

/// `Model.attr` as an expression object, for `filter_by` and `has()`.
pub fn attribute_expr(
    session: &retort_orm::Session,
    mapper_id: MapperId,
    key: &str,
) -> Result<ExprObject, retort_orm::OrmError> {
    let mapper = session.registry.mapper(mapper_id)?;
    let prop = mapper.property(key)?;
    Ok(ExprObject {
        expr: Expr::col(mapper.table_name(), prop.column.clone()),
        sql_type: Some(prop.sql_type.clone()),
        name: key.to_string(),
        attribute: Some((mapper_id, key.to_string())),
        display: None,
        column: None,
        column_default: None,
        proxy_key: None,
        negation: None,
    })
}

/// The entities of `query(...)` / `select(...)` / `with_entities(...)`.
pub fn entities_of(interp: &mut Interpreter, values: &[Value]) -> PyResult<Vec<Entity>> {
    let mut entities = Vec::new();
    for value in values {
        if let Value::Class(class) = value
            && let Some(mapper) = Ctx::mapper_of_class(class)
        {
            entities.push(Entity::Mapper(mapper));
        } else if let Some(alias) = value.downcast_native::<crate::aliased::AliasedClass>() {
            entities.push(alias.entity());
        } else if let Some(object) = value.downcast_native::<ExprObject>() {
            entities.push(object.entity());
        } else if let Some(error) = crate::hybrid::expression_error(value) {
            return Err(error);
        } else if let Some(subquery) = value.downcast_native::<crate::subquery::SubqueryObject>() {
            // `select(subq)`: every column of the subquery.
            for name in subquery.column_names() {
                entities.push(Entity::Column {
                    expr: subquery.column_expr(&name),
                    name,
                    sql_type: None,
                    enum_class: None,
                    mapper: None,
                });
            }
        } else if let Some(table) = value.downcast_native::<crate::schema::TableObject>() {
            for column in &table.table.columns {
                entities.push(Entity::Column {
                    expr: Expr::col(table.table.name.clone(), column.name.clone()),
                    name: column.key.clone(),
                    sql_type: Some(column.sql_type.clone()),
                    enum_class: None,
                    mapper: None,
                });
            }
        } else {
            let shown = interp.repr(value)?;
            return Err(PyErr::new(
                "ArgumentError",
                format!(
                    "Column expression, FROM clause, or other columns clause element expected, got {shown}."
                ),
            ));
        }
    }
    Ok(entities)
}

/// Whether rows are objects (one mapped entity) rather than `Row`s.
pub fn single_object(query: &OrmQuery) -> bool {
    matches!(
        query.entities.as_slice(),
        [Entity::Mapper(_) | Entity::Aliased { .. }]
    )
}

/// The mapper of the first mapped entity.
pub fn first_mapper(query: &OrmQuery) -> Option<MapperId> {
    query.entities.iter().find_map(Entity::mapper_id)
}

/// An `order_by` argument: an expression, or a name (a label or a column).
/// The expressions `order_by`/`group_by` take for one argument: a mapped
/// class stands for each of its columns (`GROUP BY post.id, post.body, ...`).
pub fn order_exprs(
    interp: &mut Interpreter,
    ctx: &Ctx,
    query: &OrmQuery,
    value: &Value,
) -> PyResult<Vec<Expr>> {
    if let Value::Class(class) = value
        && let Some(mapper) = Ctx::mapper_of_class(class)
    {
        return ctx
            .peek(|s| {
                s.registry.mapper(mapper).map(|m| {
                    m.columns
                        .iter()
                        .map(|c| Expr::col(m.table_name(), c.column.clone()))
                        .collect()
                })
            })?
            .map_err(|e| ctx.error(interp, e));
    }
    Ok(vec![order_expr(interp, ctx, query, value)?])
}

pub fn order_expr(
    interp: &mut Interpreter,
    ctx: &Ctx,
    query: &OrmQuery,
    value: &Value,
) -> PyResult<Expr> {
    if let Some(name) = value.as_str() {
        if let Some(mapper) = first_mapper(query)
            && let Ok(Ok(expr)) = ctx.peek(|s| retort_orm::column_expr(&s.registry, mapper, name))
        {
            return Ok(expr);
        }
        return Ok(Expr::LabelReference(name.to_string()));
    }
    operand(interp, value, "param")
}

/// `filter_by(...)` on a query: SQLAlchemy names the entity namespace by
/// its table in the error for an unknown key (the ORM names the class).
pub fn filter_by(
    interp: &mut Interpreter,
    ctx: &Ctx,
    query: &OrmQuery,
    args: &CallArgs,
) -> PyResult<OrmQuery> {
    ctx.configure(interp)?;
    let entity = query.filter_by_entity();
    let class_criteria = match &entity {
        Some((mapper, None)) => {
            crate::namespace::class_attribute_criteria(interp, ctx, *mapper, args)?
        }
        _ => Vec::new(),
    };
    if let Some((mapper, _)) = &entity {
        let unknown = ctx.peek(|s| {
            let mapper = s.registry.mapper(*mapper).ok()?;
            let missing = args.keywords.iter().find(|(k, _)| {
                mapper.property(k).is_err()
                    && mapper.relationship(k).is_none()
                    && class_criteria.iter().all(|(known, _)| known != k)
            })?;
            Some((mapper.table_name().to_string(), missing.0.clone()))
        })?;
        if let Some((table, key)) = unknown {
            return Err(ctx.raise(
                "InvalidRequestError",
                format!("Entity namespace for \"{table}\" has no property \"{key}\""),
            ));
        }
    }
    // The ORM's `filter_by` binds every value with the column type; build
    // the comparisons here so they follow `coerce_compared_value` too.
    let Some((mapper_id, alias)) = entity else {
        let values = keyword_values(interp, args)?;
        return ctx
            .peek(|s| query.clone().filter_by(&s.registry, &values))?
            .map_err(|e| ctx.error(interp, e));
    };
    let mut next = query.clone();
    for (key, value) in &args.keywords {
        if let Some((_, criterion)) = class_criteria.iter().find(|(known, _)| known == key) {
            next = next.filter(criterion.clone());
            continue;
        }
        let is_relationship = ctx.peek(|s| {
            s.registry
                .mapper(mapper_id)
                .is_ok_and(|m| m.relationship(key).is_some())
        })?;
        if is_relationship {
            let attribute = crate::relationship::RelationshipAttribute {
                ctx: ctx
                    .self_rc()
                    .ok_or_else(|| PyErr::new("RuntimeError", "no context"))?,
                mapper: mapper_id,
                key: key.clone(),
                class_name: String::new(),
                parent_alias: None,
                target_alias: None,
            };
            next = next.filter(attribute.equals(interp, value)?);
            continue;
        }
        let mut column = ctx
            .peek(|s| attribute_expr(s, mapper_id, key))?
            .map_err(|e| ctx.error(interp, e))?;
        if let Some(alias) = &alias {
            let table = ctx.peek(|s| {
                s.registry
                    .mapper(mapper_id)
                    .map(|m| m.table_name().to_owned())
                    .unwrap_or_default()
            })?;
            let to = retort_orm::query::alias_source(&table, Some(alias));
            column.expr = retort_orm::query::to_alias_source(&column.expr, &table, &to);
        }
        next = next.filter(column.compare_with(interp, retort_python::CmpOp::Eq, value)?);
    }
    Ok(next)
}

/// Keyword arguments as attribute values.
pub fn keyword_values(
    interp: &mut Interpreter,
    args: &CallArgs,
) -> PyResult<Vec<(String, OrmValue)>> {
    let mut values = Vec::new();
    for (key, value) in &args.keywords {
        values.push((key.clone(), to_orm(interp, value)?));
    }
    Ok(values)
}

fn int_arg(interp: &mut Interpreter, args: &CallArgs, name: &str) -> PyResult<Option<i64>> {
    match args.positional.first() {
        None | Some(Value::None) => Ok(None),
        Some(value) => match value.as_int() {
            Some(n) => Ok(Some(n)),
            None => {
                let shown = interp.repr(value)?;
                Err(PyErr::type_error(format!(
                    "{name}() expects an integer, got {shown}"
                )))
            }
        },
    }
}

impl QueryObject {
    /// `Model.query`.
    pub fn for_mapper(ctx: Rc<Ctx>, mapper: MapperId) -> QueryObject {
        QueryObject {
            ctx,
            query: OrmQuery::for_mapper(QueryStyle::Legacy, mapper),
            dynamic: None,
        }
    }

    /// `parent.rel` of a `lazy='dynamic'` relationship.
    pub fn dynamic(ctx: Rc<Ctx>, target: MapperId, parent: ObjectId, key: String) -> QueryObject {
        let query = ctx
            .peek(|s| s.relationship_query_unbound(parent, &key).ok())
            .ok()
            .flatten()
            .unwrap_or_else(|| OrmQuery::for_mapper(QueryStyle::Legacy, target));
        QueryObject {
            ctx,
            query,
            dynamic: Some((parent, key)),
        }
    }

    fn with(&self, query: OrmQuery) -> Value {
        Value::native(QueryObject {
            ctx: self.ctx.clone(),
            query,
            dynamic: self.dynamic.clone(),
        })
    }

    /// The query to run: a dynamic relationship's criteria get the
    /// parent's key now, after the autoflush.
    pub(crate) fn bound(&self, interp: &mut Interpreter) -> PyResult<OrmQuery> {
        match &self.dynamic {
            Some((parent, key)) => self.ctx.run(interp, |s, h| {
                s.bind_relationship_query(h, &self.query, *parent, key)
            }),
            None => Ok(self.query.clone()),
        }
    }

    fn all(&self, interp: &mut Interpreter) -> PyResult<Vec<Value>> {
        if let Some((parent, key)) = &self.dynamic {
            let attached = self.ctx.peek(|s| s.contains(*parent).unwrap_or(false))?;
            if !attached {
                let ids = self.ctx.run(interp, |s, h| s.rel_get(h, *parent, key))?;
                let ctx = &self.ctx;
                return ctx.peek(|s| {
                    ids.iter()
                        .map(|id| ctx.instance(s, *id))
                        .collect::<PyResult<Vec<_>>>()
                })?;
            }
        }
        let query = self.bound(interp)?;
        let result = self.ctx.run(interp, |s, h| s.query_all(h, &query))?;
        rows_value(interp, &self.ctx, &result, single_object(&query))
    }

    /// `Query.exists()`: `EXISTS (SELECT 1 FROM <first entity's table>
    /// WHERE ...)`, as SQLAlchemy builds it (the query's columns replaced
    /// by `1`, selecting from its first entity).
    fn exists(&self, interp: &mut Interpreter, query: &OrmQuery) -> PyResult<Value> {
        let ctx = &self.ctx;
        let built = ctx.peek(|s| {
            let mut select = query.to_select(&s.registry)?;
            let first = query.entities.first().and_then(|entity| match entity {
                retort_orm::Entity::Mapper(mapper) => s
                    .registry
                    .mapper(*mapper)
                    .ok()
                    .map(|m| retort_sql::FromItem::table(m.table_name())),
                _ => None,
            });
            if let Some(first) = first
                && !select.from.iter().any(|f| f.covers(&first))
            {
                select.from.insert(0, first);
            }
            select.columns = vec![retort_sql::Expr::Raw("1".to_string())];
            Ok::<_, retort_orm::OrmError>(select)
        })?;
        let select = built.map_err(|e| ctx.error(interp, e))?;
        Ok(Value::native(crate::expr::ExprObject::exists(select)))
    }

    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let ctx = &self.ctx;
        if name == "all" {
            return Ok(Value::list(self.all(interp)?));
        }
        let query = if EXECUTING.contains(&name) {
            self.bound(interp)?
        } else {
            self.query.clone()
        };
        let single = single_object(&query);
        let keys = Rc::new(Vec::new());
        match name {
            "filter" | "where" => {
                if let Some((key, _)) = args.keywords.first() {
                    return Err(PyErr::type_error(format!(
                        "Query.{name}() got an unexpected keyword argument '{key}'"
                    )));
                }
                let mut query = query;
                for value in &args.positional {
                    query = query.filter(criterion(interp, value)?);
                }
                Ok(self.with(query))
            }
            "filter_by" => {
                no_positional("Query.filter_by", &args)?;
                Ok(self.with(filter_by(interp, ctx, &query, &args)?))
            }
            "exists" => self.exists(interp, &query),
            "subquery" => {
                let name = match args.take(0, "name") {
                    Some(Value::None) | None => None,
                    Some(name) => Some(interp.str(&name)?),
                };
                let mut query = query;
                query.style = QueryStyle::Select;
                let statement = crate::select::SelectObject {
                    ctx: ctx.clone(),
                    query,
                };
                let select = statement.nested(interp)?;
                crate::subquery::SubqueryObject::make(ctx, interp, select, name)
            }
            "scalar_subquery" | "as_scalar" | "label" => {
                let mut query = query;
                query.style = QueryStyle::Select;
                let statement = crate::select::SelectObject {
                    ctx: ctx.clone(),
                    query,
                };
                let select = statement.nested(interp)?;
                let subquery = retort_sql::Expr::ScalarSubquery(Box::new(select));
                if name == "label" {
                    // `query.label(name)`: the scalar subquery, labelled.
                    let label = interp.str(&args.take(0, "name").unwrap_or(Value::None))?;
                    return Ok(Value::native(crate::expr::ExprObject::plain(
                        subquery.label(label.clone()),
                        label,
                    )));
                }
                Ok(Value::native(crate::expr::ExprObject::plain(
                    subquery, "anon_1",
                )))
            }
            "order_by" => {
                let mut next = query.clone();
                if matches!(args.positional.as_slice(), [Value::None]) {
                    next.order_by.clear();
                    return Ok(self.with(next));
                }
                for value in &args.positional {
                    next = next.order_by(order_expr(interp, ctx, &query, value)?);
                }
                Ok(self.with(next))
            }
            "group_by" => {
                let mut next = query.clone();
                for value in &args.positional {
                    for expr in order_exprs(interp, ctx, &query, value)? {
                        next = next.group_by(expr);
                    }
                }
                Ok(self.with(next))
            }
            "having" => {
                let mut next = query;
                for value in &args.positional {
                    next = next.having(criterion(interp, value)?);
                }
                Ok(self.with(next))
            }
            "limit" => Ok(self.with(match int_arg(interp, &args, "limit")? {
                Some(n) => query.limit(n),
                None => OrmQuery {
                    limit: None,
                    ..query
                },
            })),
            "offset" => Ok(self.with(match int_arg(interp, &args, "offset")? {
                Some(n) => query.offset(n),
                None => OrmQuery {
                    offset: None,
                    ..query
                },
            })),
            "distinct" => Ok(self.with(query.distinct())),
            "from_statement" => {
                let (sql, binds) = text_source(&self.ctx, interp, args.positional.first())?;
                Ok(self.with(query.from_statement(sql, binds)))
            }
            "params" => {
                let mut values = Vec::new();
                if let Some(Value::Dict(dict)) = args.positional.first() {
                    for (key, value) in dict.borrow().items() {
                        values.push((interp.str(&key)?, crate::convert::to_param(interp, &value)?));
                    }
                }
                for (name, value) in &args.keywords {
                    values.push((name.clone(), crate::convert::to_param(interp, value)?));
                }
                Ok(self.with(query.params(values)))
            }
            // Retort relies on auto-correlation, which correlates the
            // enclosing query's tables just as `correlate(Outer)` and
            // `correlate_except(Inner)` name them in the usual subquery.
            "correlate" | "correlate_except" => Ok(self.with(query)),
            "slice" => {
                let start = args.take(0, "start").unwrap_or(Value::None);
                let stop = args.take(1, "stop").unwrap_or(Value::None);
                Ok(self.with(query.slice(start.as_int().unwrap_or(0), stop.as_int())))
            }
            "select_from" => {
                let target = args.positional.first().cloned().unwrap_or(Value::None);
                Ok(self.with(crate::select::select_from(ctx, interp, query, &target)?))
            }
            "with_entities" => {
                let entities = entities_of(interp, &args.positional)?;
                Ok(self.with(query.with_entities(entities)))
            }
            "add_columns" | "add_entity" => {
                let mut entities = query.entities.clone();
                entities.extend(entities_of(interp, &args.positional)?);
                Ok(self.with(query.with_entities(entities)))
            }
            "append" | "remove" | "extend" if self.dynamic.is_some() => {
                let Some((parent, key)) = self.dynamic.clone() else {
                    return Ok(Value::None);
                };
                let value = args.positional.first().cloned().unwrap_or(Value::None);
                let values = if name == "extend" {
                    interp.iterate(&value)?
                } else {
                    vec![value]
                };
                for value in values {
                    let item = ctx.expect_object(interp, &value)?;
                    if name == "remove" {
                        ctx.run(interp, |s, h| s.rel_remove(h, parent, &key, item))?;
                    } else {
                        ctx.run(interp, |s, h| s.rel_append(h, parent, &key, item))?;
                    }
                }
                Ok(Value::None)
            }
            "options" => {
                let mut next = query;
                let options = crate::relationship::loader_options(
                    interp,
                    &args.positional,
                    first_mapper(&next),
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
                Ok(self.with(next))
            }
            "with_parent" => {
                interp.warn("LegacyAPIWarning", WITH_PARENT_WARNING);
                let instance = args.take(0, "instance").unwrap_or(Value::None);
                let property = args.take(1, "property");
                let criteria = crate::relationship::with_parent_criteria(
                    interp,
                    ctx,
                    &instance,
                    property.as_ref(),
                    first_mapper(&query),
                )?;
                let mut next = query;
                for criterion in criteria {
                    next = next.filter(criterion);
                }
                Ok(self.with(next))
            }
            "union" | "union_all" | "intersect" | "intersect_all" | "except_" | "except_all" => {
                let first = self.bound(interp)?;
                let next = crate::compound::compound_of(ctx, interp, &first, name, &args)?;
                // The compound no longer has the relationship's criteria to bind.
                Ok(Value::native(QueryObject {
                    ctx: ctx.clone(),
                    query: next,
                    dynamic: None,
                }))
            }
            "join" | "outerjoin" => {
                let next =
                    crate::join::joined(ctx, interp, &query, &mut args, name == "outerjoin")?;
                Ok(self.with(next))
            }
            "first" => {
                let row = ctx.run(interp, |s, h| s.query_first(h, &query))?;
                match row {
                    Some(row) => row_value(interp, ctx, &keys_of(ctx, &query), &row, single),
                    None => Ok(Value::None),
                }
            }
            "one" => {
                let row = ctx.run(interp, |s, h| s.query_one(h, &query))?;
                row_value(interp, ctx, &keys_of(ctx, &query), &row, single)
            }
            "one_or_none" => match ctx.run(interp, |s, h| s.query_one_or_none(h, &query))? {
                Some(row) => row_value(interp, ctx, &keys_of(ctx, &query), &row, single),
                None => Ok(Value::None),
            },
            "scalar" => match ctx.run(interp, |s, h| s.query_scalar(h, &query))? {
                Some(item) => ctx.item_value(interp, &item),
                None => Ok(Value::None),
            },
            "count" => Ok(Value::Int(
                ctx.run(interp, |s, h| s.query_count(h, &query))?,
            )),
            "get" | "get_or_404" => {
                let allowed: &[&str] = if name == "get" {
                    &["ident"]
                } else {
                    &["ident", "description"]
                };
                if let Some((unexpected, _)) = args
                    .keywords
                    .iter()
                    .find(|(key, _)| !allowed.contains(&key.as_str()))
                {
                    let owner = "Query";
                    return Err(PyErr::type_error(format!(
                        "{owner}.{name}() got an unexpected keyword argument '{unexpected}'"
                    )));
                }
                interp.warn("LegacyAPIWarning", QUERY_GET_WARNING);
                let mapper = first_mapper(&query).ok_or_else(|| {
                    ctx.raise("InvalidRequestError", "get() needs a mapped entity")
                })?;
                let ident = args.take(0, "ident").unwrap_or(Value::None);
                let description = args.take_keyword("description");
                let pk = primary_key_values(interp, &ident)?;
                let found = ctx.run(interp, |s, h| s.get(h, mapper, &pk))?;
                match found {
                    Some(id) => ctx.peek(|s| ctx.instance(s, id))?,
                    None if name == "get_or_404" => {
                        Err(not_found_described(ctx, interp, description))
                    }
                    None => Ok(Value::None),
                }
            }
            "first_or_404" => {
                let description = args.take_keyword("description");
                let row = ctx.run(interp, |s, h| s.query_first(h, &query))?;
                match row {
                    Some(row) => row_value(interp, ctx, &keys, &row, single),
                    None => Err(not_found_described(ctx, interp, description)),
                }
            }
            // Flask-SQLAlchemy's: `one()`, with no row or several a 404.
            "one_or_404" => {
                let description = args.take_keyword("description");
                let row = ctx.run(interp, |s, h| match s.query_one(h, &query) {
                    Ok(row) => Ok(Some(row)),
                    Err(OrmError::NoResultFound(_) | OrmError::MultipleResultsFound(_)) => Ok(None),
                    Err(error) => Err(error),
                })?;
                match row {
                    Some(row) => row_value(interp, ctx, &keys, &row, single),
                    None => Err(not_found_described(ctx, interp, description)),
                }
            }
            "paginate" => {
                let request = page_request(interp, &self.ctx, &mut args)?;
                paginate(interp, ctx, &query, request)
            }
            "update" => {
                let values = args.positional.first().cloned().unwrap_or(Value::None);
                if !matches!(values, Value::Dict(_)) {
                    return Err(PyErr::type_error("update() expects a dict of values"));
                }
                let mut pairs = Vec::new();
                for (key, value) in crate::dml::dict_pairs(interp, &values)? {
                    pairs.push((key, set_value(interp, &value)?));
                }
                let sync = sync_arg(interp, &mut args)?;
                let count = ctx.run(interp, |s, h| s.query_update(h, &query, &pairs, sync))?;
                Ok(Value::Int(i64::try_from(count).unwrap_or(i64::MAX)))
            }
            "delete" => {
                let sync = sync_arg(interp, &mut args)?;
                let count = ctx.run(interp, |s, h| s.query_delete(h, &query, sync))?;
                Ok(Value::Int(i64::try_from(count).unwrap_or(i64::MAX)))
            }
            _ => Err(PyErr::attribute_error(format!(
                "'Query' object has no attribute '{name}'"
            ))),
        }
    }
}

/// The result keys of a query's entities: a class's name, an alias's
/// given name, a column's key.
pub fn keys_of(ctx: &Ctx, query: &OrmQuery) -> Rc<Vec<String>> {
    let class_name = |m: &MapperId| {
        ctx.peek(|s| {
            s.registry
                .mapper(*m)
                .map(|m| m.class_name.clone())
                .unwrap_or_default()
        })
        .unwrap_or_default()
    };
    Rc::new(
        query
            .entities
            .iter()
            .map(|e| match e {
                Entity::Mapper(m) => class_name(m),
                Entity::Aliased { alias, mapper } => match alias {
                    retort_sql::AliasName::Named(name) => name.clone(),
                    retort_sql::AliasName::Anon { .. } => class_name(mapper),
                },
                Entity::Column { name, .. } => name.clone(),
            })
            .collect(),
    )
}

/// A value an UPDATE sets: an expression (`User.age + 1`) stays one.
pub fn set_value(interp: &mut Interpreter, value: &Value) -> PyResult<retort_orm::SetValue> {
    Ok(match value.downcast_native::<ExprObject>() {
        Some(object) => retort_orm::SetValue::Expr(object.expr.clone()),
        None => retort_orm::SetValue::Value(to_orm(interp, value)?),
    })
}

pub fn sync_arg(interp: &mut Interpreter, args: &mut CallArgs) -> PyResult<SynchronizeSession> {
    Ok(match args.take_keyword("synchronize_session") {
        None => SynchronizeSession::Auto,
        Some(Value::Bool(false)) => SynchronizeSession::False,
        Some(value) => match interp.str(&value)?.as_str() {
            "evaluate" => SynchronizeSession::Evaluate,
            "fetch" => SynchronizeSession::Fetch,
            _ => SynchronizeSession::Auto,
        },
    })
}

/// A primary key argument: a scalar or a tuple for composite keys.
pub fn primary_key_values(interp: &mut Interpreter, ident: &Value) -> PyResult<Vec<OrmValue>> {
    match ident {
        Value::Tuple(items) => items.iter().map(|v| to_orm(interp, v)).collect(),
        other => Ok(vec![to_orm(interp, other)?]),
    }
}

const METHODS: &[&str] = &[
    "from_statement",
    "filter",
    "where",
    "filter_by",
    "order_by",
    "group_by",
    "having",
    "limit",
    "offset",
    "distinct",
    "params",
    "correlate",
    "correlate_except",
    "slice",
    "select_from",
    "with_entities",
    "add_columns",
    "add_entity",
    "join",
    "outerjoin",
    "union",
    "union_all",
    "intersect",
    "intersect_all",
    "except_",
    "except_all",
    "with_parent",
    "exists",
    "scalar_subquery",
    "as_scalar",
    "label",
    "subquery",
    "options",
    "all",
    "first",
    "one",
    "one_or_none",
    "scalar",
    "count",
    "get",
    "get_or_404",
    "first_or_404",
    "one_or_404",
    "paginate",
    "update",
    "delete",
];

impl QueryObject {
    /// The 2.0 `Select` the query stands for (its columns unlabelled).
    pub fn statement(&self) -> crate::select::SelectObject {
        let mut query = self.query.clone();
        query.style = QueryStyle::Select;
        crate::select::SelectObject {
            ctx: self.ctx.clone(),
            query,
        }
    }
}

impl NativeObject for QueryObject {
    fn type_name(&self) -> &str {
        if self.dynamic.is_some() {
            "AppenderQuery"
        } else {
            "Query"
        }
    }

    fn str(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let ctx = self.ctx.clone();
        let text = ctx.peek(|s| self.query.to_sql_string(&s.registry, false))?;
        text.map_err(|e| ctx.error(interp, e))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if name == "statement" {
            // A dynamic relationship's statement carries its parent's key.
            let mut statement = self.statement();
            if self.dynamic.is_some() {
                statement.query = self.bound(interp)?;
                statement.query.style = QueryStyle::Select;
            }
            return Ok(Some(Value::native(statement)));
        }
        let dynamic_method =
            self.dynamic.is_some() && matches!(name, "append" | "remove" | "extend");
        if !METHODS.contains(&name) && !dynamic_method {
            return Ok(None);
        }
        Ok(Some(bound_method(self.clone(), name, Self::call_method)))
    }

    fn iter(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.all(interp)?)))
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        // SQLAlchemy's `_getitem`: no negative index, an empty slice
        // without SQL, a step applied to the rows fetched.
        let negative = || {
            PyErr::index_error("negative indexes are not accepted by SQL index / slice operators")
        };
        if let Some(index) = key.as_int() {
            if index < 0 {
                return Err(negative());
            }
            let query = self.query.clone().slice(index, Some(index + 1));
            let items = QueryObject {
                ctx: self.ctx.clone(),
                query,
                dynamic: self.dynamic.clone(),
            }
            .all(interp)?;
            return match items.into_iter().next() {
                Some(item) => Ok(Some(item)),
                None => Err(PyErr::index_error("list index out of range")),
            };
        }
        if let Value::Slice(slice) = key {
            let start = slice_bound(&slice.start);
            let stop = slice_bound(&slice.stop);
            if let (Some(start), Some(stop)) = (start, stop)
                && stop - start <= 0
            {
                return Ok(Some(Value::list(Vec::new())));
            }
            if start.is_some_and(|s| s < 0) || stop.is_some_and(|s| s < 0) {
                return Err(negative());
            }
            let query = self.query.clone().slice(start.unwrap_or(0), stop);
            let items = QueryObject {
                ctx: self.ctx.clone(),
                query,
                dynamic: self.dynamic.clone(),
            }
            .all(interp)?;
            let rows = Value::list(items);
            if slice.step.is_none() {
                return Ok(Some(rows));
            }
            let stepped = Value::Slice(std::rc::Rc::new(retort_python::value::SliceValue {
                start: Value::None,
                stop: Value::None,
                step: slice.step.clone(),
            }));
            return Ok(Some(interp.item(&rows, &stepped)?));
        }
        Ok(None)
    }
}

fn slice_bound(value: &Value) -> Option<i64> {
    value.as_int()
}

/// The `TypeError` Python raises when a keyword-only method
/// (`filter_by(**kwargs)`) gets positional arguments.
pub fn no_positional(qualname: &str, args: &CallArgs) -> PyResult<()> {
    match args.positional.len() {
        0 => Ok(()),
        n => Err(PyErr::type_error(format!(
            "{qualname}() takes 1 positional argument but {} were given",
            n + 1
        ))),
    }
}

/// The SQL and binds of `from_statement(text(...))`'s argument.
pub fn text_source(
    ctx: &Ctx,
    interp: &mut Interpreter,
    statement: Option<&Value>,
) -> PyResult<(String, Vec<(String, retort_sql::Value)>)> {
    if let Some(object) = statement.and_then(|v| v.downcast_native::<ExprObject>())
        && let retort_sql::Expr::Text { sql, binds } = &object.expr
    {
        return Ok((sql.clone(), binds.clone()));
    }
    if let Some(sql) = statement.and_then(Value::as_str) {
        return Err(crate::session::no_text_coercion(interp, ctx, sql));
    }
    let shown = match statement {
        Some(value) => interp.repr(value)?,
        None => "nothing".to_owned(),
    };
    Err(ctx.raise(
        "ArgumentError",
        format!("Retort's from_statement() takes a text() construct, not {shown}"),
    ))
}
