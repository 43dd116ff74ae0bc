//! [`Prepared`]: one statement taken from the connection's statement cache
//! once and run for several parameter rows in a row (a flush's INSERT per
//! object), each run traced as [`crate::Database::run_with`] traces it.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{CachedStatement, Connection};
use web_time::Instant;

use crate::database::{report, report_outcome, step_rows, step_statement};
use crate::{
    DriverError, RowValues, StatementObserver, StatementOutcome, StatementResult, Value, ValueRef,
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
        let start = self.start();
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

    /// [`Prepared::run`] for a query whose rows the caller reads as SQLite
    /// steps it: each row goes to `visit`, and none is kept (a change
    /// hands over no rows).
    pub fn run_rows<T>(
        &mut self,
        params: &[T],
        bind: fn(&T) -> ValueRef<'_>,
        visit: &mut dyn FnMut(&RowValues<'_>),
    ) -> Result<(), DriverError> {
        let start = self.start();
        let stepped = match &mut self.statement {
            Ok(statement) => step_rows(self.connection, statement, params, bind, visit),
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
        stepped.map(drop)
    }

    /// Resets the operation budget for a run; when an observer wants the
    /// duration, the time it counts from.
    fn start(&mut self) -> Option<Instant> {
        self.ops_used.store(0, Ordering::Relaxed);
        // The clock is read only for an observer, which gets the duration;
        // the first run's time counts from when the statement was taken
        // from the cache, as a single run's does.
        match self.observer {
            Some(_) => Some(self.prepared_at.take().unwrap_or_else(Instant::now)),
            None => None,
        }
    }
}
