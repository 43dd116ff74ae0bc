//! The typed messages between the page (main thread) and the engine worker.
//! SQL typed by hand runs on the engine's own database (OPFS when
//! possible); a Python script runs on a fresh in-memory database (or the
//! kept one, in persistent mode) and comes back as a [`RunReport`]; console
//! input comes back as one more step of it.
//!
//! Both directions are plain serde data, sent as postcard bytes
//! ([`crate::wire`]). The
//! UI sends nothing before the engine has said [`FromEngine::Ready`]; the
//! engine says [`FromEngine::ExampleRan`] before that, unasked.

use retort_driver::{DriverError, StatementResult, StatementTrace};
use retort_report::migration::{MigrationRun, ProjectState};
use retort_report::{RunReport, StepOutcome};
use serde::{Deserialize, Serialize};

/// What the UI asks of the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToEngine {
    /// Run every statement of `sql`, in order, stopping at the first error.
    RunSql { request: u64, sql: String },
    /// Run a Flask-SQLAlchemy script on a fresh in-memory database (each
    /// run starts from nothing, so runs are reproducible), or on the kept
    /// database in persistent mode ([`ToEngine::KeepDatabase`]). The run's
    /// interpreter and session stay alive for the console.
    RunPython { request: u64, source: String },
    /// Parse `source` without running it, to underline a syntax error
    /// while the learner types.
    CheckSyntax { request: u64, source: String },
    /// Evaluate one console line in what the last run left behind;
    /// answered by [`FromEngine::ConsoleRan`].
    Console { request: u64, line: String },
    /// Persistent mode on (`true`: runs use the database kept in OPFS) or
    /// off; answered by [`FromEngine::DatabasePlace`].
    KeepDatabase { keep: bool },
    /// Empty the kept database.
    ResetDatabase { request: u64 },
    /// The kept database's `.sqlite` file.
    ExportDatabase { request: u64 },
    /// Replace the kept database with this `.sqlite` file.
    ImportDatabase { request: u64, bytes: Vec<u8> },
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
    /// The first-visit example ([`crate::example::PYTHON`]) ran on a fresh
    /// in-memory database as soon as the engine started, before its own
    /// database opened: a page opening on the example shows this report
    /// as its first run rather than asking for it. That run's namespace
    /// is the console's until the next run.
    ExampleRan { report: Box<RunReport> },
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
    /// The answer to [`ToEngine::CheckSyntax`]: the first syntax error,
    /// located as CPython locates it, or `None` when the script parses.
    SyntaxChecked {
        request: u64,
        problem: Option<SyntaxProblem>,
    },
    /// The answer to [`ToEngine::Console`]: the input's step and statements
    /// to append to the run's report, or `None` when no run's namespace is
    /// alive (none yet, or it ended with Reset or Import).
    ConsoleRan {
        request: u64,
        outcome: Option<Box<StepOutcome>>,
    },
    /// Where runs keep their data now.
    DatabasePlace { place: DataPlace },
    /// The answer to a reset, export or import of the kept database.
    DatabaseDone {
        request: u64,
        outcome: DatabaseOutcome,
    },
    /// The answer to [`ToEngine::Migrate`]: the terminal text, the project
    /// afterwards and what the command did to it.
    Migrated {
        request: u64,
        run: Box<MigrationRun>,
    },
}

/// A syntax error found without running the script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyntaxProblem {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub class_name: String,
    pub message: String,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// Where runs keep their data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DataPlace {
    /// A fresh in-memory database per run (reproducible runs).
    Memory,
    /// One database kept in OPFS across runs and reloads.
    Kept { file: String },
    /// Persistent mode is on but OPFS cannot be used: in memory; `reason` says why.
    MemoryFallback { reason: String },
}

/// What a reset, export or import of the kept database did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DatabaseOutcome {
    Reset,
    Exported { bytes: Vec<u8> },
    Imported,
    Failed { reason: String },
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
