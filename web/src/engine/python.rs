//! Running a Python script in the worker: the report builder on a fresh
//! interpreter and in-memory database, so a run never touches the engine's
//! own (OPFS) database and every run of the same script reports the same.

use retort_flask::{RunOptions, run_script_with_report};
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
    run_script_with_report(source, &options).1
}
