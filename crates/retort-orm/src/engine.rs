//! [`Engine`]: the one SQLite connection, the lazily begun transaction and
//! the statement record. Every statement the ORM sends goes through here,
//! runs on the driver, and is logged as SQLAlchemy's echo log shows it.

use retort_driver::{Database, RowValues, StatementResult};
use retort_sql::Value;

use crate::error::{OrmError, python_tuple_repr};
use crate::log::{Origin, RecordParams, StatementKind, StatementLog};

/// The connection, its transaction and the record.
#[derive(Debug)]
pub struct Engine {
    database: Database,
    pub log: StatementLog,
    /// Whether `BEGIN (implicit)` has been issued and not yet ended.
    in_transaction: bool,
    /// While set, statements run for a `Connection` of `engine.connect()`:
    /// they begin and end that connection's own transaction, which
    /// SQLAlchemy logs apart from the session's even though both use the
    /// one in-memory SQLite connection (Flask-SQLAlchemy's StaticPool).
    on_connection: bool,
    /// Whether the connection's `BEGIN (implicit)` has been issued and not
    /// yet ended.
    connection_in_transaction: bool,
    /// `begin_nested()` savepoints, outermost first: each one's name once
    /// its `SAVEPOINT` has run (SQLAlchemy emits it before the nested
    /// transaction's first statement).
    savepoints: Vec<Option<String>>,
    /// The connection's savepoint counter (`sa_savepoint_N`), from 1 in
    /// each transaction.
    savepoint_seq: u32,
    /// While set, every statement fails before it is logged or run
    /// (see `Session::begin_inspection`).
    pub(crate) sql_blocked: bool,
    /// The SQL texts compiled so far: SQLAlchemy caches a statement's
    /// compilation per engine, so the warnings compiling raises (the FROM
    /// linter's) come the first time only.
    compiled_cache: std::collections::HashSet<String>,
}

/// An expression-tree value as the driver binds it, borrowed.
pub(crate) fn bind_ref(value: &Value) -> retort_driver::ValueRef<'_> {
    match value {
        Value::Null => retort_driver::ValueRef::Null,
        Value::Integer(i) => retort_driver::ValueRef::Integer(*i),
        Value::Real(f) => retort_driver::ValueRef::Real(*f),
        Value::Text(t) => retort_driver::ValueRef::Text(t),
        Value::Blob(b) => retort_driver::ValueRef::Blob(b),
    }
}

/// Runs a statement on the driver, binding the values in place, with
/// SQLAlchemy's error for a failure.
fn run_on(
    database: &mut Database,
    sql: &str,
    params: &[Value],
) -> Result<StatementResult, OrmError> {
    database
        .run_with(sql, params, bind_ref)
        .map_err(|e| driver_error(e, sql, params))
}

/// SQLAlchemy's error for a statement the driver refused.
pub(crate) fn driver_error(
    error: retort_driver::DriverError,
    sql: &str,
    params: &[Value],
) -> OrmError {
    let repr = if params.is_empty() {
        String::new()
    } else {
        python_tuple_repr(params)
    };
    OrmError::from_driver(error, sql, repr, params.to_vec())
}

/// Converts a driver value back.
pub(crate) fn from_driver(value: &retort_driver::Value) -> Value {
    match value {
        retort_driver::Value::Null => Value::Null,
        retort_driver::Value::Integer(i) => Value::Integer(*i),
        retort_driver::Value::Real(f) => Value::Real(*f),
        retort_driver::Value::Text(t) => Value::Text(t.clone()),
        retort_driver::Value::Blob(b) => Value::Blob(b.clone()),
    }
}

/// Converts a driver value back, moving its text or bytes.
pub(crate) fn from_driver_owned(value: retort_driver::Value) -> Value {
    match value {
        retort_driver::Value::Null => Value::Null,
        retort_driver::Value::Integer(i) => Value::Integer(i),
        retort_driver::Value::Real(f) => Value::Real(f),
        retort_driver::Value::Text(t) => Value::Text(t),
        retort_driver::Value::Blob(b) => Value::Blob(b),
    }
}

const NO_PARAMS: RecordParams = RecordParams::Single(Vec::new());

impl Engine {
    /// An engine on an open database.
    pub fn new(database: Database) -> Engine {
        Engine {
            database,
            log: StatementLog::default(),
            in_transaction: false,
            on_connection: false,
            connection_in_transaction: false,
            savepoints: Vec::new(),
            savepoint_seq: 0,
            sql_blocked: false,
            compiled_cache: std::collections::HashSet::new(),
        }
    }

    /// Whether `sql` is compiled for the first time on this engine.
    pub(crate) fn first_compilation(&mut self, sql: &str) -> bool {
        self.compiled_cache.insert(sql.to_owned())
    }

    /// An engine on a fresh in-memory database (`sqlite://`).
    pub fn in_memory() -> Result<Engine, OrmError> {
        let database = Database::open_in_memory().map_err(|e| {
            OrmError::OperationalError(crate::error::DbapiError {
                orig: e,
                sql: String::new(),
                params_repr: String::new(),
                params: Vec::new(),
            })
        })?;
        Ok(Engine::new(database))
    }

    /// The driver's database, e.g. to inspect it directly.
    pub fn database(&mut self) -> &mut Database {
        &mut self.database
    }

    /// Whether a transaction has begun and not ended.
    pub fn in_transaction(&self) -> bool {
        self.in_transaction
    }

    /// The database and the record, borrowed apart.
    pub(crate) fn parts(&mut self) -> (&mut Database, &mut StatementLog) {
        (&mut self.database, &mut self.log)
    }

    /// Refuses every statement while the host inspects the session.
    pub(crate) fn check_allowed(&self) -> Result<(), OrmError> {
        if self.sql_blocked {
            return Err(OrmError::InvalidRequestError(
                "no SQL may run while the session is being inspected".to_owned(),
            ));
        }
        Ok(())
    }

    /// Issues `BEGIN (implicit)` unless a transaction is already open,
    /// then the `SAVEPOINT` of every nested transaction not yet begun.
    /// SQLite's own `BEGIN` waits for the first INSERT, UPDATE, DELETE or
    /// REPLACE, as Python's `sqlite3` does ([`Engine::begin_for`]), so a
    /// `RELEASE` of a savepoint that began SQLite's transaction commits it.
    pub fn begin(&mut self, origin: Origin) -> Result<(), OrmError> {
        self.check_allowed()?;
        if !*self.transaction_flag() {
            self.log
                .push(StatementKind::Begin, "BEGIN (implicit)", NO_PARAMS, origin);
            *self.transaction_flag() = true;
        }
        if self.on_connection {
            return Ok(());
        }
        for index in 0..self.savepoints.len() {
            if self.savepoints[index].is_none() {
                self.savepoint_seq += 1;
                let name = format!("sa_savepoint_{}", self.savepoint_seq);
                self.control(&format!("SAVEPOINT {name}"))?;
                self.savepoints[index] = Some(name);
            }
        }
        Ok(())
    }

    /// Python `sqlite3`'s implicit `BEGIN` before a DML statement when
    /// SQLite is in autocommit mode.
    pub(crate) fn begin_for(&mut self, sql: &str) -> Result<(), OrmError> {
        let verb = sql.trim_start().get(..7).unwrap_or_default();
        let dml = ["INSERT", "UPDATE", "DELETE", "REPLACE"]
            .iter()
            .any(|v| verb.len() >= v.len() && verb[..v.len()].eq_ignore_ascii_case(v));
        if dml && !self.database.in_transaction() {
            self.raw("BEGIN")?;
        }
        Ok(())
    }

    /// A logged savepoint statement.
    fn control(&mut self, sql: &str) -> Result<(), OrmError> {
        self.log
            .push(StatementKind::Execute, sql, NO_PARAMS, Origin::Session);
        run_on(&mut self.database, sql, &[]).map(|_| ())
    }

    /// `begin_nested()`: a savepoint whose `SAVEPOINT` runs with the next
    /// statement.
    pub(crate) fn begin_nested(&mut self) {
        self.savepoints.push(None);
    }

    /// Ends the innermost savepoint: `RELEASE SAVEPOINT` or `ROLLBACK TO
    /// SAVEPOINT`, nothing when it never ran.
    pub(crate) fn end_savepoint(&mut self, commit: bool) -> Result<(), OrmError> {
        self.check_allowed()?;
        if let Some(Some(name)) = self.savepoints.pop() {
            let verb = if commit { "RELEASE" } else { "ROLLBACK TO" };
            self.control(&format!("{verb} SAVEPOINT {name}"))?;
        }
        Ok(())
    }

    /// The end of the connection's transaction forgets its savepoints.
    fn end_transaction(&mut self) {
        self.savepoints.clear();
        self.savepoint_seq = 0;
    }

    /// `COMMIT`, if a transaction is open.
    pub fn commit(&mut self, origin: Origin) -> Result<(), OrmError> {
        self.check_allowed()?;
        if !self.on_connection {
            self.end_transaction();
        }
        if !*self.transaction_flag() {
            return Ok(());
        }
        self.log
            .push(StatementKind::Commit, "COMMIT", NO_PARAMS, origin);
        *self.transaction_flag() = false;
        self.raw("COMMIT")
    }

    /// `ROLLBACK`, if a transaction is open.
    pub fn rollback(&mut self, origin: Origin) -> Result<(), OrmError> {
        self.check_allowed()?;
        if !self.on_connection {
            self.end_transaction();
        }
        if !*self.transaction_flag() {
            return Ok(());
        }
        self.log
            .push(StatementKind::Rollback, "ROLLBACK", NO_PARAMS, origin);
        *self.transaction_flag() = false;
        self.raw("ROLLBACK")
    }

    /// The transaction flag statements run under now: the session's, or
    /// the `Connection`'s while one runs its statements.
    fn transaction_flag(&mut self) -> &mut bool {
        if self.on_connection {
            &mut self.connection_in_transaction
        } else {
            &mut self.in_transaction
        }
    }

    /// Runs what follows for a `Connection` of `engine.connect()` (its
    /// own `BEGIN (implicit)`, `COMMIT` and `ROLLBACK`), or for the
    /// session again.
    pub fn set_on_connection(&mut self, on_connection: bool) {
        self.on_connection = on_connection;
    }

    /// Runs unlogged transaction control, tolerating SQLite's own view
    /// (e.g. a COMMIT after SQLite already ended the transaction).
    fn raw(&mut self, sql: &str) -> Result<(), OrmError> {
        let open = self.database.in_transaction();
        let needed = match sql {
            "BEGIN" => !open,
            _ => open,
        };
        if needed {
            self.database
                .run(sql, &[])
                .map_err(|e| OrmError::from_driver(e, sql, String::new(), Vec::new()))?;
        }
        Ok(())
    }

    /// Runs one logged statement inside the transaction (begun if needed).
    pub fn execute(
        &mut self,
        sql: &str,
        params: &[Value],
        origin: Origin,
    ) -> Result<StatementResult, OrmError> {
        self.execute_as(StatementKind::Execute, sql, params.to_vec(), origin)
    }

    /// Runs one logged statement, logged under `kind`
    /// (`insertmanyvalues` for one row of a batch). The record keeps the
    /// parameters and the statement binds them from there.
    pub fn execute_as(
        &mut self,
        kind: StatementKind,
        sql: &str,
        params: Vec<Value>,
        origin: Origin,
    ) -> Result<StatementResult, OrmError> {
        self.log_statement(kind, sql, params, origin)?;
        let params = match self.log.records.last().map(|r| &r.params) {
            Some(RecordParams::Single(params)) => params.as_slice(),
            _ => &[],
        };
        run_on(&mut self.database, sql, params)
    }

    /// Begins the transaction if needed and logs a statement about to
    /// run, under `kind` (a query for [`Engine::run_rows`] to run next is
    /// logged as [`StatementKind::Execute`]).
    pub(crate) fn log_statement(
        &mut self,
        kind: StatementKind,
        sql: &str,
        params: Vec<Value>,
        origin: Origin,
    ) -> Result<(), OrmError> {
        self.check_allowed()?;
        self.begin(Origin::Session)?;
        self.begin_for(sql)?;
        self.log
            .push(kind, sql, RecordParams::Single(params), origin);
        Ok(())
    }

    /// Runs a query [`Engine::log_statement`] logged, handing each row to
    /// `visit` as SQLite steps the statement.
    pub(crate) fn run_rows(
        &mut self,
        sql: &str,
        params: &[Value],
        visit: &mut dyn FnMut(&RowValues<'_>),
    ) -> Result<(), OrmError> {
        self.database
            .run_rows(sql, params, bind_ref, visit)
            .map_err(|e| driver_error(e, sql, params))
    }

    /// Runs a statement once per parameter row, logged as one
    /// `executemany` entry.
    pub fn executemany(
        &mut self,
        sql: &str,
        rows: &[Vec<Value>],
        origin: Origin,
    ) -> Result<u64, OrmError> {
        self.check_allowed()?;
        self.begin(Origin::Session)?;
        self.begin_for(sql)?;
        self.log.push(
            StatementKind::Executemany,
            sql,
            RecordParams::Many(rows.to_vec()),
            origin,
        );
        let mut changed = 0;
        for row in rows {
            let result = self.database.run_with(sql, row, bind_ref);
            match result.map(|result| match result {
                StatementResult::Rows(rows) => rows.rows.len() as u64,
                StatementResult::Changed { rows_affected } => rows_affected,
            }) {
                Ok(n) => changed += n,
                Err(e) => {
                    let repr: Vec<String> = rows.iter().map(|r| python_tuple_repr(r)).collect();
                    return Err(OrmError::from_driver(
                        e,
                        sql,
                        format!("[{}]", repr.join(", ")),
                        row.clone(),
                    ));
                }
            }
        }
        Ok(changed)
    }

    /// Runs a statement without logging it (helpers such as
    /// `last_insert_rowid()` that SQLAlchemy gets from the DBAPI cursor).
    pub(crate) fn run_unlogged(
        &mut self,
        sql: &str,
        params: &[Value],
    ) -> Result<StatementResult, OrmError> {
        self.check_allowed()?;
        run_on(&mut self.database, sql, params)
    }

    /// Logs a statement as SQLAlchemy would without running it, and runs it
    /// outside the record (DDL of `create_all` on its own transaction).
    pub(crate) fn logged_run(
        &mut self,
        sql: &str,
        origin: Origin,
    ) -> Result<StatementResult, OrmError> {
        self.logged_run_with(sql, &[], origin)
    }

    /// [`Engine::logged_run`] with bound parameters (the inspector's
    /// queries on its own connection).
    pub(crate) fn logged_run_with(
        &mut self,
        sql: &str,
        params: &[Value],
        origin: Origin,
    ) -> Result<StatementResult, OrmError> {
        self.check_allowed()?;
        self.log.push(
            StatementKind::Execute,
            sql,
            RecordParams::Single(params.to_vec()),
            origin,
        );
        self.run_unlogged(sql, params)
    }

    /// Logs a transaction marker of a connection-level transaction
    /// (`create_all`'s) and runs it when SQLite's state calls for it.
    pub(crate) fn connection_marker(
        &mut self,
        kind: StatementKind,
        origin: Origin,
    ) -> Result<(), OrmError> {
        self.check_allowed()?;
        let (logged, raw) = match kind {
            StatementKind::Begin => ("BEGIN (implicit)", "BEGIN"),
            StatementKind::Commit => ("COMMIT", "COMMIT"),
            _ => ("ROLLBACK", "ROLLBACK"),
        };
        self.log.push(kind, logged, NO_PARAMS, origin);
        if !self.in_transaction {
            self.raw(raw)?;
        }
        Ok(())
    }

    /// `SELECT last_insert_rowid()`, unlogged (the DBAPI's `lastrowid`).
    pub(crate) fn last_insert_rowid(&mut self) -> Result<i64, OrmError> {
        match self.run_unlogged("SELECT last_insert_rowid()", &[])? {
            StatementResult::Rows(rows) => match rows.rows.first().and_then(|r| r.first()) {
                Some(retort_driver::Value::Integer(id)) => Ok(*id),
                _ => Err(OrmError::InvalidRequestError(
                    "the driver did not report lastrowid".to_owned(),
                )),
            },
            StatementResult::Changed { .. } => Err(OrmError::InvalidRequestError(
                "the driver did not report lastrowid".to_owned(),
            )),
        }
    }
}

/// The rows of a query result as expression-tree values.
pub(crate) fn result_rows(result: StatementResult) -> Vec<Vec<Value>> {
    match result {
        StatementResult::Rows(set) => set
            .rows
            .into_iter()
            .map(|row| row.into_iter().map(from_driver_owned).collect())
            .collect(),
        StatementResult::Changed { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn begin_is_lazy_and_markers_are_logged_once() {
        let mut engine = Engine::in_memory().unwrap();
        engine.commit(Origin::Session).unwrap();
        assert!(engine.log.records.is_empty());
        engine.execute("SELECT 1", &[], Origin::Query).unwrap();
        engine.execute("SELECT 2", &[], Origin::Query).unwrap();
        engine.rollback(Origin::Session).unwrap();
        let kinds: Vec<&str> = engine.log.records.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, vec!["begin", "execute", "execute", "rollback"]);
        assert!(!engine.database().in_transaction());
    }

    #[test]
    fn driver_errors_become_sqlalchemy_errors() {
        let mut engine = Engine::in_memory().unwrap();
        let error = engine.execute("SELECT * FROM missing", &[], Origin::Query);
        let Err(error) = error else {
            panic!("expected an error");
        };
        assert_eq!(error.class_name(), "OperationalError");
        assert!(
            error
                .to_string()
                .starts_with("(sqlite3.OperationalError) no such table: missing")
        );
    }
}
