//! Running the files of a project folder, as `python X.py` and `flask`
//! do: the learner's `app.py` importable as the module `app` (its
//! `if __name__ == "__main__":` block skipped), a helper script run as
//! `__main__` with no pre-imported names, and the database at the path
//! `SQLALCHEMY_DATABASE_URI` names — `sqlite:///data.db` is
//! `instance/data.db`, as Flask-SQLAlchemy 3 resolves it, and the
//! virtual `/app` of `os.path` is the project folder. Also `flask_migrate`
//! (`Migrate(app, db, ...)`) and `MetaData(naming_convention=...)`, whose
//! settings [`load_app`] reports with the models' `MetaData` for
//! Flask-Migrate's commands. The files and databases are a
//! [`ProjectFiles`]: a folder on disk, or memory in the page.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use retort_orm::{Engine, Session};
use retort_python::stdlib::os::WORKING_DIRECTORY;
use retort_python::{
    CallArgs, Interpreter, Limits, NativeFunction, NativeObject, PyErr, PyResult, ScriptError,
    Value,
};
use retort_sql::MetaData;

use crate::ctx::Ctx;
use crate::exceptions::ExceptionClasses;
use crate::files::{DiskFiles, ProjectFiles};
use crate::record::{ErrorEntry, StatementEntry};
use crate::runner::statement_entry;

/// What a run printed, raised and executed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScriptOutcome {
    pub stdout: String,
    /// Python's traceback as a terminal shows it, frames condensed to
    /// `  ...` (the corpus's form); empty without an error.
    pub stderr: String,
    pub error: Option<ErrorEntry>,
    /// The full traceback text.
    pub traceback: Option<String>,
    pub statements: Vec<StatementEntry>,
}

/// `Migrate(app, db, directory=..., compare_type=..., render_as_batch=...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateSettings {
    pub directory: String,
    pub compare_type: bool,
    pub render_as_batch: bool,
}

impl Default for MigrateSettings {
    fn default() -> Self {
        MigrateSettings {
            directory: "migrations".into(),
            compare_type: true,
            render_as_batch: true,
        }
    }
}

/// Where the app's database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    /// `sqlite://`: a fresh in-memory database per connection.
    Memory,
    File(PathBuf),
}

/// What Flask-Migrate needs from the imported app.
#[derive(Debug, Clone, PartialEq)]
pub struct AppInfo {
    /// The models' tables (and `db.Table`s).
    pub metadata: MetaData,
    /// `MetaData(naming_convention=...)`, key → template.
    pub naming_convention: Vec<(String, String)>,
    pub database: DatabaseLocation,
    /// `None` when the app never called `Migrate(app, db)`.
    pub migrate: Option<MigrateSettings>,
}

/// The settings a run collects from the app's calls.
#[derive(Debug, Default)]
struct ProjectState {
    database: Option<DatabaseLocation>,
    convention: Vec<(String, String)>,
    migrate: Option<MigrateSettings>,
}

/// `MetaData(naming_convention=...)`.
#[derive(Debug, Clone)]
struct MetaDataSpec {
    convention: Vec<(String, String)>,
}

impl NativeObject for MetaDataSpec {
    fn type_name(&self) -> &str {
        "MetaData"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok("MetaData()".into())
    }
}

/// The object `Migrate(...)` returns.
#[derive(Debug)]
struct MigrateObject {
    state: Rc<RefCell<ProjectState>>,
}

impl NativeObject for MigrateObject {
    fn type_name(&self) -> &str {
        "Migrate"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if name != "init_app" {
            return Ok(None);
        }
        let state = self.state.clone();
        Ok(Some(NativeFunction::function(
            "init_app",
            move |interp, args| {
                record_migrate(interp, &state, args)?;
                Ok(Value::None)
            },
        )))
    }
}

fn record_migrate(
    interp: &mut Interpreter,
    state: &Rc<RefCell<ProjectState>>,
    mut args: CallArgs,
) -> PyResult<()> {
    let mut settings = state.borrow().migrate.clone().unwrap_or_default();
    if let Some(directory) = args.take(2, "directory")
        && !matches!(directory, Value::None)
    {
        settings.directory = interp.str(&directory)?;
    }
    if let Some(value) = args.take_keyword("compare_type")
        && !matches!(value, Value::None)
    {
        settings.compare_type = interp.is_truthy(&value)?;
    }
    if let Some(value) = args.take_keyword("render_as_batch")
        && !matches!(value, Value::None)
    {
        settings.render_as_batch = interp.is_truthy(&value)?;
    }
    state.borrow_mut().migrate = Some(settings);
    Ok(())
}

/// Flask-SQLAlchemy 3's resolution of a SQLite URI.
fn resolve_uri(root: &Path, uri: &str) -> Result<DatabaseLocation, String> {
    let Some(rest) = uri.strip_prefix("sqlite://") else {
        return Err(format!(
            "Retort only runs SQLite databases; SQLALCHEMY_DATABASE_URI is {uri:?}"
        ));
    };
    let path = rest.strip_prefix('/').unwrap_or(rest);
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(DatabaseLocation::Memory);
    }
    if let Some(absolute) = path.strip_prefix('/') {
        let virtual_root = WORKING_DIRECTORY.trim_start_matches('/');
        return Ok(DatabaseLocation::File(
            match absolute.strip_prefix(virtual_root) {
                Some(inside) if inside.is_empty() || inside.starts_with('/') => {
                    root.join(inside.trim_start_matches('/'))
                }
                _ => PathBuf::from(format!("/{absolute}")),
            },
        ));
    }
    Ok(DatabaseLocation::File(root.join("instance").join(path)))
}

fn uri_of(interp: &mut Interpreter, app: &Value) -> PyResult<String> {
    let Some(app) = app.downcast_native::<crate::web::app::AppObject>() else {
        return Ok("sqlite://".into());
    };
    let config = app.config.clone();
    let uri = interp.item(&config, &Value::str("SQLALCHEMY_DATABASE_URI"))?;
    interp.str(&uri)
}

/// `SQLAlchemy(app, metadata=...)`: Flask-SQLAlchemy's, then the engine on
/// the configured database.
fn sqlalchemy_function(
    ctx: Rc<Ctx>,
    state: Rc<RefCell<ProjectState>>,
    files: Rc<dyn ProjectFiles>,
) -> Value {
    let inner = crate::db::sqlalchemy_function(ctx.clone());
    NativeFunction::function("SQLAlchemy", move |interp, mut args| {
        if let Some(metadata) = args.take_keyword("metadata")
            && let Some(spec) = metadata.downcast_native::<MetaDataSpec>()
        {
            state.borrow_mut().convention = spec.convention.clone();
            let convention = spec.convention.clone();
            ctx.run_unconfigured(interp, move |s, _| {
                s.registry.metadata.naming_convention = convention;
                Ok(())
            })?;
        }
        let app = args.arg(0).cloned().or_else(|| {
            args.keywords
                .iter()
                .find(|(k, _)| k == "app")
                .map(|(_, v)| v.clone())
        });
        let db = interp.call(&inner, args)?;
        if let Some(app) = app {
            let uri = uri_of(interp, &app)?;
            let location =
                resolve_uri(files.root(), &uri).map_err(|m| PyErr::new("RuntimeError", m))?;
            if let DatabaseLocation::File(path) = &location {
                let database = files.open_database(path).map_err(|e| {
                    ctx.raise(
                        "OperationalError",
                        format!("(sqlite3.OperationalError) {}", e.message),
                    )
                })?;
                ctx.session
                    .try_borrow_mut()
                    .map_err(|_| PyErr::new("RuntimeError", "the session is busy"))?
                    .engine = Engine::new(database);
            }
            state.borrow_mut().database = Some(location);
        }
        Ok(db)
    })
}

fn metadata_function() -> Value {
    NativeFunction::function("MetaData", |interp, mut args| {
        let convention = match args.take_keyword("naming_convention") {
            Some(dict) => crate::schema::naming_convention_arg(interp, &dict)?,
            None => Vec::new(),
        };
        Ok(Value::native(MetaDataSpec { convention }))
    })
}

/// The `sqlalchemy` module of the run, with `MetaData`.
fn sqlalchemy_module(ctx: &Rc<Ctx>) -> Value {
    let mut names: Vec<&str> = vec!["Column", "ForeignKey", "select", "inspect", "event"];
    names.extend(crate::types::TYPE_NAMES);
    names.extend(crate::types::SPELLED_TYPE_NAMES);
    let mut entries: Vec<(&str, Value)> = crate::expr::helpers();
    for name in names {
        if let Some(value) = crate::modules::sqlalchemy_name(ctx, name) {
            entries.push((name, value));
        }
    }
    entries.push(("MetaData", metadata_function()));
    Interpreter::new_module("sqlalchemy", entries)
}

/// One interpreter with the project's modules installed.
struct Run {
    interp: Interpreter,
    ctx: Rc<Ctx>,
    state: Rc<RefCell<ProjectState>>,
    output: Rc<RefCell<String>>,
}

fn start(files: &Rc<dyn ProjectFiles>, limits: &Limits, script_file: &str) -> Result<Run, String> {
    let mut interp = Interpreter::new(limits.clone());
    let output = Rc::new(RefCell::new(String::new()));
    let sink = output.clone();
    interp.set_output(move |text| sink.borrow_mut().push_str(text));
    let exceptions =
        ExceptionClasses::build(&mut interp).map_err(|e| interp.script_error(e).summary())?;
    let session = Session::in_memory().map_err(|e| e.to_string())?;
    let ctx = Ctx::new(session, exceptions);
    crate::modules::install(&mut interp, &ctx).map_err(|e| interp.script_error(e).summary())?;
    let state = Rc::new(RefCell::new(ProjectState::default()));
    interp.register_module(
        "flask_sqlalchemy",
        Interpreter::new_module(
            "flask_sqlalchemy",
            vec![(
                "SQLAlchemy",
                sqlalchemy_function(ctx.clone(), state.clone(), files.clone()),
            )],
        ),
    );
    interp.register_module("sqlalchemy", sqlalchemy_module(&ctx));
    let migrate_state = state.clone();
    interp.register_module(
        "flask_migrate",
        Interpreter::new_module(
            "flask_migrate",
            vec![(
                "Migrate",
                NativeFunction::function("Migrate", move |interp, args| {
                    let has_app = args.arg(0).is_some_and(|a| !matches!(a, Value::None))
                        || args.keywords.iter().any(|(k, _)| k == "app");
                    if has_app {
                        record_migrate(interp, &migrate_state, args)?;
                    }
                    Ok(Value::native(MigrateObject {
                        state: migrate_state.clone(),
                    }))
                }),
            )],
        ),
    );
    interp.set_global(
        "__file__",
        Value::str(format!("{WORKING_DIRECTORY}/{script_file}")),
    );
    Ok(Run {
        interp,
        ctx,
        state,
        output,
    })
}

/// Python's `traceback.format_exception_only` for an error.
pub fn exception_only(ctx_exceptions: &ExceptionClasses, error: &ScriptError) -> String {
    if error.syntax_source_line.is_some() {
        let full = error.format_traceback();
        if let Some(at) = full.rfind("  File ") {
            return full[at..].to_owned();
        }
        return full;
    }
    let qualified = ctx_exceptions.qualified(&error.class_name);
    let shown = if qualified.starts_with("builtins.") {
        error.class_name.clone()
    } else {
        qualified
    };
    if error.message.is_empty() {
        format!("{shown}\n")
    } else {
        format!("{shown}: {}\n", error.message)
    }
}

fn outcome_of(
    run: &Run,
    error: Option<Box<ScriptError>>,
    script_path: Option<&str>,
) -> ScriptOutcome {
    let mut outcome = ScriptOutcome {
        stdout: run.output.borrow().clone(),
        ..ScriptOutcome::default()
    };
    if let Some(error) = error {
        let only = exception_only(&run.ctx.exceptions, &error);
        outcome.stderr = format!("Traceback (most recent call last):\n  ...\n{only}");
        outcome.traceback = Some(error.format_traceback());
        let line = script_path.and_then(|path| {
            error
                .traceback
                .iter()
                .rev()
                .find(|entry| entry.file == path)
                .map(|entry| entry.line)
        });
        outcome.error = Some(ErrorEntry {
            type_name: error.class_name.clone(),
            qualified_type: run.ctx.exceptions.qualified(&error.class_name),
            message: error.message.clone(),
            line,
        });
    }
    if let Ok(mut session) = run.ctx.session.try_borrow_mut() {
        outcome.statements = session.take_records().iter().map(statement_entry).collect();
        // Close the file so the next command sees only committed data.
        if let Ok(engine) = Engine::in_memory() {
            session.engine = engine;
        }
    }
    outcome
}

/// Removes a database file the run created without using it (Python only
/// creates the file when it connects).
fn forget_unused_file(
    files: &dyn ProjectFiles,
    location: &Option<DatabaseLocation>,
    existed: bool,
    used: bool,
) {
    if let Some(DatabaseLocation::File(path)) = location
        && !existed
        && !used
    {
        files.remove_database(path);
    }
}

fn register_app(run: &mut Run, root: &Path, app_source: &str) {
    let source = app_source.to_owned();
    let path = root.join("app.py").to_string_lossy().into_owned();
    run.interp.register_module_factory("app", move |interp| {
        interp
            .run_module(
                "app",
                &path,
                &source,
                vec![(
                    "__file__".into(),
                    Value::str(format!("{WORKING_DIRECTORY}/app.py")),
                )],
            )
            .map_err(|error| match error.exception {
                Some(exception) => PyErr::from_value(exception),
                None => PyErr::new(&error.class_name, error.message),
            })
    });
}

/// `python SCRIPT` in the project folder: `script` is the file's name,
/// `app_source` the current `app.py` (importable as `app`).
pub fn run_python_file(
    files: &Rc<dyn ProjectFiles>,
    script: &str,
    source: &str,
    app_source: Option<&str>,
    limits: &Limits,
) -> ScriptOutcome {
    let root = files.root().to_path_buf();
    let root = root.as_path();
    let mut run = match start(files, limits, script) {
        Ok(run) => run,
        Err(message) => {
            return ScriptOutcome {
                stderr: format!("{message}\n"),
                error: Some(ErrorEntry {
                    type_name: "RuntimeError".into(),
                    qualified_type: "builtins.RuntimeError".into(),
                    message,
                    line: None,
                }),
                ..ScriptOutcome::default()
            };
        }
    };
    if let Some(app_source) = app_source
        && script != "app.py"
    {
        register_app(&mut run, root, app_source);
    }
    let path = root.join(script).to_string_lossy().into_owned();
    let existed = files.database_paths();
    let result = run.interp.run_named(&path, source).err();
    let outcome = outcome_of(&run, result, Some(&path));
    let location = run.state.borrow().database.clone();
    let existed = match &location {
        Some(DatabaseLocation::File(p)) => existed.contains(p),
        _ => true,
    };
    forget_unused_file(
        files.as_ref(),
        &location,
        existed,
        !outcome.statements.is_empty(),
    );
    outcome
}

/// Imports `app.py` as `flask --app app` does and reports the models and
/// the settings Flask-Migrate reads. The outcome holds what the import
/// printed, raised and executed.
pub fn load_app(
    files: &Rc<dyn ProjectFiles>,
    app_source: &str,
    limits: &Limits,
) -> (ScriptOutcome, Option<AppInfo>) {
    let root = files.root().to_path_buf();
    let root = root.as_path();
    let mut run = match start(files, limits, "app.py") {
        Ok(run) => run,
        Err(message) => {
            return (
                ScriptOutcome {
                    stderr: format!("{message}\n"),
                    ..ScriptOutcome::default()
                },
                None,
            );
        }
    };
    let path = root.join("app.py").to_string_lossy().into_owned();
    let existed = files.database_paths();
    let (module, result) = match run.interp.run_module(
        "app",
        &path,
        app_source,
        vec![(
            "__file__".into(),
            Value::str(format!("{WORKING_DIRECTORY}/app.py")),
        )],
    ) {
        Ok(module) => (Some(module), None),
        Err(error) => (None, Some(error)),
    };
    let failed = result.is_some();
    // `db = SQLAlchemy()` + `db.init_app(app)`: the app Flask finds
    // (`app` of the module) names the database.
    if let Some(module) = &module
        && run.state.borrow().database.is_none()
        && let Ok(app) = run.interp.get_attr(module, "app")
        && let Ok(uri) = uri_of(&mut run.interp, &app)
        && let Ok(location) = resolve_uri(root, &uri)
    {
        run.state.borrow_mut().database = Some(location);
    }
    let metadata = run
        .ctx
        .session
        .try_borrow()
        .map(|s| s.registry.metadata.clone())
        .unwrap_or_default();
    let outcome = outcome_of(&run, result, Some(&path));
    let state = run.state.borrow();
    let location = state.database.clone();
    let existed_before = match &location {
        Some(DatabaseLocation::File(p)) => existed.contains(p),
        _ => true,
    };
    forget_unused_file(
        files.as_ref(),
        &location,
        existed_before,
        !outcome.statements.is_empty(),
    );
    if failed {
        return (outcome, None);
    }
    let info = AppInfo {
        metadata,
        naming_convention: state.convention.clone(),
        database: location.unwrap_or(DatabaseLocation::Memory),
        migrate: state.migrate.clone(),
    };
    (outcome, Some(info))
}

/// Database files under the project folder (`*.db`, `*.sqlite`,
/// `*.sqlite3`), outside `migrations/`.
pub fn database_paths(root: &Path) -> Vec<PathBuf> {
    DiskFiles::new(root).database_paths()
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom flask_migrate import Migrate\nfrom sqlalchemy import MetaData\n\napp = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///data.db'\ndb = SQLAlchemy(app, metadata=MetaData(naming_convention={'uq': 'uq_%(table_name)s_%(column_0_name)s'}))\nmigrate = Migrate(app, db, render_as_batch=False)\n\n\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20), unique=True)\n\n\nif __name__ == '__main__':\n    print('main')\n";

    fn disk(root: &Path) -> Rc<dyn ProjectFiles> {
        Rc::new(DiskFiles::new(root))
    }

    fn project(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("retort_project_{name}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("app.py"), APP).unwrap();
        root
    }

    #[test]
    fn load_app_reports_models_and_settings_without_creating_the_database() {
        let root = project("load");
        let (outcome, info) = load_app(&disk(&root), APP, &Limits::default());
        assert_eq!(outcome.error, None, "{}", outcome.stderr);
        assert_eq!(outcome.stdout, "");
        let info = info.unwrap();
        assert_eq!(info.metadata.tables[0].name, "user");
        assert_eq!(info.naming_convention[0].0, "uq");
        assert_eq!(
            info.database,
            DatabaseLocation::File(root.join("instance/data.db"))
        );
        assert_eq!(
            info.migrate,
            Some(MigrateSettings {
                render_as_batch: false,
                ..MigrateSettings::default()
            })
        );
        assert!(!root.join("instance/data.db").exists());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_helper_script_imports_the_app_and_uses_the_file_database() {
        let root = project("run");
        let files = disk(&root);
        let create = run_python_file(
            &files,
            "app.py",
            &format!("{APP}    db.create_all()\n"),
            None,
            &Limits::default(),
        );
        assert_eq!(create.stdout, "main\n");
        assert!(root.join("instance/data.db").exists());
        let seed = "from app import app, db, User\n\nwith app.app_context():\n    db.session.add(User(name='ann'))\n    db.session.commit()\n    print(User.query.count())\n";
        let outcome = run_python_file(&files, "seed.py", seed, Some(APP), &Limits::default());
        assert_eq!(outcome.stdout, "1\n", "{}", outcome.stderr);
        let again = run_python_file(
            &files,
            "seed.py",
            "from app import User\nprint(undefined)\n",
            Some(APP),
            &Limits::default(),
        );
        let error = again.error.unwrap();
        assert_eq!(error.type_name, "NameError");
        assert_eq!(error.line, Some(2));
        assert!(
            again
                .stderr
                .ends_with("NameError: name 'undefined' is not defined\n")
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn uris_resolve_like_flask_sqlalchemy() {
        let root = Path::new("/tmp/project");
        assert_eq!(
            resolve_uri(root, "sqlite:///data.db").unwrap(),
            DatabaseLocation::File(root.join("instance/data.db"))
        );
        assert_eq!(
            resolve_uri(root, "sqlite:////app/data.sqlite").unwrap(),
            DatabaseLocation::File(root.join("data.sqlite"))
        );
        assert_eq!(
            resolve_uri(root, "sqlite://").unwrap(),
            DatabaseLocation::Memory
        );
        assert!(resolve_uri(root, "postgresql://x").is_err());
    }
}
