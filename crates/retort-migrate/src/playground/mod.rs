//! `flask db ...` for the page: a project held in memory
//! ([`MemoryFiles`]) is rebuilt from the [`ProjectState`] the page sends,
//! the editor's script plays `app.py` ([`app_source`]), the command runs
//! as natively, and the answer ([`MigrationRun`]) carries the terminal
//! text, the new state, the revision chain ([`chain`]), the schema before
//! and after with the changes ([`schema`]), the step the page's panels
//! show (its SQL, rows and schema: [`step`]) and the classic mistakes
//! ([`mistakes`]); the terminal shows a traceback's frames, which the
//! recordings condense ([`traceback`]). `python X.py` and `rm` run as the
//! recordings' sessions use them ([`shell`]). The page keeps the state, so
//! nothing lives in the worker between commands.

pub mod app_source;
pub mod chain;
pub mod mistakes;
pub mod schema;
pub mod shell;
pub mod step;
pub mod traceback;

use std::path::Path;
use std::rc::Rc;

use retort_driver::{Database, Value};
use retort_flask::StatementEntry;
use retort_flask::files::{MemoryFiles, ProjectFiles};
use retort_python::stdlib::os::WORKING_DIRECTORY;
use retort_report::migration::{
    DatabaseImage, MigrationRun, ProjectFile, ProjectState, TableSchema,
};

use crate::commands::{CommandOptions, run_flask_db};
use crate::project::Project;
use crate::scenario::shlex_split;

/// Rebuilds the project from `state` (files, folders, databases).
fn restore(files: &MemoryFiles, state: &ProjectState) -> Result<(), String> {
    for dir in &state.dirs {
        files.create_dir(dir).map_err(|e| e.to_string())?;
    }
    for file in &state.files {
        if file.path != "app.py" {
            files
                .write(&file.path, &file.text)
                .map_err(|e| e.to_string())?;
        }
    }
    for database in &state.databases {
        let path = files.display(&database.path);
        files
            .databases()
            .restore(&path, &database.bytes)
            .map_err(|e| format!("{}: {e}", database.path))?;
    }
    Ok(())
}

/// The project as the page keeps it (`app.py` left out: it is the editor's).
fn collect(files: &MemoryFiles) -> ProjectState {
    let databases = files
        .database_paths()
        .into_iter()
        .filter_map(|path| {
            let relative = files.relative(&path)?;
            let bytes = files.databases().image(&path.to_string_lossy()).ok()??;
            Some(DatabaseImage {
                path: relative,
                bytes,
            })
        })
        .collect();
    ProjectState {
        files: files
            .text_files()
            .into_iter()
            .filter(|(path, _)| path != "app.py")
            .map(|(path, text)| ProjectFile { path, text })
            .collect(),
        dirs: files.dirs(),
        databases,
    }
}

/// The project's first database, on a connection of its own.
fn open_first(files: &MemoryFiles) -> Option<Database> {
    let path = files.database_paths().into_iter().next()?;
    files.open_database(&path).ok()
}

/// The schema of the project's database and its revisions
/// (`alembic_version`).
fn inspect(db: Option<&mut Database>) -> (Vec<TableSchema>, Vec<String>) {
    let Some(db) = db else {
        return (Vec::new(), Vec::new());
    };
    let schema = schema::read_schema(db);
    let current = if schema.iter().any(|t| t.name == "alembic_version") {
        db.query("SELECT version_num FROM alembic_version", &[])
            .map(|r| {
                r.rows
                    .iter()
                    .filter_map(|row| match row.first() {
                        Some(Value::Text(t)) => Some(t.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    (schema, current)
}

/// What a terminal line asks for.
enum Line {
    FlaskDb(Vec<String>),
    Python(Vec<String>),
    Rm(Vec<String>),
    /// The terminal's answer without running anything.
    Answer(i32, String),
}

fn parse_line(line: &str) -> Line {
    let words = match shlex_split(line) {
        Ok(words) => words,
        Err(e) => return Line::Answer(2, format!("{e}\n")),
    };
    match words.first().map(String::as_str) {
        None => Line::Answer(0, String::new()),
        Some("python" | "python3") => Line::Python(words[1..].to_vec()),
        Some("rm") => Line::Rm(words[1..].to_vec()),
        Some("flask") => match words.get(1).map(String::as_str) {
            Some("db") => Line::FlaskDb(words[2..].to_vec()),
            Some(other) => Line::Answer(
                2,
                format!(
                    "Usage: flask [OPTIONS] COMMAND [ARGS]...\nTry 'flask --help' for help.\n\nError: No such command '{other}'.\n"
                ),
            ),
            None => Line::Answer(
                0,
                "Usage: flask [OPTIONS] COMMAND [ARGS]...\n\n  A general utility script for Flask applications.\n\nCommands:\n  db      Perform database migrations.\n".to_owned(),
            ),
        },
        Some(other) => Line::Answer(
            127,
            format!(
                "{other}: command not found (this terminal runs flask db ..., python X.py and rm)\n"
            ),
        ),
    }
}

/// Runs the command line `line` (`flask db upgrade`) on the project
/// `state`, with `script` (the editor's text) as `app.py`.
pub fn run_command_line(
    state: &ProjectState,
    script: &str,
    line: &str,
    options: &CommandOptions,
) -> MigrationRun {
    let app = app_source::app_py(script);
    let files = Rc::new(MemoryFiles::new(Path::new(WORKING_DIRECTORY)));
    let mut run = MigrationRun {
        command: line.trim().to_owned(),
        app_source: app.clone(),
        app_line_offset: app_source::line_offset(script) as u32,
        ..MigrationRun::default()
    };
    if let Err(message) = restore(&files, state) {
        run.exit_code = 1;
        run.output = format!("The project could not be restored: {message}\n");
        run.state = state.clone();
        return run;
    }
    let _ = files.write("app.py", &app);
    let (schema_before, _) = inspect(open_first(&files).as_mut());
    let mut statements: &[StatementEntry] = &[];
    let outcome_statements;
    match parse_line(line) {
        Line::FlaskDb(words) => {
            let project = Project::with_files(files.clone());
            let outcome = run_flask_db(&project, &words, options);
            run.exit_code = outcome.exit_code;
            run.output =
                traceback::with_frames(&outcome.console.output, outcome.traceback.as_deref());
            outcome_statements = outcome.statements;
            statements = &outcome_statements;
        }
        Line::Python(args) => {
            let outcome = shell::python(&files, &args, &app, &options.limits);
            run.exit_code = outcome.exit_code;
            run.output = traceback::with_frames(&outcome.output, outcome.traceback.as_deref());
            outcome_statements = outcome.statements;
            statements = &outcome_statements;
        }
        Line::Rm(args) => {
            let outcome = shell::rm(&files, &args);
            run.exit_code = outcome.exit_code;
            run.output = outcome.output;
        }
        Line::Answer(code, text) => {
            run.exit_code = code;
            run.output = text;
        }
    }
    let mut db = open_first(&files);
    let (schema_after, current) = inspect(db.as_mut());
    let tables_before: Vec<String> = schema_before.iter().map(|t| t.name.clone()).collect();
    run.step = step::terminal_step(line, &run.output, statements, &tables_before, db.as_mut());
    run.changes = schema::changes(&schema_before, &schema_after);
    run.schema_before = schema_before;
    run.schema_after = schema_after;
    run.state = collect(&files);
    let texts: Vec<(String, String)> = run
        .state
        .files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    run.revisions = chain::revision_chain(&texts, &current);
    run.current = current;
    run.mistakes = mistakes::detect(&run.command, &app, &run.output);
    run
}

#[cfg(test)]
mod tests;
