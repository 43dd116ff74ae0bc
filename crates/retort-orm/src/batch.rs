//! [`Batch`]: one logged statement run for several parameter rows in a row
//! (the INSERT a flush sends per object, `insertmanyvalues`), taken from
//! the driver's statement cache once instead of once per row. Each row is
//! recorded and traced exactly as [`Engine::execute_as`] records it.

use retort_driver::Prepared;
use retort_sql::Value;

use crate::engine::{Engine, bind_ref, driver_error, from_driver_owned};
use crate::error::OrmError;
use crate::log::{Origin, RecordParams, StatementKind, StatementLog};

/// A statement being run row after row; the engine is borrowed meanwhile.
pub(crate) struct Batch<'e> {
    log: &'e mut StatementLog,
    prepared: Prepared<'e>,
    kind: StatementKind,
    origin: Origin,
}

impl Engine {
    /// Begins the transaction if needed and prepares `sql` to run for
    /// several rows, each logged under `kind`.
    /// `rows` is how many rows are expected, to make room in the record.
    pub(crate) fn batch(
        &mut self,
        kind: StatementKind,
        sql: &str,
        origin: Origin,
        rows: usize,
    ) -> Result<Batch<'_>, OrmError> {
        self.check_allowed()?;
        self.begin(Origin::Session)?;
        self.begin_for(sql)?;
        let (database, log) = self.parts();
        log.records.reserve(rows);
        Ok(Batch {
            log,
            prepared: database.prepare(sql),
            kind,
            origin,
        })
    }
}

impl Batch<'_> {
    /// The statement's SQL.
    pub(crate) fn sql(&self) -> &str {
        self.prepared.sql()
    }

    /// Records one row's statement and runs it, binding the parameters
    /// from the record; gives the values of the first row it returned
    /// (`RETURNING`), if any.
    pub(crate) fn execute(&mut self, params: Vec<Value>) -> Result<Vec<Value>, OrmError> {
        let sql = self.prepared.sql();
        self.log
            .push(self.kind, sql, RecordParams::Single(params), self.origin);
        let params = match self.log.records.last().map(|r| &r.params) {
            Some(RecordParams::Single(params)) => params.as_slice(),
            _ => &[],
        };
        let mut first = Vec::new();
        self.prepared
            .run_rows(params, bind_ref, &mut |row| {
                if first.is_empty() {
                    first.extend((0..row.width()).map(|index| from_driver_owned(row.value(index))));
                }
            })
            .map_err(|e| driver_error(e, self.prepared.sql(), params))?;
        Ok(first)
    }
}
