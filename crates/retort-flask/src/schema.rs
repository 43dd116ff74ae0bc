//! Schema objects a script can see: `Model.__table__`, `CreateTable(t)`
//! (printed in the default dialect, or compiled for the engine),
//! `db.metadata.tables`, `inspect(db.engine).get_table_names()`, and
//! `db.Table(...)` with its `table.c` column collection, `table.create()`,
//! `table.drop()` and the statements `table.insert()`, `update()`,
//! `delete()`, `select()`.

use std::rc::Rc;

use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};
use retort_sql::{DdlStatement, Dialect, Table, compile_ddl};

use crate::column::ColumnSpec;
use crate::ctx::Ctx;
use crate::dml::DmlKind;
use crate::expr::ExprObject;

/// `Model.__table__`.
#[derive(Debug, Clone)]
pub struct TableObject {
    pub table: Table,
    pub ctx: Rc<Ctx>,
}

impl TableObject {
    /// `table.create(bind, checkfirst=False)` / `table.drop(...)`.
    fn ddl_method(&self, name: &'static str) -> Value {
        let table = self.table.clone();
        let ctx = self.ctx.clone();
        NativeFunction::function(name, move |interp, mut args| {
            let function = format!("Table.{name}");
            let Some(_bind) = args.take(0, "bind") else {
                return Err(PyErr::type_error(format!(
                    "{function}() missing 1 required positional argument: 'bind'"
                )));
            };
            let checkfirst = match args.take(1, "checkfirst") {
                Some(value) => interp.is_truthy(&value)?,
                None => false,
            };
            args.positional.truncate(0);
            args.check(&function, 0, 0)?;
            if name == "create" {
                ctx.run_unconfigured(interp, |s, _| s.create_table(&table, checkfirst))?;
            } else {
                ctx.run_unconfigured(interp, |s, _| s.drop_table(&table.name, checkfirst))?;
            }
            Ok(Value::None)
        })
    }
}

impl TableObject {
    /// `table.insert()`, `update()`, `delete()`, `select()`: the same as
    /// `insert(table)` and the others.
    fn statement_method(&self, name: &str, this: &Value) -> Value {
        let function = match name {
            "insert" => crate::dml::dml_function(self.ctx.clone(), DmlKind::Insert),
            "update" => crate::dml::dml_function(self.ctx.clone(), DmlKind::Update),
            "delete" => crate::dml::dml_function(self.ctx.clone(), DmlKind::Delete),
            _ => crate::select::select_function(self.ctx.clone()),
        };
        let table = this.clone();
        let qualname = format!("Table.{name}");
        NativeFunction::function(name, move |interp, args| {
            args.check(&qualname, 0, 0)?;
            interp.call(&function, CallArgs::new(vec![table.clone()]))
        })
    }
}

impl NativeObject for TableObject {
    fn type_name(&self) -> &str {
        "Table"
    }

    /// SQLAlchemy's `Table.__repr__`: the name, the metadata, every
    /// column's repr and the schema.
    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let mut parts = vec![
            retort_python::format::repr::str_repr(&self.table.name),
            "MetaData()".to_owned(),
        ];
        for column in &self.table.columns {
            let default = column_default_repr(interp, &self.ctx, &self.table.name, &column.name)?;
            parts.push(crate::expr::column_repr(
                interp,
                &self.table.name,
                column,
                default.as_deref(),
            )?);
        }
        parts.push("schema=None".to_owned());
        Ok(format!("Table({})", parts.join(", ")))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.table.name.clone())
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "name" | "fullname" => Some(Value::str(self.table.name.as_str())),
            "columns" | "c" => Some(Value::native(ColumnCollection {
                table: self.table.clone(),
                ctx: self.ctx.clone(),
            })),
            "primary_key" => Some(Value::native(PrimaryKeyView {
                table: self.table.clone(),
                ctx: self.ctx.clone(),
            })),
            "create" => Some(self.ddl_method("create")),
            "drop" => Some(self.ddl_method("drop")),
            "insert" | "update" | "delete" | "select" => Some(self.statement_method(name, this)),
            _ => None,
        })
    }
}

/// `table.primary_key`: SQLAlchemy's `PrimaryKeyConstraint`, iterable
/// over the primary key columns, with `columns` and `name`.
#[derive(Debug, Clone)]
pub struct PrimaryKeyView {
    pub table: Table,
    pub ctx: Rc<Ctx>,
}

impl PrimaryKeyView {
    fn columns(&self, interp: &mut Interpreter) -> PyResult<Vec<Value>> {
        let collection = ColumnCollection {
            table: self.table.clone(),
            ctx: self.ctx.clone(),
        };
        self.table
            .columns
            .iter()
            .filter(|c| c.primary_key)
            .map(|c| collection.column(interp, c))
            .collect()
    }
}

impl NativeObject for PrimaryKeyView {
    fn type_name(&self) -> &str {
        "PrimaryKeyConstraint"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let mut columns = Vec::new();
        for column in self.columns(interp)? {
            columns.push(interp.repr(&column)?);
        }
        Ok(format!("PrimaryKeyConstraint({})", columns.join(", ")))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "columns" => Some(Value::list(self.columns(interp)?)),
            "name" => Some(Value::None),
            _ => None,
        })
    }

    fn len(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.columns(interp)?.len()))
    }

    fn iter(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.columns(interp)?)))
    }
}

/// `table.c`: the table's columns as expressions.
#[derive(Debug, Clone)]
pub struct ColumnCollection {
    pub table: Table,
    pub ctx: Rc<Ctx>,
}

/// The repr of the `default=` a column declared (on its mapped class, or
/// on a plain `Table`'s Column), as SQLAlchemy's column repr shows it:
/// `ScalarElementColumnDefault(0)`, `CallableColumnDefault(<function
/// ...>)`; `None` without one, or for a SQL expression default.
fn column_default_repr(
    interp: &mut Interpreter,
    ctx: &Ctx,
    table: &str,
    column: &str,
) -> PyResult<Option<Rc<str>>> {
    use retort_orm::ColumnDefault;
    let declared = match ctx.session.try_borrow() {
        Ok(session) => session.registry.column_default(table, column).cloned(),
        Err(_) => None,
    };
    let shown = match declared {
        Some(ColumnDefault::Scalar(value)) => {
            let value = crate::convert::from_orm_in(interp, &value)?;
            format!("ScalarElementColumnDefault({})", interp.repr(&value)?)
        }
        Some(ColumnDefault::Callable { callable, .. }) => {
            let function = usize::try_from(callable.0)
                .ok()
                .and_then(|i| ctx.callables.borrow().get(i).cloned());
            match function {
                Some(function) => format!("CallableColumnDefault({})", interp.repr(&function)?),
                None => return Ok(None),
            }
        }
        Some(ColumnDefault::Sql(_)) | None => return Ok(None),
    };
    Ok(Some(Rc::from(shown)))
}

impl ColumnCollection {
    /// The column whose key or name is `key`.
    fn find(&self, key: &str) -> Option<&retort_sql::Column> {
        self.table
            .columns
            .iter()
            .find(|c| c.key == key || c.name == key)
    }

    fn column(&self, interp: &mut Interpreter, column: &retort_sql::Column) -> PyResult<Value> {
        let column_default =
            column_default_repr(interp, &self.ctx, &self.table.name, &column.name)?;
        Ok(Value::native(ExprObject {
            column_default,
            expr: retort_sql::Expr::col(self.table.name.clone(), column.name.clone()),
            sql_type: Some(column.sql_type.clone()),
            name: column.name.clone(),
            attribute: None,
            display: Some(format!("{}.{}", self.table.name, column.name)),
            column: Some(Rc::new(column.clone())),
            proxy_key: None,
            negation: None,
        }))
    }

    /// Every column, in table order.
    fn all(&self, interp: &mut Interpreter) -> PyResult<Vec<Value>> {
        self.table
            .columns
            .iter()
            .map(|c| self.column(interp, c))
            .collect()
    }
}

impl NativeObject for ColumnCollection {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let names: Vec<String> = self
            .table
            .columns
            .iter()
            .map(|c| format!("{}.{}", self.table.name, c.name))
            .collect();
        Ok(format!("ReadOnlyColumnCollection({})", names.join(", ")))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        // The collection's methods come before its columns, as in Python.
        let keys = || -> Vec<Value> {
            self.table
                .columns
                .iter()
                .map(|c| Value::str(c.key.as_str()))
                .collect()
        };
        let method = match name {
            "keys" => Some(Value::list(keys())),
            "values" => Some(Value::list(self.all(interp)?)),
            "items" => Some(Value::list(
                keys()
                    .into_iter()
                    .zip(self.all(interp)?)
                    .map(|(k, c)| Value::tuple(vec![k, c]))
                    .collect(),
            )),
            _ => None,
        };
        if let Some(result) = method {
            return Ok(Some(NativeFunction::function(name, move |_, _| {
                Ok(result.clone())
            })));
        }
        match self.find(name) {
            Some(column) => self.column(interp, column).map(Some),
            None => Ok(None),
        }
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        match key.as_str() {
            Some(name) => self.get_attr(interp, this, name),
            None => Ok(None),
        }
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.table.columns.len()))
    }

    /// `'name' in table.c`, by key; anything but a string is SQLAlchemy's
    /// ArgumentError.
    fn contains(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        match item.as_str() {
            Some(key) => Ok(Some(self.find(key).is_some())),
            None => Err(PyErr::new(
                "ArgumentError",
                "__contains__ requires a string argument",
            )),
        }
    }

    fn iter(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.all(interp)?)))
    }
}

/// `db.Table(name, db.Column(...), ...)`: a table without a class,
/// added to the metadata (an association table, typically).
pub fn table_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("Table", move |interp, mut args| {
        let name = args.take(0, "name").unwrap_or(Value::None);
        let name = interp.str(&name)?;
        let hooks = crate::model::ModelHooks { ctx: ctx.clone() };
        let mut columns = Vec::new();
        let mut defaults = Vec::new();
        for value in args.positional.iter().skip(1) {
            if value.downcast_native::<MetaDataObject>().is_some() {
                continue;
            }
            let Some(spec) = value.downcast_native::<ColumnSpec>() else {
                continue;
            };
            let column_name = spec.name.clone().unwrap_or_default();
            if let Some(default) = &spec.default {
                defaults.push((column_name.clone(), hooks.default_of(interp, default)?));
            }
            columns.push(hooks.column_of(&column_name, spec, None)?);
        }
        match ctx.session.try_borrow_mut() {
            Ok(mut session) => {
                // A column without a type takes its foreign key's target's
                // (`MetaData::add_table`).
                let (items, options) = crate::constraints::schema_items(interp, &args.positional)?;
                let table =
                    crate::constraints::apply(interp, Table::new(name, columns), items, &options)?;
                // A template that needs a name a constraint lacks fails
                // here, as the constraint joins the table.
                if let Err(error) = session.named_by_convention(&table) {
                    drop(session);
                    return Err(ctx.error(interp, error));
                }
                for (column, default) in defaults {
                    session
                        .registry
                        .set_table_default(&table.name, &column, default);
                }
                session.registry.add_table(table.clone());
                Ok(Value::native(TableObject {
                    table,
                    ctx: ctx.clone(),
                }))
            }
            Err(_) => Err(PyErr::new("RuntimeError", "the session is busy")),
        }
    })
}

/// `CreateTable(table)`.
#[derive(Debug, Clone)]
pub struct CreateTableObject {
    pub table: Table,
}

impl CreateTableObject {
    fn render(&self, dialect: Dialect) -> PyResult<String> {
        compile_ddl(dialect, &DdlStatement::CreateTable(self.table.clone()))
            .map_err(|e| PyErr::new("CompileError", e.to_string()))
    }
}

impl NativeObject for CreateTableObject {
    fn type_name(&self) -> &str {
        "CreateTable"
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        self.render(Dialect::Default)
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if name != "compile" {
            return Ok(None);
        }
        let this = self.clone();
        Ok(Some(NativeFunction::function("compile", move |_, args| {
            let dialect = if args.positional.is_empty() && args.keywords.is_empty() {
                Dialect::Default
            } else {
                Dialect::Sqlite
            };
            Ok(Value::str(this.render(dialect)?))
        })))
    }
}

/// `CreateTable(...)` itself.
pub fn create_table_function() -> Value {
    NativeFunction::function("CreateTable", |interp, args: CallArgs| {
        let value = args.positional.first().cloned().unwrap_or(Value::None);
        match value.downcast_native::<TableObject>() {
            Some(table) => {
                // The DDL names constraints by the metadata's convention.
                let named = table
                    .ctx
                    .peek(|session| session.named_by_convention(&table.table))?
                    .map_err(|error| table.ctx.error(interp, error))?;
                Ok(Value::native(CreateTableObject { table: named }))
            }
            None => {
                let shown = interp.repr(&value)?;
                Err(PyErr::type_error(format!(
                    "CreateTable() expects a Table, got {shown}"
                )))
            }
        }
    })
}

/// `db.engine`: what `inspect()` and `compile()` need of it, `echo`,
/// `url`, the dialect's names, `connect()` and `begin()`.
#[derive(Debug)]
pub struct EngineObject {
    pub ctx: Rc<Ctx>,
}

impl NativeObject for EngineObject {
    fn type_name(&self) -> &str {
        "Engine"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok("Engine(sqlite://)".to_string())
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "echo" => Some(Value::Bool(self.ctx.echo.enabled())),
            "url" => Some(Value::native(crate::engine::UrlObject("sqlite://".into()))),
            // `db.engine.connect()` / `db.engine.begin()`: a connection on
            // the run's one database, as `create_engine()`'s engine gives.
            "connect" | "begin" => {
                let ctx = self.ctx.clone();
                let commit_on_exit = name == "begin";
                Some(NativeFunction::function(name, move |_, _| {
                    Ok(Value::native(crate::engine::ConnectionObject {
                        ctx: ctx.clone(),
                        commit_on_exit,
                    }))
                }))
            }
            _ => crate::engine::engine_attribute(name),
        })
    }

    /// `db.engine.echo = True` turns the engine log on from here.
    fn set_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
        value: Value,
    ) -> PyResult<bool> {
        crate::echo::set_echo_attribute(&self.ctx, interp, name, &value)
    }
}

/// `inspect(db.engine)`.
#[derive(Debug)]
pub struct InspectorObject {
    pub ctx: Rc<Ctx>,
    /// What this inspector reflected already.
    pub cache: Rc<crate::reflection::InspectorCache>,
}

impl NativeObject for InspectorObject {
    fn type_name(&self) -> &str {
        "Inspector"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if name != "get_table_names" {
            return Ok(crate::reflection::inspector_method(
                &self.ctx,
                &self.cache,
                name,
            ));
        }
        let ctx = self.ctx.clone();
        Ok(Some(NativeFunction::function(
            "get_table_names",
            move |interp, _| {
                let names = ctx.run(interp, |session, _| session.inspect_table_names())?;
                Ok(Value::list(names.into_iter().map(Value::str).collect()))
            },
        )))
    }
}

/// `inspect(obj)`: an inspector for an engine, the state of a model
/// instance, the mapper of a model class.
pub fn inspect_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("inspect", move |interp, args| {
        let value = args.positional.first().cloned().unwrap_or(Value::None);
        // `db.engine` and a `create_engine()` engine are the run's one
        // database.
        if value.downcast_native::<EngineObject>().is_some()
            || value
                .downcast_native::<crate::engine::PlainEngine>()
                .is_some()
        {
            return Ok(Value::native(InspectorObject {
                ctx: ctx.clone(),
                cache: Default::default(),
            }));
        }
        if matches!(value, Value::Instance(_))
            && Ctx::mapper_of_class(&interp.class_of(&value)).is_some()
        {
            let id = ctx.object_of(interp, &value)?;
            return Ok(Value::native(crate::inspection::InstanceStateObject {
                ctx: ctx.clone(),
                instance: value,
                id,
            }));
        }
        if let Value::Class(class) = &value
            && Ctx::mapper_of_class(class).is_some()
        {
            return interp.get_attr(&value, "__mapper__");
        }
        let shown = interp.repr(&value)?;
        Err(ctx.raise(
            "NoInspectionAvailable",
            format!("No inspection system is available for object of type {shown}"),
        ))
    })
}

/// `MetaData(naming_convention={...})`'s templates, read from the dict.
pub fn naming_convention_arg(
    interp: &mut Interpreter,
    dict: &Value,
) -> PyResult<retort_sql::NamingConvention> {
    let mut convention = Vec::new();
    if matches!(dict, Value::None) {
        return Ok(convention);
    }
    for key in interp.iterate(dict)? {
        let template = interp.item(dict, &key)?;
        convention.push((interp.str(&key)?, interp.str(&template)?));
    }
    Ok(convention)
}

/// `db.metadata`: its `tables` dict, name to `Table`.
#[derive(Debug)]
pub struct MetaDataObject {
    pub ctx: Rc<Ctx>,
}

impl NativeObject for MetaDataObject {
    fn type_name(&self) -> &str {
        "MetaData"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok("MetaData()".to_string())
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        match name {
            "tables" | "sorted_tables" => {
                let sorted = name == "sorted_tables";
                let tables = self.ctx.peek(|session| {
                    let metadata = &session.registry.metadata;
                    if sorted {
                        metadata.sorted_tables().into_iter().cloned().collect()
                    } else {
                        metadata.tables.clone()
                    }
                })?;
                if sorted {
                    return Ok(Some(Value::list(
                        tables
                            .into_iter()
                            .map(|table| {
                                Value::native(TableObject {
                                    table,
                                    ctx: self.ctx.clone(),
                                })
                            })
                            .collect(),
                    )));
                }
                let items = tables
                    .into_iter()
                    .map(|table| {
                        (
                            Value::str(table.name.as_str()),
                            Value::native(TableObject {
                                table,
                                ctx: self.ctx.clone(),
                            }),
                        )
                    })
                    .collect();
                Ok(Some(interp.make_dict(items)?))
            }
            "naming_convention" => {
                let convention = self
                    .ctx
                    .peek(|session| session.registry.metadata.naming_convention.clone())?;
                let convention = if convention.is_empty() {
                    retort_sql::default_naming_convention()
                } else {
                    convention
                };
                let items = convention
                    .into_iter()
                    .map(|(key, template)| (Value::str(key), Value::str(template)))
                    .collect();
                Ok(Some(interp.make_dict(items)?))
            }
            "create_all" | "drop_all" => {
                let ctx = self.ctx.clone();
                let create = name == "create_all";
                Ok(Some(NativeFunction::function(
                    name,
                    move |interp, _args| {
                        if create {
                            ctx.run_unconfigured(interp, |s, _| s.create_all())?;
                        } else {
                            ctx.run_unconfigured(interp, |s, _| s.drop_all())?;
                        }
                        Ok(Value::None)
                    },
                )))
            }
            _ => Ok(None),
        }
    }
}
