//! The Flask-Migrate corpus (`../shared/conformance/migrations`) and
//! Retort's own recorded sessions (`tests/migrations/`, recorded with
//! `run_migration_scenario.py` of that corpus), every scenario replayed
//! natively through the same code path as `retort replay --json` and
//! compared with what Flask-Migrate 4.1 and Alembic 1.20 recorded: per
//! step the outcome (exit status, terminal output, revision scripts,
//! schema and rows) and the SQL (statements without the reflection
//! queries).
//!
//! Prints a table and the totals of each, and fails when a scenario listed
//! in `tests/migrations/passing.txt` no longer passes what it passed
//! before. When a scenario starts passing, add it to that list.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{cell, corpus, mark};
use retort_cli::replay::compare_replay;
use retort_migrate::{ReplayOptions, replay_scenario};

/// Replays every scenario of `scenarios` that has a recording in
/// `expected`, prints the table and the totals, and returns
/// `(name, outcome, sql)` per scenario.
fn replay_all(label: &str, scenarios: &Path, expected: &Path) -> Vec<(String, bool, bool)> {
    let mut names: Vec<String> = fs::read_dir(scenarios)
        .unwrap_or_else(|e| panic!("no scenarios at {}: {e}", scenarios.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("steps.txt").exists())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| expected.join(format!("{name}.json")).exists())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no scenarios in {}", scenarios.display());

    let mut results = Vec::new();
    println!("\n| scenario | outcome | sql | first difference |");
    println!("|---|---|---|---|");
    for name in &names {
        let text = fs::read_to_string(expected.join(format!("{name}.json"))).unwrap();
        let recorded: serde_json::Value = serde_json::from_str(&text).unwrap();
        let (outcome, sql, difference) =
            match replay_scenario(&scenarios.join(name), &ReplayOptions::default()) {
                Ok(actual) => {
                    let comparison = compare_replay(&actual, &recorded);
                    let difference = comparison
                        .outcome
                        .as_ref()
                        .err()
                        .or(comparison.sql.as_ref().err())
                        .cloned()
                        .unwrap_or_default();
                    (
                        comparison.outcome.is_ok(),
                        comparison.sql.is_ok(),
                        difference,
                    )
                }
                Err(error) => (false, false, format!("replay failed: {error}")),
            };
        println!(
            "| {name} | {} | {} | {} |",
            mark(outcome),
            mark(sql),
            cell(&difference)
        );
        results.push((name.clone(), outcome, sql));
    }
    let total = results.len();
    let outcome = results.iter().filter(|(_, o, _)| *o).count();
    let sql = results.iter().filter(|(_, _, s)| *s).count();
    println!("\n{label}: outcome {outcome}/{total}, sql {sql}/{total}");
    results
}

#[test]
fn the_migrations_corpus() {
    let shared = corpus().join("migrations");
    let own = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/migrations");
    let mut results = replay_all(
        "migrations",
        &shared.join("scenarios"),
        &shared.join("expected"),
    );
    results.extend(replay_all(
        "own migrations",
        &own.join("scenarios"),
        &own.join("expected"),
    ));
    common::ratchet("migrations/passing.txt", &results);
}
