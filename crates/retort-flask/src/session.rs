//! `db.session`: Flask-SQLAlchemy's scoped session as a Python object,
//! forwarding to the one `retort_orm::Session` of the run.

use std::rc::Rc;

use retort_orm::{OrmQuery, QueryResult, QueryStyle, ResultItem, ResultRow};
use retort_python::{CallArgs, Interpreter, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;
use crate::method::bound_method;
use crate::model::mapper_of_value;
use crate::query::{QueryObject, entities_of, primary_key_values};
use crate::select::{ResultObject, SelectObject};

/// `db.session`.
#[derive(Debug)]
pub struct SessionObject {
    pub ctx: Rc<Ctx>,
}

/// `with db.session.no_autoflush:` and `with db.session.begin():`.
#[derive(Debug)]
pub struct SessionBlock {
    pub ctx: Rc<Ctx>,
    pub commit_on_exit: bool,
}

impl NativeObject for SessionBlock {
    fn type_name(&self) -> &str {
        if self.commit_on_exit {
            "SessionTransaction"
        } else {
            "_NoAutoflush"
        }
    }

    fn enter(&self, interp: &mut Interpreter, this: &Value) -> PyResult<Option<Value>> {
        if !self.commit_on_exit {
            self.ctx.run(interp, |s, _| {
                s.enter_no_autoflush();
                Ok(())
            })?;
        }
        Ok(Some(this.clone()))
    }

    fn exit(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        exception: Option<&Value>,
    ) -> PyResult<bool> {
        if !self.commit_on_exit {
            self.ctx.run(interp, |s, _| {
                s.exit_no_autoflush();
                Ok(())
            })?;
            return Ok(false);
        }
        match exception {
            None => self.ctx.run(interp, |s, h| s.commit(h))?,
            Some(_) => self.ctx.run(interp, |s, h| s.rollback_with(h))?,
        }
        Ok(false)
    }
}

/// `session.new` / `dirty` / `deleted`: SQLAlchemy's `IdentitySet`.
#[derive(Debug)]
pub struct IdentitySet {
    pub items: Vec<Value>,
}

impl NativeObject for IdentitySet {
    fn type_name(&self) -> &str {
        "IdentitySet"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let inner = interp.repr(&Value::list(self.items.clone()))?;
        Ok(format!("IdentitySet({inner})"))
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.items.len()))
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.items.is_empty())
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.items.clone())))
    }

    fn contains(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        Ok(Some(self.items.iter().any(|v| v.is(item))))
    }
}

fn one_arg(args: &CallArgs, name: &str) -> PyResult<Value> {
    args.positional.first().cloned().ok_or_else(|| {
        PyErr::type_error(format!("{name}() missing 1 required positional argument"))
    })
}

/// The bind values of one parameter dictionary, over the values
/// `text(...).bindparams(...)` gave (`bound`).
fn text_binds(
    interp: &mut Interpreter,
    bound: &[(String, retort_sql::Value)],
    params: &Value,
) -> PyResult<Vec<(String, retort_sql::Value)>> {
    let mut binds = bound.to_vec();
    if let Value::Dict(dict) = params {
        let items = dict.borrow().items();
        for (key, value) in items {
            let key = interp.str(&key)?;
            let value = crate::convert::to_param(interp, &value)?;
            binds.retain(|(name, _)| name != &key);
            binds.push((key, value));
        }
    }
    Ok(binds)
}

/// Runs a `text()` statement with its bind values on the session's
/// connection (no autoflush); a list of dictionaries is one `executemany`.
fn execute_text(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    sql: &str,
    bound: &[(String, retort_sql::Value)],
    params: Option<&Value>,
) -> PyResult<ResultObject> {
    if let Some(Value::List(list)) = params {
        let rows = list.borrow().clone();
        if !rows.is_empty() {
            return execute_text_many(interp, ctx, sql, bound, &rows);
        }
    }
    let binds = match params {
        Some(params) => text_binds(interp, bound, params)?,
        None => bound.to_vec(),
    };
    let statement = retort_sql::Statement::Text {
        sql: sql.to_string(),
        binds,
    };
    let core = ctx.run(interp, |s, _| s.execute_core(&statement))?;
    let rowcount = if core.keys.is_empty() {
        i64::try_from(core.rowcount).unwrap_or(i64::MAX)
    } else {
        -1
    };
    let rows = core
        .rows
        .into_iter()
        .map(|row| ResultRow {
            items: row.into_iter().map(ResultItem::Value).collect(),
        })
        .collect();
    Ok(ResultObject::new(
        ctx.clone(),
        QueryResult {
            keys: core.keys,
            rows,
            unique_required: false,
        },
    )
    .with_rowcount(rowcount))
}

/// `execute(text(...), [{...}, {...}])`: one `executemany` of the
/// statement compiled once per parameter set.
fn execute_text_many(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    sql: &str,
    bound: &[(String, retort_sql::Value)],
    rows: &[Value],
) -> PyResult<ResultObject> {
    let mut compiled_sql = String::new();
    let mut params = Vec::new();
    for row in rows {
        let statement = retort_sql::Statement::Text {
            sql: sql.to_string(),
            binds: text_binds(interp, bound, row)?,
        };
        let compiled = retort_sql::compile_sqlite(&statement)
            .map_err(|e| ctx.raise("ArgumentError", e.to_string()))?;
        compiled_sql = compiled.sql;
        params.push(compiled.params);
    }
    let changed = ctx.run(interp, |s, _| {
        s.engine
            .executemany(&compiled_sql, &params, retort_orm::Origin::Query)
    })?;
    Ok(ResultObject::new(
        ctx.clone(),
        QueryResult {
            keys: Vec::new(),
            rows: Vec::new(),
            unique_required: false,
        },
    )
    .with_rowcount(i64::try_from(changed).unwrap_or(i64::MAX)))
}

/// Runs a select or a `text()` statement and wraps its rows.
pub fn execute_statement(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    statement: &Value,
    params: Option<&Value>,
) -> PyResult<ResultObject> {
    if let Some(object) = statement.downcast_native::<crate::expr::ExprObject>()
        && let retort_sql::Expr::Text { sql, binds } = &object.expr
    {
        return execute_text(interp, ctx, sql, binds, params);
    }
    if let Some(select) = statement.downcast_native::<SelectObject>()
        && select.query.from_text.is_some()
        && let Some(params) = params
    {
        // `execute(select(User).from_statement(text(...)), {"n": ...})`:
        // the values go to the text's binds.
        let binds = text_binds(interp, &[], params)?;
        let query = select.query.clone().params(binds);
        let result = ctx.run(interp, |s, h| s.execute_query(h, &query))?;
        return Ok(ResultObject::new(ctx.clone(), result));
    }
    execute_select(interp, ctx, statement)
}

/// Runs a select (or a legacy query) and wraps its rows.
pub fn execute_select(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    statement: &Value,
) -> PyResult<ResultObject> {
    if let Some(compound) = statement.downcast_native::<crate::compound_select::CompoundObject>() {
        return compound.execute(interp);
    }
    let Some(select) = statement.downcast_native::<SelectObject>() else {
        if let Some(sql) = statement.as_str() {
            return Err(no_text_coercion(interp, ctx, sql));
        }
        let shown = interp.repr(statement)?;
        return Err(ctx.raise(
            "ArgumentError",
            format!("Executable SQL or text() construct expected, got {shown}."),
        ));
    };
    let query = select.query.clone();
    let result = ctx.run(interp, |s, h| s.execute_query(h, &query))?;
    Ok(ResultObject::new(ctx.clone(), result))
}

impl SessionObject {
    fn objects(&self, interp: &mut Interpreter, ids: Vec<retort_orm::ObjectId>) -> PyResult<Value> {
        let mut values = Vec::new();
        for id in ids {
            values.push(self.ctx.peek(|s| self.ctx.instance(s, id))??);
        }
        let _ = interp;
        Ok(Value::native(IdentitySet { items: values }))
    }

    /// `session.identity_map`, as a dict made now: identity key
    /// (`(<class 'User'>, (1,), None)`) to object, in the order the
    /// objects were made (SQLAlchemy's map keeps the order they gained
    /// their identity).
    fn identity_map(&self, interp: &mut Interpreter) -> PyResult<Value> {
        let entries = self.ctx.peek(|s| {
            s.identity_objects()
                .into_iter()
                .filter_map(|id| {
                    let key = s.state(id).ok()?.key.clone()?;
                    Some(self.ctx.instance(s, id).map(|instance| (instance, key)))
                })
                .collect::<PyResult<Vec<_>>>()
        })??;
        let mut items = Vec::with_capacity(entries.len());
        for (instance, key) in entries {
            let mut values = Vec::with_capacity(key.len());
            for value in &key {
                values.push(crate::convert::from_orm_in(interp, value)?);
            }
            let identity = Value::tuple(vec![
                Value::Class(interp.class_of(&instance)),
                Value::tuple(values),
                Value::None,
            ]);
            items.push((identity, instance));
        }
        interp.make_dict(items)
    }

    /// Runs the session method `name` (`db.session.<name>(...)`).
    pub(crate) fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        args: CallArgs,
    ) -> PyResult<Value> {
        self.ctx.plain_owner.set(false);
        self.dispatch(interp, name, args)
    }

    /// A method of the session, whoever holds it.
    pub(crate) fn dispatch(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let ctx = &self.ctx;
        match name {
            "add" => {
                let id = ctx.expect_object(interp, &one_arg(&args, name)?)?;
                ctx.run(interp, |s, _| s.add(id))?;
            }
            "add_all" => {
                let items = interp.iterate(&one_arg(&args, name)?)?;
                let mut ids = Vec::new();
                for item in &items {
                    ids.push(ctx.expect_object(interp, item)?);
                }
                ctx.run(interp, |s, _| s.add_all(&ids))?;
            }
            "delete" => {
                let id = ctx.expect_object(interp, &one_arg(&args, name)?)?;
                ctx.run(interp, |s, host| s.delete(host, id))?;
            }
            "expunge" => {
                let id = ctx.expect_object(interp, &one_arg(&args, name)?)?;
                ctx.run(interp, |s, _| s.expunge(id))?;
            }
            "refresh" => {
                let id =
                    ctx.expect_object(interp, &args.take(0, "instance").unwrap_or(Value::None))?;
                let names = match args.take(1, "attribute_names") {
                    None | Some(Value::None) => None,
                    Some(names) => {
                        let mut out = Vec::new();
                        for name in interp.iterate(&names)? {
                            out.push(interp.str(&name)?);
                        }
                        Some(out)
                    }
                };
                ctx.run(interp, |s, _| match &names {
                    None => s.refresh(id),
                    Some(names) => s.refresh_attributes(id, names),
                })?;
            }
            "expire" => {
                let id =
                    ctx.expect_object(interp, &args.take(0, "instance").unwrap_or(Value::None))?;
                let names = match args.take(1, "attribute_names") {
                    None | Some(Value::None) => None,
                    Some(names) => {
                        let mut out = Vec::new();
                        for name in interp.iterate(&names)? {
                            out.push(interp.str(&name)?);
                        }
                        Some(out)
                    }
                };
                ctx.run(interp, |s, _| {
                    let names: Option<Vec<&str>> = names
                        .as_ref()
                        .map(|n| n.iter().map(String::as_str).collect());
                    s.expire(id, names.as_deref())
                })?;
            }
            "is_modified" => {
                let id = ctx.expect_object(interp, &one_arg(&args, name)?)?;
                return match ctx.peek(|s| s.is_modified(id))? {
                    Ok(modified) => Ok(Value::Bool(modified)),
                    Err(error) => Err(ctx.error(interp, error)),
                };
            }
            _ if crate::bulk::BULK_METHODS.contains(&name) => {
                return crate::bulk::bulk_method(ctx, interp, name, &args);
            }
            "merge" => {
                let id = ctx.expect_object(interp, &one_arg(&args, name)?)?;
                let merged = ctx.run(interp, |s, h| s.merge(h, id))?;
                return ctx.peek(|s| ctx.instance(s, merged))?;
            }
            "expire_all" => ctx.run(interp, |s, _| s.expire_all())?,
            "expunge_all" => ctx.run(interp, |s, _| s.expunge_all())?,
            "commit" => ctx.run(interp, |s, h| s.commit(h))?,
            "rollback" => ctx.run(interp, |s, h| s.rollback_with(h))?,
            "flush" => ctx.run(interp, |s, h| s.flush(h))?,
            "close" | "remove" => ctx.run(interp, |s, _| s.close())?,
            "begin_nested" => return crate::savepoint::begin_nested(ctx, interp),
            "in_nested_transaction" => {
                return Ok(Value::Bool(ctx.peek(|s| s.in_nested_transaction())?));
            }
            "in_transaction" => return Ok(Value::Bool(ctx.peek(|s| s.in_transaction())?)),
            "begin" => {
                return Ok(Value::native(SessionBlock {
                    ctx: ctx.clone(),
                    commit_on_exit: true,
                }));
            }
            "get" | "get_one" => {
                let mapper = mapper_of_value(ctx, interp, &one_arg(&args, name)?)?;
                let ident = args.positional.get(1).cloned().unwrap_or(Value::None);
                let pk = primary_key_values(interp, &ident)?;
                return match ctx.run(interp, |s, h| s.get(h, mapper, &pk))? {
                    Some(id) => ctx.peek(|s| ctx.instance(s, id))?,
                    None if name == "get_one" => {
                        Err(ctx.raise("NoResultFound", "No row was found when one was required"))
                    }
                    None => Ok(Value::None),
                };
            }
            "query" => {
                let entities = entities_of(interp, &args.positional)?;
                return Ok(Value::native(QueryObject {
                    ctx: ctx.clone(),
                    query: OrmQuery::new(QueryStyle::Legacy, entities),
                    dynamic: None,
                }));
            }
            "execute" => {
                let statement = one_arg(&args, name)?;
                let params = args.take(1, "params");
                if let Some(dml) = statement.downcast_native::<crate::dml::DmlObject>() {
                    return dml.execute(interp, params.as_ref());
                }
                return Ok(Value::native(execute_statement(
                    interp,
                    ctx,
                    &statement,
                    params.as_ref(),
                )?));
            }
            "scalars" => {
                let statement = one_arg(&args, name)?;
                if let Some(dml) = statement.downcast_native::<crate::dml::DmlObject>() {
                    let params = args.take(1, "params");
                    let result = dml.execute(interp, params.as_ref())?;
                    return dml_scalars(interp, result);
                }
                let result = execute_select(interp, ctx, &statement)?;
                return Ok(result.scalars_view());
            }
            "scalar" => {
                let statement = one_arg(&args, name)?;
                if let Some(dml) = statement.downcast_native::<crate::dml::DmlObject>() {
                    let params = args.take(1, "params");
                    let result = dml.execute(interp, params.as_ref())?;
                    let scalar = interp.get_attr(&result, "scalar")?;
                    return interp.call(&scalar, CallArgs::default());
                }
                let result = execute_select(interp, ctx, &statement)?;
                return match result.result.rows.first().and_then(|r| r.items.first()) {
                    Some(item) => ctx.item_value(interp, item),
                    None => Ok(Value::None),
                };
            }
            _ => {
                let _ = args.take_keyword("");
                return Err(PyErr::attribute_error(format!(
                    "'scoped_session' object has no attribute '{name}'"
                )));
            }
        }
        Ok(Value::None)
    }
}

/// Methods of a plain `Session` that `scoped_session` does not proxy.
pub(crate) const PLAIN_METHODS: &[&str] = &["in_transaction", "in_nested_transaction"];

/// The methods a session answers.
pub(crate) const METHODS: &[&str] = &[
    "add",
    "add_all",
    "delete",
    "expunge",
    "expunge_all",
    "refresh",
    "expire",
    "expire_all",
    "merge",
    "is_modified",
    "commit",
    "rollback",
    "flush",
    "close",
    "remove",
    "begin",
    "begin_nested",
    "get",
    "get_one",
    "query",
    "execute",
    "scalars",
    "scalar",
    "bulk_insert_mappings",
    "bulk_update_mappings",
    "bulk_save_objects",
];

impl NativeObject for SessionObject {
    fn type_name(&self) -> &str {
        "scoped_session"
    }

    /// `db.session()`: the scoped session's current `Session`, the same
    /// object every call.
    fn call(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        args: CallArgs,
    ) -> PyResult<Option<Value>> {
        args.check("scoped_session", 0, 0)?;
        Ok(Some(self.ctx.called_session(this)))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let ctx = &self.ctx;
        match name {
            "new" => {
                return self
                    .objects(interp, ctx.peek(|s| s.new_objects())?)
                    .map(Some);
            }
            "dirty" => {
                return self
                    .objects(interp, ctx.peek(|s| s.dirty_objects())?)
                    .map(Some);
            }
            "deleted" => {
                return self
                    .objects(interp, ctx.peek(|s| s.deleted_objects())?)
                    .map(Some);
            }
            "identity_map" => return self.identity_map(interp).map(Some),
            "is_active" => return Ok(Some(Value::Bool(ctx.peek(|s| s.is_active())?))),
            "autoflush" => return Ok(Some(Value::Bool(ctx.peek(|s| s.autoflush_enabled())?))),
            "no_autoflush" => {
                return Ok(Some(Value::native(SessionBlock {
                    ctx: ctx.clone(),
                    commit_on_exit: false,
                })));
            }
            _ => {}
        }
        if !METHODS.contains(&name) {
            return Ok(None);
        }
        Ok(Some(bound_method(
            SessionObject { ctx: ctx.clone() },
            name,
            SessionObject::call_method,
        )))
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        let id = self.ctx.expect_object(interp, item)?;
        Ok(Some(self.ctx.run(interp, |s, _| s.contains(id))?))
    }
}

/// `session.scalars(dml)`: the first item of each returned row; a
/// statement without RETURNING raises as SQLAlchemy's does on fetching.
fn dml_scalars(interp: &mut Interpreter, result: Value) -> PyResult<Value> {
    if let Some(rows) = result.downcast_native::<crate::result::ResultObject>() {
        return Ok(rows.scalars_view());
    }
    let scalars = interp.get_attr(&result, "scalars")?;
    interp.call(&scalars, CallArgs::default())
}

/// SQLAlchemy's `_no_text_coercion` for a plain string where a statement
/// is expected, the string cut by `util.ellipses_string`.
pub fn no_text_coercion(interp: &mut Interpreter, ctx: &Ctx, sql: &str) -> PyErr {
    match text_coercion_message(interp, sql) {
        Ok(message) => ctx.raise("ArgumentError", message),
        Err(error) => error,
    }
}

/// The text of [`no_text_coercion`].
pub fn text_coercion_message(interp: &mut Interpreter, sql: &str) -> PyResult<String> {
    let shown: String = if sql.chars().count() > 25 {
        format!("{}...", sql.chars().take(25).collect::<String>())
    } else {
        sql.to_string()
    };
    let shown = interp.repr(&Value::str(shown))?;
    Ok(format!(
        "Textual SQL expression {shown} should be explicitly declared as text({shown})"
    ))
}
