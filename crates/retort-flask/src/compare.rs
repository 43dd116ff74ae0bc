//! Comparing a run with a recorded one, by the rules of the conformance
//! corpus (`../shared/conformance/README.md`, "How a run is compared").
//!
//! - **outcome**: `stdout` identical and the error's type identical (or both none);
//! - **sql**: the statement lists identical in length and, pair by pair, in
//!   `kind`, `normalized` and `params` (as a multiset where the recording
//!   says `params_unordered`);
//! - **warnings**: identical by category and message.

use crate::record::{RunRecord, StatementEntry};
use serde_json::Value as Json;

/// How a run compares with the recording, with the first difference of each kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub outcome: Result<(), String>,
    pub sql: Result<(), String>,
    pub warnings: Result<(), String>,
}

impl Comparison {
    pub fn outcome_matches(&self) -> bool {
        self.outcome.is_ok()
    }

    pub fn sql_matches(&self) -> bool {
        self.sql.is_ok()
    }

    /// Outcome, SQL and warnings all match.
    pub fn all_match(&self) -> bool {
        self.outcome.is_ok() && self.sql.is_ok() && self.warnings.is_ok()
    }

    /// The first difference found, outcome first.
    pub fn first_difference(&self) -> Option<&str> {
        [&self.outcome, &self.sql, &self.warnings]
            .into_iter()
            .find_map(|result| result.as_ref().err())
            .map(String::as_str)
    }
}

/// Compares `actual` with the recording `expected`.
pub fn compare(actual: &RunRecord, expected: &RunRecord) -> Comparison {
    Comparison {
        outcome: compare_outcome(actual, expected),
        sql: compare_statements(&actual.statements, &expected.statements),
        warnings: compare_warnings(actual, expected),
    }
}

fn compare_outcome(actual: &RunRecord, expected: &RunRecord) -> Result<(), String> {
    let error_type = |r: &RunRecord| r.error.as_ref().map(|e| e.type_name.clone());
    if error_type(actual) != error_type(expected) {
        return Err(format!(
            "error: expected {}, got {}",
            describe_error(expected),
            describe_error(actual)
        ));
    }
    first_line_difference(&actual.stdout, &expected.stdout)
        .map_or(Ok(()), |difference| Err(format!("stdout {difference}")))
}

fn describe_error(record: &RunRecord) -> String {
    match &record.error {
        None => "no error".to_owned(),
        Some(error) => format!(
            "{} at line {}: {}",
            error.type_name,
            error.line.map_or("?".to_owned(), |l| l.to_string()),
            error.message.lines().next().unwrap_or_default()
        ),
    }
}

/// The first line where two texts differ, described for a person.
fn first_line_difference(actual: &str, expected: &str) -> Option<String> {
    if actual == expected {
        return None;
    }
    let mut actual_lines = actual.split_inclusive('\n');
    let mut expected_lines = expected.split_inclusive('\n');
    let mut number = 1;
    loop {
        match (actual_lines.next(), expected_lines.next()) {
            (Some(a), Some(e)) if a == e => number += 1,
            (a, e) => {
                return Some(format!(
                    "line {number}: expected {:?}, got {:?}",
                    e.unwrap_or("<end>"),
                    a.unwrap_or("<end>")
                ));
            }
        }
    }
}

fn compare_statements(
    actual: &[StatementEntry],
    expected: &[StatementEntry],
) -> Result<(), String> {
    for (index, (a, e)) in actual.iter().zip(expected).enumerate() {
        let number = index + 1;
        if a.kind != e.kind || a.normalized != e.normalized {
            return Err(format!(
                "statement {number}: expected {} `{}`, got {} `{}`",
                e.kind, e.normalized, a.kind, a.normalized
            ));
        }
        if !params_match(&a.params, &e.params, e.params_unordered) {
            return Err(format!(
                "statement {number} `{}`: expected params {}, got {}",
                e.normalized, e.params, a.params
            ));
        }
    }
    if actual.len() != expected.len() {
        let missing_or_extra = if actual.len() < expected.len() {
            format!("first missing: `{}`", expected[actual.len()].normalized)
        } else {
            format!("first extra: `{}`", actual[expected.len()].normalized)
        };
        return Err(format!(
            "expected {} statements, got {} ({missing_or_extra})",
            expected.len(),
            actual.len()
        ));
    }
    Ok(())
}

/// Parameters are equal, or — for link-table rows SQLAlchemy emits in no
/// fixed order — equal as multisets of rows.
fn params_match(actual: &Json, expected: &Json, unordered: bool) -> bool {
    if !unordered {
        return actual == expected;
    }
    match (actual, expected) {
        (Json::Array(a), Json::Array(e)) if a.len() == e.len() => {
            let mut remaining: Vec<&Json> = e.iter().collect();
            a.iter().all(|row| {
                remaining
                    .iter()
                    .position(|candidate| *candidate == row)
                    .map(|found| remaining.swap_remove(found))
                    .is_some()
            })
        }
        _ => false,
    }
}

fn compare_warnings(actual: &RunRecord, expected: &RunRecord) -> Result<(), String> {
    if actual.warnings == expected.warnings {
        return Ok(());
    }
    let index = actual
        .warnings
        .iter()
        .zip(&expected.warnings)
        .position(|(a, e)| a != e)
        .unwrap_or(actual.warnings.len().min(expected.warnings.len()));
    let show = |r: &RunRecord| {
        r.warnings.get(index).map_or("<none>".to_owned(), |w| {
            format!("{}: {}", w.category, w.message)
        })
    };
    Err(format!(
        "warning {}: expected {}, got {}",
        index + 1,
        show(expected),
        show(actual)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ErrorEntry, WarningEntry, normalize_sql};
    use serde_json::json;

    fn statement(kind: &str, sql: &str, params: Json) -> StatementEntry {
        StatementEntry {
            kind: kind.into(),
            sql: sql.into(),
            normalized: normalize_sql(sql),
            params,
            phase: "script".into(),
            params_unordered: false,
        }
    }

    fn record() -> RunRecord {
        RunRecord {
            scenario: "s.py".into(),
            statements: vec![
                statement("begin", "BEGIN (implicit)", json!([])),
                statement("execute", "SELECT a \nFROM t", json!([1, "x"])),
            ],
            stdout: "1\n2\n".into(),
            stderr: String::new(),
            warnings: vec![WarningEntry {
                category: "LegacyAPIWarning".into(),
                message: "m".into(),
            }],
            error: None,
        }
    }

    #[test]
    fn a_run_matches_itself() {
        let c = compare(&record(), &record());
        assert_eq!(c.outcome, Ok(()));
        assert_eq!(c.sql, Ok(()));
        assert_eq!(c.warnings, Ok(()));
    }

    #[test]
    fn whitespace_in_sql_does_not_count_but_params_do() {
        let expected = record();
        let mut actual = record();
        actual.statements[1].sql = "SELECT a FROM t".into();
        assert!(compare(&actual, &expected).sql_matches());
        actual.statements[1].params = json!([1, "y"]);
        let c = compare(&actual, &expected);
        assert_eq!(
            c.sql,
            Err("statement 2 `SELECT a FROM t`: expected params [1,\"x\"], got [1,\"y\"]".into())
        );
        assert!(c.outcome_matches());
    }

    #[test]
    fn a_missing_statement_is_named() {
        let expected = record();
        let mut actual = record();
        actual.statements.pop();
        assert_eq!(
            compare(&actual, &expected).sql,
            Err("expected 2 statements, got 1 (first missing: `SELECT a FROM t`)".into())
        );
    }

    #[test]
    fn stdout_and_error_type_decide_the_outcome() {
        let expected = record();
        let mut actual = record();
        actual.stdout = "1\n3\n".into();
        assert_eq!(
            compare(&actual, &expected).outcome,
            Err("stdout line 2: expected \"2\\n\", got \"3\\n\"".into())
        );
        let mut failing = record();
        failing.error = Some(ErrorEntry {
            type_name: "IntegrityError".into(),
            qualified_type: "sqlalchemy.exc.IntegrityError".into(),
            message: "UNIQUE constraint failed".into(),
            line: Some(9),
        });
        assert_eq!(
            compare(&failing, &expected).outcome,
            Err(
                "error: expected no error, got IntegrityError at line 9: UNIQUE constraint failed"
                    .into()
            )
        );
        // The message and line may differ; the type decides.
        let mut other_line = failing.clone();
        other_line.error.as_mut().unwrap().line = Some(10);
        assert!(compare(&other_line, &failing).outcome_matches());
    }

    #[test]
    fn unordered_rows_compare_as_a_multiset() {
        let rows = |r: Json| {
            let mut s = statement("executemany", "INSERT INTO tags VALUES (?, ?)", r);
            s.params_unordered = true;
            s
        };
        let mut expected = record();
        expected
            .statements
            .push(rows(json!([[1, 2], [1, 3], [1, 3]])));
        let mut actual = record();
        actual
            .statements
            .push(rows(json!([[1, 3], [1, 2], [1, 3]])));
        assert!(compare(&actual, &expected).sql_matches());
        actual.statements[2].params = json!([[1, 3], [1, 2], [1, 2]]);
        assert!(!compare(&actual, &expected).sql_matches());
    }

    #[test]
    fn warnings_are_compared_by_category_and_message() {
        let expected = record();
        let mut actual = record();
        actual.warnings.clear();
        assert_eq!(
            compare(&actual, &expected).warnings,
            Err("warning 1: expected LegacyAPIWarning: m, got <none>".into())
        );
    }
}
