//! Helpers shared by the integration tests: building the trees the ORM
//! would build for the corpus, and asserting exact SQL and parameters.

#![allow(dead_code)]

use retort_sql::{
    Compiled, Expr, LabelStyle, Select, Statement, Value, compile_default_str, compile_sqlite,
    compile_sqlite_str,
};

/// Every column of a table, table-qualified.
pub fn cols(table: &str, names: &[&str]) -> Vec<Expr> {
    names.iter().map(|n| Expr::col(table, *n)).collect()
}

/// A legacy `Query` over a whole entity: `users.id AS users_id, ...`.
pub fn legacy(table: &str, names: &[&str]) -> Select {
    Select::new(cols(table, names)).label_style(LabelStyle::TablenamePlusCol)
}

/// `Query.first()`: LIMIT 1 OFFSET 0.
pub fn first(select: Select) -> Select {
    select.limit(1).offset(0)
}

/// A comparison `table.column <op> :column_N`.
pub fn cmp(table: &str, column: &str, value: impl Into<Value>) -> (Expr, Expr) {
    let c = Expr::col(table, column);
    let b = c.value_bind(value);
    (c, b)
}

/// `table.column = :column_N`.
pub fn eq(table: &str, column: &str, value: impl Into<Value>) -> Expr {
    let (c, b) = cmp(table, column, value);
    c.eq(b)
}

/// Compiles for SQLite execution, panicking in the test on error.
pub fn sqlite(stmt: impl Into<Statement>) -> Compiled {
    compile_sqlite(&stmt.into()).expect("compiles")
}

/// Asserts the SQLite SQL text and parameters.
pub fn assert_sqlite(stmt: impl Into<Statement>, sql: &str, params: Vec<Value>) {
    let compiled = sqlite(stmt);
    assert_eq!(compiled.sql, sql);
    assert_eq!(compiled.params, params);
}

/// `str(query)`.
pub fn sqlite_str(stmt: impl Into<Statement>) -> String {
    compile_sqlite_str(&stmt.into()).expect("compiles")
}

/// `print(select)`.
pub fn default_str(stmt: impl Into<Statement>) -> String {
    compile_default_str(&stmt.into()).expect("compiles")
}

pub fn int(i: i64) -> Value {
    Value::Integer(i)
}

pub fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}
