//! A learner's session in the page, natively: init, migrate, upgrade, a
//! new column, its revision, upgrade and downgrade, each command on the
//! state the previous one returned.

use super::*;
use retort_report::migration::Change;

const V1: &str = "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(40), nullable=False)\n";
const V2: &str = "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(40), nullable=False)\n    age = db.Column(db.Integer)\n";

fn options() -> CommandOptions {
    fn next_id() -> String {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0xa1);
        format!("{:012x}", NEXT.fetch_add(1, Ordering::Relaxed))
    }
    CommandOptions {
        new_revision_id: next_id,
        now: || "2026-01-01 00:00:00.000000".into(),
        ..CommandOptions::default()
    }
}

#[test]
fn a_session_on_the_state_the_page_keeps() {
    let options = options();
    let init = run_command_line(&ProjectState::default(), V1, "flask db init", &options);
    assert_eq!(init.exit_code, 0, "{}", init.output);
    assert!(
        init.output
            .contains("Creating directory /app/migrations ...  done")
    );
    assert!(
        init.state
            .files
            .iter()
            .any(|f| f.path == "migrations/env.py")
    );
    assert!(init.state.dirs.contains(&"migrations/versions".to_owned()));

    let migrate = run_command_line(&init.state, V1, "flask db migrate -m \"initial\"", &options);
    assert_eq!(migrate.exit_code, 0, "{}", migrate.output);
    assert_eq!(migrate.revisions.len(), 1);
    assert!(migrate.revisions[0].head && !migrate.revisions[0].current);
    assert_eq!(migrate.state.databases[0].path, "instance/data.db");

    let upgrade = run_command_line(&migrate.state, V1, "flask db upgrade", &options);
    assert_eq!(upgrade.exit_code, 0, "{}", upgrade.output);
    assert!(upgrade.revisions[0].current);
    assert_eq!(upgrade.changes[0].table, "user");
    assert_eq!(upgrade.changes[0].change, Change::Added);
    assert!(
        upgrade
            .step
            .statements
            .iter()
            .any(|s| s.sql.starts_with("\nCREATE TABLE user"))
    );

    let add = run_command_line(
        &upgrade.state,
        V2,
        "flask db migrate -m \"add age\"",
        &options,
    );
    assert_eq!(add.exit_code, 0, "{}", add.output);
    let script = add
        .state
        .files
        .iter()
        .find(|f| f.path.ends_with("_add_age.py"))
        .expect("the new revision");
    assert!(
        script
            .text
            .contains("batch_op.add_column(sa.Column('age', sa.Integer(), nullable=True))")
    );
    assert_eq!(add.revisions.len(), 2);

    let up = run_command_line(&add.state, V2, "flask db upgrade", &options);
    assert_eq!(up.exit_code, 0, "{}", up.output);
    let change = &up.changes[0];
    assert_eq!(
        (change.table.as_str(), change.columns[0].name.as_str()),
        ("user", "age")
    );
    assert_eq!(change.columns[0].change, Change::Added);
    assert!(up.revisions[1].current && up.revisions[1].head);

    let down = run_command_line(&up.state, V2, "flask db downgrade", &options);
    assert_eq!(down.exit_code, 0, "{}", down.output);
    assert_eq!(down.changes[0].columns[0].change, Change::Dropped);
    assert!(down.revisions[0].current);
    let user = down.schema_after.iter().find(|t| t.name == "user").unwrap();
    assert!(!user.columns.iter().any(|c| c.name == "age"));
    // The page's Tables panel: the rows after, without the column.
    let rows = down
        .step
        .step
        .tables
        .iter()
        .find(|t| t.name == "user")
        .unwrap();
    assert_eq!(rows.columns, ["id", "name"]);
    let versions = down
        .step
        .step
        .tables
        .iter()
        .find(|t| t.name == "alembic_version")
        .unwrap();
    assert_eq!(versions.rows.len(), 1);

    let behind = run_command_line(&down.state, V2, "flask db migrate", &options);
    assert_eq!(behind.exit_code, 1);
    assert!(
        behind
            .mistakes
            .contains(&retort_report::migration::Mistake::NotUpToDate)
    );
}

#[test]
fn lines_that_are_not_flask_db_get_a_terminal_answer() {
    let options = options();
    let other = run_command_line(&ProjectState::default(), V1, "ls -l", &options);
    assert_eq!(other.exit_code, 127);
    let quote = run_command_line(
        &ProjectState::default(),
        V1,
        "flask db migrate -m \"x",
        &options,
    );
    assert_eq!(quote.exit_code, 2);
    let whole = "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\ndb = SQLAlchemy(app)\n";
    let no_migrate = run_command_line(&ProjectState::default(), whole, "flask db init", &options);
    assert_eq!(no_migrate.exit_code, 2);
    assert!(
        no_migrate
            .mistakes
            .contains(&retort_report::migration::Mistake::NoMigrate)
    );
}

#[test]
fn python_app_py_and_rm_as_in_the_recorded_sessions() {
    let options = options();
    let script =
        format!("{V1}\nwith app.app_context():\n    db.create_all()\n    print('created')\n");
    let made = run_command_line(&ProjectState::default(), &script, "python app.py", &options);
    assert_eq!(made.exit_code, 0, "{}", made.output);
    assert_eq!(made.output, "created\n");
    assert!(made.schema_after.iter().any(|t| t.name == "user"));
    let init = run_command_line(&made.state, &script, "flask db init", &options);
    let nothing = run_command_line(&init.state, &script, "flask db migrate", &options);
    assert!(
        nothing.output.contains("No changes in schema detected."),
        "{}",
        nothing.output
    );
    assert!(
        nothing
            .mistakes
            .contains(&retort_report::migration::Mistake::CreateAllDoesNotAlter)
    );
    let gone = run_command_line(&nothing.state, &script, "rm instance/data.db", &options);
    assert_eq!(gone.exit_code, 0, "{}", gone.output);
    assert!(gone.state.databases.is_empty());
    let missing = run_command_line(&gone.state, &script, "python seed.py", &options);
    assert_eq!(missing.exit_code, 2);
    assert_eq!(
        missing.output,
        "python: can't open file '/app/seed.py': [Errno 2] No such file or directory\n"
    );
}

#[test]
fn the_page_sees_a_tracebacks_frames_and_where_app_py_starts() {
    let options = options();
    let script = format!("{V1}\nprint(missing)\n");
    let failed = run_command_line(&ProjectState::default(), &script, "python app.py", &options);
    assert_eq!(failed.exit_code, 1);
    let line = V1.lines().count() + 2 + failed.app_line_offset as usize;
    assert!(
        failed.output.contains(&format!(
            "Traceback (most recent call last):\n  File \"/app/app.py\", line {line}, in <module>\n    print(missing)\nNameError: name 'missing' is not defined\n"
        )),
        "{}",
        failed.output
    );
    assert_eq!(failed.app_line_offset, 9);
}
