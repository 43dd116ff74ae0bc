//! The report's JSON shape and its helpers.

use super::*;

fn shown(text: &str, value: TypedValue) -> Shown {
    Shown {
        text: text.to_owned(),
        value,
    }
}

fn sample() -> RunReport {
    let insert = StatementEvent {
        index: 0,
        step: 0,
        kind: StatementKind::Execute,
        sql: "INSERT INTO t (name) VALUES (?)".into(),
        params: vec![vec![shown("'<b>'", TypedValue::Str("<b>".into()))]],
        params_text: "('<b>',)".into(),
        origin: Origin::Flush,
        phase: Phase::Script,
        span: Some(Span {
            line: 3,
            col: 1,
            end_line: 3,
            end_col: 20,
        }),
        rowcount: Some(1),
        rows_returned: None,
        failure: None,
        load: None,
        console: None,
    };
    RunReport {
        format: FORMAT,
        steps: vec![Step {
            index: 0,
            kind: StepKind::Statement,
            span: insert.span,
            events: vec![
                Event::Statement { index: 0 },
                Event::Stdout { text: "a\n".into() },
                Event::Stdout { text: "b\n".into() },
            ],
            session: SessionSnapshot::default(),
            tables: vec![TableSnapshot {
                name: "t".into(),
                columns: vec!["name".into()],
                rows: vec![vec![shown("'<b>'", TypedValue::Str("<b>".into()))]],
                row_count: 1,
                truncated: false,
                dropped: false,
            }],
            schema: None,
            console: None,
            command: None,
        }],
        statements: vec![insert],
        ..RunReport::default()
    }
}

#[test]
fn events_and_values_are_tagged_for_readers() {
    let json = serde_json::to_value(sample()).unwrap();
    let step = &json["steps"][0];
    assert_eq!(step["kind"], "statement");
    assert_eq!(
        step["events"][0],
        serde_json::json!({"statement": {"index": 0}})
    );
    assert!(step["events"][1]["stdout"].is_object());
    assert_eq!(
        json["statements"][0]["params"][0][0],
        serde_json::json!({"text": "'<b>'", "value": {"str": "<b>"}})
    );
    assert_eq!(json["statements"][0]["origin"], "flush");
}

#[test]
fn a_report_round_trips_and_old_readers_skip_new_fields() {
    let report = sample();
    let text = serde_json::to_string(&report).unwrap();
    assert_eq!(serde_json::from_str::<RunReport>(&text).unwrap(), report);
    let mut json = serde_json::to_value(&report).unwrap();
    json["later_field"] = serde_json::json!([1, 2]);
    json.as_object_mut().unwrap().remove("n_plus_one");
    assert_eq!(serde_json::from_value::<RunReport>(json).unwrap(), report);
}

#[test]
fn helpers_find_statements_and_output() {
    let report = sample();
    assert_eq!(report.stdout(), "a\nb\n");
    assert_eq!(report.steps[0].stdout(), "a\nb\n");
    assert_eq!(
        report.steps[0].statement_indices().collect::<Vec<_>>(),
        vec![0]
    );
    assert_eq!(report.statement(0).unwrap().rowcount, Some(1));
    assert!(report.statement(7).is_none());
    assert!(report.steps[0].span.unwrap().contains_line(3));
}

#[test]
fn reports_without_a_schema_still_read() {
    let mut json = serde_json::to_value(sample()).unwrap();
    json["steps"][0].as_object_mut().unwrap().remove("schema");
    json.as_object_mut().unwrap().remove("declared_tables");
    let report: RunReport = serde_json::from_value(json).unwrap();
    assert_eq!(report.steps[0].schema, None);
    assert!(report.declared_tables.is_empty());
}

#[test]
fn a_console_step_follows_the_run_and_its_statements_point_at_it() {
    let mut report = sample();
    let statement = StatementEvent {
        index: 1,
        step: 99,
        span: None,
        console: Some(1),
        ..report.statements[0].clone()
    };
    report.push_step(crate::StepOutcome {
        step: Step {
            index: 99,
            kind: StepKind::Console,
            events: vec![Event::Statement { index: 1 }],
            console: Some(crate::ConsoleInput {
                number: 1,
                source: "User.query.count()".into(),
                echo: Some("4".into()),
                error: None,
            }),
            ..Step::default()
        },
        statements: vec![statement],
    });
    assert_eq!(report.steps[1].index, 1);
    assert_eq!(report.statements[1].step, 1);
    let json = serde_json::to_string(&report).unwrap();
    let read: RunReport = serde_json::from_str(&json).unwrap();
    assert_eq!(read, report);
    // A run without console input has none.
    assert!(sample().steps.iter().all(|step| step.console.is_none()));
}

#[test]
fn a_terminal_step_is_renumbered_after_the_report_it_joins() {
    let mut report = sample();
    let before = report.statements.len() as u64;
    let local = |index| StatementEvent {
        index,
        step: 0,
        span: None,
        origin: Origin::Terminal,
        ..report.statements[0].clone()
    };
    report.push_step(crate::StepOutcome {
        step: Step {
            kind: StepKind::Command,
            events: vec![
                Event::Statement { index: 0 },
                Event::Stdout {
                    text: "INFO  [alembic.runtime.migration] Running upgrade\n".into(),
                },
                Event::Statement { index: 1 },
            ],
            command: Some("flask db upgrade".into()),
            ..Step::default()
        },
        statements: vec![local(0), local(1)],
    });
    let step = report.steps.last().unwrap();
    assert_eq!(step.index as usize, report.steps.len() - 1);
    assert_eq!(
        step.statement_indices().collect::<Vec<_>>(),
        vec![before, before + 1]
    );
    for index in [before, before + 1] {
        let statement = report.statement(index).expect("renumbered");
        assert_eq!(statement.step, step.index);
    }
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"command\":\"flask db upgrade\""));
    assert_eq!(serde_json::from_str::<RunReport>(&json).unwrap(), report);
}

#[test]
fn a_report_reads_back_from_postcard_bytes() {
    let report = sample();
    let bytes = postcard::to_allocvec(&report).unwrap();
    assert_eq!(postcard::from_bytes::<RunReport>(&bytes).unwrap(), report);
}
