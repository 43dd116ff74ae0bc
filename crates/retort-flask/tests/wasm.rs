//! The runner compiled to wasm32, in a dedicated worker in headless Chromium
//! (where the page's engine runs it): a conformance scenario gives the same
//! record as SQLAlchemy recorded, as the native run does; a project held in
//! memory keeps its `memdb` database across connections and as an image.
#![cfg(target_arch = "wasm32")]

use retort_flask::compare::compare;
use retort_flask::{RunOptions, RunRecord, run_script};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const SCENARIO: &str = include_str!("../../../../shared/conformance/scenarios/01_basic_crud.py");
const RECORDED: &str = include_str!("../../../../shared/conformance/expected/01_basic_crud.json");

#[wasm_bindgen_test]
fn a_scenario_runs_in_the_worker_as_sqlalchemy_ran_it() {
    let expected: RunRecord = serde_json::from_str(RECORDED).unwrap();
    let actual = run_script(SCENARIO, &RunOptions::default());
    let comparison = compare(&actual, &expected);
    assert!(
        comparison.all_match(),
        "{:?}",
        comparison.first_difference()
    );
}

#[wasm_bindgen_test]
fn an_endless_loop_ends_with_a_located_error_in_the_worker() {
    let actual = run_script("x = 0\nwhile True:\n    x += 1\n", &RunOptions::default());
    let error = actual.error.expect("the step budget ends the run");
    assert_eq!(error.type_name, "ExecutionLimitError");
    // Located at the loop.
    assert_eq!(error.line, Some(2));
}

#[wasm_bindgen_test]
fn deep_recursion_ends_with_a_recursion_error_in_the_worker() {
    let actual = run_script(
        "def f(n):\n    return f(n + 1)\nf(0)\n",
        &RunOptions::default(),
    );
    assert_eq!(
        actual.error.expect("a RecursionError").type_name,
        "RecursionError"
    );
}

#[wasm_bindgen_test]
fn a_project_in_memory_keeps_its_database_across_connections_in_the_worker() {
    use retort_flask::files::{MemoryFiles, ProjectFiles};
    use std::path::Path;

    let files = MemoryFiles::new("/app");
    let path = Path::new("/app/instance/data.db");
    let mut first = files.open_database(path).unwrap();
    first.execute("CREATE TABLE t (x INTEGER)", &[]).unwrap();
    first.execute("INSERT INTO t VALUES (5)", &[]).unwrap();
    drop(first);
    let image = files
        .databases()
        .image("/app/instance/data.db")
        .unwrap()
        .unwrap();
    let other = MemoryFiles::new("/app");
    other
        .databases()
        .restore("/app/instance/data.db", &image)
        .unwrap();
    let mut again = other.open_database(path).unwrap();
    let rows = again.query("SELECT x FROM t", &[]).unwrap().rows;
    assert_eq!(rows, vec![vec![retort_driver::Value::Integer(5)]]);
}
