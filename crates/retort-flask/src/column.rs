//! `db.Column(...)`, `mapped_column(...)` and `db.ForeignKey(...)` before a
//! model class turns them into mapped attributes.

use retort_python::PyErr;
use retort_python::{CallArgs, Interpreter, NativeObject, PyResult, Value};
use retort_sql::{Dialect, Expr, ForeignKey, ServerDefault, SqlType, server_default_sql};

use crate::types::sql_type_of;

/// A column declaration as written in the class body.
#[derive(Debug, Clone, Default)]
pub struct ColumnSpec {
    pub name: Option<String>,
    pub sql_type: Option<SqlType>,
    pub enum_class: Option<String>,
    pub primary_key: bool,
    pub unique: bool,
    pub index: bool,
    pub nullable: Option<bool>,
    pub default: Option<Value>,
    pub onupdate: Option<Value>,
    pub server_default: Option<ServerDefault>,
    pub foreign_keys: Vec<ForeignKey>,
    pub autoincrement: Option<bool>,
    /// Whether it came from `mapped_column` (nullability from the annotation).
    pub mapped: bool,
}

impl NativeObject for ColumnSpec {
    fn type_name(&self) -> &str {
        "Column"
    }
}

/// `db.ForeignKey("table.column")`.
#[derive(Debug, Clone)]
pub struct ForeignKeySpec(pub ForeignKey);

impl NativeObject for ForeignKeySpec {
    fn type_name(&self) -> &str {
        "ForeignKey"
    }
}

fn flag(interp: &mut Interpreter, args: &mut CallArgs, name: &str) -> PyResult<Option<bool>> {
    match args.take_keyword(name) {
        Some(value) => Ok(Some(interp.is_truthy(&value)?)),
        None => Ok(None),
    }
}

/// `ForeignKey(target, ondelete=...)`.
pub fn foreign_key(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let target = args.take(0, "column").unwrap_or(Value::None);
    let text = interp.str(&target)?;
    let Some(mut fk) = ForeignKey::parse(&text) else {
        return Err(retort_python::PyErr::new(
            "ArgumentError",
            format!("Invalid foreign key target: {text}"),
        ));
    };
    if let Some(action) = args.take_keyword("ondelete") {
        fk = fk.ondelete(interp.str(&action)?);
    }
    Ok(Value::native(ForeignKeySpec(fk)))
}

/// `Column(...)` / `mapped_column(...)`.
pub fn column(interp: &mut Interpreter, mut args: CallArgs, mapped: bool) -> PyResult<Value> {
    let mut spec = ColumnSpec {
        mapped,
        ..ColumnSpec::default()
    };
    for value in std::mem::take(&mut args.positional) {
        if let Some(name) = value.as_str() {
            spec.name = Some(name.to_string());
        } else if let Some(type_object) = value.downcast_native::<crate::types::TypeObject>() {
            spec.sql_type = Some(type_object.sql_type.clone());
            spec.enum_class = type_object.enum_class.clone();
        } else if let Some(fk) = value.downcast_native::<ForeignKeySpec>() {
            spec.foreign_keys.push(fk.0.clone());
        } else if let Some(name) = bare_type_class(interp, &value) {
            spec.sql_type = crate::types::bare_type(&name).map(|t| t.sql_type);
        }
    }
    spec.primary_key = flag(interp, &mut args, "primary_key")?.unwrap_or(false);
    spec.unique = flag(interp, &mut args, "unique")?.unwrap_or(false);
    spec.index = flag(interp, &mut args, "index")?.unwrap_or(false);
    spec.nullable = flag(interp, &mut args, "nullable")?;
    spec.autoincrement = match args.take_keyword("autoincrement") {
        Some(Value::Bool(b)) => Some(b),
        _ => None,
    };
    spec.default = args.take_keyword("default");
    spec.onupdate = args.take_keyword("onupdate");
    if let Some(server_default) = args.take_keyword("server_default") {
        spec.server_default = Some(server_default_of(interp, &server_default)?);
    }
    if let Some(name) = args.take_keyword("name") {
        spec.name = Some(interp.str(&name)?);
    }
    if let Some(type_) = args.take_keyword("type_") {
        spec.sql_type = sql_type_of(&type_);
    }
    Ok(Value::native(spec))
}

/// A Python class passed as a type (not used by the bare type objects).
fn bare_type_class(_interp: &mut Interpreter, value: &Value) -> Option<String> {
    match value {
        Value::Class(class) => Some(class.name.to_string()),
        _ => None,
    }
}

/// What `server_default=` holds: a string is a quoted literal, `text(...)`
/// is SQL written as given, any other expression (`func.now()`) is compiled
/// by the dialect that writes the DDL.
fn server_default_of(interp: &mut Interpreter, value: &Value) -> PyResult<ServerDefault> {
    match value.downcast_native::<crate::expr::ExprObject>() {
        Some(object) => Ok(match &object.expr {
            Expr::Text { sql, binds } if binds.is_empty() => ServerDefault::Sql(sql.clone()),
            other => {
                let default = ServerDefault::Expr(other.clone());
                // An expression the SQLite compiler cannot write inline is
                // refused here, so later DDL and migrations can rely on it.
                server_default_sql(Dialect::Sqlite, &default)
                    .map_err(|e| PyErr::new("CompileError", e.to_string()))?;
                default
            }
        }),
        None => Ok(ServerDefault::Literal(interp.str(value)?)),
    }
}
