//! The driver compiled to wasm32, on `sqlite-wasm-rs`, in headless Chromium:
//! the same code path as natively, giving the same results and errors.
#![cfg(all(feature = "sqlite", target_arch = "wasm32"))]

use std::cell::RefCell;
use std::rc::Rc;

use retort_driver::{Database, ErrorClass, StatementOutcome, StatementTrace, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn binds_and_reads_values_in_the_browser() {
    let mut db = Database::open_in_memory().unwrap();
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&log);
    db.set_observer(Box::new(move |t: &StatementTrace| {
        sink.borrow_mut().push(t.clone())
    }));
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", &[])
        .unwrap();
    db.execute(
        "INSERT INTO t (name) VALUES (?), (?)",
        &["张三".into(), "lili".into()],
    )
    .unwrap();
    let rows = db.query("SELECT id, name FROM t ORDER BY id", &[]).unwrap();
    assert_eq!(
        rows.rows,
        vec![
            vec![Value::Integer(1), Value::Text("张三".into())],
            vec![Value::Integer(2), Value::Text("lili".into())],
        ]
    );
    let log = log.borrow();
    assert_eq!(log.len(), 3);
    assert_eq!(log[2].outcome, StatementOutcome::Rows(2));
    assert!(log[2].duration_ms >= 0.0);
}

#[wasm_bindgen_test]
fn reports_constraint_failures_as_integrity_errors() {
    let mut db = Database::open_in_memory().unwrap();
    db.execute("CREATE TABLE u (email TEXT UNIQUE)", &[])
        .unwrap();
    db.execute("INSERT INTO u VALUES ('a')", &[]).unwrap();
    let error = db.execute("INSERT INTO u VALUES ('a')", &[]).unwrap_err();
    assert_eq!(error.class, ErrorClass::IntegrityError);
    assert_eq!(error.message, "UNIQUE constraint failed: u.email");
}
