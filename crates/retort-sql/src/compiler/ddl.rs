//! Rendering of DDL (`DDLCompiler`): CREATE TABLE with its tab-indented
//! column and constraint lines, CREATE/DROP INDEX, DROP TABLE.

use super::Dialect;
use super::naming::quote;
use crate::ddl::DdlStatement;
use crate::error::CompileError;
use crate::literal::quote_string;
use crate::schema::{Column, Constraint, Index, ServerDefault, Table};

/// Renders a DDL statement for a dialect.
pub fn compile_ddl(dialect: Dialect, stmt: &DdlStatement) -> Result<String, CompileError> {
    ddl(dialect, stmt)
}

pub(crate) fn ddl(dialect: Dialect, stmt: &DdlStatement) -> Result<String, CompileError> {
    match stmt {
        DdlStatement::CreateTable(table) => create_table(dialect, table),
        DdlStatement::DropTable(name) => Ok(format!("\nDROP TABLE {}", quote(dialect, name))),
        DdlStatement::CreateIndex(index) => create_index(dialect, index),
        DdlStatement::DropIndex(name) => Ok(format!("\nDROP INDEX {}", quote(dialect, name))),
    }
}

fn create_table(dialect: Dialect, table: &Table) -> Result<String, CompileError> {
    if table.columns.is_empty() {
        return Err(CompileError::new(format!(
            "Table '{}' has no columns",
            table.name
        )));
    }
    let mut lines = Vec::new();
    for column in &table.columns {
        lines.push(column_spec(dialect, table, column)?);
    }
    // An explicit (possibly named) PrimaryKeyConstraint replaces the one
    // collected from `primary_key=True` columns; either comes first.
    let explicit_pk = table
        .constraints
        .iter()
        .find(|c| matches!(c, Constraint::PrimaryKey { .. }));
    if let Some(pk) = explicit_pk {
        lines.push(constraint_spec(dialect, pk));
    } else if !table.primary_key.is_empty() && inline_autoincrement(dialect, table).is_none() {
        lines.push(format!(
            "PRIMARY KEY ({})",
            column_list(dialect, &table.primary_key)
        ));
    }
    for constraint in &table.constraints {
        if !matches!(constraint, Constraint::PrimaryKey { .. }) {
            lines.push(constraint_spec(dialect, constraint));
        }
    }
    Ok(format!(
        "\nCREATE TABLE {} (\n\t{}\n)\n\n",
        quote(dialect, &table.name),
        lines.join(", \n\t")
    ))
}

fn column_list(dialect: Dialect, columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| quote(dialect, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A server default as the dialect writes it after `DEFAULT`, before
/// SQLite's parenthesising (`render_default_string`): a string as a quoted
/// literal, `text()` verbatim, an expression compiled with literal binds.
pub fn server_default_sql(
    dialect: Dialect,
    default: &ServerDefault,
) -> Result<String, CompileError> {
    Ok(match default {
        ServerDefault::Literal(s) => quote_string(s),
        ServerDefault::Sql(s) => s.clone(),
        ServerDefault::Expr(expr) => {
            let mut compiler = super::Compiler::new(super::CompileOptions {
                dialect,
                param_style: super::ParamStyle::LiteralBinds,
            });
            compiler.expr(expr, super::expr::Ctx::Anything)?
        }
    })
}

/// `get_column_specification` (the SQLite and base versions agree here).
fn column_spec(dialect: Dialect, table: &Table, column: &Column) -> Result<String, CompileError> {
    let mut spec = format!("{} {}", quote(dialect, &column.name), column.type_ddl());
    if let Some(default) = &column.server_default {
        let rendered = server_default_sql(dialect, default)?;
        // SQLite parenthesises a default expression that is not a plain word
        // or an already quoted or parenthesised value.
        let needs_parens = dialect == Dialect::Sqlite
            && !rendered.trim_start().starts_with(['\'', '"', '('])
            && rendered.chars().any(|c| !(c.is_alphanumeric() || c == '_'));
        if needs_parens {
            spec.push_str(&format!(" DEFAULT ({rendered})"));
        } else {
            spec.push_str(&format!(" DEFAULT {rendered}"));
        }
    }
    if !column.nullable {
        spec.push_str(" NOT NULL");
    }
    if inline_autoincrement(dialect, table) == Some(column.name.as_str()) {
        spec.push_str(" PRIMARY KEY AUTOINCREMENT");
    }
    if column.primary_key
        && column.autoincrement == crate::schema::Autoincrement::True
        && table.primary_key.len() != 1
        && dialect == Dialect::Sqlite
    {
        return Err(CompileError::new(
            "SQLite does not support autoincrement for composite primary keys",
        ));
    }
    for constraint in &column.constraints {
        spec.push(' ');
        spec.push_str(&constraint_spec(dialect, constraint));
    }
    Ok(spec)
}

/// The column SQLite declares `PRIMARY KEY AUTOINCREMENT` inline (which
/// then has no separate PRIMARY KEY line): the single integer primary key
/// without foreign keys of a `sqlite_autoincrement=True` table.
fn inline_autoincrement(dialect: Dialect, table: &Table) -> Option<&str> {
    if dialect != Dialect::Sqlite || !table.sqlite_autoincrement || table.primary_key.len() != 1 {
        return None;
    }
    let column = table.column(&table.primary_key[0])?;
    (column.sql_type.is_integer() && column.foreign_keys.is_empty()).then_some(column.name.as_str())
}

fn constraint_spec(dialect: Dialect, constraint: &Constraint) -> String {
    let named = |name: &Option<String>| match name {
        Some(n) => format!("CONSTRAINT {} ", quote(dialect, n)),
        None => String::new(),
    };
    match constraint {
        Constraint::PrimaryKey { name, columns } => {
            format!(
                "{}PRIMARY KEY ({})",
                named(name),
                column_list(dialect, columns)
            )
        }
        Constraint::Unique { name, columns } => {
            format!("{}UNIQUE ({})", named(name), column_list(dialect, columns))
        }
        Constraint::Check { name, sql } => format!("{}CHECK ({sql})", named(name)),
        Constraint::ForeignKey {
            name,
            columns,
            ref_table,
            ref_columns,
            ondelete,
            onupdate,
        } => {
            let mut s = format!(
                "{}FOREIGN KEY({}) REFERENCES {} ({})",
                named(name),
                column_list(dialect, columns),
                quote(dialect, ref_table),
                column_list(dialect, ref_columns)
            );
            if let Some(action) = ondelete {
                s.push_str(&format!(" ON DELETE {action}"));
            }
            if let Some(action) = onupdate {
                s.push_str(&format!(" ON UPDATE {action}"));
            }
            s
        }
    }
}

fn create_index(dialect: Dialect, index: &Index) -> Result<String, CompileError> {
    if index.columns.is_empty() {
        return Err(CompileError::new(format!(
            "Index '{}' has no columns",
            index.name
        )));
    }
    let unique = if index.unique { "UNIQUE " } else { "" };
    Ok(format!(
        "CREATE {unique}INDEX {} ON {} ({})",
        quote(dialect, &index.name),
        quote(dialect, &index.table),
        column_list(dialect, &index.columns)
    ))
}
