//! The console after a run ([`RunSession`]): `>>>` input evaluated in the
//! namespace and session the script left behind, echoed as the REPL does,
//! each input one more step of the report with the SQL it caused; errors
//! and the step budget end the input, not the console; a file database
//! keeps what was committed across runs.

use retort_flask::report::{Event, Origin, RunReport, StepKind};
use retort_flask::{RunOptions, RunSession};
use retort_python::Limits;

const SCRIPT: &str = "\
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True)

    def __repr__(self):
        return '<User %r>' % self.username


db.create_all()
for name in ['ann', 'bob', 'cy', 'lili']:
    db.session.add(User(username=name))
db.session.commit()
lili = User.query.filter_by(username='lili').first()
";

fn started(source: &str) -> RunSession {
    RunSession::start(source, &RunOptions::default(), true, None)
}

fn echo(session: &mut RunSession, line: &str) -> Option<String> {
    let outcome = session.eval_console(line);
    let input = outcome.step.console.expect("a console step");
    assert_eq!(input.error, None, "{line}");
    input.echo
}

#[test]
fn an_expression_echoes_its_repr_and_its_select_is_a_new_step() {
    let mut session = started(SCRIPT);
    let before = session.report();
    assert_eq!(before.error, None);
    assert!(before.steps.iter().all(|s| s.kind != StepKind::Teardown));

    let outcome = session.eval_console("User.query.count()");
    let input = outcome.step.console.clone().unwrap();
    assert_eq!((input.number, input.echo.as_deref()), (1, Some("4")));
    assert_eq!(outcome.step.kind, StepKind::Console);
    assert_eq!(outcome.step.index, before.steps.len() as u64);
    assert_eq!(outcome.step.span, None);
    let select = outcome
        .statements
        .iter()
        .find(|s| s.sql.starts_with("SELECT count(*)"))
        .expect("the count's SELECT");
    assert_eq!(select.console, Some(1));
    assert_eq!(select.span, None);
    assert_eq!(select.origin, Origin::Query);
    assert!(outcome.step.events.contains(&Event::Statement {
        index: select.index
    }));

    // The page appends it to the run's report; so does the session's own.
    let mut page = before.clone();
    page.push_step(outcome);
    let after = session.report();
    assert_eq!(page.steps, after.steps);
    assert_eq!(page.statements, after.statements);
}

#[test]
fn the_repl_echo_rules() {
    let mut session = started(SCRIPT);
    assert_eq!(
        echo(&mut session, "User.query.filter_by(username='lili').all()").as_deref(),
        Some("[<User 'lili'>]")
    );
    assert_eq!(echo(&mut session, "lili"), Some("<User 'lili'>".into()));
    assert_eq!(echo(&mut session, "print('hi')"), None);
    assert_eq!(echo(&mut session, "x = 2 + 2"), None);
    assert_eq!(echo(&mut session, "x"), Some("4".into()));
    assert_eq!(echo(&mut session, "_ * 10"), Some("40".into()));
    assert_eq!(echo(&mut session, "None"), None);
    assert_eq!(echo(&mut session, "'a'"), Some("'a'".into()));
    // A `for` typed on one line; its output is the step's stdout.
    let outcome = session.eval_console("for u in User.query.order_by(User.id): print(u.id)");
    assert_eq!(outcome.step.stdout(), "1\n2\n3\n4\n");
}

#[test]
fn console_changes_go_through_the_same_session_and_show_in_the_snapshots() {
    let mut session = started(SCRIPT);
    echo(&mut session, "u = User(username='dee')");
    let added = session.eval_console("db.session.add(u)");
    let objects = &added.step.session.objects;
    assert!(
        objects.iter().any(|o| o.repr == "<User 'dee'>"),
        "{objects:?}"
    );
    let committed = session.eval_console("db.session.commit()");
    assert!(
        committed
            .statements
            .iter()
            .any(|s| s.sql.starts_with("INSERT INTO user"))
    );
    let table = committed
        .step
        .tables
        .iter()
        .find(|t| t.name == "user")
        .expect("the user table changed");
    assert_eq!(table.rows.len(), 5);
    // The script's object is still in the session: its change is flushed.
    echo(&mut session, "lili.username = 'li'");
    echo(&mut session, "db.session.commit()");
    assert_eq!(
        echo(&mut session, "User.query.get(4)"),
        Some("<User 'li'>".into())
    );
}

#[test]
fn an_exception_is_reported_and_the_console_lives_on() {
    let mut session = started(SCRIPT);
    let outcome = session.eval_console("User.query.filter_by(nope=1).all()");
    let error = outcome.step.console.unwrap().error.expect("an error");
    assert!(
        error
            .traceback
            .last()
            .unwrap()
            .starts_with(&error.class_name),
        "{error:?}"
    );
    assert!(error.traceback[0].starts_with("Traceback (most recent call last):"));
    let syntax = session.eval_console("x = = 1");
    assert_eq!(
        syntax.step.console.unwrap().error.unwrap().class_name,
        "SyntaxError"
    );
    assert_eq!(echo(&mut session, "User.query.count()"), Some("4".into()));
    // The run's own error is not replaced by the console's.
    assert_eq!(session.report().error, None);
}

#[test]
fn each_input_has_the_step_budget_of_its_own() {
    let options = RunOptions {
        limits: Limits {
            max_steps: 2_000,
            ..Limits::default()
        },
        ..RunOptions::default()
    };
    let mut session = RunSession::start("for i in range(600):\n    pass\n", &options, true, None);
    assert_eq!(session.report().error, None);
    let endless = session.eval_console("while True: pass");
    let error = endless.step.console.unwrap().error.unwrap();
    assert!(error.execution_limit, "{error:?}");
    // The next input starts a new budget.
    assert_eq!(
        echo(&mut session, "sum([1 for i in range(600)])"),
        Some("600".into())
    );
}

#[test]
fn finishing_adds_the_teardown_after_the_console_steps() {
    let mut session = started(SCRIPT);
    echo(&mut session, "User.query.count()");
    let (record, report) = session.finish();
    let report: RunReport = report.unwrap();
    let kinds: Vec<StepKind> = report.steps.iter().rev().take(2).map(|s| s.kind).collect();
    assert_eq!(kinds, [StepKind::Teardown, StepKind::Console]);
    assert!(
        record
            .statements
            .iter()
            .any(|s| s.sql.starts_with("SELECT count(*)"))
    );
}

#[test]
fn a_file_database_keeps_committed_rows_and_create_all_skips_existing_tables() {
    let dir = std::env::temp_dir().join(format!("retort-console-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kept.sqlite3");
    let _ = std::fs::remove_file(&path);
    let path = path.to_string_lossy().into_owned();
    let open = || retort_driver::Database::open(&path).unwrap();
    let mut first = RunSession::start(SCRIPT, &RunOptions::default(), true, Some(open()));
    echo(&mut first, "db.session.add(User(username='uncommitted'))");
    echo(&mut first, "db.session.flush()");
    drop(first);

    let model = SCRIPT.split("db.create_all()").next().unwrap();
    let again = format!("{model}db.create_all()\nprint(User.query.count())\n");
    let second = RunSession::start(&again, &RunOptions::default(), true, Some(open()));
    let report = second.report();
    assert_eq!(report.stdout(), "4\n", "{:?}", report.error);
    assert!(
        !report
            .statements
            .iter()
            .any(|s| s.sql.starts_with("CREATE TABLE")),
        "create_all created an existing table"
    );
    drop(second);
    let _ = std::fs::remove_dir_all(&dir);
}
