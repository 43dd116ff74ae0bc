//! Differential test of FROM handling against SQLAlchemy: joins, aliased
//! tables, implicit FROM lists, subqueries, correlation and the count
//! wrapper, from `tests/oracle/random_from.json` (recorded by
//! `random_from.py`). Cases SQLAlchemy refused to compile must be
//! refused here too.

use retort_sql::{Statement, Value, compile_default_str, compile_sqlite};
use serde_json::Value as Json;

const CASES: &str = include_str!("oracle/random_from.json");

fn param(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Number(n) if n.is_i64() => Value::Integer(n.as_i64().unwrap_or_default()),
        Json::Number(n) => Value::Real(n.as_f64().unwrap_or_default()),
        Json::String(s) => Value::Text(s.clone()),
        other => panic!("unexpected parameter {other}"),
    }
}

#[test]
fn random_from_clauses_render_as_sqlalchemy_does() {
    let cases: Vec<Json> = serde_json::from_str(CASES).expect("valid fixture");
    assert!(cases.len() >= 100);
    for (i, case) in cases.iter().enumerate() {
        let stmt: Statement = serde_json::from_value(case["tree"].clone()).expect("a statement");
        if case.get("error").is_some() {
            assert!(compile_sqlite(&stmt).is_err(), "case {i} should fail");
            continue;
        }
        let compiled = compile_sqlite(&stmt).expect("compiles");
        assert_eq!(
            compiled.sql,
            case["sqlite"].as_str().unwrap_or_default(),
            "case {i}"
        );
        let params: Vec<Value> = case["params"]
            .as_array()
            .map(|a| a.iter().map(param).collect())
            .unwrap_or_default();
        assert_eq!(compiled.params, params, "case {i} params");
        assert_eq!(
            compile_default_str(&stmt).expect("compiles"),
            case["default"].as_str().unwrap_or_default(),
            "case {i} default"
        );
    }
}
