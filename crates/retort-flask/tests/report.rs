//! The run report: steps with their statements, output and snapshots, the
//! loading and cascade traces, and the same record as `run_script`.

use std::fs;
use std::path::PathBuf;

use retort_flask::{RunOptions, run_script, run_script_with_report};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/scenarios")
}

fn scenario(prefix: &str) -> String {
    let entry = fs::read_dir(corpus())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap();
    fs::read_to_string(entry.path()).unwrap()
}

const SCRIPT: &str = "\
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


db.create_all()
u = User(name='ann')
db.session.add(u)
db.session.commit()
print(u.name)
u.name = 'bob'
";

#[test]
fn steps_follow_top_level_statements_with_their_statements_and_snapshots() {
    let (_, report) = run_script_with_report(SCRIPT, &RunOptions::default());
    let lines: Vec<(u32, u32)> = report
        .steps
        .iter()
        .map(|s| (s.line_start, s.line_end))
        .collect();
    assert_eq!(
        lines,
        vec![(1, 3), (6, 6), (7, 7), (8, 8), (9, 9), (10, 10), (11, 11)]
    );
    let add = &report.steps[3];
    assert_eq!(add.session[0].status, "pending");
    let commit = &report.steps[4];
    let insert = commit
        .statements
        .iter()
        .map(|i| &report.statements[usize::try_from(*i).unwrap()])
        .find(|s| s.sql.starts_with("INSERT"))
        .expect("the commit step holds the INSERT");
    assert_eq!(insert.line, Some(9));
    assert_eq!(commit.session[0].status, "persistent");
    assert!(commit.session[0].expired.contains(&"name".to_string()));
    assert_eq!(commit.tables[0].name, "user");
    assert_eq!(
        commit.tables[0].rows,
        vec![vec![serde_json::json!(1), serde_json::json!("ann")]]
    );
    assert_eq!(report.steps[5].stdout, "ann\n");
    let changed = &report.steps[6].session[0].changed[0];
    assert_eq!(
        (changed.old.as_deref(), changed.new.as_str()),
        (Some("'ann'"), "'bob'")
    );
}

#[test]
fn a_runtime_error_ends_the_report_with_its_line() {
    let source = format!("{SCRIPT}x = 1 / 0\n");
    let (record, report) = run_script_with_report(&source, &RunOptions::default());
    let error = report.error.expect("the error is reported");
    assert_eq!(error.class_name, "ZeroDivisionError");
    assert_eq!(error.line, Some(12));
    assert_eq!(record.error.unwrap().line, Some(12));
    assert_eq!(report.steps.last().unwrap().line_start, 12);
}

#[test]
fn the_record_is_the_same_with_or_without_the_report() {
    for entry in fs::read_dir(corpus()).unwrap().filter_map(Result::ok) {
        let source = fs::read_to_string(entry.path()).unwrap();
        let (record, report) = run_script_with_report(&source, &RunOptions::default());
        assert_eq!(
            record,
            run_script(&source, &RunOptions::default()),
            "{:?}",
            entry.path()
        );
        assert_eq!(report.statements.len(), record.statements.len());
    }
}

#[test]
fn the_n_plus_one_loop_of_scenario_20_is_flagged() {
    let (_, report) = run_script_with_report(&scenario("20_"), &RunOptions::default());
    assert_eq!(report.n_plus_one.len(), 1);
    let found = &report.n_plus_one[0];
    assert_eq!(found.attribute, "Teacher.courses");
    assert_eq!(found.loads.len(), 2);
    assert_eq!(found.suggestion, "selectinload(Teacher.courses)");
    let load = report.statements[usize::try_from(found.loads[0]).unwrap()]
        .load
        .clone()
        .unwrap();
    assert_eq!(load.strategy, "select");
    let selectin = report
        .statements
        .iter()
        .find(|s| s.load.as_ref().is_some_and(|l| l.strategy == "selectin"))
        .expect("the selectin load is traced");
    assert_eq!(selectin.load.as_ref().unwrap().attribute, "Term.courses");
}

#[test]
fn cascades_of_scenarios_22_and_23_are_traced() {
    use retort_orm::CascadeOp;
    let (_, report) = run_script_with_report(&scenario("22_"), &RunOptions::default());
    let orphan = report
        .effects
        .iter()
        .find(|e| e.op == CascadeOp::DeleteOrphan)
        .expect("the removed line is deleted as an orphan");
    assert_eq!(orphan.via, "Cart.lines");
    assert_eq!(orphan.caused_by, Some(27));
    let deleted: Vec<_> = report
        .effects
        .iter()
        .filter(|e| e.op == CascadeOp::Delete)
        .collect();
    assert_eq!(deleted.len(), 2, "deleting the cart deletes its two lines");
    assert!(
        deleted
            .iter()
            .all(|e| e.via == "Cart.lines" && e.caused_by == Some(34))
    );

    let (_, report) = run_script_with_report(&scenario("23_"), &RunOptions::default());
    let nulled: Vec<_> = report
        .effects
        .iter()
        .filter(|e| e.op == CascadeOp::Nullify)
        .collect();
    assert_eq!(nulled.len(), 3, "two staff of hr, then one of it");
    assert!(nulled.iter().all(|e| e.via == "Department.staff"));
}
