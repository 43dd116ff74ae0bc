//! `insert()`, `update()` and `delete()` statements (SQLAlchemy 2.0's
//! DML constructs) on a mapped class or a plain `Table`: `.where()` /
//! `.filter()` / `.filter_by()`, `.values()` (keywords, a dict, a list of
//! dicts), `.execution_options(synchronize_session=...)`, printed in the
//! default dialect, and executed by a session or a connection — on a
//! class as the ORM does (autoflush, the session synchronised, Python
//! defaults applied), on a table as Core does. The result says
//! `rowcount` and, for one inserted row, `inserted_primary_key`; an
//! statement with `.returning(...)` gives a `Result` of the returned rows
//! (objects for a mapped class).

use std::rc::Rc;

use retort_orm::query::bulk_insert::{returning_columns, returning_keys};
use retort_orm::{
    ColumnDefault, InsertOutcome, InsertTarget, MapperId, OrmQuery, QueryResult, QueryStyle,
    ResultItem, ResultRow, ReturningItem, SynchronizeSession,
};
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};
use retort_sql::{Delete, Expr, Insert, InsertValues, Statement, Table, Update};

use crate::convert::to_orm;
use crate::ctx::Ctx;
use crate::expr::{ExprObject, criterion};
use crate::method::bound_method;
use crate::model::mapper_of_value;
use crate::query::{filter_by, set_value};
use crate::result::ResultObject;
use crate::schema::TableObject;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DmlKind {
    Insert,
    Update,
    Delete,
}

impl DmlKind {
    fn name(self) -> &'static str {
        match self {
            DmlKind::Insert => "insert",
            DmlKind::Update => "update",
            DmlKind::Delete => "delete",
        }
    }
}

/// What a statement writes to.
#[derive(Debug, Clone)]
enum Target {
    /// A mapped class; the query carries its criteria.
    Mapper(MapperId, Box<OrmQuery>),
    Table(Table, Vec<Expr>),
}

/// An `insert()`, `update()` or `delete()` statement.
#[derive(Debug, Clone)]
pub struct DmlObject {
    ctx: Rc<Ctx>,
    kind: DmlKind,
    target: Target,
    /// `.values(...)`: the keys (attribute or column names) and values.
    values: Vec<(String, Value)>,
    /// `.values([{...}, {...}])`: several rows.
    rows: Vec<Vec<(String, Value)>>,
    sync: Option<SynchronizeSession>,
    /// `.returning(...)`: a mapped class or columns, in order.
    returning: Vec<ReturningItem>,
}

/// `insert(target)`, `update(target)`, `delete(target)`.
pub fn dml_function(ctx: Rc<Ctx>, kind: DmlKind) -> Value {
    NativeFunction::function(kind.name(), move |interp, mut args| {
        let Some(target) = args.take(0, "table") else {
            return Err(PyErr::type_error(format!(
                "{}() missing 1 required positional argument: 'table'",
                kind.name()
            )));
        };
        let target = match target.downcast_native::<TableObject>() {
            Some(table) => Target::Table(table.table.clone(), Vec::new()),
            None => {
                let mapper = mapper_of_value(&ctx, interp, &target)?;
                Target::Mapper(
                    mapper,
                    Box::new(OrmQuery::for_mapper(QueryStyle::Select, mapper)),
                )
            }
        };
        Ok(Value::native(DmlObject {
            ctx: ctx.clone(),
            kind,
            target,
            values: Vec::new(),
            rows: Vec::new(),
            sync: None,
            returning: Vec::new(),
        }))
    })
}

/// `(key, value)` pairs of a dict whose keys are names or columns
/// (`{"name": v}` or `{User.name: v}`).
pub fn dict_pairs(interp: &mut Interpreter, value: &Value) -> PyResult<Vec<(String, Value)>> {
    let Value::Dict(dict) = value else {
        return Err(PyErr::type_error(
            "values() expects keyword arguments or a dict",
        ));
    };
    let items = dict.borrow().items();
    let mut pairs = Vec::with_capacity(items.len());
    for (key, value) in items {
        let key = match key.downcast_native::<ExprObject>() {
            Some(column) => column.name.clone(),
            None => interp.str(&key)?,
        };
        pairs.push((key, value));
    }
    Ok(pairs)
}

impl DmlObject {
    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        let mut next = self.clone();
        match name {
            "where" | "filter" => {
                for value in &args.positional {
                    let expr = criterion(interp, value)?;
                    match &mut next.target {
                        Target::Mapper(_, query) => **query = query.as_ref().clone().filter(expr),
                        Target::Table(_, wheres) => wheres.push(expr),
                    }
                }
            }
            "filter_by" => match &mut next.target {
                Target::Mapper(_, query) => **query = filter_by(interp, &self.ctx, query, &args)?,
                Target::Table(table, _) => {
                    return Err(self.ctx.raise(
                        "InvalidRequestError",
                        format!(
                            "filter_by() needs a mapped class, not the table '{}'",
                            table.name
                        ),
                    ));
                }
            },
            "values" => {
                if let Some(Value::List(list)) = args.positional.first() {
                    let rows = list.borrow().clone();
                    next.rows = rows
                        .iter()
                        .map(|row| dict_pairs(interp, row))
                        .collect::<PyResult<_>>()?;
                } else {
                    for value in &args.positional {
                        next.values.extend(dict_pairs(interp, value)?);
                    }
                    next.values.extend(args.keywords.iter().cloned());
                }
            }
            "returning" => {
                for value in &args.positional {
                    next.returning.push(self.returning_item(interp, value)?);
                }
            }
            "execution_options" => {
                let mut args = args;
                if args
                    .keywords
                    .iter()
                    .any(|(k, _)| k == "synchronize_session")
                {
                    next.sync = Some(crate::query::sync_arg(interp, &mut args)?);
                }
            }
            _ => {
                return Err(PyErr::attribute_error(format!(
                    "'{}' object has no attribute '{name}'",
                    self.type_name()
                )));
            }
        }
        Ok(Value::native(next))
    }

    /// What `.returning(value)` returns: a mapped class, or a column of
    /// the target (`User.id`, `table.c.id`).
    fn returning_item(&self, interp: &mut Interpreter, value: &Value) -> PyResult<ReturningItem> {
        if let Value::Class(class) = value
            && let Some(mapper) = Ctx::mapper_of_class(class)
        {
            return Ok(ReturningItem::Entity(mapper));
        }
        if let Some(column) = value.downcast_native::<ExprObject>()
            && let Expr::Column(reference) = &column.expr
        {
            return Ok(ReturningItem::Column {
                name: reference.name.clone(),
                key: column.name.clone(),
            });
        }
        let shown = interp.repr(value)?;
        Err(PyErr::new(
            "NotImplementedError",
            format!("Retort returns mapped classes and table columns from RETURNING, not {shown}"),
        ))
    }

    /// The result keys of `.returning(...)`: a class's name, a column's
    /// key.
    fn returning_keys(&self) -> PyResult<Vec<String>> {
        self.ctx
            .peek(|s| returning_keys(&s.registry, &self.returning))
    }

    /// The table columns of `.returning(...)`, in order.
    fn returning_columns(&self) -> PyResult<Vec<String>> {
        self.ctx
            .peek(|s| returning_columns(&s.registry, &self.returning))?
            .map_err(|e| PyErr::new("InvalidRequestError", e.to_string()))
    }

    fn table(&self) -> PyResult<Table> {
        match &self.target {
            Target::Table(table, _) => Ok(table.clone()),
            Target::Mapper(mapper, _) => self.ctx.peek(|s| {
                s.registry
                    .mapper(*mapper)
                    .map(|m| m.table.clone())
                    .map_err(|e| PyErr::new("InvalidRequestError", e.to_string()))
            })?,
        }
    }

    fn wheres(&self) -> Vec<Expr> {
        match &self.target {
            Target::Mapper(_, query) => query.where_.clone(),
            Target::Table(_, wheres) => wheres.clone(),
        }
    }

    /// The column a `.values()` key names: an attribute of a mapped class
    /// maps to its column.
    fn column_name(&self, key: &str) -> String {
        if let Target::Mapper(mapper, _) = &self.target
            && let Ok(Some(column)) = self.ctx.peek(|s| {
                let mapper = s.registry.mapper(*mapper).ok()?;
                let prop = mapper.columns.iter().find(|c| &*c.attr == key)?;
                Some(prop.column.clone())
            })
        {
            return column;
        }
        key.to_owned()
    }

    /// The statement as `str()` and `compile()` show it: SQLAlchemy's
    /// compiler names every column a `default=` fills in a one-row INSERT
    /// and every column an `onupdate=` fills in an UPDATE, a Python
    /// default as a parameter (`:made`), a SQL one inline (`now()`).
    fn shown_statement(&self, interp: &mut Interpreter) -> PyResult<Statement> {
        let mut statement = self.statement(interp)?;
        if self.values.is_empty() {
            return Ok(statement);
        }
        let table = self.table()?;
        let filled = |column: &str, update: bool| -> Option<Expr> {
            let default = self.ctx.peek(|s| {
                let registry = &s.registry;
                if update {
                    let mapper = registry.mapper(registry.by_table(&table.name)?).ok()?;
                    let property = mapper.columns.iter().find(|c| c.column == column)?;
                    property.onupdate.clone()
                } else {
                    registry.column_default(&table.name, column).cloned()
                }
            });
            Some(match default.ok()?? {
                ColumnDefault::Sql(expr) => expr,
                _ => Expr::fixed_bind(column.to_owned(), retort_sql::Value::Null),
            })
        };
        // The given columns and the filled ones, in table order.
        let in_table_order = |mut given: Vec<(String, Expr)>, update: bool| {
            let mut shown = Vec::with_capacity(table.columns.len());
            for column in &table.columns {
                let value = match given.iter().position(|(name, _)| *name == column.name) {
                    Some(index) => Some(given.remove(index).1),
                    None => filled(&column.name, update),
                };
                shown.extend(value.map(|value| (column.name.clone(), value)));
            }
            shown
        };
        match &mut statement {
            Statement::Insert(insert) => {
                if let InsertValues::Exprs(exprs) = &mut insert.values {
                    let given = std::mem::take(&mut insert.columns)
                        .into_iter()
                        .zip(std::mem::take(exprs))
                        .collect();
                    (insert.columns, *exprs) = in_table_order(given, false).into_iter().unzip();
                }
            }
            Statement::Update(update) => {
                update.set = in_table_order(std::mem::take(&mut update.set), true);
            }
            _ => {}
        }
        Ok(statement)
    }

    /// The statement as a SQL tree, values as named binds (for printing).
    fn statement(&self, interp: &mut Interpreter) -> PyResult<Statement> {
        let table = self.table()?;
        let bind = |interp: &mut Interpreter, column: &str, value: &Value| -> PyResult<Expr> {
            Ok(match value.downcast_native::<ExprObject>() {
                Some(object) => object.expr.clone(),
                None => {
                    Expr::fixed_bind(column.to_owned(), crate::convert::to_param(interp, value)?)
                }
            })
        };
        Ok(match self.kind {
            DmlKind::Insert if !self.rows.is_empty() => {
                // `.values([{...}, {...}])`: the first row's columns, in
                // table order, one VALUES group per row.
                let first = &self.rows[0];
                let columns: Vec<String> = table
                    .columns
                    .iter()
                    .filter(|c| first.iter().any(|(key, _)| self.column_name(key) == c.name))
                    .map(|c| c.name.clone())
                    .collect();
                let mut rows = Vec::with_capacity(self.rows.len());
                for row in &self.rows {
                    let mut values = Vec::with_capacity(columns.len());
                    for column in &columns {
                        values.push(
                            match row.iter().find(|(key, _)| self.column_name(key) == *column) {
                                Some((_, value)) => crate::convert::to_param(interp, value)?,
                                None => retort_sql::Value::Null,
                            },
                        );
                    }
                    rows.push(values);
                }
                let mut insert = Insert::new(table.name.clone(), columns, Vec::new());
                insert.values = InsertValues::Multi(rows);
                insert.returning = self.returning_columns()?;
                Statement::Insert(insert)
            }
            DmlKind::Insert => {
                let mut columns = Vec::new();
                let mut exprs = Vec::new();
                for column in &table.columns {
                    let given = self
                        .values
                        .iter()
                        .find(|(key, _)| self.column_name(key) == column.name);
                    if let Some((_, value)) = given {
                        columns.push(column.name.clone());
                        exprs.push(bind(interp, &column.name, value)?);
                    } else if self.values.is_empty() && self.rows.is_empty() {
                        // `insert(t)` alone names every column.
                        columns.push(column.name.clone());
                        exprs.push(Expr::fixed_bind(
                            column.name.clone(),
                            retort_sql::Value::Null,
                        ));
                    }
                }
                let mut insert = Insert::new(table.name.clone(), columns, Vec::new());
                insert.values = InsertValues::Exprs(exprs);
                insert.returning = self.returning_columns()?;
                Statement::Insert(insert)
            }
            DmlKind::Update => {
                let mut update = Update::new(table.name.clone(), Vec::new());
                for column in &table.columns {
                    if let Some((_, value)) = self
                        .values
                        .iter()
                        .find(|(key, _)| self.column_name(key) == column.name)
                    {
                        update
                            .set
                            .push((column.name.clone(), bind(interp, &column.name, value)?));
                    }
                }
                update.where_ = self.wheres();
                update.returning = self.returning_columns()?;
                Statement::Update(update)
            }
            DmlKind::Delete => {
                let mut delete = Delete::new(table.name.clone());
                for criterion in self.wheres() {
                    delete = delete.where_(criterion);
                }
                delete.returning = self.returning_columns()?;
                Statement::Delete(delete)
            }
        })
    }

    /// Runs the statement; `params` is `execute(stmt, params)`'s second
    /// argument (a dict, or a list of dicts for several rows).
    pub fn execute(&self, interp: &mut Interpreter, params: Option<&Value>) -> PyResult<Value> {
        let ctx = &self.ctx;
        let outcome = match self.kind {
            DmlKind::Insert => {
                let mut rows: Vec<Vec<(String, Value)>> = match params {
                    Some(Value::List(list)) => {
                        let items = list.borrow().clone();
                        items
                            .iter()
                            .map(|row| dict_pairs(interp, row))
                            .collect::<PyResult<_>>()?
                    }
                    Some(dict @ Value::Dict(_)) => vec![dict_pairs(interp, dict)?],
                    _ if !self.rows.is_empty() => self.rows.clone(),
                    _ => vec![Vec::new()],
                };
                for row in &mut rows {
                    for (key, value) in &self.values {
                        if !row.iter().any(|(k, _)| k == key) {
                            row.push((key.clone(), value.clone()));
                        }
                    }
                }
                let mut converted = Vec::with_capacity(rows.len());
                for row in rows {
                    let mut pairs = Vec::with_capacity(row.len());
                    for (key, value) in row {
                        pairs.push((key, to_orm(interp, &value)?));
                    }
                    converted.push(pairs);
                }
                let target = match &self.target {
                    Target::Mapper(mapper, _) => InsertTarget::Mapper(*mapper),
                    Target::Table(table, _) => InsertTarget::Table(table.clone()),
                };
                let returning = &self.returning;
                // `.values([{...}, {...}])` is one multiple-VALUES INSERT.
                if params.is_none() && !self.rows.is_empty() {
                    ctx.run(interp, |s, h| {
                        s.multi_values_insert(h, &target, &converted, returning)
                    })?
                } else {
                    ctx.run(interp, |s, h| {
                        s.bulk_insert_returning(h, &target, &converted, returning)
                    })?
                }
            }
            DmlKind::Update | DmlKind::Delete => match &self.target {
                Target::Mapper(_, query) => {
                    let sync = self.sync.unwrap_or(SynchronizeSession::Auto);
                    let returning = &self.returning;
                    let (rowcount, rows) = if self.kind == DmlKind::Update {
                        let mut values = Vec::with_capacity(self.values.len());
                        for (key, value) in &self.values {
                            values.push((key.clone(), set_value(interp, value)?));
                        }
                        ctx.run(interp, |s, h| {
                            s.query_update_returning(h, query, &values, sync, returning)
                        })?
                    } else {
                        ctx.run(interp, |s, h| {
                            s.query_delete_returning(h, query, sync, returning)
                        })?
                    };
                    let keys = self.returning_keys()?;
                    InsertOutcome {
                        rowcount,
                        primary_key: None,
                        returned: (!returning.is_empty()).then_some(QueryResult {
                            keys,
                            rows,
                            unique_required: false,
                        }),
                    }
                }
                Target::Table(..) => {
                    let statement = self.statement(interp)?;
                    let result = ctx.run(interp, |s, _| s.execute_core(&statement))?;
                    let returned = (!self.returning.is_empty()).then(|| QueryResult {
                        keys: result.keys.clone(),
                        rows: result
                            .rows
                            .iter()
                            .map(|row| ResultRow {
                                items: row.iter().cloned().map(ResultItem::Value).collect(),
                            })
                            .collect(),
                        unique_required: false,
                    });
                    InsertOutcome {
                        rowcount: result.rowcount,
                        primary_key: None,
                        returned,
                    }
                }
            },
        };
        if let Some(returned) = outcome.returned {
            let result = ResultObject::new(ctx.clone(), returned);
            // A Core INSERT's result counts its rows; the ORM's has no
            // `rowcount`.
            return Ok(Value::native(match &self.target {
                Target::Table(..) => {
                    result.with_rowcount(i64::try_from(outcome.rowcount).unwrap_or(i64::MAX))
                }
                Target::Mapper(..) => result,
            }));
        }
        Ok(Value::native(CursorResult {
            ctx: ctx.clone(),
            outcome,
        }))
    }
}

impl NativeObject for DmlObject {
    fn type_name(&self) -> &str {
        match self.kind {
            DmlKind::Insert => "Insert",
            DmlKind::Update => "Update",
            DmlKind::Delete => "Delete",
        }
    }

    fn str(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let statement = self.shown_statement(interp)?;
        retort_sql::compile_default_str(&statement)
            .map_err(|e| self.ctx.raise("CompileError", e.to_string()))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "where" | "filter" | "filter_by" | "values" | "execution_options" | "returning" => {
                Some(bound_method(self.clone(), name, DmlObject::call_method))
            }
            "compile" => {
                let this = self.clone();
                Some(retort_python::NativeFunction::function(
                    "compile",
                    move |interp, args| {
                        let options = crate::compiled::compile_options(interp, &args)?;
                        let statement = this.shown_statement(interp)?;
                        crate::compiled::compiled_value(&this.ctx, &statement, options)
                    },
                ))
            }
            _ => None,
        })
    }
}

/// What reading rows from a result that has none raises.
fn no_rows(ctx: &Ctx) -> PyErr {
    ctx.raise(
        "ResourceClosedError",
        "This result object does not return rows. It has been closed automatically.",
    )
}

/// The result of an executed INSERT, UPDATE or DELETE: a count, no rows.
#[derive(Debug)]
pub struct CursorResult {
    ctx: Rc<Ctx>,
    outcome: InsertOutcome,
}

impl NativeObject for CursorResult {
    fn type_name(&self) -> &str {
        "CursorResult"
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "rowcount" => Some(Value::Int(
                i64::try_from(self.outcome.rowcount).unwrap_or(i64::MAX),
            )),
            "inserted_primary_key" => match &self.outcome.primary_key {
                Some(key) => {
                    let mut values = Vec::with_capacity(key.len());
                    for value in key {
                        values.push(crate::convert::from_orm_in(interp, value)?);
                    }
                    Some(Value::native(crate::row::RowObject {
                        keys: Rc::new(vec![String::new(); values.len()]),
                        values,
                        from_cursor: false,
                    }))
                }
                None => {
                    return Err(self.ctx.raise(
                        "InvalidRequestError",
                        "Statement is not a single-row insert() construct",
                    ));
                }
            },
            "all" | "fetchall" | "fetchone" | "first" | "one" | "scalar" | "scalars" => {
                let ctx = self.ctx.clone();
                Some(NativeFunction::function(name, move |_, _| {
                    Err(no_rows(&ctx))
                }))
            }
            "close" => Some(NativeFunction::function(name, |_, _| Ok(Value::None))),
            _ => None,
        })
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Err(no_rows(&self.ctx))
    }
}
