//! The engine's storage in a real dedicated worker in headless Chromium: the
//! database opens on OPFS, and what was written survives closing and
//! reopening it.
#![cfg(all(target_arch = "wasm32", feature = "engine"))]

use retort_driver::{Database, Value};
use retort_web::engine::{Engine, OPFS_FILE, open_database};
use retort_web::protocol::{FromEngine, Storage, ToEngine};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
async fn an_opfs_database_survives_closing_and_reopening() {
    let (mut db, storage) = open_database().await.unwrap();
    assert_eq!(
        storage,
        Storage::Opfs {
            file: OPFS_FILE.to_owned()
        }
    );
    db.execute("DROP TABLE IF EXISTS kept", &[]).unwrap();
    db.execute("CREATE TABLE kept (note TEXT)", &[]).unwrap();
    db.execute("INSERT INTO kept VALUES (?)", &["still here".into()])
        .unwrap();
    drop::<Database>(db);

    let (mut reopened, storage) = open_database().await.unwrap();
    assert!(matches!(storage, Storage::Opfs { .. }));
    let rows = reopened.query("SELECT note FROM kept", &[]).unwrap();
    assert_eq!(rows.rows, vec![vec![Value::Text("still here".into())]]);
    reopened.execute("DROP TABLE kept", &[]).unwrap();
}

#[wasm_bindgen_test]
async fn the_engine_answers_a_run_with_rows_then_the_error_that_stopped_it() {
    let (db, _) = open_database().await.unwrap();
    let mut engine = Engine::new(db);
    let reply = engine.handle(ToEngine::RunSql {
        request: 7,
        sql: "SELECT 1 AS one; SELECT * FROM no_such_table; SELECT 2".into(),
    });
    let FromEngine::SqlRan { request, run } = reply else {
        panic!("expected SqlRan, got {reply:?}");
    };
    assert_eq!(request, 7);
    assert_eq!(run.statements.len(), 1);
    assert_eq!(run.error.unwrap().message, "no such table: no_such_table");
    assert_eq!(run.trace.len(), 2);
}

#[wasm_bindgen_test]
async fn the_engine_runs_python_and_its_report_crosses_to_the_page_intact() {
    let (db, _) = open_database().await.unwrap();
    let mut engine = Engine::new(db);
    let source = "class Note(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    text = db.Column(db.String(20))\n\n\ndb.create_all()\ndb.session.add(Note(text='<b>hi</b>'))\ndb.session.commit()\nprint(Note.query.first().text)\nprint(1 / 0)\n";
    let reply = engine.handle(ToEngine::RunPython {
        request: 3,
        source: source.into(),
    });
    // What the worker posts is what the page reads.
    let bytes = retort_web::wire::encode(&reply).unwrap();
    let mut posted = None;
    retort_web::wire::post_bytes(&bytes, |message, _transfer| {
        posted = Some(message.clone());
        Ok(())
    })
    .unwrap();
    let received = retort_web::wire::received_bytes(&posted.unwrap()).unwrap();
    let read: FromEngine = retort_web::wire::decode(&received).unwrap();
    assert_eq!(read, reply);
    let FromEngine::PythonRan { request, report } = read else {
        panic!("expected PythonRan, got {read:?}");
    };
    assert_eq!(request, 3);
    assert_eq!(report.stdout(), "<b>hi</b>\n");
    let error = report.error.as_ref().unwrap();
    assert_eq!(
        (error.class_name.as_str(), error.line),
        ("ZeroDivisionError", Some(10))
    );
    let insert = report
        .statements
        .iter()
        .find(|s| s.sql.starts_with("INSERT"))
        .unwrap();
    assert_eq!(insert.params_text, "('<b>hi</b>',)");
    assert_eq!(insert.rowcount, Some(1));
    let commit = &report.steps[3];
    assert_eq!(commit.tables[0].rows[0][1].text, "'<b>hi</b>'");
}
