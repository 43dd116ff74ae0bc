//! `inspect(db.engine)` beyond `get_table_names()`: `has_table`,
//! `get_columns` and `get_pk_constraint`, with the statements SQLAlchemy's
//! SQLite dialect sends, its reflected types (`VARCHAR(length=80)`, by its
//! type-affinity rules) and its per-inspector cache: a second
//! `get_columns` of the same table on the same inspector sends nothing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use retort_orm::reflection::PragmaColumn;
use retort_python::dict::{Dict, HashKey};
use retort_python::{Interpreter, NativeFunction, NativeObject, PyResult, Value};

use retort_sql::reflected_type::{reflected_parameters, reflected_type};

use crate::ctx::Ctx;

/// What one inspector has reflected already (SQLAlchemy's `info_cache`).
#[derive(Debug, Default)]
pub struct InspectorCache {
    columns: RefCell<HashMap<String, Reflected>>,
}

/// By table: the reflected columns and the list `get_columns` returned
/// (the same list object every time, as SQLAlchemy's cache gives it).
type Reflected = (Rc<Vec<PragmaColumn>>, Value);

/// The inspector method `name`, or `None` when it is not one of these.
pub fn inspector_method(ctx: &Rc<Ctx>, cache: &Rc<InspectorCache>, name: &str) -> Option<Value> {
    let ctx = ctx.clone();
    let cache = cache.clone();
    let method = match name {
        "has_table" => NativeFunction::function("has_table", move |interp, args| {
            let table = table_argument(interp, &args.positional)?;
            let found = ctx.run(interp, |session, _| {
                session.in_inspector_connection(|s| s.reflect_has_table(&table))
            })?;
            Ok(Value::Bool(found))
        }),
        "get_columns" => NativeFunction::function("get_columns", move |interp, args| {
            let table = table_argument(interp, &args.positional)?;
            if let Some(list) = cache.list(&table) {
                return Ok(list);
            }
            let reflected = ctx.run(interp, |session, _| {
                session.in_inspector_connection(|s| s.reflect_columns(&table))
            })?;
            cache.keep(&ctx, &table, reflected)?;
            Ok(cache.list(&table).unwrap_or(Value::None))
        }),
        // The table's SQL, then its columns (unless this inspector has
        // them), on one connection.
        "get_pk_constraint" => {
            NativeFunction::function("get_pk_constraint", move |interp, args| {
                let table = table_argument(interp, &args.positional)?;
                let cached = cache.columns(&table);
                let (sql, reflected) = ctx.run(interp, |session, _| {
                    session.in_inspector_connection(|s| {
                        let sql = s.reflect_table_sql(&table)?;
                        let reflected = match cached.is_some() {
                            true => None,
                            false => Some(s.reflect_columns(&table)?),
                        };
                        Ok((sql, reflected))
                    })
                })?;
                let columns = match (cached, reflected) {
                    (Some(columns), _) => columns,
                    (None, reflected) => cache.keep(&ctx, &table, reflected.flatten())?,
                };
                let name = sql.as_deref().and_then(primary_key_constraint_name);
                let mut keys: Vec<&PragmaColumn> =
                    columns.iter().filter(|c| c.primary_key > 0).collect();
                retort_sort::sort_by_key(&mut keys, |c| c.primary_key);
                let mut dict = Dict::new();
                let names = keys.iter().map(|c| Value::str(c.name.as_str())).collect();
                put(&mut dict, "constrained_columns", Value::list(names));
                put(&mut dict, "name", name.map_or(Value::None, Value::str));
                Ok(Value::dict(dict))
            })
        }
        _ => return None,
    };
    Some(method)
}

fn table_argument(interp: &mut Interpreter, args: &[Value]) -> PyResult<String> {
    match args.first() {
        Some(value) => Ok(interp.str(value)?),
        None => Err(retort_python::PyErr::type_error(
            "missing 1 required positional argument: 'table_name'",
        )),
    }
}

impl InspectorCache {
    fn columns(&self, table: &str) -> Option<Rc<Vec<PragmaColumn>>> {
        self.columns
            .borrow()
            .get(table)
            .map(|(columns, _)| columns.clone())
    }

    fn list(&self, table: &str) -> Option<Value> {
        self.columns
            .borrow()
            .get(table)
            .map(|(_, list)| list.clone())
    }

    /// Keeps what reflection found; `NoSuchTableError` when the table
    /// does not exist.
    fn keep(
        &self,
        ctx: &Ctx,
        table: &str,
        reflected: Option<Vec<PragmaColumn>>,
    ) -> PyResult<Rc<Vec<PragmaColumn>>> {
        let Some(columns) = reflected else {
            return Err(ctx.raise("NoSuchTableError", table));
        };
        let list = Value::list(columns.iter().map(column_dict).collect());
        let columns = Rc::new(columns);
        self.columns
            .borrow_mut()
            .insert(table.to_owned(), (columns.clone(), list));
        Ok(columns)
    }
}

fn put(dict: &mut Dict, key: &str, value: Value) {
    if let Ok(key) = HashKey::new(Value::str(key)) {
        dict.insert(key, value);
    }
}

/// `{'name': ..., 'type': ..., 'nullable': ..., 'default': ..., 'primary_key': ...}`.
fn column_dict(column: &PragmaColumn) -> Value {
    let mut dict = Dict::new();
    put(&mut dict, "name", Value::str(column.name.as_str()));
    put(
        &mut dict,
        "type",
        Value::native(ReflectedType::resolve(&column.declared_type)),
    );
    put(&mut dict, "nullable", Value::Bool(!column.not_null));
    put(
        &mut dict,
        "default",
        column.default.as_deref().map_or(Value::None, Value::str),
    );
    put(&mut dict, "primary_key", Value::Int(column.primary_key));
    Value::dict(dict)
}

/// `CONSTRAINT name PRIMARY KEY` in a table's SQL (case-insensitive, as
/// SQLAlchemy's pattern).
fn primary_key_constraint_name(sql: &str) -> Option<String> {
    let upper = sql.to_ascii_uppercase();
    let mut from = 0;
    while let Some(at) = upper[from..].find("CONSTRAINT ") {
        let start = from + at + "CONSTRAINT ".len();
        let name_len = sql[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(sql.len() - start);
        let after = start + name_len;
        if name_len > 0 && upper[after..].starts_with(" PRIMARY KEY") {
            return Some(sql[start..after].to_owned());
        }
        from = start;
    }
    None
}

/// A type as reflection makes it from a declared type string, by
/// SQLAlchemy's SQLite `ischema_names` and type-affinity rules.
#[derive(Debug, Clone, PartialEq)]
pub struct ReflectedType {
    name: &'static str,
    args: Vec<u32>,
}

impl ReflectedType {
    /// The type reflection makes of a declared type; arguments the type
    /// does not take are dropped, as SQLAlchemy drops them all when
    /// calling the type with them fails.
    pub fn resolve(declared: &str) -> ReflectedType {
        let (name, args) = reflected_type(declared);
        let args = if args.len() <= reflected_parameters(name).len() {
            args
        } else {
            Vec::new()
        };
        ReflectedType { name, args }
    }
}

impl NativeObject for ReflectedType {
    fn type_name(&self) -> &str {
        self.name
    }

    /// `VARCHAR(length=80)`, `NUMERIC(precision=10, scale=2)`, `INTEGER()`.
    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let named: Vec<String> = reflected_parameters(self.name)
            .iter()
            .zip(&self.args)
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        Ok(format!("{}({})", self.name, named.join(", ")))
    }

    /// The type as SQLite DDL: `VARCHAR(80)`, `INTEGER`, `NULL` for none.
    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        if self.name == "NullType" {
            return Ok("NULL".to_owned());
        }
        if self.args.is_empty() {
            return Ok(self.name.to_owned());
        }
        let args: Vec<String> = self.args.iter().map(u32::to_string).collect();
        Ok(format!("{}({})", self.name, args.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_resolve_as_sqlalchemy_reflects_them() {
        let cases = [
            ("INTEGER", "INTEGER", vec![]),
            ("VARCHAR(80)", "VARCHAR", vec![80]),
            ("NUMERIC(10, 2)", "NUMERIC", vec![10, 2]),
            ("BOOLEAN", "BOOLEAN", vec![]),
            ("BIGINT", "BIGINT", vec![]),
            ("INT(11)", "INTEGER", vec![]),
            ("MEDIUMINT", "INTEGER", vec![]),
            ("NVARCHAR2(10)", "TEXT", vec![10]),
            ("", "NullType", vec![]),
            ("DOUBLE PRECISION", "REAL", vec![]),
            ("MONEY", "NUMERIC", vec![]),
        ];
        for (declared, name, args) in cases {
            assert_eq!(
                ReflectedType::resolve(declared),
                ReflectedType { name, args },
                "{declared}"
            );
        }
    }

    #[test]
    fn a_named_primary_key_constraint_is_found() {
        let sql =
            "CREATE TABLE t (\n\tid INTEGER NOT NULL, \n\tCONSTRAINT pk_t PRIMARY KEY (id)\n)";
        assert_eq!(primary_key_constraint_name(sql).as_deref(), Some("pk_t"));
        let sql = "CREATE TABLE t (id INTEGER, CONSTRAINT uq_a UNIQUE (id), PRIMARY KEY (id))";
        assert_eq!(primary_key_constraint_name(sql), None);
    }
}
