//! The conformance corpus, run natively through the same code path as
//! `retort run --json`, compared with what SQLAlchemy recorded
//! (`../shared/conformance`, beside the project root).
//!
//! Prints a table (outcome, SQL and warnings per scenario, with the first
//! difference) and the totals, and fails when a scenario listed in
//! `tests/conformance/passing.txt` no longer passes what it passed before.
//! When a scenario starts passing, add it to that list.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use retort_flask::compare::{Comparison, compare};
use retort_flask::record::RunRecord;
use retort_flask::{RunOptions, run_script};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
}

/// Scenario name → the aspects (`outcome`, `sql`) it is known to pass.
fn passing_list() -> BTreeMap<String, Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/passing.txt");
    let text = fs::read_to_string(&path).unwrap_or_default();
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

fn mark(result: &Result<(), String>) -> &'static str {
    if result.is_ok() { "ok" } else { "--" }
}

#[test]
fn the_conformance_corpus() {
    let scenarios = corpus().join("scenarios");
    let mut names: Vec<String> = fs::read_dir(&scenarios)
        .unwrap_or_else(|e| panic!("the corpus is missing at {}: {e}", scenarios.display()))
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".py").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no scenarios in {}", scenarios.display());

    let mut results: Vec<(String, Comparison)> = Vec::new();
    println!("\n| scenario | outcome | sql | warnings | first difference |");
    println!("|---|---|---|---|---|");
    for name in &names {
        let source = fs::read_to_string(scenarios.join(format!("{name}.py"))).unwrap();
        let expected_text =
            fs::read_to_string(corpus().join(format!("expected/{name}.json"))).unwrap();
        let expected: RunRecord = serde_json::from_str(&expected_text).unwrap();
        let options = RunOptions {
            scenario: format!("scenarios/{name}.py"),
            ..RunOptions::default()
        };
        let actual = run_script(&source, &options);
        let comparison = compare(&actual, &expected);
        let difference = comparison
            .first_difference()
            .map(|d| d.replace('|', "\\|").replace('\n', " "))
            .unwrap_or_default();
        let difference: String = difference.chars().take(160).collect();
        println!(
            "| {name} | {} | {} | {} | {difference} |",
            mark(&comparison.outcome),
            mark(&comparison.sql),
            mark(&comparison.warnings)
        );
        results.push((name.clone(), comparison));
    }
    let total = results.len();
    let outcome = results.iter().filter(|(_, c)| c.outcome_matches()).count();
    let sql = results.iter().filter(|(_, c)| c.sql_matches()).count();
    println!("\nconformance: outcome {outcome}/{total}, sql {sql}/{total}");

    let mut regressions = Vec::new();
    let mut newly_passing = Vec::new();
    let known = passing_list();
    for (name, comparison) in &results {
        let listed = known.get(name).cloned().unwrap_or_default();
        for (aspect, passes) in [
            ("outcome", comparison.outcome_matches()),
            ("sql", comparison.sql_matches()),
        ] {
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
            "newly passing (add to tests/conformance/passing.txt): {}",
            newly_passing.join(", ")
        );
    }
    assert!(
        regressions.is_empty(),
        "scenarios that passed before and fail now: {}",
        regressions.join(", ")
    );
}
