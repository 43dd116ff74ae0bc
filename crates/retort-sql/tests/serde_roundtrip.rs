//! Trees and values cross a Web Worker boundary as JSON: a statement must
//! survive a round trip and compile to the same SQL afterwards.

mod common;

use common::*;
use retort_sql::{AliasName, Expr, LabelStyle, Statement, Value, compile_sqlite};

#[test]
fn a_statement_compiles_identically_after_a_json_round_trip() {
    let q = legacy("book", &["id", "title"])
        .where_(eq("book", "title", "活着"))
        .where_(Expr::col("book", "id").in_values(vec![int(1), Value::Null]))
        .order_by(Expr::col("book", "id").desc())
        .limit(1)
        .offset(0)
        .count_wrapper(AliasName::anon(1, "anon"));
    let stmt = Statement::Select(q);
    let json = serde_json::to_string(&stmt).unwrap();
    let back: Statement = serde_json::from_str(&json).unwrap();
    assert_eq!(back, stmt);
    assert_eq!(
        compile_sqlite(&back).unwrap(),
        compile_sqlite(&stmt).unwrap()
    );
    if let Statement::Select(s) = &back {
        assert_eq!(s.label_style, LabelStyle::TablenamePlusCol);
    }
}

#[test]
fn values_round_trip() {
    for v in [
        Value::Null,
        Value::Integer(-3),
        Value::Real(19.9),
        Value::Text("x".into()),
        Value::Blob(vec![0, 1]),
    ] {
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), v);
    }
}
