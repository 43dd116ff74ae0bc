//! 2.0 set operations on `select()`: `s1.union(s2)`, `union_all`,
//! `intersect`, `except_` (methods and the `sqlalchemy` functions
//! `union(s1, s2, ...)` ...). The compound is a Core statement
//! (SQLAlchemy's `CompoundSelect`): executed it autoflushes and returns
//! plain rows keyed and typed by the first member's columns, even when a
//! member selects a class; `order_by()` names the result's columns
//! unqualified (`ORDER BY name`), `limit()` / `offset()` apply to the
//! whole, `subquery()` makes it a FROM item; printed it renders in the
//! default dialect.

use std::rc::Rc;

use retort_orm::{Entity, OrmQuery, QueryResult, ResultItem, ResultRow};
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};
use retort_sql::{CompoundSelect, Expr, SetOp, SqlType, Statement};

use crate::ctx::Ctx;
use crate::expr::ExprObject;
use crate::method::bound_method;
use crate::result::ResultObject;
use crate::select::SelectObject;

/// The set operators, by their Python names.
pub const SET_OPERATORS: &[&str] = &[
    "union",
    "union_all",
    "intersect",
    "intersect_all",
    "except_",
    "except_all",
];

fn set_op(name: &str) -> SetOp {
    match name {
        "union" => SetOp::Union,
        "union_all" => SetOp::UnionAll,
        "intersect" => SetOp::Intersect,
        "intersect_all" => SetOp::IntersectAll,
        "except_" => SetOp::Except,
        _ => SetOp::ExceptAll,
    }
}

/// The type converting one result column, when known (with its enum
/// class).
type ColumnType = Option<(SqlType, Option<String>)>;

/// A compound select.
#[derive(Debug, Clone)]
pub struct CompoundObject {
    ctx: Rc<Ctx>,
    op: SetOp,
    members: Vec<OrmQuery>,
    order_by: Vec<Expr>,
    limit: Option<i64>,
    offset: Option<i64>,
}

/// `union(s1, s2, ...)` and the other set-operator functions.
pub fn set_operator_function(ctx: Rc<Ctx>, name: &'static str) -> Value {
    NativeFunction::function(name, move |interp, args| {
        let members = member_queries(interp, &args.positional)?;
        Ok(Value::native(CompoundObject::new(&ctx, name, members)))
    })
}

/// `select.union(*others)` and the other set-operator methods.
pub fn compound_of(
    interp: &mut Interpreter,
    first: &SelectObject,
    name: &str,
    args: &CallArgs,
) -> PyResult<Value> {
    let mut members = vec![first.query.clone()];
    members.extend(member_queries(interp, &args.positional)?);
    Ok(Value::native(CompoundObject::new(
        &first.ctx, name, members,
    )))
}

/// The queries of the members, which must be `select()` statements.
fn member_queries(interp: &mut Interpreter, values: &[Value]) -> PyResult<Vec<OrmQuery>> {
    let mut members = Vec::with_capacity(values.len());
    for value in values {
        let Some(select) = value.downcast_native::<SelectObject>() else {
            let shown = interp.repr(value)?;
            return Err(PyErr::new(
                "ArgumentError",
                format!(
                    "SELECT construct for inclusion in a UNION or other set construct expected, got {shown}."
                ),
            ));
        };
        members.push(select.query.clone());
    }
    Ok(members)
}

impl CompoundObject {
    fn new(ctx: &Rc<Ctx>, name: &str, members: Vec<OrmQuery>) -> CompoundObject {
        CompoundObject {
            ctx: ctx.clone(),
            op: set_op(name),
            members,
            order_by: Vec::new(),
            limit: None,
            offset: None,
        }
    }

    /// The Core statement.
    fn statement(&self, interp: &mut Interpreter) -> PyResult<Statement> {
        let ctx = &self.ctx;
        let mut selects = Vec::with_capacity(self.members.len());
        for member in &self.members {
            let select = ctx
                .peek(|s| member.to_select(&s.registry))?
                .map_err(|e| ctx.error(interp, e))?;
            selects.push(select);
        }
        let mut compound = CompoundSelect::new(self.op, selects);
        compound.order_by = self.order_by.clone();
        if let Some(n) = self.limit {
            compound = compound.limit(n);
        }
        if let Some(n) = self.offset {
            compound = compound.offset(n);
        }
        Ok(Statement::Compound(compound))
    }

    /// The types of the first member's columns, in order: a class's
    /// columns for a class, a column's own type.
    fn column_types(&self) -> PyResult<Vec<ColumnType>> {
        let Some(first) = self.members.first() else {
            return Ok(Vec::new());
        };
        self.ctx.peek(|s| {
            let mut types = Vec::new();
            for entity in &first.entities {
                match entity {
                    Entity::Mapper(m) | Entity::Aliased { mapper: m, .. } => {
                        if let Ok(mapper) = s.registry.mapper(*m) {
                            types.extend(
                                mapper
                                    .columns
                                    .iter()
                                    .map(|c| Some((c.sql_type.clone(), c.enum_class.clone()))),
                            );
                        }
                    }
                    Entity::Column {
                        sql_type,
                        enum_class,
                        ..
                    } => types.push(sql_type.clone().map(|t| (t, enum_class.clone()))),
                }
            }
            types
        })
    }

    /// `session.execute(compound)`: autoflush, then the rows.
    pub fn execute(&self, interp: &mut Interpreter) -> PyResult<ResultObject> {
        let statement = self.statement(interp)?;
        let types = self.column_types()?;
        let core = self.ctx.run(interp, |s, h| {
            s.autoflush(h)?;
            s.execute_core(&statement)
        })?;
        let rows = core
            .rows
            .into_iter()
            .map(|row| ResultRow {
                items: row
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| ResultItem::Value(typed(value, types.get(i))))
                    .collect(),
            })
            .collect();
        Ok(ResultObject::new(
            self.ctx.clone(),
            QueryResult {
                keys: core.keys,
                rows,
                unique_required: false,
            },
        ))
    }

    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        let mut next = self.clone();
        match name {
            "order_by" => {
                for value in &args.positional {
                    next.order_by.push(result_column_order(interp, value)?);
                }
            }
            "subquery" => {
                let name = match args.positional.first() {
                    Some(Value::None) | None => None,
                    Some(name) => Some(interp.str(name)?),
                };
                let Statement::Compound(compound) = self.statement(interp)? else {
                    return Err(PyErr::new("RuntimeError", "a compound select expected"));
                };
                return crate::subquery::SubqueryObject::make_from(
                    &self.ctx,
                    interp,
                    crate::subquery::SubqueryBody::Compound(compound),
                    name,
                );
            }
            "limit" | "offset" => {
                let n = args.positional.first().and_then(Value::as_int);
                if name == "limit" {
                    next.limit = n;
                } else {
                    next.offset = n;
                }
            }
            _ => {
                return Err(PyErr::attribute_error(format!(
                    "'CompoundSelect' object has no attribute '{name}'"
                )));
            }
        }
        Ok(Value::native(next))
    }
}

/// A raw result value converted by its column's type, when known.
fn typed(value: retort_orm::OrmValue, column: Option<&ColumnType>) -> retort_orm::OrmValue {
    let Some(Some((sql_type, enum_class))) = column else {
        return value;
    };
    let raw = match value {
        retort_orm::OrmValue::None => retort_sql::Value::Null,
        retort_orm::OrmValue::Int(i) => retort_sql::Value::Integer(i),
        retort_orm::OrmValue::Float(f) => retort_sql::Value::Real(f),
        retort_orm::OrmValue::Str(s) => retort_sql::Value::Text(s),
        retort_orm::OrmValue::Bytes(b) => retort_sql::Value::Blob(b),
        other => return other,
    };
    retort_orm::types::from_result_owned(raw, sql_type, enum_class.as_deref())
}

/// An ORDER BY item of a compound: a column by its name in the result
/// (`ORDER BY name`), under its modifiers (`DESC`).
fn result_column_order(interp: &mut Interpreter, value: &Value) -> PyResult<Expr> {
    if let Some(name) = value.as_str() {
        return Ok(Expr::LabelReference(name.to_string()));
    }
    let Some(object) = value.downcast_native::<ExprObject>() else {
        let shown = interp.repr(value)?;
        return Err(PyErr::new(
            "ArgumentError",
            format!("SQL expression element expected, got {shown}"),
        ));
    };
    Ok(unqualified(&object.expr))
}

fn unqualified(expr: &Expr) -> Expr {
    match expr {
        Expr::Column(column) => Expr::LabelReference(column.name.clone()),
        Expr::Label { name, .. } => Expr::LabelReference(name.clone()),
        Expr::Modifier { operand, modifier } => Expr::Modifier {
            operand: Box::new(unqualified(operand)),
            modifier: *modifier,
        },
        other => other.clone(),
    }
}

const METHODS: &[&str] = &["order_by", "limit", "offset", "subquery"];

impl NativeObject for CompoundObject {
    fn type_name(&self) -> &str {
        "CompoundSelect"
    }

    fn str(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let statement = self.statement(interp)?;
        retort_sql::compile_default_str(&statement)
            .map_err(|e| self.ctx.raise("CompileError", e.to_string()))
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
