//! The `sqlalchemy` a revision script imports as `sa`: the type classes
//! (`sa.Integer()`, `sa.String(length=20)`, `sa.VARCHAR(length=11)`, ...),
//! `sa.Column`, `sa.ForeignKey`, the constraint classes, `sa.text` and
//! `sa.func`, and `sqlalchemy.dialects.sqlite`. They build the
//! [`crate::model`] values the `op` functions use.

use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};

use crate::model::{Default, ForeignKey, MColumn, Name};
use crate::types::SaType;

/// Type classes a revision script may use.
pub const TYPE_CLASSES: &[&str] = &[
    "Integer",
    "SmallInteger",
    "BigInteger",
    "String",
    "Text",
    "Unicode",
    "UnicodeText",
    "Float",
    "Numeric",
    "Double",
    "Boolean",
    "Date",
    "DateTime",
    "Time",
    "Interval",
    "LargeBinary",
    "Enum",
    "JSON",
    "PickleType",
    "INTEGER",
    "INT",
    "SMALLINT",
    "BIGINT",
    "VARCHAR",
    "NVARCHAR",
    "CHAR",
    "NCHAR",
    "TEXT",
    "CLOB",
    "FLOAT",
    "REAL",
    "DOUBLE",
    "NUMERIC",
    "DECIMAL",
    "BOOLEAN",
    "DATE",
    "DATETIME",
    "TIME",
    "TIMESTAMP",
    "BLOB",
];

/// A type class (`sa.String`), callable to make a type.
#[derive(Debug, Clone)]
pub struct TypeClass {
    pub class: String,
    pub dialect: Option<String>,
}

/// A type instance (`sa.String(length=20)`).
#[derive(Debug, Clone)]
pub struct TypeObject(pub SaType);

impl NativeObject for TypeObject {
    fn type_name(&self) -> &str {
        &self.0.class
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.0.repr())
    }
}

fn int_arg(interp: &mut Interpreter, value: Option<Value>, what: &str) -> PyResult<Option<u32>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) if n >= 0 => Ok(Some(n as u32)),
        Some(other) => Err(PyErr::type_error(format!(
            "{what} must be a non-negative integer, not {}",
            interp.class_of(&other).name
        ))),
    }
}

impl NativeObject for TypeClass {
    fn type_name(&self) -> &str {
        "type"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("<class 'sqlalchemy.sql.sqltypes.{}'>", self.class))
    }

    fn call(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        mut args: CallArgs,
    ) -> PyResult<Option<Value>> {
        let mut ty = SaType::new(&self.class);
        ty.dialect = self.dialect.clone();
        match self.class.as_str() {
            "Enum" => {
                for member in std::mem::take(&mut args.positional) {
                    ty.members.push(interp.str(&member)?);
                }
                if let Some(name) = args.take_keyword("name") {
                    ty.enum_name = Some(interp.str(&name)?);
                }
                ty.length = int_arg(interp, args.take_keyword("length"), "length")?;
                args.keywords.clear();
            }
            "Numeric" | "NUMERIC" | "DECIMAL" | "Float" | "FLOAT" | "REAL" | "DOUBLE"
            | "Double" => {
                ty.precision = int_arg(interp, args.take(0, "precision"), "precision")?;
                ty.scale = int_arg(interp, args.take(1, "scale"), "scale")?;
                args.keywords.clear();
            }
            "DateTime" | "DATETIME" | "TIMESTAMP" | "Time" | "TIME" => {
                if let Some(tz) = args.take(0, "timezone") {
                    ty.timezone = interp.is_truthy(&tz)?;
                }
                args.keywords.clear();
            }
            "String" | "Unicode" | "VARCHAR" | "NVARCHAR" | "CHAR" | "NCHAR" | "Text"
            | "UnicodeText" | "TEXT" | "CLOB" => {
                ty.length = int_arg(interp, args.take(0, "length"), "length")?;
                args.keywords.clear();
            }
            _ => {}
        }
        Ok(Some(Value::native(TypeObject(ty))))
    }
}

/// The type a value names: a type instance or a type class.
pub fn type_of(value: &Value) -> Option<SaType> {
    if let Some(t) = value.downcast_native::<TypeObject>() {
        return Some(t.0.clone());
    }
    value.downcast_native::<TypeClass>().map(|c| SaType {
        dialect: c.dialect.clone(),
        ..SaType::new(&c.class)
    })
}

/// `sa.text("...")`, or a function call such as `sa.func.now()`: SQL
/// written into DDL as is.
#[derive(Debug, Clone)]
pub struct SqlText(pub String);

impl NativeObject for SqlText {
    fn type_name(&self) -> &str {
        "TextClause"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.elements.TextClause object> {}",
            self.0
        ))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.0.clone())
    }
}

/// `sa.func`: `sa.func.now()` and other SQL functions.
#[derive(Debug)]
pub struct FuncNamespace;

impl NativeObject for FuncNamespace {
    fn type_name(&self) -> &str {
        "_FunctionGenerator"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let name = name.to_owned();
        Ok(Some(NativeFunction::function(
            &name.clone(),
            move |interp, args| {
                let sql = match name.to_ascii_lowercase().as_str() {
                    "now" | "current_timestamp" => "CURRENT_TIMESTAMP".to_owned(),
                    "current_date" => "CURRENT_DATE".to_owned(),
                    "current_time" => "CURRENT_TIME".to_owned(),
                    _ => {
                        let mut parts = Vec::new();
                        for arg in &args.positional {
                            parts.push(sql_literal(interp, arg)?);
                        }
                        format!("{name}({})", parts.join(", "))
                    }
                };
                Ok(Value::native(SqlText(sql)))
            },
        )))
    }
}

fn sql_literal(interp: &mut Interpreter, value: &Value) -> PyResult<String> {
    Ok(match value {
        Value::Str(s) => retort_sql::literal::quote_string(s),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Value::None => "NULL".to_owned(),
        other => match other.downcast_native::<SqlText>() {
            Some(text) => text.0.clone(),
            None => interp.str(other)?,
        },
    })
}

/// `sa.ForeignKey("table.column", ondelete=..., onupdate=..., name=...)`.
#[derive(Debug, Clone)]
pub struct ForeignKeyObject {
    pub target: String,
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
    pub name: Option<String>,
}

impl NativeObject for ForeignKeyObject {
    fn type_name(&self) -> &str {
        "ForeignKey"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("ForeignKey('{}')", self.target))
    }
}

/// `sa.Column(...)`.
#[derive(Debug, Clone)]
pub struct ColumnObject {
    pub column: MColumn,
    pub unique: bool,
    pub index: bool,
    pub foreign_keys: Vec<ForeignKeyObject>,
}

impl NativeObject for ColumnObject {
    fn type_name(&self) -> &str {
        "Column"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!(
            "Column({}, {}, table=None)",
            crate::types::py_repr(&self.column.name),
            self.column.ty.repr()
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "name" | "key" => Some(Value::str(self.column.name.as_str())),
            "nullable" => Some(Value::Bool(self.column.nullable)),
            "primary_key" => Some(Value::Bool(self.column.primary_key)),
            "type" => Some(Value::native(TypeObject(self.column.ty.clone()))),
            _ => None,
        })
    }
}

/// A constraint built by a revision script.
#[derive(Debug, Clone)]
pub enum ConstraintObject {
    PrimaryKey {
        name: Option<String>,
        columns: Vec<String>,
    },
    Unique {
        name: Option<String>,
        columns: Vec<String>,
    },
    ForeignKey(ForeignKey),
    Check {
        name: Option<String>,
        sql: String,
    },
}

impl NativeObject for ConstraintObject {
    fn type_name(&self) -> &str {
        match self {
            ConstraintObject::PrimaryKey { .. } => "PrimaryKeyConstraint",
            ConstraintObject::Unique { .. } => "UniqueConstraint",
            ConstraintObject::ForeignKey(_) => "ForeignKeyConstraint",
            ConstraintObject::Check { .. } => "CheckConstraint",
        }
    }
}

/// A name argument: `None` or a string (`op.f(...)` gives a string too).
pub fn name_arg(interp: &mut Interpreter, value: Option<Value>) -> PyResult<Option<String>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(interp.str(&v)?)),
    }
}

/// A column name given as a string or a `Column`.
pub fn column_name(interp: &mut Interpreter, value: &Value) -> PyResult<String> {
    if let Some(c) = value.downcast_native::<ColumnObject>() {
        return Ok(c.column.name.clone());
    }
    match value {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(PyErr::type_error(format!(
            "expected a column name, got {}",
            interp.repr(other)?
        ))),
    }
}

/// A list of column names.
pub fn column_names(interp: &mut Interpreter, value: &Value) -> PyResult<Vec<String>> {
    if matches!(value, Value::Str(_)) {
        return Ok(vec![column_name(interp, value)?]);
    }
    let items = interp.iterate(value)?;
    items.iter().map(|v| column_name(interp, v)).collect()
}

/// A server default: a string, `sa.text(...)` or a SQL function.
pub fn default_arg(interp: &mut Interpreter, value: Value) -> PyResult<Option<Default>> {
    Ok(match value {
        Value::None => None,
        Value::Str(s) => Some(Default::Literal(s.to_string())),
        other => match other.downcast_native::<SqlText>() {
            Some(text) => Some(Default::Sql(text.0.clone())),
            None => Some(Default::Literal(interp.str(&other)?)),
        },
    })
}

fn optional_str(interp: &mut Interpreter, value: Option<Value>) -> PyResult<Option<String>> {
    name_arg(interp, value)
}

fn column_function(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let mut positional = std::mem::take(&mut args.positional).into_iter().peekable();
    let name = match positional.peek() {
        Some(Value::Str(s)) => {
            let s = s.to_string();
            positional.next();
            Some(s)
        }
        _ => None,
    };
    let name = match name.or(name_arg(interp, args.take_keyword("name"))?) {
        Some(n) => n,
        None => {
            return Err(PyErr::new(
                "ArgumentError",
                "Column must be constructed with a non-blank name or assign a non-blank .name before adding to a Table.",
            ));
        }
    };
    let mut ty = SaType::null();
    let mut foreign_keys = Vec::new();
    for arg in positional {
        if let Some(t) = type_of(&arg) {
            ty = t;
        } else if let Some(fk) = arg.downcast_native::<ForeignKeyObject>() {
            foreign_keys.push(fk.clone());
        } else if let Some(text) = arg.downcast_native::<SqlText>() {
            // A positional server default (`Computed`, `FetchedValue`) is not modelled.
            let _ = text;
        }
    }
    if let Some(t) = args.take_keyword("type_") {
        ty = type_of(&t).unwrap_or_else(SaType::null);
    }
    let primary_key = match args.take_keyword("primary_key") {
        Some(v) => interp.is_truthy(&v)?,
        None => false,
    };
    let nullable = match args.take_keyword("nullable") {
        Some(v) => interp.is_truthy(&v)?,
        None => !primary_key,
    };
    let mut column = MColumn::new(name, ty);
    column.primary_key = primary_key;
    column.nullable = nullable;
    if let Some(default) = args.take_keyword("server_default") {
        column.server_default = default_arg(interp, default)?;
    }
    if let Some(auto) = args.take_keyword("autoincrement") {
        column.autoincrement = match auto {
            Value::Bool(b) => Some(b),
            _ => None,
        };
    }
    let unique = match args.take_keyword("unique") {
        Some(v) => interp.is_truthy(&v)?,
        None => false,
    };
    let index = match args.take_keyword("index") {
        Some(v) => interp.is_truthy(&v)?,
        None => false,
    };
    Ok(Value::native(ColumnObject {
        column,
        unique,
        index,
        foreign_keys,
    }))
}

fn foreign_key_function(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let Some(target) = args.take(0, "column") else {
        return Err(PyErr::type_error(
            "ForeignKey() missing 1 required positional argument: 'column'",
        ));
    };
    let target = match target.downcast_native::<ColumnObject>() {
        Some(c) => c.column.name.clone(),
        None => interp.str(&target)?,
    };
    Ok(Value::native(ForeignKeyObject {
        target,
        ondelete: optional_str(interp, args.take_keyword("ondelete"))?,
        onupdate: optional_str(interp, args.take_keyword("onupdate"))?,
        name: name_arg(interp, args.take_keyword("name"))?,
    }))
}

fn split_target(target: &str) -> (String, String) {
    match target.rsplit_once('.') {
        Some((table, column)) => (table.to_owned(), column.to_owned()),
        None => (target.to_owned(), String::new()),
    }
}

/// The `ForeignKey` of a column-level `sa.ForeignKey(...)`.
pub fn column_foreign_key(column: &str, fk: &ForeignKeyObject) -> ForeignKey {
    let (ref_table, ref_column) = split_target(&fk.target);
    ForeignKey {
        name: fk.name.clone().map(Name::plain),
        columns: vec![column.to_owned()],
        ref_table,
        ref_columns: vec![ref_column],
        ondelete: fk.ondelete.clone(),
        onupdate: fk.onupdate.clone(),
    }
}

fn constraint_function(kind: &'static str) -> Value {
    NativeFunction::function(kind, move |interp, mut args| {
        let name = name_arg(interp, args.take_keyword("name"))?;
        let constraint = match kind {
            "PrimaryKeyConstraint" | "UniqueConstraint" => {
                let mut columns = Vec::new();
                for v in std::mem::take(&mut args.positional) {
                    columns.push(column_name(interp, &v)?);
                }
                if kind == "PrimaryKeyConstraint" {
                    ConstraintObject::PrimaryKey { name, columns }
                } else {
                    ConstraintObject::Unique { name, columns }
                }
            }
            "ForeignKeyConstraint" => {
                let columns = match args.take(0, "columns") {
                    Some(v) => column_names(interp, &v)?,
                    None => Vec::new(),
                };
                let targets = match args.take(1, "refcolumns") {
                    Some(v) => {
                        let items = if matches!(v, Value::Str(_)) {
                            vec![v]
                        } else {
                            interp.iterate(&v)?
                        };
                        let mut out = Vec::new();
                        for item in items {
                            out.push(interp.str(&item)?);
                        }
                        out
                    }
                    None => Vec::new(),
                };
                let ref_table = targets
                    .first()
                    .map(|t| split_target(t).0)
                    .unwrap_or_default();
                ConstraintObject::ForeignKey(ForeignKey {
                    name: name.map(Name::plain),
                    columns,
                    ref_table,
                    ref_columns: targets.iter().map(|t| split_target(t).1).collect(),
                    ondelete: optional_str(interp, args.take_keyword("ondelete"))?,
                    onupdate: optional_str(interp, args.take_keyword("onupdate"))?,
                })
            }
            _ => {
                let sql = match args.take(0, "sqltext") {
                    Some(v) => match v.downcast_native::<SqlText>() {
                        Some(t) => t.0.clone(),
                        None => interp.str(&v)?,
                    },
                    None => String::new(),
                };
                ConstraintObject::Check { name, sql }
            }
        };
        Ok(Value::native(constraint))
    })
}

fn text_function(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let text = match args.take(0, "text") {
        Some(v) => interp.str(&v)?,
        None => {
            return Err(PyErr::type_error(
                "text() missing 1 required positional argument: 'text'",
            ));
        }
    };
    Ok(Value::native(SqlText(text)))
}

fn type_class(class: &str, dialect: Option<&str>) -> Value {
    Value::native(TypeClass {
        class: class.to_owned(),
        dialect: dialect.map(str::to_owned),
    })
}

/// The `sqlalchemy` module of a migration run.
pub fn sqlalchemy_module() -> Value {
    let mut entries: Vec<(&str, Value)> = TYPE_CLASSES
        .iter()
        .map(|name| (*name, type_class(name, None)))
        .collect();
    entries.extend([
        (
            "Column",
            NativeFunction::function("Column", column_function),
        ),
        (
            "ForeignKey",
            NativeFunction::function("ForeignKey", foreign_key_function),
        ),
        (
            "PrimaryKeyConstraint",
            constraint_function("PrimaryKeyConstraint"),
        ),
        ("UniqueConstraint", constraint_function("UniqueConstraint")),
        (
            "ForeignKeyConstraint",
            constraint_function("ForeignKeyConstraint"),
        ),
        ("CheckConstraint", constraint_function("CheckConstraint")),
        ("text", NativeFunction::function("text", text_function)),
        (
            "literal_column",
            NativeFunction::function("literal_column", text_function),
        ),
        ("func", Value::native(FuncNamespace)),
    ]);
    Interpreter::new_module("sqlalchemy", entries)
}

/// `sqlalchemy.dialects.sqlite` (reflected `JSON` renders as `sqlite.JSON()`).
pub fn sqlite_dialect_module() -> Value {
    Interpreter::new_module(
        "sqlalchemy.dialects.sqlite",
        vec![
            ("JSON", type_class("JSON", Some("sqlite"))),
            ("DATETIME", type_class("DATETIME", None)),
            ("DATE", type_class("DATE", None)),
            ("TIME", type_class("TIME", None)),
        ],
    )
}

/// `sqlalchemy.dialects`, holding `sqlite`.
pub fn dialects_module() -> Value {
    Interpreter::new_module(
        "sqlalchemy.dialects",
        vec![("sqlite", sqlite_dialect_module())],
    )
}
