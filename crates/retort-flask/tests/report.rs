//! The run report: steps with their statements, output and snapshots, the
//! loading and cascade traces, and the same record as `run_script`.

use std::fs;
use std::path::PathBuf;

use retort_flask::report::{
    Event, ObjectStatus, Origin, Phase, RunReport, StatementEvent, StatementKind, Step, StepKind,
    TypedValue,
};
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

    def __repr__(self):
        return f'<User {self.name}>'


db.create_all()
u = User(name='ann')
db.session.add(u)
db.session.commit()
print(u.name)
u.name = 'bob'
";

fn report_of(source: &str) -> RunReport {
    run_script_with_report(source, &RunOptions::default()).1
}

fn statements_of<'r>(report: &'r RunReport, step: &Step) -> Vec<&'r StatementEvent> {
    step.statement_indices()
        .map(|i| report.statement(i).expect("every event names a statement"))
        .collect()
}

#[test]
fn steps_follow_top_level_statements_with_their_spans() {
    let report = report_of(SCRIPT);
    let spans: Vec<(u32, u32, u32, u32)> = report
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Statement)
        .map(|s| {
            let span = s.span.unwrap();
            (span.line, span.col, span.end_line, span.end_col)
        })
        .collect();
    assert_eq!(
        spans,
        vec![
            (1, 1, 6, 37),
            (9, 1, 9, 16),
            (10, 1, 10, 21),
            (11, 1, 11, 18),
            (12, 1, 12, 20),
            (13, 1, 13, 14),
            (14, 1, 14, 15),
        ]
    );
    // The transaction the attribute read began ends at the teardown.
    let teardown = report.steps.last().unwrap();
    assert_eq!((teardown.kind, teardown.span), (StepKind::Teardown, None));
    assert_eq!(statements_of(&report, teardown)[0].sql, "ROLLBACK");
    assert_eq!(report.format, retort_flask::report::FORMAT);
    assert_eq!(report.error, None);
}

#[test]
fn each_statement_names_the_line_that_caused_it() {
    let report = report_of(SCRIPT);
    let create_all = statements_of(&report, &report.steps[1]);
    assert!(create_all.iter().all(|s| s.origin == Origin::CreateAll));
    assert!(
        create_all
            .iter()
            .any(|s| s.sql.contains("CREATE TABLE user"))
    );
    let commit = statements_of(&report, &report.steps[4]);
    let kinds: Vec<StatementKind> = commit.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        vec![
            StatementKind::Begin,
            StatementKind::Execute,
            StatementKind::Commit
        ]
    );
    let insert = commit[1];
    assert_eq!(insert.sql, "INSERT INTO user (name) VALUES (?)");
    assert_eq!(insert.params_text, "('ann',)");
    assert_eq!(insert.params[0][0].value, TypedValue::Str("ann".into()));
    assert_eq!(insert.origin, Origin::Flush);
    assert_eq!(insert.rowcount, Some(1));
    let span = insert.span.unwrap();
    assert_eq!((span.line, span.col, span.end_col), (12, 1, 20));
    let refresh = statements_of(&report, &report.steps[5]);
    assert_eq!(refresh[1].origin, Origin::Refresh);
    assert_eq!(refresh[1].rows_returned, Some(1));
    for (i, statement) in report.statements.iter().enumerate() {
        assert_eq!(statement.index, i as u64);
    }
}

#[test]
fn the_session_goes_from_pending_to_persistent_and_expired() {
    let report = report_of(SCRIPT);
    let created = &report.steps[2].session.objects[0];
    assert_eq!(created.status, ObjectStatus::Transient);
    assert_eq!(created.repr, "<User ann>");
    let added = &report.steps[3].session.objects[0];
    assert_eq!(added.status, ObjectStatus::Pending);
    assert_eq!(added.identity, None);
    assert_eq!(added.changed[0].name, "name");
    assert_eq!(added.changed[0].old, None);

    let committed = &report.steps[4].session.objects[0];
    assert_eq!(committed.status, ObjectStatus::Persistent);
    assert_eq!(committed.identity.as_ref().unwrap()[0].text, "1");
    assert_eq!(committed.expired, vec!["id".to_owned(), "name".to_owned()]);
    assert!(committed.attributes.is_empty());
    // `__repr__` reads an expired attribute: that would be SQL.
    assert!(committed.repr_fallback);
    assert!(
        committed.repr == format!("<User #{}>", committed.id),
        "{}",
        committed.repr
    );
    assert!(!report.steps[4].session.in_transaction);

    let printed = &report.steps[5].session.objects[0];
    assert_eq!(printed.repr, "<User ann>");
    assert!(!printed.repr_fallback);
    assert_eq!(printed.attributes[1].value.text, "'ann'");
    assert!(report.steps[5].session.in_transaction);

    let changed = &report.steps[6].session.objects[0].changed[0];
    assert_eq!(
        (
            changed.old.as_ref().unwrap().text.as_str(),
            changed.new.text.as_str()
        ),
        ("'ann'", "'bob'")
    );
}

#[test]
fn a_table_snapshot_follows_each_change() {
    let report = report_of(SCRIPT);
    let created = &report.steps[1].tables;
    assert_eq!(created.len(), 1);
    assert_eq!(
        (created[0].name.as_str(), created[0].row_count),
        ("user", 0)
    );
    assert_eq!(created[0].columns, vec!["id", "name"]);
    let inserted = &report.steps[4].tables[0];
    let row: Vec<&str> = inserted.rows[0].iter().map(|v| v.text.as_str()).collect();
    assert_eq!(row, vec!["1", "'ann'"]);
    assert!(!inserted.truncated);
    // Reading and changing an attribute writes nothing.
    assert!(report.steps[5].tables.is_empty());
    assert!(report.steps[6].tables.is_empty());
}

#[test]
fn a_rollback_shows_the_rows_it_undid() {
    let source = format!(
        "{SCRIPT}db.session.add(User(name='cy'))\ndb.session.flush()\ndb.session.rollback()\n"
    );
    let report = report_of(&source);
    let flushed = &report.steps[8].tables[0];
    assert_eq!(flushed.row_count, 2, "the UPDATE and the INSERT");
    assert_eq!(flushed.rows[0][1].text, "'bob'");
    let undone = &report.steps[9].tables[0];
    assert_eq!(undone.row_count, 1);
    assert_eq!(undone.rows[0][1].text, "'ann'");
}

#[test]
fn output_and_statements_interleave_within_a_loop() {
    let source = format!(
        "{SCRIPT}db.session.commit()\nfor name in ['x', 'y']:\n    print('before', name)\n    print(User.query.filter_by(name=name).count())\n"
    );
    let report = report_of(&source);
    let step = &report.steps[report.steps.len() - 2];
    assert_eq!(step.span.unwrap().line, 16);
    let shape: Vec<String> = step
        .events
        .iter()
        .map(|e| match e {
            Event::Statement { index } => {
                let sql = &report.statement(*index).unwrap().sql;
                sql.split_whitespace().next().unwrap().to_owned()
            }
            Event::Stdout { text } => text.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            "before x\n",
            "BEGIN",
            "SELECT",
            "0\nbefore y\n",
            "SELECT",
            "0\n"
        ]
    );
}

#[test]
fn a_runtime_error_ends_with_a_failed_step() {
    let source = format!("{SCRIPT}db.session.add(User(name='dee'))\nx = [\n  1 / 0]\n");
    let (record, report) = run_script_with_report(&source, &RunOptions::default());
    let error = report.error.clone().expect("the error is reported");
    assert_eq!(error.class_name, "ZeroDivisionError");
    assert_eq!(error.qualified_class, "builtins.ZeroDivisionError");
    assert_eq!(error.line, Some(17));
    assert_eq!(record.error.unwrap().line, Some(17));
    assert_eq!(
        error.traceback.last().unwrap(),
        "ZeroDivisionError: division by zero"
    );
    let failed = &report.steps[report.steps.len() - 2];
    assert_eq!(failed.kind, StepKind::Failed);
    let span = failed.span.unwrap();
    assert_eq!((span.line, span.end_line), (16, 17));
    assert_eq!(failed.events.last(), Some(&Event::Error(error)));
    assert_eq!(failed.session.objects.len(), 2, "ann and the pending dee");
    let teardown = report.steps.last().unwrap();
    assert_eq!(teardown.kind, StepKind::Teardown);
    let rollback = statements_of(&report, teardown);
    assert_eq!(rollback[0].kind, StatementKind::Rollback);
    assert_eq!(rollback[0].phase, Phase::Teardown);
    assert!(teardown.tables.is_empty(), "nothing was flushed");
    let objects = &teardown.session.objects;
    assert_eq!(objects.len(), 1, "dee is transient again and unreachable");
    assert_eq!(objects[0].status, ObjectStatus::Detached);
}

#[test]
fn a_syntax_error_runs_nothing_and_is_located() {
    let report = report_of("print('a')\nx = (1,\n");
    assert!(report.steps.is_empty());
    let error = report.error.unwrap();
    assert_eq!(error.class_name, "SyntaxError");
    assert_eq!(error.span.unwrap().line, error.line.unwrap());
}

#[test]
fn an_endless_loop_stops_at_the_step_budget() {
    let options = RunOptions {
        limits: retort_python::Limits {
            max_steps: 10_000,
            ..Default::default()
        },
        ..RunOptions::default()
    };
    let (_, report) = run_script_with_report("print('go')\nwhile True:\n    pass\n", &options);
    let error = report.error.clone().unwrap();
    assert!(error.execution_limit);
    assert_eq!(error.span.unwrap().line, 2);
    assert_eq!(report.stdout(), "go\n");
}

/// A `__repr__` that prints, loops, writes or queries: snapshots show the
/// fallback and the run is the same as without the report.
#[test]
fn snapshots_never_change_the_run() {
    let source = "\
class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))

    def __repr__(self):
        print('repr!')
        self.name = 'changed'
        Item.query.count()
        return 'never'


class Loop(db.Model):
    id = db.Column(db.Integer, primary_key=True)

    def __repr__(self):
        while True:
            pass


db.create_all()
i = Item(name='a')
l = Loop()
db.session.add_all([i, l])
db.session.commit()
print(i.name)
";
    let options = RunOptions {
        limits: retort_python::Limits {
            max_steps: 20_000,
            ..Default::default()
        },
        ..RunOptions::default()
    };
    let (record, report) = run_script_with_report(source, &options);
    assert_eq!(record, run_script(source, &options));
    assert_eq!(record.error, None);
    assert_eq!(record.stdout, "a\n");
    let last = report.steps.last().unwrap();
    assert!(last.session.objects.iter().all(|o| o.repr_fallback));
    let item = &report.steps[3].session.objects[0];
    assert_eq!(item.attributes[0].name, "name");
    assert_eq!(item.attributes[0].value.text, "'a'");
    assert_eq!(
        item.changed[0].new.text, "'a'",
        "the repr's write is undone"
    );
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
        let claimed: usize = report
            .steps
            .iter()
            .map(|s| s.statement_indices().count())
            .sum();
        assert_eq!(
            claimed,
            record.statements.len(),
            "every statement is in one step"
        );
        assert_eq!(report.stdout(), record.stdout);
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
    let load = report
        .statement(found.loads[0])
        .unwrap()
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
    use retort_flask::report::CascadeOp;
    let (_, report) = run_script_with_report(&scenario("22_"), &RunOptions::default());
    let orphan = report
        .effects
        .iter()
        .find(|e| e.op == CascadeOp::DeleteOrphan)
        .expect("the removed line is deleted as an orphan");
    assert_eq!(orphan.via, "Cart.lines");
    assert_eq!(orphan.span.unwrap().line, 27);
    let deleted: Vec<_> = report
        .effects
        .iter()
        .filter(|e| e.op == CascadeOp::Delete)
        .collect();
    assert_eq!(deleted.len(), 2, "deleting the cart deletes its two lines");
    assert!(
        deleted
            .iter()
            .all(|e| e.via == "Cart.lines" && e.span.unwrap().line == 34)
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

#[test]
fn a_step_that_changes_the_schema_carries_it() {
    let source = "\
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)

class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'), index=True)

class Unused(db.Model):
    __tablename__ = 'unused'
    id = db.Column(db.Integer, primary_key=True)

Unused.__table__.drop(db.engine, checkfirst=True)
db.create_all()
db.session.add(Author(name='a'))
db.session.commit()
Unused.__table__.drop(db.engine)
";
    let report = report_of(source);
    let schemas: Vec<(usize, Vec<&str>)> = report
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let schema = step.schema.as_ref()?;
            Some((i, schema.tables.iter().map(|t| t.name.as_str()).collect()))
        })
        .collect();
    // The checked drop sent no DDL; the INSERT and COMMIT changed nothing.
    assert_eq!(
        schemas,
        [
            (4, vec!["author", "book", "unused"]),
            (7, vec!["author", "book"])
        ],
    );
    let created = report.steps[4].schema.as_ref().unwrap();
    let book = created.table("book").unwrap();
    assert_eq!(book.foreign_keys[0].target_table, "author");
    assert_eq!(
        book.indexes,
        ["CREATE INDEX ix_book_author_id ON book (author_id)"]
    );
    assert!(created.table("author").unwrap().columns[1].not_null);
    assert_eq!(report.declared_tables, ["author", "unused", "book"]);
}

/// The engine worker sends reports to the page as postcard bytes, which
/// carry no field names or tags: every report of the corpus (relationships,
/// cascades, warnings, errors, N+1 loads) must read back equal.
#[test]
fn every_corpus_report_survives_the_page_wire_format() {
    let mut scenarios: Vec<_> = fs::read_dir(corpus())
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    scenarios.sort();
    assert!(scenarios.len() >= 30);
    for path in scenarios {
        let report = report_of(&fs::read_to_string(&path).unwrap());
        let bytes = postcard::to_allocvec(&report).unwrap();
        let read: RunReport = postcard::from_bytes(&bytes).unwrap();
        assert!(read == report, "{} changed on the wire", path.display());
    }
}
