//! Running a Python script in the worker for its report alone (the
//! warm-up): a fresh interpreter and in-memory database, so a run never
//! touches the engine's own (OPFS) database and every run of the same
//! script reports the same. The report is what a page run gets
//! (`RunSession::report`); no recorder's JSON record is built, so that
//! code is not in the worker.

use retort_flask::{RunOptions, RunSession};
use retort_report::RunReport;

/// The name tracebacks give the script.
const SCRIPT_NAME: &str = "<script>";

/// Runs `source` and returns what it did. Never panics; an endless loop
/// ends at the interpreter's step budget with `ExecutionLimitError`.
pub fn run_python(source: &str) -> RunReport {
    let options = RunOptions {
        scenario: SCRIPT_NAME.to_owned(),
        ..RunOptions::default()
    };
    RunSession::start(source, &options, true, None).report()
}
