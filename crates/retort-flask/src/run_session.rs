//! [`RunSession`]: a run whose interpreter and ORM session live on after
//! the script, as `python -i` leaves them: the page's console evaluates
//! `>>>` input in the namespace and session the script left behind
//! ([`RunSession::eval_console`]), each input one more step of the run's
//! report. [`RunSession::finish`] pops the app context (the teardown) and
//! closes the database; `run_script` is a session finished at once.

use std::cell::RefCell;
use std::rc::Rc;

use retort_driver::Database;
use retort_orm::Phase;
use retort_python::{Interpreter, Value};

use crate::ctx::Ctx;
use crate::record::{ErrorEntry, RunRecord, WarningEntry};
use crate::report::{
    ConsoleInput, ErrorEvent, ReportCollector, RunReport, Step, StepKind, StepOutcome, Timeline,
    error_event,
};
use crate::runner::{RunOptions, error_entry, setup, statement_entry};

/// A script that ran, with everything it left behind.
pub struct RunSession {
    interp: Interpreter,
    /// `None` when the environment could not be set up (`record.error` says why).
    ctx: Option<Rc<Ctx>>,
    collector: Option<ReportCollector>,
    output: Rc<RefCell<String>>,
    /// What the script wrote to `sys.stderr`.
    errors: Rc<RefCell<String>>,
    /// Writes to the run's stdout (and the report's timeline).
    write: Rc<dyn Fn(&str)>,
    warnings: Rc<RefCell<Vec<WarningEntry>>>,
    record: RunRecord,
    /// Console inputs evaluated so far.
    inputs: u32,
}

impl RunSession {
    /// Runs `source` on `database` (a fresh in-memory one when `None`),
    /// building the page's report as it goes when `reporting`. Never panics.
    pub fn start(
        source: &str,
        options: &RunOptions,
        reporting: bool,
        database: Option<Database>,
    ) -> RunSession {
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
        let errors = Rc::new(RefCell::new(String::new()));
        let error_sink = errors.clone();
        let seen = timeline.clone();
        interp.set_error_output(move |text| {
            if seen.as_ref().is_none_or(|t| t.stderr(text)) {
                error_sink.borrow_mut().push_str(text)
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
        let mut session = RunSession {
            interp,
            ctx: None,
            collector: None,
            output,
            errors,
            write: write.clone(),
            warnings,
            record: RunRecord::default(),
            inputs: 0,
        };
        let ctx = match setup(&mut session.interp, database) {
            Ok(ctx) => ctx,
            Err(message) => {
                record.error = Some(ErrorEntry {
                    type_name: "RuntimeError".into(),
                    qualified_type: "builtins.RuntimeError".into(),
                    message,
                    line: None,
                });
                session.record = record;
                return session;
            }
        };
        // `echo=True`: the engine log reaches stdout before whatever the
        // script prints next.
        let echo = ctx.echo.clone();
        session.interp.set_output(move |text| {
            let log = echo.take_text();
            if !log.is_empty() {
                write(&log);
            }
            write(text)
        });
        let collector =
            timeline.map(|timeline| ReportCollector::new(ctx.clone(), timeline, source));
        if let Some(collector) = &collector {
            collector.attach(&mut session.interp);
        }
        let outcome = session.interp.run_named("<script>", source);
        if let Err(error) = &outcome {
            record.error = Some(error_entry(&ctx, error));
        }
        if let Some(collector) = &collector {
            collector.script_ended(&mut session.interp, outcome.as_ref().err().map(|e| &**e));
        }
        session.flush_echo(&ctx);
        session.ctx = Some(ctx);
        session.collector = collector;
        session.record = record;
        session
    }

    /// The report so far: the script's steps and any console input's,
    /// without the teardown (the session is still open). Empty when the
    /// session was started without reporting.
    pub fn report(&self) -> RunReport {
        let (Some(ctx), Some(collector)) = (&self.ctx, &self.collector) else {
            return RunReport::default();
        };
        match ctx.session.try_borrow() {
            Ok(session) => collector.report(session.records()),
            Err(_) => collector.report(&[]),
        }
    }

    /// Evaluates one console input in the script's globals, as the REPL
    /// does: a trailing expression's value is echoed as its `repr` (and
    /// kept as `_`), nothing for `None`; an exception is reported and the
    /// session lives on. Each input has a step budget of its own. Its SQL,
    /// output and the state after it are one step of the report.
    pub fn eval_console(&mut self, line: &str) -> StepOutcome {
        self.inputs += 1;
        let mut input = ConsoleInput {
            number: self.inputs,
            source: line.to_owned(),
            echo: None,
            error: None,
        };
        let Some(ctx) = self.ctx.clone() else {
            input.error = Some(ErrorEvent {
                class_name: "RuntimeError".into(),
                qualified_class: "builtins.RuntimeError".into(),
                message: "the run could not set up its environment".into(),
                line: None,
                col: None,
                span: None,
                traceback: Vec::new(),
                execution_limit: false,
            });
            return lone_step(input);
        };
        if let Some(collector) = &self.collector {
            collector.console_started();
        }
        self.interp.reset_steps();
        let result = self.interp.run_snippet(line).and_then(|value| match value {
            Some(Value::None) | None => Ok(None),
            Some(value) => {
                self.interp.set_global("_", value.clone());
                self.interp
                    .repr(&value)
                    .map(Some)
                    .map_err(|error| Box::new(self.interp.script_error(error)))
            }
        });
        match result {
            Ok(echo) => input.echo = echo,
            Err(error) => {
                input.error = Some(error_event(&ctx, &error, None));
            }
        }
        self.flush_echo(&ctx);
        match &self.collector {
            Some(collector) => collector.close_console_step(&mut self.interp, input),
            None => lone_step(input),
        }
    }

    /// Writes the engine log lines not shown yet (`echo=True`).
    fn flush_echo(&self, ctx: &Ctx) {
        let log = ctx.echo.take_text();
        if !log.is_empty() {
            (self.write)(&log);
        }
    }

    /// Ends the run: pops the app context (its `ROLLBACK` for `db.session`),
    /// closes the database, and returns the record and, when reporting,
    /// the report with its teardown step.
    pub fn finish(mut self) -> (RunRecord, Option<RunReport>) {
        let mut record = std::mem::take(&mut self.record);
        let Some(ctx) = self.ctx.clone() else {
            return (record, None);
        };
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
        self.flush_echo(&ctx);
        record.stdout = self.output.borrow().clone();
        record.stderr = self.errors.borrow().clone();
        record.warnings = self.warnings.borrow().clone();
        let report = self
            .collector
            .take()
            .map(|c| c.finish(&mut self.interp, &records));
        close_database(&ctx);
        (record, report)
    }
}

/// Closes the run's connection now (a file database is released at once,
/// whatever still refers to the session), leaving an in-memory one.
fn close_database(ctx: &Ctx) {
    if let (Ok(mut session), Ok(memory)) =
        (ctx.session.try_borrow_mut(), Database::open_in_memory())
    {
        drop(std::mem::replace(session.engine.database(), memory));
    }
}

impl Drop for RunSession {
    /// A session dropped without [`RunSession::finish`] (the page's next
    /// run) releases its database too; SQLite rolls back what was not
    /// committed, as when a process exits.
    fn drop(&mut self) {
        if let Some(ctx) = &self.ctx {
            close_database(ctx);
        }
    }
}

/// A console step for an input that could not run at all.
fn lone_step(input: ConsoleInput) -> StepOutcome {
    StepOutcome {
        step: Step {
            kind: StepKind::Console,
            console: Some(input),
            ..Step::default()
        },
        statements: Vec::new(),
    }
}
