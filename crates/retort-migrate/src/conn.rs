//! The migration's connection: SQLAlchemy's view (`BEGIN (implicit)` at
//! the first statement, `COMMIT` per revision, `ROLLBACK` at the end) over
//! pysqlite's behaviour, which opens a real transaction only before
//! INSERT/UPDATE/DELETE — so DDL is never rolled back. Every statement is
//! recorded in the corpus's statement format.

use std::path::Path;

use retort_driver::{Database, DriverError, StatementResult, Value};
use retort_flask::StatementEntry;
use retort_flask::normalize_sql;
use retort_orm::DbapiError;
use serde_json::Value as Json;

/// A failed statement, as SQLAlchemy wraps it.
#[derive(Debug, Clone, PartialEq)]
pub struct DbError {
    /// SQLAlchemy's class: `OperationalError`, `IntegrityError`, ...
    pub class: String,
    /// `str(e)`: `(sqlite3.OperationalError) ...` with `[SQL: ...]`.
    pub message: String,
}

/// The migration connection and its record.
pub struct MigConn {
    db: Database,
    records: Vec<StatementEntry>,
    /// SQLAlchemy's transaction (logged).
    in_transaction: bool,
    /// SQLite's transaction (pysqlite's implicit BEGIN before DML).
    real_transaction: bool,
    /// Offline (`--sql`) mode: statements are written here, not run.
    offline: Option<String>,
}

impl std::fmt::Debug for MigConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MigConn")
            .field("statements", &self.records.len())
            .finish()
    }
}

fn params_json(params: &[Value]) -> Json {
    Json::Array(
        params
            .iter()
            .map(|v| match v {
                Value::Null => Json::Null,
                Value::Integer(i) => Json::from(*i),
                Value::Real(f) => Json::from(*f),
                Value::Text(t) => Json::from(t.clone()),
                Value::Blob(b) => {
                    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
                    serde_json::json!({"$type": "bytes", "hex": hex})
                }
            })
            .collect(),
    )
}

fn params_repr(params: &[Value]) -> String {
    if params.is_empty() {
        return String::new();
    }
    let items: Vec<String> = params
        .iter()
        .map(|v| match v {
            Value::Null => "None".to_owned(),
            Value::Integer(i) => i.to_string(),
            Value::Real(f) => retort_sql::literal::python_float_repr(*f),
            Value::Text(t) => crate::types::py_repr(t),
            Value::Blob(_) => "b'...'".to_owned(),
        })
        .collect();
    if items.len() == 1 {
        format!("({},)", items[0])
    } else {
        format!("({})", items.join(", "))
    }
}

/// Whether pysqlite begins a transaction before this statement.
fn is_dml(sql: &str) -> bool {
    let word: String = sql
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    matches!(word.as_str(), "INSERT" | "UPDATE" | "DELETE" | "REPLACE")
}

impl MigConn {
    /// Opens the database file (creating it, as connecting does), or a
    /// fresh in-memory database for `None`.
    pub fn open(path: Option<&Path>) -> Result<MigConn, DbError> {
        let db = match path {
            Some(path) => Database::open(&path.to_string_lossy()),
            None => Database::open_in_memory(),
        }
        .map_err(|e| wrap(e, "", &[]))?;
        Ok(MigConn::new(db))
    }

    /// A connection over a database the project opened.
    pub fn new(db: Database) -> MigConn {
        MigConn {
            db,
            records: Vec::new(),
            in_transaction: false,
            real_transaction: false,
            offline: None,
        }
    }

    /// A connection for `--sql` mode: statements become the SQL script.
    pub fn offline() -> Result<MigConn, DbError> {
        let mut conn = MigConn::open(None)?;
        conn.offline = Some(String::new());
        Ok(conn)
    }

    /// Whether this is `--sql` mode.
    pub fn is_offline(&self) -> bool {
        self.offline.is_some()
    }

    /// Writes a line of the SQL script (`static_output`).
    pub fn static_output(&mut self, text: &str) {
        if let Some(script) = self.offline.as_mut() {
            script.push_str(text);
            script.push_str("\n\n");
        }
    }

    /// The SQL script written so far, taken.
    pub fn take_script(&mut self) -> String {
        self.offline
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn log(&mut self, kind: &str, sql: &str, params: &[Value]) {
        self.records.push(StatementEntry {
            kind: kind.to_owned(),
            sql: sql.to_owned(),
            normalized: normalize_sql(sql),
            params: params_json(params),
            phase: "script".to_owned(),
            params_unordered: false,
        });
    }

    /// Runs one statement, beginning SQLAlchemy's transaction if needed.
    pub fn execute(&mut self, sql: &str, params: &[Value]) -> Result<StatementResult, DbError> {
        if self.offline.is_some() {
            let text = format!("{};", sql.replace('\t', "    ").trim());
            self.static_output(&text);
            return Ok(StatementResult::Changed { rows_affected: 1 });
        }
        if !self.in_transaction {
            self.log("begin", "BEGIN (implicit)", &[]);
            self.in_transaction = true;
        }
        self.log("execute", sql, params);
        if is_dml(sql) && !self.real_transaction && !self.db.in_transaction() {
            self.db
                .run("BEGIN", &[])
                .map_err(|e| wrap(e, sql, params))?;
            self.real_transaction = true;
        }
        let result = self.db.run(sql, params).map_err(|e| wrap(e, sql, params));
        if !self.db.in_transaction() {
            self.real_transaction = false;
        }
        result
    }

    /// Runs a query and returns its rows.
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, DbError> {
        Ok(match self.execute(sql, params)? {
            StatementResult::Rows(rows) => rows.rows,
            StatementResult::Changed { .. } => Vec::new(),
        })
    }

    /// Reads without recording (the reflection helpers' own lookups).
    pub fn peek(&mut self, sql: &str, params: &[Value]) -> Vec<Vec<Value>> {
        match self.db.run(sql, params) {
            Ok(StatementResult::Rows(rows)) => rows.rows,
            _ => Vec::new(),
        }
    }

    /// Rows changed by the last statement.
    pub fn changes(&mut self) -> i64 {
        if self.offline.is_some() {
            return 1;
        }
        match self.db.run("SELECT changes()", &[]) {
            Ok(StatementResult::Rows(rows)) => match rows.rows.first().and_then(|r| r.first()) {
                Some(Value::Integer(n)) => *n,
                _ => 0,
            },
            _ => 0,
        }
    }

    /// `COMMIT` of the current transaction, if one was begun.
    pub fn commit(&mut self) -> Result<(), DbError> {
        if !self.in_transaction {
            return Ok(());
        }
        self.log("commit", "COMMIT", &[]);
        self.in_transaction = false;
        if self.db.in_transaction() {
            self.real_transaction = false;
            self.db
                .run("COMMIT", &[])
                .map_err(|e| wrap(e, "COMMIT", &[]))?;
        }
        Ok(())
    }

    /// `ROLLBACK` of the current transaction, if one was begun.
    pub fn rollback(&mut self) {
        if !self.in_transaction {
            return;
        }
        self.log("rollback", "ROLLBACK", &[]);
        self.in_transaction = false;
        if self.db.in_transaction() {
            self.real_transaction = false;
            let _ = self.db.run("ROLLBACK", &[]);
        }
    }

    /// The statements recorded so far.
    pub fn take_records(&mut self) -> Vec<StatementEntry> {
        std::mem::take(&mut self.records)
    }
}

/// Wraps a driver error as SQLAlchemy does.
pub(crate) fn wrap(orig: DriverError, sql: &str, params: &[Value]) -> DbError {
    let class = orig.class.name().to_owned();
    let wrapped = DbapiError {
        orig,
        sql: sql.to_owned(),
        params_repr: params_repr(params),
        params: Vec::new(),
    };
    DbError {
        class,
        message: wrapped.message(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ddl_survives_a_rollback_and_dml_does_not() {
        let mut conn = MigConn::open(None).unwrap();
        conn.execute("CREATE TABLE t (x INTEGER)", &[]).unwrap();
        conn.execute("INSERT INTO t VALUES (1)", &[]).unwrap();
        conn.rollback();
        let rows = conn.query("SELECT count(*) FROM t", &[]).unwrap();
        assert_eq!(rows[0][0], Value::Integer(0));
        conn.rollback();
        let kinds: Vec<String> = conn.take_records().into_iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                "begin", "execute", "execute", "rollback", "begin", "execute", "rollback"
            ]
        );
    }

    #[test]
    fn errors_are_wrapped_like_sqlalchemy() {
        let mut conn = MigConn::open(None).unwrap();
        let error = conn
            .execute("ALTER TABLE users ADD COLUMN age INTEGER", &[])
            .unwrap_err();
        assert_eq!(error.class, "OperationalError");
        assert_eq!(
            error.message,
            "(sqlite3.OperationalError) no such table: users\n[SQL: ALTER TABLE users ADD COLUMN age INTEGER]\n(Background on this error at: https://sqlalche.me/e/20/e3q8)"
        );
    }
}
