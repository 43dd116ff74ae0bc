//! Every recorded run of the conformance corpus reads as a `RunRecord`, and
//! the comparison finds each identical to itself: the harness reads the
//! corpus completely before it compares anything with it.

use std::fs;
use std::path::PathBuf;

use retort_flask::compare::compare;
use retort_flask::record::{RunRecord, normalize_sql};

#[test]
fn every_recorded_run_reads_and_matches_itself() {
    let expected =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/expected");
    let mut count = 0;
    for entry in fs::read_dir(&expected).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let record: RunRecord = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not read as a run record: {e}", path.display()));
        for statement in &record.statements {
            assert_eq!(
                statement.normalized,
                normalize_sql(&statement.sql),
                "{}",
                path.display()
            );
        }
        let comparison = compare(&record, &record);
        assert!(
            comparison.outcome_matches() && comparison.sql_matches(),
            "{}",
            path.display()
        );
        count += 1;
    }
    assert_eq!(count, 30);
}
