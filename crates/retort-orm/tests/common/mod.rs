//! Shared helpers of the scenario tests: models, attribute shortcuts, and
//! comparison of the statement record with `expected/NN_*.json`.

#![allow(dead_code)]

use retort_orm::{
    Entity, Mapper, MapperId, NoHost, ObjectId, OrmQuery, OrmValue, Phase, QueryStyle,
    RecordParams, ResultItem, Session, StatementRecord, column_expr,
};
use retort_sql::{Column, Table, Value};
use serde_json::{Value as Json, json};

/// The recorded statements of a scenario, as `(kind, normalized, params)`.
pub fn expected(prefix: &str) -> Vec<(String, String, Json, String)> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/conformance/expected"
    );
    let entry = std::fs::read_dir(dir)
        .expect("the conformance corpus is readable")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("the scenario exists");
    statements_of(&entry.path())
}

/// The recorded stdout of a scenario.
pub fn expected_stdout(prefix: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/conformance/expected"
    );
    let entry = std::fs::read_dir(dir)
        .expect("the conformance corpus is readable")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("the scenario exists");
    let text = std::fs::read_to_string(entry.path()).expect("the JSON is readable");
    let json: Json = serde_json::from_str(&text).expect("the JSON parses");
    json["stdout"].as_str().unwrap_or_default().to_owned()
}

/// The statements of a recorded run stored at `path`.
pub fn statements_of(path: &std::path::Path) -> Vec<(String, String, Json, String)> {
    let text = std::fs::read_to_string(path).expect("the JSON is readable");
    let json: Json = serde_json::from_str(&text).expect("the JSON parses");
    json["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| {
            (
                s["kind"].as_str().unwrap_or_default().to_owned(),
                s["normalized"].as_str().unwrap_or_default().to_owned(),
                s["params"].clone(),
                s["phase"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn value_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => json!(i),
        Value::Real(f) => json!(f),
        Value::Text(t) => json!(t),
        Value::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
            json!({"$type": "bytes", "hex": hex})
        }
    }
}

/// Our record in the same shape.
pub fn actual(records: &[StatementRecord]) -> Vec<(String, String, Json, String)> {
    records
        .iter()
        .map(|r| {
            let params = match &r.params {
                RecordParams::Single(values) => {
                    Json::Array(values.iter().map(value_json).collect())
                }
                RecordParams::Many(rows) => Json::Array(
                    rows.iter()
                        .map(|row| Json::Array(row.iter().map(value_json).collect()))
                        .collect(),
                ),
            };
            let phase = match r.phase {
                Phase::Script => "script",
                Phase::Teardown => "teardown",
            };
            (
                r.kind.as_str().to_owned(),
                r.normalized(),
                params,
                phase.to_owned(),
            )
        })
        .collect()
}

/// Asserts that the session's whole record equals the scenario's.
pub fn assert_record(session: &Session, prefix: &str) {
    assert_statements(session, expected(prefix), prefix);
}

/// Asserts that the session's whole record equals one of the crate's own
/// recorded scenarios (`tests/scenarios/NAME.json`).
pub fn assert_own_record(session: &Session, name: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(format!("{name}.json"));
    assert_statements(session, statements_of(&path), name);
}

fn assert_statements(session: &Session, want: Vec<(String, String, Json, String)>, prefix: &str) {
    let got = actual(session.records());
    for (index, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(w, g, "statement {index} of {prefix} differs");
    }
    assert_eq!(
        want.len(),
        got.len(),
        "statement count of {prefix}: extra {:?}",
        if got.len() > want.len() {
            &got[want.len()..]
        } else {
            &want[got.len()..]
        }
    );
}

/// Registers a model in `__main__`.
pub fn model(session: &mut Session, class: &str, table: &str, columns: Vec<Column>) -> MapperId {
    session
        .register(Mapper::new("__main__", class, Table::new(table, columns)))
        .expect("the mapper registers")
}

/// `Model(**kwargs)`.
pub fn create(session: &mut Session, mapper: MapperId, values: &[(&str, OrmValue)]) -> ObjectId {
    let obj = session.new_object(mapper).expect("a new object");
    for (attr, value) in values {
        session
            .set_attr(obj, attr, value.clone())
            .expect("the attribute exists");
    }
    obj
}

pub fn s(text: &str) -> OrmValue {
    OrmValue::from(text)
}

pub fn i(n: i64) -> OrmValue {
    OrmValue::Int(n)
}

/// `obj.attr`.
pub fn attr(session: &mut Session, obj: ObjectId, name: &str) -> OrmValue {
    session.get_attr(obj, name).expect("the attribute loads")
}

/// `Model.query`.
pub fn legacy(mapper: MapperId) -> OrmQuery {
    OrmQuery::for_mapper(QueryStyle::Legacy, mapper)
}

/// `Model.attr` as a column expression.
pub fn col(session: &Session, mapper: MapperId, name: &str) -> retort_sql::Expr {
    column_expr(&session.registry, mapper, name).expect("the attribute exists")
}

/// The objects of a result.
pub fn objects(items: impl IntoIterator<Item = ResultItem>) -> Vec<ObjectId> {
    items
        .into_iter()
        .filter_map(|i| match i {
            ResultItem::Object(o) => Some(o),
            ResultItem::Value(_) => None,
        })
        .collect()
}

/// A typed column entity.
pub fn entity(session: &Session, mapper: MapperId, name: &str) -> Entity {
    Entity::attribute(&session.registry, mapper, name).expect("the attribute exists")
}

/// The teardown: phase switch and close.
pub fn teardown(session: &mut Session) {
    session.set_phase(Phase::Teardown);
    session.close().expect("close succeeds");
}

pub const HOST: NoHost = NoHost;
