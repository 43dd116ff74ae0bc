//! The moment functions over a small hand-written report.

use retort_report::RunReport;
use serde_json::json;

use super::*;

fn statement(index: u64, step: u64, kind: &str, sql: &str, line: u32) -> serde_json::Value {
    json!({
        "index": index, "step": step, "kind": kind, "sql": sql, "params": [],
        "params_text": "", "origin": "flush", "phase": "script",
        "span": {"line": line, "col": 1, "end_line": line, "end_col": 5},
        "rowcount": null, "rows_returned": null
    })
}

fn shown(text: &str) -> serde_json::Value {
    json!({"text": text, "value": {"str": text}})
}

fn table(rows: &[(&str, &str)]) -> serde_json::Value {
    json!({
        "name": "user", "columns": ["id", "name"],
        "rows": rows.iter().map(|(id, name)| json!([shown(id), shown(name)])).collect::<Vec<_>>(),
        "row_count": rows.len(), "truncated": false
    })
}

fn step(
    index: u64,
    kind: &str,
    events: serde_json::Value,
    tables: serde_json::Value,
) -> serde_json::Value {
    json!({
        "index": index, "kind": kind, "span": {"line": index + 1, "col": 1, "end_line": index + 1, "end_col": 5},
        "events": events, "session": {"objects": [], "in_transaction": false, "active": true},
        "tables": tables
    })
}

fn report() -> RunReport {
    serde_json::from_value(json!({
        "format": 1,
        "steps": [
            step(0, "statement", json!([{"statement": {"index": 0}}, {"stdout": {"text": "a\n"}}]), json!([table(&[("1", "ann")])])),
            step(1, "statement", json!([{"statement": {"index": 1}}, {"statement": {"index": 2}}, {"statement": {"index": 3}}]),
                 json!([table(&[("1", "bob"), ("2", "cy")])])),
            step(2, "statement", json!([{"stdout": {"text": "b\n"}}, {"stderr": {"text": "e\n"}}]), json!([table(&[("2", "cy")])])),
            step(3, "failed", json!([]), json!([])),
        ],
        "statements": [
            statement(0, 0, "execute", "CREATE TABLE user", 1),
            statement(1, 1, "begin", "BEGIN (implicit)", 2),
            statement(2, 1, "execute", "UPDATE user", 2),
            statement(3, 1, "commit", "COMMIT", 2),
        ],
        "error": null
    }))
    .unwrap()
}

#[test]
fn the_default_step_is_the_last_completed_statement() {
    assert_eq!(default_step(&report()), Some(2));
    assert_eq!(default_step(&RunReport::default()), None);
}

#[test]
fn statements_and_output_accumulate_up_to_the_step() {
    let report = report();
    assert_eq!(statements_until(&report, 0).len(), 1);
    assert_eq!(statements_until(&report, 1).len(), 4);
    assert_eq!(output_until(&report, 0), "a\n");
    assert_eq!(output_until(&report, 2), "a\nb\ne\n");
    let groups = transactions(&statements_until(&report, 1));
    assert_eq!(groups.len(), 2);
    assert!(!groups[0].transaction);
    assert!(groups[1].transaction);
    assert_eq!(groups[1].statements.len(), 3);
    assert_eq!(groups[1].end, Some(StatementKind::Commit));
    assert_eq!(statements_per_line(&report), vec![(1, 1), (2, 3)]);
}

#[test]
fn rows_are_marked_against_the_step_before() {
    let report = report();
    assert!(tables_at(&report, None).is_empty());
    let first = tables_at(&report, Some(0));
    assert_eq!(first.len(), 1);
    let inserted = diff_rows(first[0], None);
    assert_eq!(inserted[0].0, RowMark::Inserted);

    let second = tables_at(&report, Some(1));
    let marks: Vec<RowMark> = diff_rows(second[0], Some(first[0]))
        .into_iter()
        .map(|(mark, _)| mark)
        .collect();
    assert_eq!(
        marks,
        vec![RowMark::Updated(vec![false, true]), RowMark::Inserted]
    );

    let third = tables_at(&report, Some(2));
    let marks: Vec<(RowMark, String)> = diff_rows(third[0], Some(second[0]))
        .into_iter()
        .map(|(mark, row)| (mark, row[0].text.clone()))
        .collect();
    assert_eq!(
        marks,
        vec![(RowMark::Same, "2".into()), (RowMark::Deleted, "1".into())]
    );
    // A step that changed no table keeps the previous snapshot.
    assert_eq!(tables_at(&report, Some(3)), third);
}

#[test]
fn the_schema_is_the_latest_snapshot_up_to_the_step() {
    let schema = |names: &[&str]| {
        json!({"tables": names.iter().map(|n| json!({
            "name": n, "sql": format!("CREATE TABLE {n} (id INTEGER)"),
            "columns": [], "foreign_keys": [], "indexes": []
        })).collect::<Vec<_>>()})
    };
    let mut steps = vec![
        step(0, "statement", json!([]), json!([])),
        step(1, "statement", json!([]), json!([])),
        step(2, "statement", json!([]), json!([])),
        step(3, "statement", json!([]), json!([])),
    ];
    steps[1]["schema"] = schema(&["author", "book"]);
    steps[3]["schema"] = schema(&["author"]);
    let report: RunReport = serde_json::from_value(json!({
        "steps": steps, "statements": [], "error": null,
        "declared_tables": ["author", "book", "tag"]
    }))
    .unwrap();
    let names = |step: Option<usize>| -> Vec<String> {
        schema_at(&report, step)
            .map(|s| s.tables.iter().map(|t| t.name.clone()).collect())
            .unwrap_or_default()
    };
    assert!(schema_at(&report, Some(0)).is_none());
    assert!(schema_at(&report, None).is_none());
    assert_eq!(names(Some(1)), ["author", "book"]);
    assert_eq!(names(Some(2)), ["author", "book"]);
    assert_eq!(names(Some(3)), ["author"]);
    assert_eq!(missing_tables(&report, None), ["author", "book", "tag"]);
    assert_eq!(
        missing_tables(&report, schema_at(&report, Some(2))),
        ["tag"]
    );
    assert_eq!(
        missing_tables(&report, schema_at(&report, Some(3))),
        ["book", "tag"]
    );
}
