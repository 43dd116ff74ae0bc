//! The typed messages between the page (main thread) and the engine worker.
//! SQL typed by hand runs on the engine's own database (OPFS when
//! possible); a Python script runs on a fresh in-memory database and comes
//! back as a [`RunReport`].
//!
//! Both directions are plain serde data, sent with `serde-wasm-bindgen`. The
//! UI sends nothing before the engine has said [`FromEngine::Ready`].

use retort_driver::{DriverError, StatementResult, StatementTrace};
use retort_report::RunReport;
use retort_report::migration::{MigrationRun, ProjectState};
use serde::{Deserialize, Serialize};

/// What the UI asks of the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToEngine {
    /// Run every statement of `sql`, in order, stopping at the first error.
    RunSql { request: u64, sql: String },
    /// Run a Flask-SQLAlchemy script on a fresh in-memory database (each
    /// run starts from nothing, so runs are reproducible).
    RunPython { request: u64, source: String },
    /// Run the terminal line `line` (`flask db upgrade`) on the project
    /// `state` the page keeps, with `script` (the editor's text) as
    /// `app.py`.
    Migrate {
        request: u64,
        script: String,
        line: String,
        state: Box<ProjectState>,
    },
}

/// What the engine tells the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromEngine {
    /// The database is open and requests may be sent.
    Ready { storage: Storage },
    /// No database could be opened at all; the engine answers nothing more.
    Unavailable { reason: String },
    /// The answer to [`ToEngine::RunSql`].
    SqlRan { request: u64, run: SqlRun },
    /// The answer to [`ToEngine::RunPython`]: the run report (output, SQL,
    /// snapshots, the error that ended it).
    PythonRan {
        request: u64,
        report: Box<RunReport>,
    },
    /// The answer to [`ToEngine::Migrate`]: the terminal text, the project
    /// afterwards and what the command did to it.
    Migrated {
        request: u64,
        run: Box<MigrationRun>,
    },
}

/// Where the engine keeps the database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Storage {
    /// In the Origin Private File System: it survives reloads.
    Opfs { file: String },
    /// In memory, because OPFS could not be used; `reason` says why.
    Memory { reason: String },
}

/// Everything one run of typed SQL did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SqlRun {
    /// Each statement that succeeded, with its text and result.
    pub statements: Vec<(String, StatementResult)>,
    /// The error that stopped the run, if any.
    pub error: Option<DriverError>,
    /// Every statement SQLite saw, as the driver traced it.
    pub trace: Vec<StatementTrace>,
}
