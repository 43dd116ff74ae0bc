//! `from alembic import op` for revision scripts: `op.create_table`,
//! `drop_table`, `add_column`, `drop_column`, `alter_column` (incl.
//! `new_column_name`), `create_index`, `drop_index`,
//! `create_unique_constraint`, `create_foreign_key`, `drop_constraint`,
//! `rename_table`, `execute`, `f` and the `batch_alter_table` context
//! manager, whose `batch_op` records operations for [`crate::batch`]. Each
//! call runs its DDL on the migration connection at once, as Alembic does
//! online; failures raise the Python exception Alembic would.

use std::cell::RefCell;
use std::rc::Rc;

use retort_flask::exceptions::ExceptionClasses;
use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::batch::{BatchError, BatchOp, name_by_convention};
use crate::conn::{DbError, MigConn};
use crate::ddl;
use crate::model::{MConstraint, MIndex, MTable, Name, NamingConvention, PrimaryKey};
use crate::sa_api::{
    ColumnObject, ConstraintObject, SqlText, column_foreign_key, column_names, default_arg,
    name_arg, type_of,
};

/// What the `op` functions share: the connection while a revision runs,
/// the exception classes, the naming convention and the warnings to print.
pub struct OpState {
    pub conn: RefCell<Option<MigConn>>,
    pub exceptions: ExceptionClasses,
    /// Alembic's `CommandError` (Flask-Migrate prints it as an error line).
    pub command_error: Option<std::rc::Rc<retort_python::Class>>,
    pub convention: NamingConvention,
    pub warnings: RefCell<Vec<String>>,
}

impl std::fmt::Debug for OpState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpState").finish()
    }
}

const NO_ALTER_CONSTRAINTS: &str = "No support for ALTER of constraints in SQLite dialect. Please refer to the batch mode feature which allows for SQLite migrations using a copy-and-move strategy.";

impl OpState {
    fn raise(&self, class: &str, message: impl Into<String>) -> PyErr {
        match self.exceptions.get(class) {
            Some(class) => PyErr::from_class(&class, message),
            None => PyErr::new("RuntimeError", message),
        }
    }

    fn db_error(&self, error: DbError) -> PyErr {
        self.raise(&error.class, error.message)
    }

    fn batch_error(&self, error: BatchError) -> PyErr {
        match error {
            BatchError::Db(e) => self.db_error(e),
            BatchError::Value(m) => PyErr::new("ValueError", m),
            BatchError::Key(k) => PyErr::key_error(Value::str(k)),
            BatchError::NoSuchTable(t) => self.raise("NoSuchTableError", t),
            BatchError::NotImplemented(m) => PyErr::new("NotImplementedError", m),
            BatchError::Command(m) => match &self.command_error {
                Some(class) => PyErr::from_class(class, m),
                None => PyErr::new("RuntimeError", m),
            },
        }
    }

    /// Runs `f` on the open connection.
    fn with_conn<T>(&self, f: impl FnOnce(&mut MigConn) -> Result<T, PyErr>) -> PyResult<T> {
        let mut slot = self
            .conn
            .try_borrow_mut()
            .map_err(|_| PyErr::new("RuntimeError", "the migration connection is busy"))?;
        match slot.as_mut() {
            Some(conn) => f(conn),
            None => Err(PyErr::new(
                "RuntimeError",
                "op is only available while a migration runs (inside upgrade() or downgrade())",
            )),
        }
    }

    fn exec(&self, sql: &str) -> PyResult<()> {
        self.with_conn(|conn| {
            conn.execute(sql, &[])
                .map(|_| ())
                .map_err(|e| self.db_error(e))
        })
    }
}

fn required(args: &mut CallArgs, index: usize, name: &str, function: &str) -> PyResult<Value> {
    args.take(index, name).ok_or_else(|| {
        PyErr::type_error(format!(
            "{function}() missing 1 required positional argument: '{name}'"
        ))
    })
}

fn string(interp: &mut Interpreter, value: &Value) -> PyResult<String> {
    match value {
        Value::Str(s) => Ok(s.to_string()),
        other => interp.str(other),
    }
}

fn flag(interp: &mut Interpreter, value: Option<Value>) -> PyResult<bool> {
    match value {
        Some(v) => interp.is_truthy(&v),
        None => Ok(false),
    }
}

/// Builds the table of `op.create_table(name, *columns_and_constraints)`.
fn build_table(
    interp: &mut Interpreter,
    name: &str,
    items: &[Value],
    convention: &NamingConvention,
) -> PyResult<MTable> {
    let mut table = MTable::new(name);
    let mut explicit_pk: Option<PrimaryKey> = None;
    let mut implied: Vec<MConstraint> = Vec::new();
    for item in items {
        if let Some(column) = item.downcast_native::<ColumnObject>() {
            table.columns.push(column.column.clone());
            if column.unique {
                if column.index {
                    continue;
                }
                implied.push(MConstraint::Unique {
                    name: None,
                    columns: vec![column.column.name.clone()],
                });
            }
            for fk in &column.foreign_keys {
                implied.push(MConstraint::ForeignKey(column_foreign_key(
                    &column.column.name,
                    fk,
                )));
            }
        } else if let Some(constraint) = item.downcast_native::<ConstraintObject>() {
            match constraint {
                ConstraintObject::PrimaryKey { name, columns } => {
                    explicit_pk = Some(PrimaryKey {
                        name: name.clone().map(Name::plain),
                        columns: columns.clone(),
                    });
                }
                ConstraintObject::Unique { name, columns } => {
                    table.constraints.push(MConstraint::Unique {
                        name: name.clone().map(Name::plain),
                        columns: columns.clone(),
                    })
                }
                ConstraintObject::ForeignKey(fk) => {
                    table.constraints.push(MConstraint::ForeignKey(fk.clone()))
                }
                ConstraintObject::Check { name, sql } => {
                    table.constraints.push(MConstraint::Check {
                        name: name.clone().map(Name::plain),
                        sql: sql.clone(),
                    })
                }
            }
        } else {
            return Err(PyErr::new(
                "ArgumentError",
                format!(
                    "'SchemaItem' object, such as a 'Column' or a 'Constraint' expected, got {}",
                    interp.repr(item)?
                ),
            ));
        }
    }
    table.constraints.extend(implied);
    table.primary_key = match explicit_pk {
        Some(pk) => {
            for column in table.columns.iter_mut() {
                if pk.columns.contains(&column.name) {
                    column.primary_key = true;
                    column.nullable = false;
                }
            }
            pk
        }
        None => PrimaryKey {
            name: None,
            columns: table
                .columns
                .iter()
                .filter(|c| c.primary_key)
                .map(|c| c.name.clone())
                .collect(),
        },
    };
    if table.primary_key.name.is_none() && !table.primary_key.columns.is_empty() {
        table.primary_key.name = crate::model::apply_convention(
            convention,
            "pk",
            name,
            &table.primary_key.columns,
            None,
        );
    }
    table.constraints = std::mem::take(&mut table.constraints)
        .into_iter()
        .map(|c| name_by_convention(c, name, convention))
        .collect();
    for item in items {
        if let Some(column) = item.downcast_native::<ColumnObject>()
            && column.index
        {
            table.indexes.push(MIndex {
                name: crate::model::apply_convention(
                    convention,
                    "ix",
                    name,
                    std::slice::from_ref(&column.column.name),
                    None,
                )
                .unwrap_or_else(|| Name::conv(format!("ix_{name}_{}", column.column.name))),
                columns: vec![column.column.name.clone()],
                unique: column.unique,
            });
        }
    }
    Ok(table)
}

/// `op`.
#[derive(Debug, Clone)]
pub struct OpObject {
    pub state: Rc<OpState>,
}

const OP_METHODS: &[&str] = &[
    "create_table",
    "drop_table",
    "add_column",
    "drop_column",
    "alter_column",
    "create_index",
    "drop_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "create_primary_key",
    "drop_constraint",
    "rename_table",
    "execute",
    "f",
    "batch_alter_table",
];

impl OpObject {
    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let state = &self.state;
        match name {
            "f" => {
                let value = required(&mut args, 0, "name", "f")?;
                Ok(Value::str(string(interp, &value)?))
            }
            "create_table" => {
                let table_name = required(&mut args, 0, "table_name", "create_table")?;
                let table_name = string(interp, &table_name)?;
                let items: Vec<Value> = args.positional.iter().skip(1).cloned().collect();
                let table = build_table(interp, &table_name, &items, &state.convention)?;
                state.exec(&ddl::create_table(&table))?;
                for index in &table.indexes {
                    state.exec(&ddl::create_index(&table.name, index))?;
                }
                Ok(Value::None)
            }
            "drop_table" => {
                let table = required(&mut args, 0, "table_name", "drop_table")?;
                state.exec(&ddl::drop_table(&string(interp, &table)?))?;
                Ok(Value::None)
            }
            "rename_table" => {
                let old = required(&mut args, 0, "old_table_name", "rename_table")?;
                let new = required(&mut args, 1, "new_table_name", "rename_table")?;
                state.exec(&ddl::rename_table(
                    &string(interp, &old)?,
                    &string(interp, &new)?,
                ))?;
                Ok(Value::None)
            }
            "add_column" => {
                let table = required(&mut args, 0, "table_name", "add_column")?;
                let column = required(&mut args, 1, "column", "add_column")?;
                let Some(column) = column.downcast_native::<ColumnObject>() else {
                    return Err(PyErr::type_error("add_column() expects a sa.Column"));
                };
                state.exec(&ddl::add_column(&string(interp, &table)?, &column.column))?;
                Ok(Value::None)
            }
            "drop_column" => {
                let table = required(&mut args, 0, "table_name", "drop_column")?;
                let column = required(&mut args, 1, "column_name", "drop_column")?;
                state.exec(&ddl::drop_column(
                    &string(interp, &table)?,
                    &string(interp, &column)?,
                ))?;
                Ok(Value::None)
            }
            "alter_column" => {
                let table = required(&mut args, 0, "table_name", "alter_column")?;
                let table = string(interp, &table)?;
                let column = required(&mut args, 1, "column_name", "alter_column")?;
                let column = string(interp, &column)?;
                let target = format!(
                    "ALTER TABLE {} ALTER COLUMN {}",
                    ddl::q(&table),
                    ddl::q(&column)
                );
                if let Some(nullable) = args.take_keyword("nullable")
                    && !matches!(nullable, Value::None)
                {
                    let clause = if interp.is_truthy(&nullable)? {
                        "DROP NOT NULL"
                    } else {
                        "SET NOT NULL"
                    };
                    state.exec(&format!("{target} {clause}"))?;
                }
                if let Some(default) = args.take_keyword("server_default")
                    && !matches!(default, Value::Bool(false))
                {
                    let clause = match default_arg(interp, default)? {
                        Some(crate::model::Default::Literal(s)) => {
                            format!("SET DEFAULT {}", retort_sql::literal::quote_string(&s))
                        }
                        Some(crate::model::Default::Sql(s)) => format!("SET DEFAULT {s}"),
                        None => "DROP DEFAULT".into(),
                    };
                    state.exec(&format!("{target} {clause}"))?;
                }
                if let Some(new_type) = args.take_keyword("type_")
                    && let Some(ty) = type_of(&new_type)
                {
                    state.exec(&format!("{target} TYPE {}", ty.ddl()))?;
                }
                if let Some(new_name) = args.take_keyword("new_column_name")
                    && !matches!(new_name, Value::None)
                {
                    state.exec(&ddl::rename_column(
                        &table,
                        &column,
                        &string(interp, &new_name)?,
                    ))?;
                }
                Ok(Value::None)
            }
            "create_index" => {
                let index_name = required(&mut args, 0, "index_name", "create_index")?;
                let table = required(&mut args, 1, "table_name", "create_index")?;
                let columns = required(&mut args, 2, "columns", "create_index")?;
                let index = MIndex {
                    name: Name::plain(string(interp, &index_name)?),
                    columns: column_names(interp, &columns)?,
                    unique: flag(interp, args.take_keyword("unique"))?,
                };
                state.exec(&ddl::create_index(&string(interp, &table)?, &index))?;
                Ok(Value::None)
            }
            "drop_index" => {
                let index_name = required(&mut args, 0, "index_name", "drop_index")?;
                state.exec(&ddl::drop_index(&string(interp, &index_name)?))?;
                Ok(Value::None)
            }
            "create_unique_constraint"
            | "create_foreign_key"
            | "create_check_constraint"
            | "create_primary_key"
            | "drop_constraint" => Err(PyErr::new("NotImplementedError", NO_ALTER_CONSTRAINTS)),
            "execute" => {
                let sql = required(&mut args, 0, "sqltext", "execute")?;
                let sql = match sql.downcast_native::<SqlText>() {
                    Some(text) => text.0.clone(),
                    None => string(interp, &sql)?,
                };
                state.exec(&sql)?;
                Ok(Value::None)
            }
            "batch_alter_table" => {
                let table = required(&mut args, 0, "table_name", "batch_alter_table")?;
                let recreate = match args.take_keyword("recreate") {
                    Some(v) => string(interp, &v)?,
                    None => "auto".into(),
                };
                if !["auto", "always", "never"].contains(&recreate.as_str()) {
                    return Err(PyErr::new(
                        "ValueError",
                        "recreate may be one of 'auto', 'always', or 'never'.",
                    ));
                }
                Ok(Value::native(BatchObject {
                    state: state.clone(),
                    table: string(interp, &table)?,
                    recreate,
                    ops: Rc::new(RefCell::new(Vec::new())),
                }))
            }
            _ => Err(PyErr::new(
                "AttributeError",
                format!("'Operations' object has no attribute '{name}'"),
            )),
        }
    }
}

impl NativeObject for OpObject {
    fn type_name(&self) -> &str {
        "Operations"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !OP_METHODS.contains(&name) {
            return Ok(None);
        }
        let this = self.clone();
        let method = name.to_owned();
        Ok(Some(NativeFunction::function(name, move |interp, args| {
            this.call_method(interp, &method, args)
        })))
    }
}

/// `batch_op` of `with op.batch_alter_table(table) as batch_op:`.
#[derive(Debug, Clone)]
pub struct BatchObject {
    pub state: Rc<OpState>,
    pub table: String,
    pub recreate: String,
    pub ops: Rc<RefCell<Vec<BatchOp>>>,
}

const BATCH_METHODS: &[&str] = &[
    "add_column",
    "drop_column",
    "alter_column",
    "create_index",
    "drop_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "create_primary_key",
    "drop_constraint",
    "f",
];

impl BatchObject {
    fn record(&self, op: BatchOp) -> PyResult<Value> {
        self.ops
            .try_borrow_mut()
            .map_err(|_| PyErr::new("RuntimeError", "the batch is busy"))?
            .push(op);
        Ok(Value::None)
    }

    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        match name {
            "f" => {
                let value = required(&mut args, 0, "name", "f")?;
                Ok(Value::str(string(interp, &value)?))
            }
            "add_column" => {
                let column = required(&mut args, 0, "column", "add_column")?;
                let Some(column) = column.downcast_native::<ColumnObject>() else {
                    return Err(PyErr::type_error("add_column() expects a sa.Column"));
                };
                let mut implied = Vec::new();
                if column.unique {
                    implied.push(MConstraint::Unique {
                        name: None,
                        columns: vec![column.column.name.clone()],
                    });
                }
                for fk in &column.foreign_keys {
                    implied.push(MConstraint::ForeignKey(column_foreign_key(
                        &column.column.name,
                        fk,
                    )));
                }
                let insert_before = name_arg(interp, args.take_keyword("insert_before"))?;
                let insert_after = name_arg(interp, args.take_keyword("insert_after"))?;
                self.record(BatchOp::AddColumn {
                    column: column.column.clone(),
                    implied,
                    insert_before,
                    insert_after,
                })
            }
            "drop_column" => {
                let column = required(&mut args, 0, "column_name", "drop_column")?;
                self.record(BatchOp::DropColumn(string(interp, &column)?))
            }
            "alter_column" => {
                let column = required(&mut args, 0, "column_name", "alter_column")?;
                let column = string(interp, &column)?;
                let nullable = match args.take_keyword("nullable") {
                    None | Some(Value::None) => None,
                    Some(v) => Some(interp.is_truthy(&v)?),
                };
                let new_name = name_arg(interp, args.take_keyword("new_column_name"))?;
                let type_ = args.take_keyword("type_").and_then(|t| type_of(&t));
                let server_default = match args.take_keyword("server_default") {
                    None | Some(Value::Bool(false)) => None,
                    Some(v) => Some(default_arg(interp, v)?),
                };
                self.record(BatchOp::AlterColumn {
                    column,
                    nullable,
                    new_name,
                    type_,
                    server_default,
                })
            }
            "create_index" => {
                let index_name = required(&mut args, 0, "index_name", "create_index")?;
                let columns = required(&mut args, 1, "columns", "create_index")?;
                self.record(BatchOp::CreateIndex(MIndex {
                    name: Name::plain(string(interp, &index_name)?),
                    columns: column_names(interp, &columns)?,
                    unique: flag(interp, args.take_keyword("unique"))?,
                }))
            }
            "drop_index" => {
                let index_name = required(&mut args, 0, "index_name", "drop_index")?;
                self.record(BatchOp::DropIndex(string(interp, &index_name)?))
            }
            "create_unique_constraint" => {
                let constraint_name = name_arg(interp, args.take(0, "constraint_name"))?;
                let columns = required(&mut args, 1, "columns", "create_unique_constraint")?;
                self.record(BatchOp::AddConstraint(MConstraint::Unique {
                    name: constraint_name.map(Name::plain),
                    columns: column_names(interp, &columns)?,
                }))
            }
            "create_foreign_key" => {
                let constraint_name = name_arg(interp, args.take(0, "constraint_name"))?;
                let referent = required(&mut args, 1, "referent_table", "create_foreign_key")?;
                let local = required(&mut args, 2, "local_cols", "create_foreign_key")?;
                let remote = required(&mut args, 3, "remote_cols", "create_foreign_key")?;
                let ondelete = name_arg(interp, args.take_keyword("ondelete"))?;
                let onupdate = name_arg(interp, args.take_keyword("onupdate"))?;
                self.record(BatchOp::AddConstraint(MConstraint::ForeignKey(
                    crate::model::ForeignKey {
                        name: constraint_name.map(Name::plain),
                        columns: column_names(interp, &local)?,
                        ref_table: string(interp, &referent)?,
                        ref_columns: column_names(interp, &remote)?,
                        ondelete,
                        onupdate,
                    },
                )))
            }
            "create_check_constraint" => {
                let constraint_name = name_arg(interp, args.take(0, "constraint_name"))?;
                let condition = required(&mut args, 1, "condition", "create_check_constraint")?;
                let sql = match condition.downcast_native::<SqlText>() {
                    Some(t) => t.0.clone(),
                    None => string(interp, &condition)?,
                };
                self.record(BatchOp::AddConstraint(MConstraint::Check {
                    name: constraint_name.map(Name::plain),
                    sql,
                }))
            }
            "create_primary_key" => {
                let constraint_name = name_arg(interp, args.take(0, "constraint_name"))?;
                let columns = required(&mut args, 1, "columns", "create_primary_key")?;
                self.record(BatchOp::AddPrimaryKey {
                    name: constraint_name.map(Name::plain),
                    columns: column_names(interp, &columns)?,
                })
            }
            "drop_constraint" => {
                let constraint_name = name_arg(interp, args.take(0, "constraint_name"))?;
                let type_ = name_arg(interp, args.take(1, "type_"))?;
                self.record(BatchOp::DropConstraint {
                    name: constraint_name,
                    type_,
                })
            }
            _ => Err(PyErr::new(
                "AttributeError",
                format!("'BatchOperations' object has no attribute '{name}'"),
            )),
        }
    }
}

impl NativeObject for BatchObject {
    fn type_name(&self) -> &str {
        "BatchOperations"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !BATCH_METHODS.contains(&name) {
            return Ok(None);
        }
        let this = self.clone();
        let method = name.to_owned();
        Ok(Some(NativeFunction::function(name, move |interp, args| {
            this.call_method(interp, &method, args)
        })))
    }

    fn enter(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(this.clone()))
    }

    fn exit(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        exception: Option<&Value>,
    ) -> PyResult<bool> {
        if exception.is_some() {
            return Ok(false);
        }
        let ops = self
            .ops
            .try_borrow()
            .map_err(|_| PyErr::new("RuntimeError", "the batch is busy"))?
            .clone();
        let state = &self.state;
        let warnings = state.with_conn(|conn| {
            crate::batch::apply(conn, &self.table, &ops, &self.recreate, &state.convention)
                .map_err(|e| state.batch_error(e))
        })?;
        if let Ok(mut all) = state.warnings.try_borrow_mut() {
            all.extend(warnings);
        }
        Ok(false)
    }
}

/// The `alembic` module, with `op`.
pub fn alembic_module(op: Value) -> Value {
    Interpreter::new_module(
        "alembic",
        vec![("op", op.clone()), ("context", Value::None)],
    )
}

/// `alembic.op` as its own module (`import alembic.op as op`).
pub fn op_module(op: &OpObject) -> Value {
    let mut entries: Vec<(&str, Value)> = Vec::new();
    let mut values = Vec::new();
    for name in OP_METHODS {
        let this = op.clone();
        let method = (*name).to_owned();
        values.push((
            *name,
            NativeFunction::function(name, move |interp, args| {
                this.call_method(interp, &method, args)
            }),
        ));
    }
    entries.extend(values);
    Interpreter::new_module("alembic.op", entries)
}
