//! [`Database`]: one SQLite connection, its transactions, and the statement trace.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::{Connection, OpenFlags, Statement};
use web_time::Instant;

use crate::{
    DriverError, Prepared, ResultSet, RowValues, StatementObserver, StatementOutcome,
    StatementResult, StatementTrace, Value, ValueRef,
};

/// How many SQLite virtual-machine instructions one statement may run before
/// it is interrupted: the native guard against a statement that never ends
/// (the page also has its cancel button).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpBudget(pub u64);

/// How often, in VM instructions, SQLite calls the budget check.
const BUDGET_CHECK_INTERVAL: i32 = 10_000;

/// One open SQLite database.
pub struct Database {
    connection: Connection,
    observer: Option<Box<dyn StatementObserver>>,
    ops_used: Arc<AtomicU64>,
    location: String,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("location", &self.location)
            .field("observed", &self.observer.is_some())
            .finish()
    }
}

impl Database {
    /// A fresh, empty in-memory database.
    pub fn open_in_memory() -> Result<Self, DriverError> {
        Self::wrap(Connection::open_in_memory()?, ":memory:")
    }

    /// The database stored at `path` by the default VFS (a file natively).
    pub fn open(path: &str) -> Result<Self, DriverError> {
        Self::wrap(Connection::open(path)?, path)
    }

    /// The database stored at `path` by the named, already registered VFS
    /// (in the browser, the OPFS pool).
    pub fn open_with_vfs(path: &str, vfs: &str) -> Result<Self, DriverError> {
        let connection = Connection::open_with_flags_and_vfs(path, OpenFlags::default(), vfs)?;
        Self::wrap(connection, path)
    }

    fn wrap(connection: Connection, location: &str) -> Result<Self, DriverError> {
        // Python's `sqlite3` leaves foreign-key enforcement off (SQLite's
        // default); the bundled build turns it on, so turn it back off.
        connection.pragma_update(None, "foreign_keys", false)?;
        Ok(Database {
            connection,
            observer: None,
            ops_used: Arc::new(AtomicU64::new(0)),
            location: location.to_owned(),
        })
    }

    /// The connection, for the crate's other modules.
    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.connection
    }

    /// Where this database lives: a path, or `:memory:`.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Reports every statement from now on to `observer`, replacing any other.
    pub fn set_observer(&mut self, observer: Box<dyn StatementObserver>) {
        self.observer = Some(observer);
    }

    /// Stops reporting statements and hands back the observer.
    pub fn take_observer(&mut self) -> Option<Box<dyn StatementObserver>> {
        self.observer.take()
    }

    /// Interrupts any statement that runs more than `budget` VM instructions;
    /// `None` lifts the limit.
    pub fn set_op_budget(&mut self, budget: Option<OpBudget>) -> Result<(), DriverError> {
        match budget {
            None => self.connection.progress_handler(0, None::<fn() -> bool>)?,
            Some(OpBudget(limit)) => {
                let used = Arc::clone(&self.ops_used);
                self.connection.progress_handler(
                    BUDGET_CHECK_INTERVAL,
                    Some(move || {
                        let now = used.fetch_add(BUDGET_CHECK_INTERVAL as u64, Ordering::Relaxed);
                        now >= limit
                    }),
                )?;
            }
        }
        Ok(())
    }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    pub fn in_transaction(&self) -> bool {
        !self.connection.is_autocommit()
    }

    /// Runs one statement with bound parameters and traces it.
    pub fn run(&mut self, sql: &str, params: &[Value]) -> Result<StatementResult, DriverError> {
        self.run_with(sql, params, Value::as_value_ref)
    }

    /// [`Database::run`] with parameters of another crate's value type,
    /// bound in place through `bind` (no copy of their text or bytes).
    pub fn run_with<T>(
        &mut self,
        sql: &str,
        params: &[T],
        bind: fn(&T) -> ValueRef<'_>,
    ) -> Result<StatementResult, DriverError> {
        self.prepare_text(Cow::Borrowed(sql)).run(params, bind)
    }

    /// [`Database::run_with`] for a query whose rows the caller reads as
    /// SQLite steps it: each row goes to `visit`, and none is kept.
    pub fn run_rows<T>(
        &mut self,
        sql: &str,
        params: &[T],
        bind: fn(&T) -> ValueRef<'_>,
        visit: &mut dyn FnMut(&RowValues<'_>),
    ) -> Result<(), DriverError> {
        self.prepare_text(Cow::Borrowed(sql))
            .run_rows(params, bind, visit)
    }

    /// The statement `sql`, to run for several parameter rows. The ORM
    /// sends the same few statements many times (an INSERT per row of a
    /// flush): SQLite compiles each once, and a run of several rows takes
    /// it from the cache once.
    pub fn prepare(&mut self, sql: &str) -> Prepared<'_> {
        self.prepare_text(Cow::Owned(sql.to_owned()))
    }

    /// [`Database::prepare`] with the text borrowed or owned.
    fn prepare_text<'db>(&'db mut self, sql: Cow<'db, str>) -> Prepared<'db> {
        let Database {
            connection,
            observer,
            ops_used,
            ..
        } = self;
        let connection: &Connection = connection;
        let prepared_at = observer.is_some().then(Instant::now);
        Prepared {
            connection,
            statement: connection.prepare_cached(&sql).map_err(DriverError::from),
            sql,
            observer,
            ops_used,
            prepared_at,
        }
    }

    /// Runs a query and returns its rows (an empty set for a statement
    /// that returns none).
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<ResultSet, DriverError> {
        match self.run(sql, params)? {
            StatementResult::Rows(rows) => Ok(rows),
            StatementResult::Changed { .. } => Ok(ResultSet::default()),
        }
    }

    /// Runs a change and returns how many rows it touched.
    pub fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        match self.run(sql, params)? {
            StatementResult::Rows(rows) => Ok(rows.rows.len() as u64),
            StatementResult::Changed { rows_affected } => Ok(rows_affected),
        }
    }

    /// Runs every statement of a text typed by a person (no parameters), in
    /// order, tracing each. Stops at the first failure, returning the results
    /// so far beside the error.
    pub fn run_script(&mut self, text: &str) -> ScriptOutcome {
        let Database {
            connection,
            observer,
            ops_used,
            ..
        } = self;
        let mut done = Vec::new();
        let mut batch = rusqlite::Batch::new(connection, text);
        loop {
            ops_used.store(0, Ordering::Relaxed);
            let start = Instant::now();
            let mut statement = match batch.next() {
                Ok(Some(statement)) => statement,
                Ok(None) => return ScriptOutcome { done, error: None },
                Err(error) => {
                    let error = DriverError::from(error);
                    let failed: Result<StatementResult, _> = Err(error.clone());
                    if let Some(observer) = observer {
                        report(observer, remaining_hint(text, &done), &[], &failed, start);
                    }
                    return ScriptOutcome {
                        done,
                        error: Some(error),
                    };
                }
            };
            let sql = statement.expanded_sql().unwrap_or_default();
            let sql = trim_leading_trivia(&sql).to_owned();
            let result = step_statement(connection, &mut statement, &[], Value::as_value_ref);
            if let Some(observer) = observer {
                report(observer, &sql, &[], &result, start);
            }
            match result {
                Ok(result) => done.push((sql, result)),
                Err(error) => {
                    return ScriptOutcome {
                        done,
                        error: Some(error),
                    };
                }
            }
        }
    }
}

/// The result of [`Database::run_script`]: each statement that ran with its
/// result, and the error that stopped the script, if one did.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptOutcome {
    pub done: Vec<(String, StatementResult)>,
    pub error: Option<DriverError>,
}

/// What stepping a statement gave: a change count, or how many rows it
/// handed over.
pub(crate) enum Stepped {
    Changed(u64),
    Rows(usize),
}

impl Stepped {
    /// How the trace reports it.
    pub(crate) fn outcome(&self) -> StatementOutcome {
        match self {
            Stepped::Changed(n) => StatementOutcome::Changed(*n),
            Stepped::Rows(n) => StatementOutcome::Rows(*n),
        }
    }
}

/// Binds `params`; for a statement without result columns, also runs it
/// (`Some` with the change count).
fn bind_and_run_change<T>(
    connection: &Connection,
    statement: &mut Statement<'_>,
    params: &[T],
    bind: fn(&T) -> ValueRef<'_>,
) -> Result<Option<u64>, DriverError> {
    let wanted = statement.parameter_count();
    if wanted != params.len() {
        return Err(rusqlite::Error::InvalidParameterCount(params.len(), wanted).into());
    }
    for (index, param) in params.iter().enumerate() {
        statement.raw_bind_parameter(index + 1, bind(param))?;
    }
    if statement.column_count() > 0 {
        return Ok(None);
    }
    let before = connection.total_changes();
    statement.raw_execute()?;
    Ok(Some(connection.total_changes().saturating_sub(before)))
}

/// Binds `params` and steps the statement to completion, handing each row
/// to `visit` as SQLite makes it.
pub(crate) fn step_rows<T>(
    connection: &Connection,
    statement: &mut Statement<'_>,
    params: &[T],
    bind: fn(&T) -> ValueRef<'_>,
    visit: &mut dyn FnMut(&RowValues<'_>),
) -> Result<Stepped, DriverError> {
    if let Some(changed) = bind_and_run_change(connection, statement, params, bind)? {
        return Ok(Stepped::Changed(changed));
    }
    let width = statement.column_count();
    let mut count = 0;
    let mut rows = statement.raw_query();
    while let Some(row) = rows.next()? {
        visit(&RowValues { row, width });
        count += 1;
    }
    Ok(Stepped::Rows(count))
}

/// Binds `params` and steps the statement to completion, keeping every
/// row.
pub(crate) fn step_statement<T>(
    connection: &Connection,
    statement: &mut Statement<'_>,
    params: &[T],
    bind: fn(&T) -> ValueRef<'_>,
) -> Result<StatementResult, DriverError> {
    let columns = statement.column_names().map(str::to_owned).collect();
    let mut rows = Vec::new();
    let stepped = step_rows(connection, statement, params, bind, &mut |row| {
        rows.push(row.values())
    })?;
    Ok(match stepped {
        Stepped::Changed(rows_affected) => StatementResult::Changed { rows_affected },
        Stepped::Rows(_) => StatementResult::Rows(ResultSet { columns, rows }),
    })
}

/// The statement without the blank lines and comments SQLite kept before it.
fn trim_leading_trivia(sql: &str) -> &str {
    let mut rest = sql.trim_start();
    loop {
        if let Some(comment) = rest.strip_prefix("--") {
            rest = comment
                .split_once('\n')
                .map_or("", |(_, after)| after)
                .trim_start();
        } else if let Some(comment) = rest.strip_prefix("/*") {
            rest = comment
                .split_once("*/")
                .map_or("", |(_, after)| after)
                .trim_start();
        } else {
            return rest;
        }
    }
}

/// The text of a script after the statements that ran, so the trace can
/// show what SQLite refused to prepare.
fn remaining_hint<'t>(text: &'t str, done: &[(String, StatementResult)]) -> &'t str {
    let mut position = 0;
    for (sql, _) in done {
        if let Some(found) = text[position..].find(sql.as_str()) {
            position += found + sql.len();
        }
    }
    text[position..]
        .trim_start_matches([';', ' ', '\t', '\r', '\n'])
        .trim_end()
}

pub(crate) fn report(
    observer: &mut Box<dyn StatementObserver>,
    sql: &str,
    params: &[Value],
    result: &Result<StatementResult, DriverError>,
    start: Instant,
) {
    let outcome = match result {
        Ok(StatementResult::Rows(rows)) => StatementOutcome::Rows(rows.rows.len()),
        Ok(StatementResult::Changed { rows_affected }) => StatementOutcome::Changed(*rows_affected),
        Err(error) => StatementOutcome::Failed(error.message.clone()),
    };
    report_outcome(observer, sql, params, outcome, start);
}

/// Tells the observer how a statement ended.
pub(crate) fn report_outcome(
    observer: &mut Box<dyn StatementObserver>,
    sql: &str,
    params: &[Value],
    outcome: StatementOutcome,
    start: Instant,
) {
    observer.on_statement(&StatementTrace {
        sql: sql.to_owned(),
        params: params.to_vec(),
        outcome,
        duration_ms: start.elapsed().as_secs_f64() * 1000.0,
    });
}

#[cfg(test)]
mod tests {
    use super::trim_leading_trivia;

    #[test]
    fn leading_comments_and_blank_lines_are_not_part_of_a_statement() {
        assert_eq!(
            trim_leading_trivia("\n -- a\n/* b */ SELECT 1; -- c"),
            "SELECT 1; -- c"
        );
        assert_eq!(trim_leading_trivia("-- only"), "");
        assert_eq!(trim_leading_trivia("/* open"), "");
    }
}
