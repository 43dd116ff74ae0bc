//! Differential test against SQLAlchemy on random expressions: each case of
//! `tests/oracle/random_where.json` (recorded by `random_where.py`) holds a
//! tree in this crate's serde form, built alongside the SQLAlchemy
//! expression, and SQLAlchemy's renderings of it. Parenthesisation, bind
//! naming, labels and IN expansion must all agree.

use retort_sql::{
    CompileOptions, Dialect, Expr, ParamStyle, Statement, Value, and_, compile,
    compile_default_str, compile_sqlite, compile_sqlite_str, not_, or_,
};
use serde_json::Value as Json;

const CASES: &str = include_str!("oracle/random_where.json");

/// Replaces each `{"$not": tree}`, `{"$and": [..]}` and `{"$or": [..]}`
/// marker with the builder function's result, innermost first.
fn apply_not_markers(json: Json) -> Json {
    match json {
        Json::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                out.insert(k, apply_not_markers(v));
            }
            if out.len() == 1 {
                if let Some(inner) = out.remove("$not") {
                    let expr: Expr = serde_json::from_value(inner).expect("an expression");
                    return serde_json::to_value(not_(expr)).expect("serialises");
                }
                for (marker, build) in [("$and", and_ as fn(Vec<Expr>) -> Expr), ("$or", or_)] {
                    if let Some(inner) = out.remove(marker) {
                        let items: Vec<Expr> = serde_json::from_value(inner).expect("expressions");
                        return serde_json::to_value(build(items)).expect("serialises");
                    }
                }
            }
            Json::Object(out)
        }
        Json::Array(items) => Json::Array(items.into_iter().map(apply_not_markers).collect()),
        other => other,
    }
}

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
fn random_expressions_render_as_sqlalchemy_does() {
    let cases: Vec<Json> = serde_json::from_str(CASES).expect("valid fixture");
    assert!(cases.len() >= 100);
    for (i, case) in cases.iter().enumerate() {
        let tree = apply_not_markers(case["tree"].clone());
        let stmt: Statement = serde_json::from_value(tree).expect("a statement");
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
            compile_sqlite_str(&stmt).expect("compiles"),
            case["sqlite_str"].as_str().unwrap_or_default(),
            "case {i} str()"
        );
        assert_eq!(
            compile_default_str(&stmt).expect("compiles"),
            case["default"].as_str().unwrap_or_default(),
            "case {i} default"
        );
        let literal = compile(
            &stmt,
            CompileOptions {
                dialect: Dialect::Default,
                param_style: ParamStyle::LiteralBinds,
            },
        )
        .expect("compiles");
        assert_eq!(
            literal.sql,
            case["literal"].as_str().unwrap_or_default(),
            "case {i} literal_binds"
        );
    }
}
