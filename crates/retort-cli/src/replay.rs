//! `retort replay [--json] DIR`: replays a Flask-Migrate session folder
//! (`steps.txt`, `v1.py`, ..., helper scripts) with Retort's emulation and
//! prints the recorder's JSON (`--json`) or a readable trace; and the
//! comparison of such a replay with a recording, by the rules of
//! `../shared/conformance/migrations/README.md`: per step, the **outcome**
//! (exit status, terminal output, revision scripts, schema and rows) and
//! the **SQL** (the statements without the reflection queries).

use std::path::Path;
use std::process::ExitCode;

use retort_migrate::record::{J, dumps_record};
use retort_migrate::{ReplayOptions, replay_scenario};
use serde_json::Value as Json;

const USAGE: &str = "usage: retort replay [--json] SCENARIO_DIR";

/// Runs `retort replay ARGS...`.
pub fn main(args: &[String]) -> ExitCode {
    let (json, dir) = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["--json", dir] | [dir, "--json"] => (true, dir.to_owned()),
        [dir] if dir != "--help" && dir != "-h" => (false, dir.to_owned()),
        ["--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match replay_scenario(Path::new(&dir), &ReplayOptions::default()) {
        Ok(record) => {
            if json {
                print!("{}", dumps_record(&record));
            } else {
                print!("{}", trace(&record.to_json()));
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("retort replay: {error}");
            ExitCode::FAILURE
        }
    }
}

fn text<'a>(value: &'a Json, key: &str) -> &'a str {
    value.get(key).and_then(Json::as_str).unwrap_or_default()
}

fn list<'a>(value: &'a Json, key: &str) -> &'a [Json] {
    value
        .get(key)
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The recorder's `--trace` form of a record.
pub fn trace(record: &Json) -> String {
    let mut out = vec![format!("# {}", text(record, "scenario"))];
    for step in list(record, "steps") {
        out.push(String::new());
        let flag = if step.get("expect_failure").and_then(Json::as_bool) == Some(true) {
            "  (expected to fail)"
        } else {
            ""
        };
        out.push(format!("$ {}{flag}", text(step, "shell")));
        if text(step, "kind") == "models" {
            continue;
        }
        let output = text(step, "output");
        if !output.is_empty() {
            out.push(output.trim_end_matches('\n').to_owned());
        }
        let exit = step.get("exit_code").and_then(Json::as_i64).unwrap_or(0);
        if exit != 0 {
            out.push(format!("[exit {exit}]"));
        }
        for revision in list(step, "revisions") {
            out.push(format!("----- {}", text(revision, "path")));
            out.push(text(revision, "text").trim_end_matches('\n').to_owned());
        }
        for statement in list(step, "statements") {
            let params = statement.get("params").cloned().unwrap_or(Json::Null);
            let params = match &params {
                Json::Array(items) if items.is_empty() => String::new(),
                other => format!("  {other}"),
            };
            out.push(format!(
                "{:>16} | {}{params}",
                text(statement, "kind"),
                text(statement, "normalized")
            ));
        }
        out.push("----- schema".into());
        for row in list(step, "schema") {
            out.push(format!(
                "  {} {}: {}",
                text(row, "type"),
                text(row, "name"),
                row.get("sql").and_then(Json::as_str).unwrap_or("None")
            ));
        }
        if let Some(Json::Object(data)) = step.get("data") {
            for (table, rows) in data {
                out.push(format!(
                    "  rows {table} {}: {}",
                    rows.get("columns").cloned().unwrap_or(Json::Null),
                    rows.get("rows").cloned().unwrap_or(Json::Null)
                ));
            }
        }
    }
    out.join("\n") + "\n"
}

/// How a replay compares with a recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationComparison {
    pub outcome: Result<(), String>,
    pub sql: Result<(), String>,
}

/// Whether a statement is one of SQLAlchemy's reflection queries, which
/// the SQL comparison skips.
pub fn is_reflection(statement: &Json) -> bool {
    let sql = text(statement, "normalized");
    sql.starts_with("PRAGMA ")
        || sql.starts_with("SELECT sql FROM (SELECT * FROM sqlite_master")
        || sql.starts_with("SELECT name FROM sqlite_master")
}

fn first_difference(what: &str, actual: &Json, expected: &Json) -> Option<String> {
    if actual == expected {
        return None;
    }
    if let (Some(a), Some(e)) = (actual.as_str(), expected.as_str()) {
        let a_lines: Vec<&str> = a.lines().collect();
        let e_lines: Vec<&str> = e.lines().collect();
        for i in 0..a_lines.len().max(e_lines.len()) {
            let (x, y) = (a_lines.get(i), e_lines.get(i));
            if x != y {
                return Some(format!(
                    "{what} line {}: expected {:?}, got {:?}",
                    i + 1,
                    y.copied().unwrap_or("<end>"),
                    x.copied().unwrap_or("<end>")
                ));
            }
        }
        return Some(format!("{what} differs (line endings)"));
    }
    let shown = |v: &Json| {
        let s = v.to_string();
        s.chars().take(200).collect::<String>()
    };
    Some(format!(
        "{what}: expected {}, got {}",
        shown(expected),
        shown(actual)
    ))
}

fn sql_statements(step: &Json) -> Vec<Json> {
    list(step, "statements")
        .iter()
        .filter(|s| !is_reflection(s))
        .map(|s| {
            serde_json::json!({
                "kind": s.get("kind"),
                "normalized": s.get("normalized"),
                "params": s.get("params"),
            })
        })
        .collect()
}

/// Compares a replay with a recording, step by step.
pub fn compare_replay(actual: &J, expected: &Json) -> MigrationComparison {
    let actual = actual.to_json();
    let actual_steps = list(&actual, "steps");
    let expected_steps = list(expected, "steps");
    let mut outcome = Ok(());
    let mut sql = Ok(());
    if actual_steps.len() != expected_steps.len() {
        let message = format!(
            "{} steps recorded, {} replayed",
            expected_steps.len(),
            actual_steps.len()
        );
        return MigrationComparison {
            outcome: Err(message.clone()),
            sql: Err(message),
        };
    }
    for (a, e) in actual_steps.iter().zip(expected_steps) {
        let at = format!(
            "step {} ({})",
            e.get("index").map(|i| i.to_string()).unwrap_or_default(),
            text(e, "shell")
        );
        if outcome.is_ok() {
            for key in ["exit_code", "output", "revisions", "schema", "data"] {
                let (x, y) = (
                    a.get(key).cloned().unwrap_or(Json::Null),
                    e.get(key).cloned().unwrap_or(Json::Null),
                );
                if let Some(difference) = first_difference(key, &x, &y) {
                    outcome = Err(format!("{at}: {difference}"));
                    break;
                }
            }
        }
        if sql.is_ok() {
            let (x, y) = (sql_statements(a), sql_statements(e));
            if x != y {
                let position = x
                    .iter()
                    .zip(&y)
                    .position(|(p, q)| p != q)
                    .unwrap_or(x.len().min(y.len()));
                let shown = |v: Option<&Json>| {
                    v.map_or("<none>".to_owned(), |s| {
                        format!("{} {}", text(s, "kind"), text(s, "normalized"))
                    })
                };
                sql = Err(format!(
                    "{at}: statement {}: expected {}, got {}",
                    position + 1,
                    shown(y.get(position)),
                    shown(x.get(position))
                ));
            }
        }
    }
    MigrationComparison { outcome, sql }
}
