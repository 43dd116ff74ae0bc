//! Native tests of the driver against the bundled SQLite.
#![cfg(all(feature = "sqlite", not(target_arch = "wasm32")))]

use std::cell::RefCell;
use std::rc::Rc;

use retort_driver::{
    Database, ErrorClass, OpBudget, RowValues, StatementOutcome, StatementResult, StatementTrace,
    Value, ValueRef,
};

fn traced() -> (Database, Rc<RefCell<Vec<StatementTrace>>>) {
    let mut db = Database::open_in_memory().unwrap();
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&log);
    db.set_observer(Box::new(move |trace: &StatementTrace| {
        sink.borrow_mut().push(trace.clone())
    }));
    (db, log)
}

#[test]
fn binds_parameters_and_reads_every_storage_class() {
    let (mut db, _) = traced();
    db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)", &[])
        .unwrap();
    let row = [
        Value::Integer(7),
        Value::Real(1.5),
        Value::Text("Robert'); DROP TABLE t;--".into()),
        Value::Blob(vec![0, 1, 255]),
        Value::Null,
    ];
    assert_eq!(
        db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", &row)
            .unwrap(),
        1
    );
    let rows = db.query("SELECT * FROM t", &[]).unwrap();
    assert_eq!(rows.columns, ["i", "r", "s", "b", "n"]);
    assert_eq!(rows.rows, vec![row.to_vec()]);
}

#[test]
fn traces_sql_params_and_outcome_in_order() {
    let (mut db, log) = traced();
    db.execute("CREATE TABLE t (x)", &[]).unwrap();
    db.execute("INSERT INTO t VALUES (?), (?)", &[1.into(), 2.into()])
        .unwrap();
    db.query("SELECT x FROM t WHERE x > ?", &[0.into()])
        .unwrap();
    let _ = db.execute("INSERT INTO missing VALUES (1)", &[]);
    let log = log.borrow();
    let outcomes: Vec<_> = log.iter().map(|t| t.outcome.clone()).collect();
    assert_eq!(
        outcomes,
        [
            StatementOutcome::Changed(0),
            StatementOutcome::Changed(2),
            StatementOutcome::Rows(2),
            StatementOutcome::Failed("no such table: missing".into()),
        ]
    );
    assert_eq!(log[1].params, [Value::Integer(1), Value::Integer(2)]);
    assert_eq!(log[2].sql, "SELECT x FROM t WHERE x > ?");
    assert!(log.iter().all(|t| t.duration_ms >= 0.0));
}

#[test]
fn a_row_lends_its_values_with_invalid_utf8_replaced() {
    let (mut db, _) = traced();
    let mut seen = Vec::new();
    let mut visit = |row: &RowValues<'_>| {
        for index in 0..=row.width() {
            let lent = row.with_value(index, |value| match value {
                ValueRef::Text(text) => Value::Text(format!("lent {text}")),
                ValueRef::Blob(bytes) => Value::Integer(bytes.len() as i64),
                other => Value::from(other),
            });
            seen.push((lent, row.value(index)));
        }
    };
    db.run_rows(
        "SELECT 7, 1.5, 'é', CAST(x'ff61' AS TEXT), x'00ff', NULL",
        &[] as &[Value],
        Value::as_value_ref,
        &mut visit,
    )
    .unwrap();
    let text = |t: &str| Value::Text(t.into());
    assert_eq!(
        seen,
        [
            (Value::Integer(7), Value::Integer(7)),
            (Value::Real(1.5), Value::Real(1.5)),
            (text("lent é"), text("é")),
            (text("lent \u{fffd}a"), text("\u{fffd}a")),
            (Value::Integer(2), Value::Blob(vec![0, 255])),
            (Value::Null, Value::Null),
            // Past the row's end: NULL.
            (Value::Null, Value::Null),
        ]
    );
}

#[test]
fn rows_are_handed_over_as_the_statement_steps() {
    let (mut db, log) = traced();
    db.execute("CREATE TABLE t (x, s)", &[]).unwrap();
    let mut seen = Vec::new();
    let mut visit = |row: &RowValues<'_>| seen.push((row.width(), row.values(), row.value(2)));
    db.run_rows(
        "INSERT INTO t VALUES (1, 'a'), (2, NULL) RETURNING x, s",
        &[] as &[Value],
        Value::as_value_ref,
        &mut visit,
    )
    .unwrap();
    let values = |x: i64, s: Value| (2, vec![Value::Integer(x), s], Value::Null);
    assert_eq!(
        seen,
        [values(1, Value::Text("a".into())), values(2, Value::Null)]
    );
    seen.clear();
    db.run_rows(
        "DELETE FROM t WHERE x = ?",
        &[Value::Integer(1)],
        Value::as_value_ref,
        &mut |_| panic!("a change hands over no rows"),
    )
    .unwrap();
    let error = db
        .run_rows(
            "SELECT * FROM missing",
            &[] as &[Value],
            Value::as_value_ref,
            &mut |_| {},
        )
        .unwrap_err();
    assert_eq!(error.message, "no such table: missing");
    let outcomes: Vec<_> = log.borrow().iter().map(|t| t.outcome.clone()).collect();
    assert_eq!(
        outcomes[1..],
        [
            StatementOutcome::Rows(2),
            StatementOutcome::Changed(1),
            StatementOutcome::Failed("no such table: missing".into()),
        ]
    );
}

#[test]
fn ddl_after_an_insert_reports_no_changed_rows() {
    let (mut db, _) = traced();
    db.execute("CREATE TABLE t (x)", &[]).unwrap();
    db.execute("INSERT INTO t VALUES (1)", &[]).unwrap();
    assert_eq!(db.execute("CREATE TABLE u (y)", &[]).unwrap(), 0);
}

#[test]
fn classifies_errors_as_pythons_sqlite3_does() {
    let mut db = Database::open_in_memory().unwrap();
    db.execute("CREATE TABLE u (email TEXT UNIQUE NOT NULL)", &[])
        .unwrap();
    db.execute("INSERT INTO u VALUES ('a')", &[]).unwrap();
    let unique = db.execute("INSERT INTO u VALUES ('a')", &[]).unwrap_err();
    assert_eq!(unique.class, ErrorClass::IntegrityError);
    assert_eq!(unique.message, "UNIQUE constraint failed: u.email");
    assert_eq!(
        unique.to_string(),
        "(IntegrityError) UNIQUE constraint failed: u.email"
    );
    let not_null = db
        .execute("INSERT INTO u VALUES (?)", &[Value::Null])
        .unwrap_err();
    assert_eq!(not_null.message, "NOT NULL constraint failed: u.email");
    let syntax = db.execute("SELEC 1", &[]).unwrap_err();
    assert_eq!(syntax.class, ErrorClass::OperationalError);
    assert_eq!(syntax.message, "near \"SELEC\": syntax error");
    let count = db.execute("SELECT ?", &[]).unwrap_err();
    assert_eq!(count.class, ErrorClass::ProgrammingError);
}

#[test]
fn transactions_commit_and_roll_back() {
    let mut db = Database::open_in_memory().unwrap();
    db.execute("CREATE TABLE t (x)", &[]).unwrap();
    assert!(!db.in_transaction());
    db.execute("BEGIN", &[]).unwrap();
    assert!(db.in_transaction());
    db.execute("INSERT INTO t VALUES (1)", &[]).unwrap();
    db.execute("ROLLBACK", &[]).unwrap();
    assert!(!db.in_transaction());
    assert!(db.query("SELECT x FROM t", &[]).unwrap().rows.is_empty());
}

#[test]
fn a_script_runs_statement_by_statement_and_stops_at_the_first_error() {
    let (mut db, log) = traced();
    let outcome = db.run_script(
        "CREATE TABLE t (x);\n -- a comment\nINSERT INTO t VALUES (1), (2);\nSELECT x FROM t;\nSELECT nope FROM t; SELECT 1;",
    );
    assert_eq!(outcome.done.len(), 3);
    assert_eq!(outcome.done[1].0, "INSERT INTO t VALUES (1), (2);");
    assert!(matches!(
        &outcome.done[2].1,
        StatementResult::Rows(rows) if rows.rows.len() == 2
    ));
    let error = outcome.error.unwrap();
    assert_eq!(error.message, "no such column: nope");
    let log = log.borrow();
    assert_eq!(log.len(), 4);
    assert_eq!(log[3].sql, "SELECT nope FROM t; SELECT 1;");
}

#[test]
fn an_empty_script_does_nothing() {
    let mut db = Database::open_in_memory().unwrap();
    let outcome = db.run_script("  -- only a comment\n");
    assert!(outcome.done.is_empty());
    assert!(outcome.error.is_none());
}

#[test]
fn the_op_budget_interrupts_a_statement_that_never_ends() {
    let mut db = Database::open_in_memory().unwrap();
    db.set_op_budget(Some(OpBudget(1_000_000))).unwrap();
    let endless =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
    let error = db.query(endless, &[]).unwrap_err();
    assert_eq!(error.class, ErrorClass::OperationalError);
    assert_eq!(error.message, "interrupted");
    // The budget is per statement: the connection stays usable.
    let rows = db.query("SELECT 1 + 1", &[]).unwrap();
    assert_eq!(rows.rows, [[Value::Integer(2)]]);
    db.set_op_budget(None).unwrap();
}

#[test]
fn a_file_database_survives_reopening() {
    let dir = std::env::temp_dir().join(format!("retort-driver-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("reopen.sqlite3");
    let path = path.to_str().unwrap();
    let _ = std::fs::remove_file(path);
    {
        let mut db = Database::open(path).unwrap();
        db.execute("CREATE TABLE t (x)", &[]).unwrap();
        db.execute("INSERT INTO t VALUES ('kept')", &[]).unwrap();
    }
    let mut db = Database::open(path).unwrap();
    assert_eq!(db.location(), path);
    let rows = db.query("SELECT x FROM t", &[]).unwrap();
    assert_eq!(rows.rows, [[Value::Text("kept".into())]]);
    drop(db);
    std::fs::remove_dir_all(&dir).unwrap();
}
