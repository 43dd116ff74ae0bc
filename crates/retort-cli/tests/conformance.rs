//! The conformance corpus, run natively through the same code path as
//! `retort run --json`, compared with what SQLAlchemy recorded
//! (`../shared/conformance`, beside the project root).
//!
//! Prints a table (outcome, SQL and warnings per scenario, with the first
//! difference) and the totals, and fails when a scenario listed in
//! `tests/conformance/passing.txt` no longer passes what it passed before.
//! When a scenario starts passing, add it to that list.

mod common;

use std::fs;

use common::{cell, corpus, mark};
use retort_flask::compare::{Comparison, compare};
use retort_flask::record::RunRecord;
use retort_flask::{RunOptions, run_script};

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
        let difference = cell(comparison.first_difference().unwrap_or_default());
        println!(
            "| {name} | {} | {} | {} | {difference} |",
            mark(comparison.outcome.is_ok()),
            mark(comparison.sql.is_ok()),
            mark(comparison.warnings.is_ok())
        );
        results.push((name.clone(), comparison));
    }
    let total = results.len();
    let outcome = results.iter().filter(|(_, c)| c.outcome_matches()).count();
    let sql = results.iter().filter(|(_, c)| c.sql_matches()).count();
    println!("\nconformance: outcome {outcome}/{total}, sql {sql}/{total}");

    let summary: Vec<(String, bool, bool)> = results
        .iter()
        .map(|(name, c)| (name.clone(), c.outcome_matches(), c.sql_matches()))
        .collect();
    common::ratchet("conformance/passing.txt", &summary);
}
