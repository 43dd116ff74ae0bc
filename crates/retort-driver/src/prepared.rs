//! [`Prepared`]: one statement taken from the connection's statement cache
//! once and run for several parameter rows in a row (a flush's INSERT per
//! object), each run traced as [`crate::Database::run_with`] traces it.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{CachedStatement, Connection};
use web_time::Instant;

use crate::database::{Stepped, report, report_outcome, step_flat, step_statement};
use crate::{
    DriverError, FlatRows, StatementObserver, StatementOutcome, StatementResult, Value, ValueRef,
};

/// A statement ready to run, borrowed from its [`crate::Database`].
pub struct Prepared<'db> {
    pub(crate) connection: &'db Connection,
    /// The statement, or why SQLite refused to prepare it (each run then
    /// fails with that error, as a run of the text would).
    pub(crate) statement: Result<CachedStatement<'db>, DriverError>,
    pub(crate) sql: Cow<'db, str>,
    pub(crate) observer: &'db mut Option<Box<dyn StatementObserver>>,
    pub(crate) ops_used: &'db Arc<AtomicU64>,
    /// When the statement was taken from the cache (read only for an
    /// observer): the first run's time counts from there, as a single
    /// run's does.
    pub(crate) prepared_at: Option<Instant>,
}

impl Prepared<'_> {
    /// The statement's SQL.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// Binds `params` through `bind`, runs the statement and traces it.
    pub fn run<T>(
        &mut self,
        params: &[T],
        bind: fn(&T) -> ValueRef<'_>,
    ) -> Result<StatementResult, DriverError> {
        self.ops_used.store(0, Ordering::Relaxed);
        // The clock is read only for an observer, which gets the duration.
        let start = match self.observer {
            Some(_) => Some(self.prepared_at.take().unwrap_or_else(Instant::now)),
            None => None,
        };
        let result = match &mut self.statement {
            Ok(statement) => step_statement(self.connection, statement, params, bind),
            Err(error) => Err(error.clone()),
        };
        if let (Some(observer), Some(start)) = (self.observer.as_mut(), start) {
            let params: Vec<Value> = params.iter().map(|p| Value::from(bind(p))).collect();
            report(observer, &self.sql, &params, &result, start);
        }
        result
    }

    /// [`Prepared::run`] for a query whose rows the caller reads in place:
    /// every row's values in one vector (a change gives no rows).
    pub fn run_flat<T>(
        &mut self,
        params: &[T],
        bind: fn(&T) -> ValueRef<'_>,
    ) -> Result<FlatRows, DriverError> {
        self.run_flat_as(params, bind, std::convert::identity)
    }

    /// [`Prepared::run_flat`] with each value turned by `read` into the
    /// caller's own value as it is read, so the rows need no second pass.
    pub fn run_flat_as<T, V>(
        &mut self,
        params: &[T],
        bind: fn(&T) -> ValueRef<'_>,
        read: fn(Value) -> V,
    ) -> Result<FlatRows<V>, DriverError> {
        self.ops_used.store(0, Ordering::Relaxed);
        let start = match self.observer {
            Some(_) => Some(self.prepared_at.take().unwrap_or_else(Instant::now)),
            None => None,
        };
        let stepped = match &mut self.statement {
            Ok(statement) => step_flat(self.connection, statement, params, bind, read),
            Err(error) => Err(error.clone()),
        };
        if let (Some(observer), Some(start)) = (self.observer.as_mut(), start) {
            let outcome = match &stepped {
                Ok(stepped) => stepped.outcome(),
                Err(error) => StatementOutcome::Failed(error.message.clone()),
            };
            let params: Vec<Value> = params.iter().map(|p| Value::from(bind(p))).collect();
            report_outcome(observer, &self.sql, &params, outcome, start);
        }
        Ok(match stepped? {
            Stepped::Changed(_) => FlatRows::default(),
            Stepped::Rows(rows) => rows,
        })
    }
}
