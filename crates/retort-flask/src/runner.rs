//! Running a script: a fresh interpreter and session on in-memory SQLite,
//! the recorder's pre-created environment (`app`, `db`, pre-imports, an
//! app context), stdout and warnings captured, the teardown, and the
//! conversion of everything into a [`RunRecord`]. The run itself is a
//! [`RunSession`] finished at once.

use std::rc::Rc;

use retort_driver::Database;
use retort_orm::{Engine, Phase, RecordParams, Session, StatementRecord};
use retort_python::{CallArgs, Interpreter, Limits, ScriptError, Value};
use serde_json::{Value as Json, json};

use crate::ctx::Ctx;
use crate::exceptions::ExceptionClasses;
use crate::record::{ErrorEntry, RunRecord, StatementEntry, normalize_sql};
use crate::report::RunReport;
use crate::run_session::RunSession;

/// What a run may use.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub limits: Limits,
    /// The script's path as the record names it.
    pub scenario: String,
}

/// Runs `source` and records what it did. Never panics.
pub fn run_script(source: &str, options: &RunOptions) -> RunRecord {
    run(source, options, false).0
}

/// Runs `source` and returns its record and, built in the same pass, the
/// report the page shows ([`crate::report`]). Never panics.
pub fn run_script_with_report(source: &str, options: &RunOptions) -> (RunRecord, RunReport) {
    let (record, report) = run(source, options, true);
    (record, report.unwrap_or_default())
}

/// Runs `source` as a page run and returns the report the page shows: a
/// fresh in-memory database, and no teardown (the page keeps a run alive
/// for its console, so its transaction is still open at the end). The
/// page's engine makes its runs' reports this way, and `retort
/// page-report` makes the first-visit example's ahead of time with it.
/// Never panics.
pub fn page_report(source: &str) -> RunReport {
    RunSession::start(source, &RunOptions::default(), true, None).report()
}

fn run(source: &str, options: &RunOptions, reporting: bool) -> (RunRecord, Option<RunReport>) {
    RunSession::start(source, options, reporting, None).finish()
}

/// The environment the recorder creates before the script.
/// `database` is where the run's data lives: `None` for a fresh in-memory
/// database.
pub(crate) fn setup(
    interp: &mut Interpreter,
    database: Option<Database>,
) -> Result<Rc<Ctx>, String> {
    let exceptions =
        ExceptionClasses::build(interp).map_err(|e| interp.script_error(e).summary())?;
    let session = match database {
        Some(database) => Session::new(Engine::new(database)),
        None => Session::in_memory().map_err(|e| e.to_string())?,
    };
    let ctx = Ctx::new(session, exceptions);
    let globals =
        crate::modules::install(interp, &ctx).map_err(|e| interp.script_error(e).summary())?;
    for (name, value) in &globals {
        interp.set_global(name, value.clone());
    }
    let app = crate::web::app::new_app(interp, &ctx, "scenario")
        .map_err(|e| interp.script_error(e).summary())?;
    let sqlalchemy = crate::db::sqlalchemy_function(ctx.clone());
    let db = interp
        .call(&sqlalchemy, CallArgs::new(vec![app.clone()]))
        .map_err(|e| interp.script_error(e).summary())?;
    ctx.set_current_app(&app);
    interp.set_global("app", app);
    interp.set_global("db", db);
    Ok(ctx)
}

/// The record's form of an uncaught exception.
pub(crate) fn error_entry(ctx: &Ctx, error: &ScriptError) -> ErrorEntry {
    ErrorEntry {
        type_name: error.class_name.clone(),
        qualified_type: qualified_type(ctx, error),
        message: error.message.clone(),
        line: (error.line > 0).then_some(error.line),
    }
}

/// `module.Name` of an uncaught exception: SQLAlchemy's classes by their
/// module, a class the script or the web layer defined by its own
/// `__module__`, a builtin one as `builtins.Name`.
fn qualified_type(ctx: &Ctx, error: &ScriptError) -> String {
    if let Some(Value::Instance(instance)) = &error.exception {
        let module = instance.class.lookup("__module__");
        if let Some(Value::Str(module)) = module {
            return format!("{module}.{}", error.class_name);
        }
    }
    ctx.exceptions.qualified(&error.class_name)
}

fn param_json(value: &retort_sql::Value) -> Json {
    match value {
        retort_sql::Value::Null => Json::Null,
        retort_sql::Value::Integer(i) => json!(i),
        retort_sql::Value::Real(f) => json!(f),
        retort_sql::Value::Text(t) => json!(t),
        retort_sql::Value::Blob(bytes) => {
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            json!({"$type": "bytes", "hex": hex})
        }
    }
}

/// One ORM statement record as a corpus entry.
pub fn statement_entry(record: &StatementRecord) -> StatementEntry {
    let params = match &record.params {
        RecordParams::Single(values) => Json::Array(values.iter().map(param_json).collect()),
        RecordParams::Many(rows) => Json::Array(
            rows.iter()
                .map(|row| Json::Array(row.iter().map(param_json).collect()))
                .collect(),
        ),
    };
    StatementEntry {
        kind: record.kind.as_str().to_string(),
        sql: record.sql.clone(),
        normalized: normalize_sql(&record.sql),
        params,
        phase: match record.phase {
            Phase::Script => "script",
            Phase::Teardown => "teardown",
        }
        .to_string(),
        params_unordered: false,
    }
}
