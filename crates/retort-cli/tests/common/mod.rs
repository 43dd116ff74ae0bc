//! What the corpus tests share: where `../shared/conformance` is (beside
//! the project root), the committed lists of passing scenarios, and the
//! ratchet that fails when a listed scenario stops passing.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

/// `../shared/conformance`, beside the project root.
pub fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
}

/// Scenario name → the aspects (`outcome`, `sql`) it is known to pass, from
/// a list under `tests/` (one scenario per line, then its aspects); a
/// missing list is an error, so a wrong path cannot pass silently.
pub fn passing_list(relative: &str) -> BTreeMap<String, Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(relative);
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

/// `ok` or `--` for a table cell.
pub fn mark(passes: bool) -> &'static str {
    if passes { "ok" } else { "--" }
}

/// A table cell's text: one line, `|` escaped, at most 160 characters.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('\n', " ")
        .chars()
        .take(160)
        .collect()
}

/// Fails when a scenario listed in `list` (a path under `tests/`) as
/// passing an aspect no longer does; prints the newly passing ones.
/// `results` holds, per scenario, whether it passes `outcome` and `sql`.
pub fn ratchet(list: &str, results: &[(String, bool, bool)]) {
    let known = passing_list(list);
    let mut regressions = Vec::new();
    let mut newly_passing = Vec::new();
    for (name, outcome, sql) in results {
        let listed = known.get(name).cloned().unwrap_or_default();
        for (aspect, passes) in [("outcome", *outcome), ("sql", *sql)] {
            let was_listed = listed.iter().any(|a| a == aspect);
            if was_listed && !passes {
                regressions.push(format!("{name} {aspect}"));
            }
            if passes && !was_listed {
                newly_passing.push(format!("{name} {aspect}"));
            }
        }
    }
    if !newly_passing.is_empty() {
        println!(
            "newly passing (add to tests/{list}): {}",
            newly_passing.join(", ")
        );
    }
    assert!(
        regressions.is_empty(),
        "scenarios that passed before and fail now: {}",
        regressions.join(", ")
    );
}
