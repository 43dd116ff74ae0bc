//! Table-level schema items written in Python: `UniqueConstraint`,
//! `CheckConstraint`, `PrimaryKeyConstraint`, `ForeignKeyConstraint` and
//! `Index` (also as `db.X`), taken by a model's `__table_args__` (a tuple
//! whose last item may be a dict of table options, or a dict alone) and by
//! `Table(name, metadata, *columns, *constraints)`; an `Index` made from
//! a mapped class's attributes (`Index('ix_a_b', Model.a, Model.b)`)
//! attaches itself to that table at once, as SQLAlchemy's does.

use retort_python::{CallArgs, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value};
use retort_sql::{Constraint, Index, Table};

use crate::column::ColumnSpec;
use crate::ctx::Ctx;
use crate::model::ColumnAttribute;

/// One constraint or index, its columns by name.
#[derive(Debug, Clone)]
pub enum SchemaItem {
    Constraint(Constraint),
    /// An index; `table` when its columns named it (model attributes).
    Index {
        index: Index,
        table: Option<String>,
    },
}

impl NativeObject for SchemaItem {
    fn type_name(&self) -> &str {
        match self {
            SchemaItem::Constraint(Constraint::Unique { .. }) => "UniqueConstraint",
            SchemaItem::Constraint(Constraint::Check { .. }) => "CheckConstraint",
            SchemaItem::Constraint(Constraint::PrimaryKey { .. }) => "PrimaryKeyConstraint",
            SchemaItem::Constraint(Constraint::ForeignKey { .. }) => "ForeignKeyConstraint",
            SchemaItem::Index { .. } => "Index",
        }
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(match self {
            SchemaItem::Index { index, .. } => {
                let mut parts = vec![format!("'{}'", index.name)];
                let table = &index.table;
                parts.extend(
                    index
                        .columns
                        .iter()
                        .map(|c| format!("Column('{c}', table=<{table}>)")),
                );
                if index.unique {
                    parts.push("unique=True".to_string());
                }
                format!("Index({})", parts.join(", "))
            }
            SchemaItem::Constraint(constraint) => {
                let name = match constraint {
                    Constraint::Unique { name, .. }
                    | Constraint::Check { name, .. }
                    | Constraint::PrimaryKey { name, .. }
                    | Constraint::ForeignKey { name, .. } => name.clone(),
                };
                format!(
                    "{}(name={})",
                    self.type_name(),
                    name.map_or("None".to_string(), |n| format!("'{n}'"))
                )
            }
        })
    }
}

/// A column given to a constraint: its name, and its table when the
/// argument says (a model attribute or a `table.c` column).
fn column_ref(
    interp: &mut Interpreter,
    ctx: &Ctx,
    value: &Value,
) -> PyResult<(String, Option<String>)> {
    if let Some(attribute) = value.downcast_native::<ColumnAttribute>() {
        return Ok((attribute.column.clone(), Some(attribute.table.clone())));
    }
    if let Some((mapper, attr)) = value
        .downcast_native::<crate::expr::ExprObject>()
        .and_then(|e| e.attribute.clone())
    {
        let found = ctx.peek(|s| {
            let mapper = s.mapper(mapper).ok()?;
            let column = mapper.columns.iter().find(|c| c.attr.as_ref() == attr)?;
            Some((column.column.clone(), mapper.table.name.clone()))
        })?;
        if let Some((column, table)) = found {
            return Ok((column, Some(table)));
        }
    }
    if let Some(spec) = value.downcast_native::<ColumnSpec>() {
        return Ok((spec.name.clone().unwrap_or_default(), None));
    }
    if let Some(expr) = value.downcast_native::<crate::expr::ExprObject>()
        && let Some(column) = &expr.column
    {
        return Ok((column.name.clone(), None));
    }
    match value {
        Value::Str(_) => Ok((interp.str(value)?, None)),
        other => Err(ctx.raise(
            "ArgumentError",
            format!(
                "Can't create a constraint on {}; give column names or mapped columns",
                interp.repr(other)?
            ),
        )),
    }
}

fn keyword(args: &mut CallArgs, name: &str) -> Option<Value> {
    let at = args.keywords.iter().position(|(k, _)| k == name)?;
    Some(args.keywords.remove(at).1)
}

fn optional_str(interp: &mut Interpreter, value: Option<Value>) -> PyResult<Option<String>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => Ok(Some(interp.str(&value)?)),
    }
}

fn columns_of(
    interp: &mut Interpreter,
    ctx: &Ctx,
    values: &[Value],
) -> PyResult<(Vec<String>, Option<String>)> {
    let mut names = Vec::new();
    let mut table = None;
    for value in values {
        let (name, of) = column_ref(interp, ctx, value)?;
        names.push(name);
        table = table.or(of);
    }
    Ok((names, table))
}

/// The constructors, by name.
pub fn schema_item_function(ctx: &std::rc::Rc<Ctx>, name: &str) -> Option<Value> {
    let ctx = ctx.clone();
    Some(match name {
        "UniqueConstraint" => {
            NativeFunction::function("UniqueConstraint", move |interp, mut args| {
                let name = keyword(&mut args, "name");
                let name = optional_str(interp, name)?;
                let (columns, _) = columns_of(interp, &ctx, &args.positional)?;
                Ok(Value::native(SchemaItem::Constraint(Constraint::Unique {
                    name,
                    columns,
                })))
            })
        }
        "PrimaryKeyConstraint" => {
            NativeFunction::function("PrimaryKeyConstraint", move |interp, mut args| {
                let name = keyword(&mut args, "name");
                let name = optional_str(interp, name)?;
                let (columns, _) = columns_of(interp, &ctx, &args.positional)?;
                Ok(Value::native(SchemaItem::Constraint(
                    Constraint::PrimaryKey { name, columns },
                )))
            })
        }
        "CheckConstraint" => NativeFunction::function("CheckConstraint", |interp, mut args| {
            let name = keyword(&mut args, "name");
            let name = optional_str(interp, name)?;
            let sql = args.take(0, "sqltext").unwrap_or(Value::None);
            let sql = interp.str(&sql)?;
            Ok(Value::native(SchemaItem::Constraint(Constraint::Check {
                name,
                sql,
            })))
        }),
        "ForeignKeyConstraint" => {
            NativeFunction::function("ForeignKeyConstraint", move |interp, mut args| {
                let name = keyword(&mut args, "name");
                let name = optional_str(interp, name)?;
                let ondelete = keyword(&mut args, "ondelete");
                let ondelete = optional_str(interp, ondelete)?;
                let onupdate = keyword(&mut args, "onupdate");
                let onupdate = optional_str(interp, onupdate)?;
                let local = args.take(0, "columns").unwrap_or(Value::None);
                let referred = args.take(1, "refcolumns").unwrap_or(Value::None);
                let local = interp.iterate(&local)?;
                let (columns, _) = columns_of(interp, &ctx, &local)?;
                let mut ref_table = String::new();
                let mut ref_columns = Vec::new();
                for target in interp.iterate(&referred)? {
                    let (column, table) = match column_ref(interp, &ctx, &target)? {
                        (column, Some(table)) => (column, table),
                        (text, None) => match text.split_once('.') {
                            Some((table, column)) => (column.to_string(), table.to_string()),
                            None => (text, String::new()),
                        },
                    };
                    ref_table = table;
                    ref_columns.push(column);
                }
                Ok(Value::native(SchemaItem::Constraint(
                    Constraint::ForeignKey {
                        name,
                        columns,
                        ref_table,
                        ref_columns,
                        ondelete,
                        onupdate,
                    },
                )))
            })
        }
        "Index" => NativeFunction::function("Index", move |interp, mut args| {
            let unique = match keyword(&mut args, "unique") {
                Some(value) => interp.is_truthy(&value)?,
                None => false,
            };
            let name = args.take(0, "name").unwrap_or(Value::None);
            let name = interp.str(&name)?;
            let expressions = args.positional.get(1..).unwrap_or_default();
            let (columns, table) = columns_of(interp, &ctx, expressions)?;
            let index = Index {
                name,
                table: table.clone().unwrap_or_default(),
                columns,
                unique,
            };
            if let Some(table) = &table {
                attach_index(&ctx, table, index.clone())?;
            }
            Ok(Value::native(SchemaItem::Index { index, table }))
        }),
        _ => return None,
    })
}

/// The names [`schema_item_function`] makes.
pub const SCHEMA_ITEM_NAMES: &[&str] = &[
    "UniqueConstraint",
    "PrimaryKeyConstraint",
    "CheckConstraint",
    "ForeignKeyConstraint",
    "Index",
];

/// Adds an index made after its table to the table in the metadata.
fn attach_index(ctx: &Ctx, table: &str, index: Index) -> PyResult<()> {
    let mut session = ctx
        .session
        .try_borrow_mut()
        .map_err(|_| PyErr::new("RuntimeError", "the session is busy"))?;
    let Some(mut updated) = session.registry.metadata.table(table).cloned() else {
        return Ok(());
    };
    updated.indexes.push(index);
    session.registry.add_table(updated);
    Ok(())
}

/// Table options by name (`sqlite_autoincrement`).
pub type TableOptions = Vec<(String, Value)>;

/// The schema items among `values` (`Table(...)` arguments or the items
/// of `__table_args__`), and the table options of a trailing dict.
pub fn schema_items(
    interp: &mut Interpreter,
    values: &[Value],
) -> PyResult<(Vec<SchemaItem>, TableOptions)> {
    let mut items = Vec::new();
    let mut options = Vec::new();
    for value in values {
        if let Some(item) = value.downcast_native::<SchemaItem>() {
            items.push(item.clone());
        } else if let Value::Dict(dict) = value {
            for (key, value) in dict.borrow().items() {
                options.push((interp.str(&key)?, value));
            }
        }
    }
    Ok((items, options))
}

/// `__table_args__` as SQLAlchemy reads it: a tuple (its last item may be
/// the options dict) or a dict.
pub fn table_args(
    interp: &mut Interpreter,
    value: &Value,
) -> PyResult<(Vec<SchemaItem>, TableOptions)> {
    match value {
        Value::Tuple(items) => schema_items(interp, items),
        Value::Dict(_) => schema_items(interp, std::slice::from_ref(value)),
        Value::None => Ok((Vec::new(), Vec::new())),
        other => Err(PyErr::new(
            "ArgumentError",
            format!(
                "__table_args__ value must be a tuple, dict, or None; got {}",
                interp.repr(other)?
            ),
        )),
    }
}

/// `table` with `items` and the options Retort knows applied
/// (`sqlite_autoincrement`).
pub fn apply(
    interp: &mut Interpreter,
    mut table: Table,
    items: Vec<SchemaItem>,
    options: &[(String, Value)],
) -> PyResult<Table> {
    let mut constraints = Vec::new();
    for item in items {
        match item {
            SchemaItem::Constraint(Constraint::PrimaryKey { name, columns }) => {
                table = table.with_primary_key(name, columns);
            }
            SchemaItem::Constraint(constraint) => constraints.push(constraint),
            SchemaItem::Index { mut index, .. } => {
                index.table = table.name.clone();
                table = table.with_index(index);
            }
        }
    }
    for (key, value) in options {
        if key == "sqlite_autoincrement" {
            table.sqlite_autoincrement = interp.is_truthy(value)?;
        }
    }
    Ok(table.with_table_args(constraints))
}
