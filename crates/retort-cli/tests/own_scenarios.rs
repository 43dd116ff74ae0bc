//! Retort's own recorded scenarios (`tests/scenarios/*.py`, each with the
//! JSON `../shared/conformance/reference.sh` recorded from the real
//! libraries): behaviour the shared corpus does not cover — relationship
//! misconfigurations, `lazy='raise'`, `passive_deletes`, self-referential
//! trees, attribute events, plain SQLAlchemy (`create_engine`,
//! `Session(engine)`, connections). Every one must match in outcome and SQL.
//! In `echo_*` scenarios the engine log's timestamps and timings (which no
//! two runs share) are masked on both sides before comparing.

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
        let mut expected: RunRecord =
            serde_json::from_str(&fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
                .unwrap();
        let mut actual = run_script(&source, &RunOptions::default());
        if name.starts_with("echo_") {
            expected.stdout = mask_echo_times(&expected.stdout);
            actual.stdout = mask_echo_times(&actual.stdout);
        }
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

/// The engine log with its timestamps (`2026-12-04 18:29:20,799`) and
/// timings (`generated in 0.00012s`, `cached since 0.003s ago`,
/// `no key 0.00008s`) replaced by placeholders.
fn mask_echo_times(stdout: &str) -> String {
    let mut out = String::new();
    for line in stdout.split_inclusive('\n') {
        let mut line = line.to_owned();
        let is_stamp = line.len() > 24
            && line.is_char_boundary(23)
            && line[..23].bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                10 => b == b' ',
                13 | 16 => b == b':',
                19 => b == b',',
                _ => b.is_ascii_digit(),
            });
        if is_stamp {
            line.replace_range(..23, "<time>");
        }
        for label in ["generated in ", "cached since ", "no key "] {
            if let Some(start) = line.find(label).map(|i| i + label.len()) {
                let end = line[start..].find('s').map_or(line.len(), |i| start + i);
                line.replace_range(start..end, "<t>");
            }
        }
        out.push_str(&line);
    }
    out
}

#[test]
fn echo_times_are_masked() {
    assert_eq!(
        mask_echo_times(
            "2026-12-04 18:29:20,799 INFO sqlalchemy.engine.Engine [generated in 0.00012s] ()\n\
             2026-12-04 18:29:20,800 INFO sqlalchemy.engine.Engine [cached since 1.5e-05s ago] (1,)\n\
             a line 2026\n"
        ),
        "<time> INFO sqlalchemy.engine.Engine [generated in <t>s] ()\n\
         <time> INFO sqlalchemy.engine.Engine [cached since <t>s ago] (1,)\n\
         a line 2026\n"
    );
}
