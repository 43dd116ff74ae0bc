//! [`Runs`]: the last run, kept alive for the console, and where runs keep
//! their data — a fresh in-memory database each (the default, so runs are
//! reproducible) or, in persistent mode, the database kept in OPFS
//! ([`super::kept`]) across runs, reloads and Stops.

use retort_flask::{RunOptions, RunSession};
use retort_report::{RunReport, StepOutcome};
use sqlite_wasm_vfs::sahpool::OpfsSAHPoolUtil;

use super::kept;
use crate::protocol::{DataPlace, DatabaseOutcome};

/// The name tracebacks give the script.
const SCRIPT_NAME: &str = "<script>";

/// The engine's Python runs.
#[derive(Default)]
pub struct Runs {
    /// The last run, whose namespace the console uses.
    live: Option<RunSession>,
    /// Persistent mode.
    keep: bool,
    /// The OPFS pool, when the browser gave one.
    pool: Option<OpfsSAHPoolUtil>,
    /// Why there is no pool.
    no_pool: Option<String>,
}

impl Runs {
    /// Sets the OPFS pool persistent mode uses, or why there is none.
    pub fn set_pool(&mut self, pool: Result<OpfsSAHPoolUtil, String>) {
        match pool {
            Ok(pool) => self.pool = Some(pool),
            Err(reason) => self.no_pool = Some(reason),
        }
    }

    /// Turns persistent mode on or off; says where data lives now.
    pub fn set_keep(&mut self, keep: bool) -> DataPlace {
        if keep != self.keep {
            // The namespace's objects belong to the other database.
            self.live = None;
        }
        self.keep = keep;
        self.place()
    }

    /// Where runs keep their data.
    pub fn place(&self) -> DataPlace {
        match (self.keep, &self.pool) {
            (false, _) => DataPlace::Memory,
            (true, Some(_)) => DataPlace::Kept {
                file: kept::KEPT_FILE.to_owned(),
            },
            (true, None) => DataPlace::MemoryFallback {
                reason: self
                    .no_pool
                    .clone()
                    .unwrap_or_else(|| "OPFS is not available".to_owned()),
            },
        }
    }

    /// Runs `source`, ending the previous run first (its uncommitted
    /// changes are rolled back, as when a process exits). Never panics; an
    /// endless loop ends at the interpreter's step budget.
    pub fn run(&mut self, source: &str) -> RunReport {
        self.live = None;
        let database = match self.place() {
            DataPlace::Kept { .. } => match kept::open() {
                Ok(database) => Some(database),
                Err(reason) => {
                    web_sys::console::warn_1(&format!("engine: kept database: {reason}").into());
                    None
                }
            },
            _ => None,
        };
        let session = RunSession::start(source, &run_options(), true, database);
        let report = session.report();
        self.live = Some(session);
        report
    }

    /// Evaluates a console line in the last run's namespace; `None` when
    /// there is none.
    pub fn console(&mut self, line: &str) -> Option<StepOutcome> {
        self.live.as_mut().map(|session| session.eval_console(line))
    }

    /// Empties, exports or imports the kept database. Ends the live run
    /// first: its connection must be closed, and its objects would no
    /// longer match the data.
    pub fn database(&mut self, action: DatabaseAction) -> DatabaseOutcome {
        self.live = None;
        let Some(pool) = &self.pool else {
            return DatabaseOutcome::Failed {
                reason: self.no_pool.clone().unwrap_or_default(),
            };
        };
        let result = match action {
            DatabaseAction::Reset => kept::reset(pool).map(|()| DatabaseOutcome::Reset),
            DatabaseAction::Export => {
                kept::export(pool).map(|bytes| DatabaseOutcome::Exported { bytes })
            }
            DatabaseAction::Import(bytes) => {
                kept::import(pool, &bytes).map(|()| DatabaseOutcome::Imported)
            }
        };
        result.unwrap_or_else(|reason| DatabaseOutcome::Failed { reason })
    }
}

/// How the page's scripts run: named as tracebacks show them.
fn run_options() -> RunOptions {
    RunOptions {
        scenario: SCRIPT_NAME.to_owned(),
        ..RunOptions::default()
    }
}

/// What to do with the kept database.
pub enum DatabaseAction {
    Reset,
    Export,
    Import(Vec<u8>),
}
