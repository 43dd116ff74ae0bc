//! `db.Column(...)`, `mapped_column(...)` and `db.ForeignKey(...)` before a
//! model class turns them into mapped attributes.
//!
//! A column used in an expression inside the class body, before the class
//! exists (`primaryjoin=(followers.c.follower_id == id)`), compares as a
//! placeholder column that names the declaration's identity;
//! [`resolve_specs`] turns it into the mapped table's column once the
//! class is mapped, as SQLAlchemy's `Column` object becomes part of its
//! table.

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
    /// `deferred(Column(...))` / `mapped_column(deferred=True)`.
    pub deferred: bool,
    /// `deferred(..., group=...)` / `mapped_column(deferred_group=...)`.
    pub deferred_group: Option<String>,
    /// The uppercase type class (`TIMESTAMP`) the type was written with.
    pub type_spelling: Option<String>,
    /// Column-level `CheckConstraint`s given positionally.
    pub constraints: Vec<retort_sql::Constraint>,
    /// Which declaration this is (0 for an implicit one): what a
    /// placeholder column in an expression refers to.
    pub identity: u64,
}

/// The table name a placeholder column carries before its class is mapped.
const SPEC_MARKER: &str = "\u{1}column:";

thread_local! {
    static NEXT_IDENTITY: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

impl ColumnSpec {
    /// This attribute's `mapped_column(...)` over the one its `Annotated`
    /// annotation carries: what the attribute gives wins, the rest comes
    /// from the annotation (SQLAlchemy's `_copy` then merge).
    pub fn over(&self, annotated: &ColumnSpec) -> ColumnSpec {
        let mut merged = self.clone();
        merged.name = self.name.clone().or_else(|| annotated.name.clone());
        merged.sql_type = self.sql_type.clone().or_else(|| annotated.sql_type.clone());
        if self.sql_type.is_none() {
            merged.type_spelling = annotated.type_spelling.clone();
        }
        if merged.enum_class.is_none() && self.sql_type.is_none() {
            merged.enum_class = annotated.enum_class.clone();
        }
        merged.primary_key |= annotated.primary_key;
        merged.unique |= annotated.unique;
        merged.index |= annotated.index;
        merged.nullable = self.nullable.or(annotated.nullable);
        merged.default = self.default.clone().or_else(|| annotated.default.clone());
        merged.onupdate = self.onupdate.clone().or_else(|| annotated.onupdate.clone());
        merged.server_default = self
            .server_default
            .clone()
            .or_else(|| annotated.server_default.clone());
        if merged.foreign_keys.is_empty() {
            merged.foreign_keys = annotated.foreign_keys.clone();
        }
        if merged.constraints.is_empty() {
            merged.constraints = annotated.constraints.clone();
        }
        merged.autoincrement = self.autoincrement.or(annotated.autoincrement);
        merged.deferred |= annotated.deferred;
        merged.deferred_group = self
            .deferred_group
            .clone()
            .or_else(|| annotated.deferred_group.clone());
        merged
    }

    /// The placeholder column this declaration stands for in an expression.
    pub fn placeholder(&self) -> Expr {
        Expr::col(
            format!("{SPEC_MARKER}{}", self.identity),
            self.name.clone().unwrap_or_default(),
        )
    }
}

/// The placeholder expression of a `Column(...)` value, if it is one.
pub fn spec_expr(value: &Value) -> Option<Expr> {
    value
        .downcast_native::<ColumnSpec>()
        .map(ColumnSpec::placeholder)
}

/// The declarations of a class body, by identity: `(identity, table,
/// column name)` for every `Column(...)` among `entries` that became one of
/// `columns` (matched by attribute key).
pub fn spec_columns(
    entries: &[(String, Value)],
    table: &str,
    columns: &[retort_sql::Column],
) -> Vec<(u64, String, String)> {
    entries
        .iter()
        .filter_map(|(attr, value)| {
            let spec = value.downcast_native::<ColumnSpec>()?;
            let column = columns.iter().find(|c| &c.key == attr)?;
            Some((spec.identity, table.to_owned(), column.name.clone()))
        })
        .collect()
}

/// `expr` with its placeholder columns replaced by the table columns
/// `specs` maps them to; an unknown placeholder stays.
pub fn resolve_specs(expr: &Expr, specs: &[(u64, String, String)]) -> Expr {
    retort_orm::join_condition::map_columns(expr, &mut |column| {
        let retort_sql::FromSource::Table(table) = &column.source else {
            return None;
        };
        let identity: u64 = table.strip_prefix(SPEC_MARKER)?.parse().ok()?;
        let (_, table, name) = specs.iter().find(|(i, _, _)| *i == identity)?;
        Some(Expr::col(table.clone(), name.clone()))
    })
}

impl NativeObject for ColumnSpec {
    fn type_name(&self) -> &str {
        "Column"
    }

    /// `year.desc()` / `year.asc()` in a class body (a relationship's
    /// `order_by`), resolved with the other class-body columns.
    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !matches!(name, "desc" | "asc") {
            return Ok(None);
        }
        let placeholder = self.placeholder();
        let column = self.name.clone().unwrap_or_default();
        let descending = name == "desc";
        Ok(Some(retort_python::NativeFunction::function(
            name,
            move |_, _| {
                let expr = if descending {
                    placeholder.clone().desc()
                } else {
                    placeholder.clone().asc()
                };
                Ok(Value::native(crate::expr::ExprObject::plain(
                    expr,
                    column.clone(),
                )))
            },
        )))
    }

    /// `id == followers.c.follower_id` in a class body.
    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: retort_python::CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        if other.downcast_native::<crate::expr::ExprObject>().is_none()
            && other.downcast_native::<ColumnSpec>().is_none()
        {
            return Ok(None);
        }
        let mut left = crate::expr::ExprObject::plain(
            self.placeholder(),
            self.name.clone().unwrap_or_default(),
        );
        left.sql_type = self.sql_type.clone();
        let expr = left.compare_with(interp, op, other)?;
        Ok(Some(Value::native(crate::expr::ExprObject::plain(
            expr,
            left.name.clone(),
        ))))
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

/// `ForeignKey(target, ondelete=..., onupdate=..., name=...)`; `use_alter`
/// changes nothing on SQLite, which renders the constraint inline.
pub fn foreign_key(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let target = args.take(0, "column").unwrap_or(Value::None);
    // A column object (`ForeignKey(User.id)`, `ForeignKey(users.c.id)`)
    // names its table's column.
    let text = match target.downcast_native::<crate::expr::ExprObject>() {
        Some(crate::expr::ExprObject {
            expr:
                retort_sql::Expr::Column(retort_sql::ColumnRef {
                    source: retort_sql::FromSource::Table(table),
                    name,
                }),
            ..
        }) => format!("{table}.{name}"),
        _ => interp.str(&target)?,
    };
    let Some(mut fk) = ForeignKey::parse(&text) else {
        return Err(retort_python::PyErr::new(
            "ArgumentError",
            format!("Invalid foreign key target: {text}"),
        ));
    };
    if let Some(action) = args.take_keyword("ondelete") {
        fk = fk.ondelete(interp.str(&action)?);
    }
    if let Some(action) = args.take_keyword("onupdate") {
        fk = fk.onupdate(interp.str(&action)?);
    }
    if let Some(name) = args.take_keyword("name")
        && !name.is_none()
    {
        fk = fk.named(interp.str(&name)?);
    }
    Ok(Value::native(ForeignKeySpec(fk)))
}

/// `Column(...)` / `mapped_column(...)`.
pub fn column(interp: &mut Interpreter, mut args: CallArgs, mapped: bool) -> PyResult<Value> {
    let mut spec = ColumnSpec {
        mapped,
        identity: NEXT_IDENTITY.with(|next| {
            let identity = next.get();
            next.set(identity + 1);
            identity
        }),
        ..ColumnSpec::default()
    };
    for value in std::mem::take(&mut args.positional) {
        if let Some(name) = value.as_str() {
            spec.name = Some(name.to_string());
        } else if let Some(type_object) = value.downcast_native::<crate::types::TypeObject>() {
            spec.sql_type = Some(type_object.sql_type.clone());
            spec.enum_class = type_object.enum_class.clone();
            spec.type_spelling = type_object.spelling();
        } else if let Some(fk) = value.downcast_native::<ForeignKeySpec>() {
            spec.foreign_keys.push(fk.0.clone());
        } else if let Some(crate::constraints::SchemaItem::Constraint(
            check @ retort_sql::Constraint::Check { .. },
        )) = value.downcast_native::<crate::constraints::SchemaItem>()
        {
            spec.constraints.push(check.clone());
        } else if let Some(name) = bare_type_class(interp, &value) {
            let bare = crate::types::bare_type(&name);
            spec.type_spelling = bare.as_ref().and_then(crate::types::TypeObject::spelling);
            spec.sql_type = bare.map(|t| t.sql_type);
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
    if let Some(value) = args.take_keyword("deferred") {
        if !mapped {
            return Err(PyErr::type_error(
                "Additional arguments should be named <dialectname>_<argument>, got 'deferred'",
            ));
        }
        spec.deferred = interp.is_truthy(&value)?;
    }
    if mapped
        && let Some(group) = args.take_keyword("deferred_group")
        && !matches!(group, Value::None)
    {
        spec.deferred = true;
        spec.deferred_group = Some(interp.str(&group)?);
    }
    spec.default = args.take_keyword("default");
    // `mapped_column(insert_default=...)`: the Core default, without the
    // dataclass default `default=` also sets there.
    if mapped && let Some(insert_default) = args.take_keyword("insert_default") {
        spec.default = Some(insert_default);
    }
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
