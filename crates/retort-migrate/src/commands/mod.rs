//! The `flask db` commands: Flask imports `app.py`, click parses the
//! command line, then Flask-Migrate and Alembic do their work — `init`
//! writes the repository; `migrate`/`check` compare the models with the
//! database; `upgrade`/`downgrade`/`stamp` move the database along the
//! revision graph, one transaction per revision; `current`, `history`,
//! `heads` and `show` print. Errors take the three forms of the
//! recordings: a bare `Error: ...` before `env.py` configured logging,
//! `ERROR [flask_migrate] Error: ...` after it (Flask-Migrate catches
//! `CommandError` and `RuntimeError`, exit status 1), and tracebacks.

use retort_flask::project::{AppInfo, DatabaseLocation, MigrateSettings, load_app};
use retort_flask::{ErrorEntry, StatementEntry};
use retort_python::Limits;

use crate::cli::{Invocation, Parsed, parse};
use crate::conn::{self, DbError, MigConn};
use crate::console::Console;
use crate::model::{NamingConvention, default_convention};
use crate::project::Project;
use crate::revisions::RevisionMap;
use crate::runner::{Failure, MigrationEnv};
use crate::{ddl, reflect};

mod autogenerate;
mod database;
mod init;
mod inspect;

const MIGRATION: &str = "alembic.runtime.migration";
const FLASK_MIGRATE: &str = "flask_migrate";
const PLUGINS: &[&str] = &[
    "schemas",
    "tables",
    "types",
    "constraints",
    "defaults",
    "comments",
];

/// What one command did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommandOutcome {
    pub exit_code: i32,
    pub console: Console,
    pub error: Option<ErrorEntry>,
    pub traceback: Option<String>,
    pub statements: Vec<StatementEntry>,
}

/// Settings of a command run.
#[derive(Debug, Clone)]
pub struct CommandOptions {
    pub limits: Limits,
    /// Makes a new revision id (12 hex digits in Alembic).
    pub new_revision_id: fn() -> String,
    /// The `Create Date` of a new revision.
    pub now: fn() -> String,
}

impl Default for CommandOptions {
    fn default() -> Self {
        CommandOptions {
            limits: Limits::default(),
            new_revision_id: random_revision_id,
            now: local_now,
        }
    }
}

/// `uuid.uuid4().hex[-12:]`: twelve random hex digits.
pub fn random_revision_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    hasher.write_u64(nanos);
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

/// `str(datetime.datetime.now())`.
pub fn local_now() -> String {
    chrono::Local::now()
        .naive_local()
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string()
}

/// One command being run.
struct Cmd<'a> {
    project: &'a Project,
    options: &'a CommandOptions,
    out: CommandOutcome,
    app: AppInfo,
    settings: MigrateSettings,
    invocation: Invocation,
}

/// Runs `flask db WORDS...` in the project, with `app.py` as the app.
pub fn run_flask_db(
    project: &Project,
    words: &[String],
    options: &CommandOptions,
) -> CommandOutcome {
    let mut out = CommandOutcome::default();
    let Some(app_source) = project.read("app.py") else {
        out.console.err(
            "Error: Could not import 'app'.\n\nUsage: flask [OPTIONS] COMMAND [ARGS]...\nTry 'flask --help' for help.\n\nError: No such command 'db'.\n",
        );
        out.exit_code = 2;
        return out;
    };
    let (loaded, info) = load_app(project.files(), &app_source, &options.limits);
    out.console.out(&loaded.stdout);
    out.statements.extend(loaded.statements.iter().cloned());
    let Some(app) = info else {
        let error = loaded.error.clone();
        let is_import = error
            .as_ref()
            .is_some_and(|e| e.type_name == "ImportError" || e.type_name == "ModuleNotFoundError");
        if is_import {
            out.console.err(&format!(
                "Error: While importing 'app', an ImportError was raised:\n\n{}\n\nUsage: flask [OPTIONS] COMMAND [ARGS]...\nTry 'flask --help' for help.\n\nError: No such command 'db'.\n",
                loaded.stderr.trim_end()
            ));
            out.exit_code = 2;
        } else {
            out.console.err(&loaded.stderr);
            out.error = error;
            out.traceback = loaded.traceback.clone();
            out.exit_code = 1;
        }
        return out;
    };
    let Some(settings) = app.migrate.clone() else {
        out.console.err(
            "Usage: flask [OPTIONS] COMMAND [ARGS]...\nTry 'flask --help' for help.\n\nError: No such command 'db'.\n",
        );
        out.exit_code = 2;
        return out;
    };
    let invocation = match parse(words) {
        Parsed::Run(invocation) => invocation,
        Parsed::Help(text) => {
            out.console.out(&text);
            return out;
        }
        Parsed::Usage(text) => {
            out.console.err(&text);
            out.exit_code = 2;
            return out;
        }
    };
    let mut cmd = Cmd {
        project,
        options,
        out,
        app,
        settings,
        invocation,
    };
    cmd.dispatch();
    cmd.out
}

fn db_failure(error: DbError) -> Failure {
    let message = error.message.clone();
    Failure::Python {
        exception_only: format!("sqlalchemy.exc.{}: {message}\n", error.class),
        qualified_type: format!("sqlalchemy.exc.{}", error.class),
        error: Box::new(retort_python::ScriptError {
            class_name: error.class,
            message,
            line: 0,
            col: 0,
            traceback: Vec::new(),
            exception: None,
            is_execution_limit: false,
            syntax_source_line: None,
            syntax_end: None,
            chained: None,
        }),
    }
}

/// What the database says about its version.
fn current_heads(conn: &mut MigConn) -> Result<Vec<String>, DbError> {
    if !reflect::has_table(conn, "alembic_version")? {
        return Ok(Vec::new());
    }
    Ok(conn
        .query(ddl::SELECT_VERSIONS, &[])?
        .into_iter()
        .filter_map(|row| match row.into_iter().next() {
            Some(retort_driver::Value::Text(t)) => Some(t),
            _ => None,
        })
        .collect())
}

fn ensure_version_table(conn: &mut MigConn) -> Result<(), DbError> {
    if !reflect::has_table(conn, "alembic_version")? {
        conn.execute(ddl::CREATE_VERSION_TABLE, &[])?;
    }
    Ok(())
}

/// Moves the version row from `from` to `to` (`None`: base).
fn update_version(conn: &mut MigConn, from: Option<&str>, to: Option<&str>) -> Result<(), Failure> {
    match (from, to) {
        (None, Some(to)) => {
            conn.execute(&ddl::insert_version(to), &[])
                .map_err(db_failure)?;
        }
        (Some(from), Some(to)) => {
            conn.execute(&ddl::update_version(from, to), &[])
                .map_err(db_failure)?;
            let changed = conn.changes();
            if changed != 1 {
                return Err(Failure::Command(format!(
                    "Online migration expected to match one row when updating '{from}' to '{to}' in 'alembic_version'; {changed} found"
                )));
            }
        }
        (Some(from), None) => {
            conn.execute(&ddl::delete_version(from), &[])
                .map_err(db_failure)?;
            let changed = conn.changes();
            if changed != 1 {
                return Err(Failure::Command(format!(
                    "Online migration expected to match one row when deleting '{from}' in 'alembic_version'; {changed} found"
                )));
            }
        }
        (None, None) => {}
    }
    Ok(())
}

impl Cmd<'_> {
    pub(super) fn console(&mut self) -> &mut Console {
        &mut self.out.console
    }

    pub(super) fn directory(&self) -> String {
        self.invocation
            .value("directory")
            .map(str::to_owned)
            .unwrap_or_else(|| self.settings.directory.clone())
    }

    pub(super) fn versions_dir(&self) -> String {
        format!("{}/versions", self.directory())
    }

    pub(super) fn convention(&self) -> NamingConvention {
        if self.app.naming_convention.is_empty() {
            default_convention()
        } else {
            self.app.naming_convention.clone()
        }
    }

    pub(super) fn fail(&mut self, failure: Failure) {
        self.out.exit_code = 1;
        match failure {
            Failure::Command(message) => {
                self.console()
                    .error(FLASK_MIGRATE, &format!("Error: {message}"));
            }
            Failure::Python {
                error,
                exception_only,
                qualified_type,
            } => {
                let caught = [
                    "RuntimeError",
                    "NotImplementedError",
                    "RecursionError",
                    "CommandError",
                ]
                .contains(&error.class_name.as_str());
                if caught && !error.is_execution_limit {
                    let message = format!("Error: {}", error.message);
                    self.console().error(FLASK_MIGRATE, &message);
                    return;
                }
                self.console().traceback(&exception_only);
                self.out.traceback = Some(if error.traceback.is_empty() {
                    format!("Traceback (most recent call last):\n{exception_only}")
                } else {
                    error.format_traceback()
                });
                self.out.error = Some(ErrorEntry {
                    type_name: error.class_name.clone(),
                    qualified_type,
                    message: crate::runner::exception_str(&error),
                    line: None,
                });
            }
        }
    }

    /// `ScriptDirectory.from_config`: the repository must exist.
    pub(super) fn require_repository(&mut self) -> bool {
        let directory = self.directory();
        if self.project.exists(&directory) {
            return true;
        }
        self.out.exit_code = 1;
        self.console().error(
            FLASK_MIGRATE,
            &format!(
                "Error: Path doesn't exist: {directory}.  Please use the 'init' command to create a new scripts folder."
            ),
        );
        false
    }

    pub(super) fn dispatch(&mut self) {
        let command = self.invocation.command.clone();
        match command.as_str() {
            "init" => self.init(),
            "migrate" => self.autogenerate(true),
            "check" => self.autogenerate(false),
            "revision" => {
                if self.invocation.flag("autogenerate") {
                    self.autogenerate(true)
                } else {
                    self.revision()
                }
            }
            "upgrade" | "downgrade" => self.migrate_database(command == "upgrade"),
            "stamp" => self.stamp(),
            "current" => self.current(),
            "history" => self.history(),
            "heads" => self.heads(),
            "show" => self.show(),
            "list-templates" => {
                self.console().line("Available templates:\n");
                self.console()
                    .line("aioflask - Single-database configuration for Flask.");
                self.console()
                    .line("aioflask-multidb - Multi-database configuration for aioflask.");
                self.console()
                    .line("flask - Single-database configuration for Flask.");
                self.console()
                    .line("flask-multidb - Multi-database configuration for Flask.");
            }
            other => {
                self.out.exit_code = 1;
                let message = format!("Error: 'flask db {other}' is not supported by Retort yet");
                self.console().error(FLASK_MIGRATE, &message);
            }
        }
    }

    /// Starts `env.py`: logging, the interpreter, the connection.
    pub(super) fn start_env(&mut self) -> Option<MigrationEnv> {
        self.console().logging = true;
        let env = match MigrationEnv::new(self.convention(), &self.options.limits) {
            Ok(env) => env,
            Err(message) => {
                self.fail(Failure::Command(message));
                return None;
            }
        };
        let opened = match &self.app.database {
            DatabaseLocation::Memory => MigConn::open(None),
            DatabaseLocation::File(path) => self
                .project
                .files()
                .open_database(path)
                .map(MigConn::new)
                .map_err(|e| conn::wrap(e, "", &[])),
        };
        match opened {
            Ok(conn) => env.connect(conn),
            Err(error) => {
                self.fail(db_failure(error));
                return None;
            }
        }
        self.console().info(MIGRATION, "Context impl SQLiteImpl.");
        self.console()
            .info(MIGRATION, "Will assume non-transactional DDL.");
        Some(env)
    }

    /// Ends `env.py`: rolls back, collects the statements and output.
    pub(super) fn end_env(&mut self, env: &MigrationEnv) {
        let printed = env.take_output();
        self.console().out(&printed);
        if let Some(mut conn) = env.close() {
            self.out.statements.extend(conn.take_records());
        }
    }

    pub(super) fn heads_in(
        &mut self,
        env: &MigrationEnv,
        mutate: bool,
    ) -> Result<Vec<String>, Failure> {
        env.with_conn(|conn| -> Result<Vec<String>, DbError> {
            let heads = current_heads(conn)?;
            if heads.is_empty() && mutate {
                ensure_version_table(conn)?;
            }
            Ok(heads)
        })
        .unwrap_or(Ok(Vec::new()))
        .map_err(db_failure)
    }

    pub(super) fn load_map(&mut self, env: &mut MigrationEnv) -> Result<RevisionMap, Failure> {
        let versions = self.versions_dir();
        env.load_revisions(self.project, &versions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom flask_migrate import Migrate\n\napp = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///data.db'\ndb = SQLAlchemy(app)\nmigrate = Migrate(app, db)\n\n\nclass Note(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    text = db.Column(db.String(40), nullable=False)\n";

    fn next_id() -> String {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        format!("{:012x}", NEXT.fetch_add(1, Ordering::Relaxed))
    }

    fn run(project: &Project, line: &str) -> CommandOutcome {
        let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        let options = CommandOptions {
            new_revision_id: next_id,
            now: || "2024-01-01 00:00:00.000000".into(),
            ..CommandOptions::default()
        };
        run_flask_db(project, &words, &options)
    }

    #[test]
    fn init_migrate_upgrade_downgrade() {
        let root = std::env::temp_dir().join(format!("retort_commands_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let project = Project::new(&root);
        project.write("app.py", APP).unwrap();

        let before_init = run(&project, "upgrade");
        assert_eq!(before_init.exit_code, 1);
        assert!(
            before_init
                .console
                .stderr
                .starts_with("Error: Path doesn't exist: migrations.")
        );

        assert_eq!(run(&project, "init").exit_code, 0);
        assert!(project.exists("migrations/env.py"));
        let migrate = run(&project, "migrate -m notes");
        assert_eq!(migrate.exit_code, 0, "{}", migrate.console.output);
        assert!(
            migrate.console.stderr.contains(
                "INFO  [alembic.autogenerate.compare.tables] Detected added table 'note'\n"
            )
        );
        let files = project.files_in("migrations/versions");
        assert_eq!(files.len(), 1);
        let script = project
            .read(&format!("migrations/versions/{}", files[0]))
            .unwrap();
        assert!(script.contains("    op.create_table('note',\n"));

        let upgrade = run(&project, "upgrade");
        assert_eq!(upgrade.exit_code, 0, "{}", upgrade.console.output);
        assert!(
            upgrade
                .statements
                .iter()
                .any(|s| s.normalized.starts_with("CREATE TABLE note"))
        );
        let current = run(&project, "current");
        assert!(current.console.stdout.ends_with(" (head)\n"));
        let check = run(&project, "check");
        assert_eq!(
            check.console.stdout,
            "No new upgrade operations detected.\n"
        );

        let downgrade = run(&project, "downgrade");
        assert_eq!(downgrade.exit_code, 0, "{}", downgrade.console.output);
        assert!(
            downgrade
                .statements
                .iter()
                .any(|s| s.normalized == "DROP TABLE note")
        );
        assert_eq!(run(&project, "current").console.stdout, "");
        let usage = run(&project, "downgrade -2");
        assert_eq!(usage.exit_code, 2);
        let _ = std::fs::remove_dir_all(&root);
    }
}
