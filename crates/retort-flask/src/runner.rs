//! Running a script: a fresh interpreter and session on in-memory SQLite,
//! the recorder's pre-created environment (`app`, `db`, pre-imports, an
//! app context), stdout and warnings captured, the teardown, and the
//! conversion of everything into a [`RunRecord`].

use std::cell::RefCell;
use std::rc::Rc;

use retort_orm::{Phase, RecordParams, Session, StatementRecord};
use retort_python::{CallArgs, Interpreter, Limits, ScriptError};
use serde_json::{Value as Json, json};

use crate::ctx::Ctx;
use crate::exceptions::ExceptionClasses;
use crate::record::{ErrorEntry, RunRecord, StatementEntry, WarningEntry, normalize_sql};
use crate::report::{ReportCollector, RunReport, Timeline};

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

fn run(source: &str, options: &RunOptions, reporting: bool) -> (RunRecord, Option<RunReport>) {
    let mut record = RunRecord {
        scenario: options.scenario.clone(),
        ..RunRecord::default()
    };
    let mut interp = Interpreter::new(options.limits.clone());
    // The report's view of output and warnings; muted while it snapshots.
    let timeline = reporting.then(|| Rc::new(Timeline::default()));
    let output = Rc::new(RefCell::new(String::new()));
    let sink = output.clone();
    let seen = timeline.clone();
    let write: Rc<dyn Fn(&str)> = Rc::new(move |text: &str| {
        if seen.as_ref().is_none_or(|t| t.stdout(text)) {
            sink.borrow_mut().push_str(text)
        }
    });
    let warnings = Rc::new(RefCell::new(Vec::new()));
    let warning_sink = warnings.clone();
    let seen = timeline.clone();
    interp.set_warning_handler(move |warning| {
        if seen.as_ref().is_none_or(|t| t.warning(warning)) {
            warning_sink.borrow_mut().push(WarningEntry {
                category: warning.category.clone(),
                message: warning.message.clone(),
            })
        }
    });
    let setup = setup(&mut interp);
    let ctx = match setup {
        Ok(ctx) => ctx,
        Err(message) => {
            record.error = Some(ErrorEntry {
                type_name: "RuntimeError".into(),
                qualified_type: "builtins.RuntimeError".into(),
                message,
                line: None,
            });
            return (record, None);
        }
    };
    // `echo=True`: the engine log reaches stdout before whatever the
    // script prints next.
    let echo = ctx.echo.clone();
    let printer = write.clone();
    interp.set_output(move |text| {
        let log = echo.take_text();
        if !log.is_empty() {
            printer(&log);
        }
        printer(text)
    });
    let collector = timeline.map(|timeline| ReportCollector::new(ctx.clone(), timeline, source));
    if let Some(collector) = &collector {
        collector.attach(&mut interp);
    }
    let outcome = interp.run_named("<script>", source);
    if let Err(error) = &outcome {
        record.error = Some(error_entry(&ctx, error));
    }
    if let Some(collector) = &collector {
        collector.script_ended(&mut interp, outcome.as_ref().err().map(|e| &**e));
    }
    let mut records = Vec::new();
    if let Ok(mut session) = ctx.session.try_borrow_mut() {
        session.set_cause(None);
        session.set_phase(Phase::Teardown);
        // A failing teardown leaves the statements recorded so far. Popping
        // the app context removes `db.session`; a plain `Session` or
        // connection left open is not closed by anything.
        if !ctx.plain_owner.get() {
            let _ = session.close();
        }
        records = session.take_records();
        record.statements = records.iter().map(statement_entry).collect();
    }
    let log = ctx.echo.take_text();
    if !log.is_empty() {
        write(&log);
    }
    record.stdout = output.borrow().clone();
    record.warnings = warnings.borrow().clone();
    let report = collector.map(|c| c.finish(&mut interp, &records));
    (record, report)
}

/// The environment the recorder creates before the script.
fn setup(interp: &mut Interpreter) -> Result<Rc<Ctx>, String> {
    let exceptions =
        ExceptionClasses::build(interp).map_err(|e| interp.script_error(e).summary())?;
    let session = Session::in_memory().map_err(|e| e.to_string())?;
    let ctx = Ctx::new(session, exceptions);
    let globals =
        crate::modules::install(interp, &ctx).map_err(|e| interp.script_error(e).summary())?;
    for (name, value) in &globals {
        interp.set_global(name, value.clone());
    }
    let app = crate::db::new_app(interp, &ctx).map_err(|e| interp.script_error(e).summary())?;
    let sqlalchemy = crate::db::sqlalchemy_function(ctx.clone());
    let db = interp
        .call(&sqlalchemy, CallArgs::new(vec![app.clone()]))
        .map_err(|e| interp.script_error(e).summary())?;
    interp.set_global("app", app);
    interp.set_global("db", db);
    Ok(ctx)
}

/// The record's form of an uncaught exception.
fn error_entry(ctx: &Ctx, error: &ScriptError) -> ErrorEntry {
    ErrorEntry {
        type_name: error.class_name.clone(),
        qualified_type: ctx.exceptions.qualified(&error.class_name),
        message: error.message.clone(),
        line: (error.line > 0).then_some(error.line),
    }
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
