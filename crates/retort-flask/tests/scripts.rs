//! Focused scripts of the binding (`tests/scripts/*.py`) with their runs
//! recorded by the reference tool (`*.json`): each must match in outcome,
//! SQL and warnings, and broken scripts must end in a located error.

mod common;

use std::path::PathBuf;

use common::run_pair;
use retort_flask::compare::compare;
use retort_flask::{RunOptions, run_script};

fn scripts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scripts")
}

fn assert_matches(name: &str) -> retort_flask::RunRecord {
    let (actual, recorded) = run_pair(
        &scripts().join(format!("{name}.py")),
        &scripts().join(format!("{name}.json")),
    );
    let result = compare(&actual, &recorded);
    assert!(
        result.all_match(),
        "{name}: {:?}\nstdout: {}\nerror: {:?}",
        result.first_difference(),
        actual.stdout,
        actual.error
    );
    if let (Some(got), Some(want)) = (&actual.error, &recorded.error) {
        assert_eq!(got.qualified_type, want.qualified_type, "{name}");
        // CPython's parser messages are the interpreter's business.
        if want.type_name != "SyntaxError" {
            assert_eq!(got.message, want.message, "{name}");
        }
        if want.line.is_some() {
            assert_eq!(got.line, want.line, "{name}");
        }
    }
    actual
}

#[test]
fn mapped_columns_selects_rows_and_expressions() {
    assert_matches("mapped_column_select");
}

#[test]
fn everyday_crud_filters_bulk_updates_and_results() {
    assert_matches("common_crud_and_queries");
}

#[test]
fn unreferenced_objects_leave_the_identity_map_and_models_repr_like_flask_sqlalchemy() {
    assert_matches("identity_map_and_repr");
}

#[test]
fn raw_text_statements_and_printed_expressions() {
    assert_matches("text_and_expression_str");
}

#[test]
fn failed_flush_pending_rollback_and_uncaught_integrity_error() {
    let actual = assert_matches("flush_failure_and_callable_default");
    let error = actual.error.expect("the last commit fails");
    assert_eq!(error.qualified_type, "sqlalchemy.exc.IntegrityError");
}

#[test]
fn callable_defaults_get_the_execution_context_when_they_take_one_argument() {
    let actual = assert_matches("callable_defaults_with_context");
    assert_eq!(actual.stdout, "hello-world 3\n");
}

#[test]
fn result_mappings_and_numeric_values() {
    assert_matches("mappings_and_numeric");
}

#[test]
fn compared_values_keep_their_own_type_across_affinities() {
    let actual = assert_matches("compared_value_types");
    let params: Vec<String> = actual
        .statements
        .iter()
        .map(|s| s.params.to_string())
        .collect();
    assert!(
        params.contains(&"[5,7,3,1,2,1,2]".to_string()),
        "{params:?}"
    );
}

#[test]
fn misspelled_filter_by_column_is_an_invalid_request() {
    assert_matches("filter_by_misspelled");
}

#[test]
fn unknown_attribute_of_a_model_is_an_attribute_error() {
    assert_matches("model_attribute_error");
}

#[test]
fn unknown_constructor_keyword_is_a_type_error() {
    assert_matches("unknown_keyword");
}

#[test]
fn syntax_error_ends_the_run_with_a_located_error() {
    let actual = assert_matches("syntax_error");
    // CPython points at the unclosed bracket (line 4); Retort's parser
    // reports where the input ended.
    let line = actual.error.and_then(|e| e.line).unwrap_or(0);
    assert!((4..=6).contains(&line), "line {line}");
    assert!(actual.statements.is_empty());
}

#[test]
fn unsupported_column_value_ends_in_a_located_error() {
    // SQLAlchemy fails at the flush (ProgrammingError from the driver);
    // the ORM has no value for an arbitrary Python object, so Retort
    // rejects it where the attribute is set.
    let source = std::fs::read_to_string(scripts().join("wrong_value_type.py")).expect("readable");
    let record = run_script(&source, &RunOptions::default());
    let error = record.error.expect("the run fails");
    assert_eq!(error.type_name, "TypeError");
    assert_eq!(error.line, Some(7));
    assert!(error.message.contains("'list'"), "{}", error.message);
}

#[test]
fn script_owned_app_and_context_work() {
    let source = "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///x.db'\ndb = SQLAlchemy(app)\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\nwith app.app_context():\n    db.create_all()\n    db.session.add(Item())\n    db.session.commit()\n    print(Item.query.count())\n";
    let record = run_script(source, &RunOptions::default());
    assert_eq!(record.error, None);
    assert_eq!(record.stdout, "1\n");
    let kinds: Vec<&str> = record.statements.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds.last(), Some(&"rollback"));
    assert_eq!(
        record.statements.last().map(|s| s.phase.as_str()),
        Some("script")
    );
    assert!(
        record
            .statements
            .iter()
            .any(|s| s.normalized == "INSERT INTO item DEFAULT VALUES")
    );
}

#[test]
fn step_limit_ends_the_run_without_panicking() {
    let mut options = RunOptions::default();
    options.limits.max_steps = 50;
    let record = run_script("while True:\n    pass\n", &options);
    assert!(record.error.is_some());
}
