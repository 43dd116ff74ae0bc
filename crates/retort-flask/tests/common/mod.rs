//! Shared helper of the binding's tests: running a script file beside the
//! recording of the same script by the reference tool.

use std::path::Path;

use retort_flask::{RunOptions, RunRecord, run_script};

/// Runs the script at `path` and loads the recording at `expected`.
pub fn run_pair(script: &Path, expected: &Path) -> (RunRecord, RunRecord) {
    let source = std::fs::read_to_string(script).expect("the script is readable");
    let options = RunOptions {
        scenario: script.display().to_string(),
        ..RunOptions::default()
    };
    let actual = run_script(&source, &options);
    let text = std::fs::read_to_string(expected).expect("the recording is readable");
    let recorded: RunRecord = serde_json::from_str(&text).expect("the recording parses");
    (actual, recorded)
}
