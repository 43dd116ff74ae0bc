//! The run record: what a script did, in the format of the conformance corpus
//! (`../shared/conformance/README.md`), so a Retort run and a recorded
//! SQLAlchemy run compare mechanically.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// One run of a script: its statements, output, warnings and final error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The script's path as given, e.g. `scenarios/01_basic_crud.py`.
    #[serde(default)]
    pub scenario: String,
    pub statements: Vec<StatementEntry>,
    pub stdout: String,
    #[serde(default)]
    pub stderr: String,
    pub warnings: Vec<WarningEntry>,
    pub error: Option<ErrorEntry>,
}

/// One statement as SQLAlchemy's echo log shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementEntry {
    /// `begin`, `commit`, `rollback`, `execute`, `executemany` or `insertmanyvalues`.
    pub kind: String,
    pub sql: String,
    /// `sql` with every run of whitespace collapsed to one space.
    pub normalized: String,
    /// Positional parameters; for `executemany`, a list of rows. Values are
    /// JSON scalars, or tagged objects such as `{"$type": "bytes", "hex": "00"}`.
    pub params: Json,
    /// `script`, or `teardown` (popping the app context after the script).
    pub phase: String,
    /// Rows of a many-to-many link table come in no fixed order in SQLAlchemy:
    /// compare them as a multiset.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub params_unordered: bool,
}

/// A warning the run emitted, e.g. `LegacyAPIWarning`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningEntry {
    pub category: String,
    pub message: String,
}

/// The exception that ended the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEntry {
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(default)]
    pub qualified_type: String,
    pub message: String,
    pub line: Option<u32>,
}

/// `sql` with whitespace runs collapsed, as the corpus's `normalized` field.
pub fn normalize_sql(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_recorded_run_of_the_corpus() {
        let json = r#"{
            "scenario": "scenarios/x.py",
            "versions": {"sqlalchemy": "2.0.58"},
            "statements": [{"kind": "execute", "sql": "SELECT ?\n FROM t", "normalized": "SELECT ? FROM t", "params": [1], "phase": "script"}],
            "stdout": "1\n", "stderr": "",
            "warnings": [{"category": "LegacyAPIWarning", "message": "m"}],
            "error": {"type": "IntegrityError", "qualified_type": "sqlalchemy.exc.IntegrityError", "message": "boom", "line": 3}
        }"#;
        let record: RunRecord = serde_json::from_str(json).unwrap();
        assert_eq!(
            record.statements[0].normalized,
            normalize_sql("SELECT ?\n FROM t")
        );
        assert_eq!(record.error.unwrap().line, Some(3));
        assert_eq!(record.warnings[0].category, "LegacyAPIWarning");
    }
}
