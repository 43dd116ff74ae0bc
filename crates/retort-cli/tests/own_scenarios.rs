//! Retort's own recorded scenarios (`tests/scenarios/*.py`, each with the
//! JSON `../shared/conformance/reference.sh` recorded from the real
//! libraries): behaviour the shared corpus does not cover — relationship
//! misconfigurations, `lazy='raise'`, `passive_deletes`, self-referential
//! trees, attribute events, plain SQLAlchemy (`create_engine`,
//! `Session(engine)`, connections). Every one must match in outcome and SQL.

use std::fs;
use std::path::PathBuf;

use retort_flask::compare::compare;
use retort_flask::record::RunRecord;
use retort_flask::{RunOptions, run_script};

#[test]
fn every_own_scenario_matches_sqlalchemy() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("tests/scenarios exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".py").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut failures = Vec::new();
    for name in &names {
        let source = fs::read_to_string(dir.join(format!("{name}.py"))).unwrap();
        let expected: RunRecord =
            serde_json::from_str(&fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
                .unwrap();
        let actual = run_script(&source, &RunOptions::default());
        let comparison = compare(&actual, &expected);
        let verdict = if comparison.outcome_matches() && comparison.sql_matches() {
            "ok".to_owned()
        } else {
            let difference = comparison.first_difference().unwrap_or("?").to_owned();
            failures.push(name.clone());
            difference
        };
        println!("{name}: {verdict}");
    }
    assert!(
        failures.is_empty(),
        "own scenarios that differ: {failures:?}"
    );
}
