//! Building the report while the script runs. The interpreter's
//! after-each-top-level-statement hook closes a step: its statements (from
//! the session's record, with row counts from the driver's trace), its
//! output and warnings in order, the session, the tables it changed and,
//! when its SQL could have changed the schema and did, the schema.
//! The runner then reports the statement that raised, if any, before the
//! teardown, and finishes the report after it.

use std::cell::RefCell;
use std::rc::Rc;

use retort_driver::StatementTrace;
use retort_orm::StatementRecord;
use retort_python::{Interpreter, ScriptError};
use retort_report::{
    ConsoleInput, ErrorEvent, Event, FORMAT, RunReport, SchemaSnapshot, Span, StatementEvent, Step,
    StepKind, StepOutcome,
};

use super::convert;
use super::errors::error_event;
use super::objects::session_snapshot;
use super::schema::read_schema;
use super::spans::{SourceLines, from_loc, top_level_statement};
use super::statements::TraceCursor;
use super::tables::{TableWatch, all_tables, leading_keyword, read_table};
use super::timeline::Timeline;
use crate::ctx::Ctx;

#[derive(Debug, Default)]
struct Progress {
    steps: Vec<Step>,
    statements: Vec<StatementEvent>,
    /// The index of the first statement no step has claimed yet.
    next_statement: u64,
    tables: TableWatch,
    /// The schema the last snapshot showed.
    schema: SchemaSnapshot,
    error: Option<ErrorEvent>,
    /// While a console input runs, its statements make one step, closed
    /// by [`ReportCollector::close_console_step`], not by the hook.
    console: bool,
}

/// Whether a statement may have created, dropped or altered something:
/// DDL, or a ROLLBACK that could undo some.
fn may_change_schema(record: &StatementRecord) -> bool {
    matches!(
        leading_keyword(&record.sql).as_str(),
        "CREATE" | "DROP" | "ALTER" | "ROLLBACK"
    )
}

/// Collects a report while a script runs.
#[derive(Debug, Clone)]
pub struct ReportCollector {
    ctx: Rc<Ctx>,
    timeline: Rc<Timeline>,
    source: Rc<str>,
    lines: Rc<SourceLines>,
    progress: Rc<RefCell<Progress>>,
}

/// Output and warnings interleaved with the step's statements by the
/// number of statements recorded before each, adjacent output merged.
fn merge(statements: &[StatementEvent], timeline: Vec<(u64, Event)>) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut push = |event: Event| match (events.last_mut(), event) {
        (Some(Event::Stdout { text }), Event::Stdout { text: more })
        | (Some(Event::Stderr { text }), Event::Stderr { text: more }) => text.push_str(&more),
        (_, event) => events.push(event),
    };
    let mut pending = timeline.into_iter().peekable();
    for statement in statements {
        while let Some((_, event)) = pending.next_if(|(at, _)| *at <= statement.index) {
            push(event);
        }
        push(Event::Statement {
            index: statement.index,
        });
    }
    for (_, event) in pending {
        push(event);
    }
    events
}

impl ReportCollector {
    pub fn new(ctx: Rc<Ctx>, timeline: Rc<Timeline>, source: &str) -> ReportCollector {
        ReportCollector {
            ctx,
            timeline,
            source: Rc::from(source),
            lines: Rc::new(SourceLines::new(source)),
            progress: Rc::new(RefCell::new(Progress::default())),
        }
    }

    /// Starts collecting: the step hook on the interpreter, the statement
    /// trace on the session's driver.
    pub fn attach(&self, interp: &mut Interpreter) {
        self.timeline.watch(&self.ctx);
        if let Ok(mut session) = self.ctx.session.try_borrow_mut() {
            let timeline = self.timeline.clone();
            session
                .engine
                .database()
                .set_observer(Box::new(move |trace: &StatementTrace| {
                    timeline.trace(trace)
                }));
        }
        let collector = self.clone();
        interp.on_statement_complete(move |interp, loc| {
            if collector.progress.borrow().console {
                return;
            }
            let records = collector.unclaimed_records();
            collector.close_step(
                interp,
                StepKind::Statement,
                Some(from_loc(loc)),
                &records,
                None,
            );
        });
    }

    /// The session's records no step has claimed yet.
    fn unclaimed_records(&self) -> Vec<StatementRecord> {
        let next = self.progress.borrow().next_statement;
        match self.ctx.session.try_borrow() {
            Ok(session) => {
                let records = session.records();
                let first = records.partition_point(|r| r.index < next);
                records[first..].to_vec()
            }
            Err(_) => Vec::new(),
        }
    }

    /// Ends a step: everything since the previous one, then the state.
    fn close_step(
        &self,
        interp: &mut Interpreter,
        kind: StepKind,
        span: Option<Span>,
        records: &[StatementRecord],
        error: Option<ErrorEvent>,
    ) {
        self.close_step_as(interp, kind, span, records, error, None);
    }

    /// [`Self::close_step`] for a step that may be a console input's: its
    /// statements then point at the input instead of a source line.
    fn close_step_as(
        &self,
        interp: &mut Interpreter,
        kind: StepKind,
        span: Option<Span>,
        records: &[StatementRecord],
        error: Option<ErrorEvent>,
        console: Option<ConsoleInput>,
    ) {
        let step = self.progress.borrow().steps.len() as u64;
        self.timeline.set_muted(true);
        let mut cursor = TraceCursor::new(self.timeline.take_traces());
        let statements: Vec<StatementEvent> = records
            .iter()
            .map(|record| {
                let statement = cursor.statement(record, step, &self.lines);
                match &console {
                    Some(input) => StatementEvent {
                        span: None,
                        console: Some(input.number),
                        ..statement
                    },
                    None => statement,
                }
            })
            .collect();
        let changed = self.progress.borrow_mut().tables.changed(records);
        let mut tables = Vec::new();
        let mut schema = None;
        if let Ok(mut session) = self.ctx.session.try_borrow_mut() {
            let database = session.engine.database();
            if records.iter().any(may_change_schema) {
                let now = read_schema(database);
                let mut progress = self.progress.borrow_mut();
                if now != progress.schema {
                    progress.schema = now.clone();
                    schema = Some(now);
                }
            }
            let names = if changed.all {
                let mut names = changed.tables.clone();
                for name in all_tables(database) {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                names
            } else {
                changed.tables
            };
            tables = names
                .iter()
                .filter_map(|name| read_table(database, name))
                .collect();
        }
        let session = session_snapshot(interp, &self.ctx);
        self.timeline.set_muted(false);
        let mut events = merge(&statements, self.timeline.take_events());
        if let Some(error) = error {
            events.push(Event::Error(error));
        }
        let mut progress = self.progress.borrow_mut();
        if let Some(last) = statements.last() {
            progress.next_statement = last.index + 1;
        }
        progress.statements.extend(statements);
        progress.steps.push(Step {
            index: step,
            kind,
            span,
            events,
            session,
            tables,
            schema,
            console,
            command: None,
        });
    }

    /// A console input starts: until [`Self::close_console_step`], the
    /// interpreter's hook closes no steps.
    pub fn console_started(&self) {
        self.progress.borrow_mut().console = true;
    }

    /// A console input ended: one step of kind `Console` with everything
    /// it did, returned with its statements for the page to append.
    pub fn close_console_step(&self, interp: &mut Interpreter, input: ConsoleInput) -> StepOutcome {
        self.progress.borrow_mut().console = false;
        let records = self.unclaimed_records();
        let error = input.error.clone();
        self.close_step_as(
            interp,
            StepKind::Console,
            None,
            &records,
            error,
            Some(input),
        );
        let progress = self.progress.borrow();
        let step = progress.steps.last().cloned().unwrap_or_default();
        let statements = progress
            .statements
            .iter()
            .filter(|s| s.step == step.index)
            .cloned()
            .collect();
        StepOutcome { step, statements }
    }

    /// The script stopped; `error` is what ended it. Called before the
    /// teardown, so the failed step shows the session as the error left it.
    pub fn script_ended(&self, interp: &mut Interpreter, error: Option<&ScriptError>) {
        let Some(error) = error else {
            return;
        };
        if error.syntax_source_line.is_some() {
            // Nothing ran.
            self.progress.borrow_mut().error = Some(error_event(&self.ctx, error, None));
            return;
        }
        let completed = self
            .progress
            .borrow()
            .steps
            .iter()
            .filter(|s| s.kind == StepKind::Statement)
            .count();
        let span = top_level_statement(&self.source, completed);
        let event = error_event(&self.ctx, error, span);
        self.progress.borrow_mut().error = Some(event.clone());
        let records = self.unclaimed_records();
        self.close_step(interp, StepKind::Failed, span, &records, Some(event));
    }

    /// The tables of the script's `MetaData`, in `create_all`'s order.
    fn declared_tables(&self) -> Vec<String> {
        match self.ctx.session.try_borrow() {
            Ok(session) => session
                .registry
                .metadata
                .create_order()
                .iter()
                .map(|table| table.name.clone())
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The finished report, after the teardown; `records` are all of the
    /// run's statement records, teardown included.
    pub fn finish(&self, interp: &mut Interpreter, records: &[StatementRecord]) -> RunReport {
        let next = self.progress.borrow().next_statement;
        let first = records.partition_point(|r| r.index < next);
        if first < records.len() {
            self.close_step(interp, StepKind::Teardown, None, &records[first..], None);
        }
        if let Ok(mut session) = self.ctx.session.try_borrow_mut() {
            session.engine.database().take_observer();
        }
        let mut report = self.report(records);
        let mut progress = self.progress.borrow_mut();
        progress.steps.clear();
        progress.statements.clear();
        report.error = progress.error.take();
        report
    }

    /// The report as it stands, without a teardown: what the page shows
    /// while the run's session lives on for the console. `records` are the
    /// session's statement records so far.
    pub fn report(&self, records: &[StatementRecord]) -> RunReport {
        let effects = match self.ctx.session.try_borrow() {
            Ok(session) => session
                .effects()
                .iter()
                .map(|effect| convert::effect(effect, &self.lines))
                .collect(),
            Err(_) => Vec::new(),
        };
        let listener_calls = self
            .ctx
            .listener_calls
            .borrow()
            .iter()
            .map(|call| convert::listener_call(call, &self.lines))
            .collect();
        let progress = self.progress.borrow();
        RunReport {
            format: FORMAT,
            steps: progress.steps.clone(),
            statements: progress.statements.clone(),
            n_plus_one: retort_orm::n_plus_one(records)
                .iter()
                .map(convert::n_plus_one)
                .collect(),
            effects,
            listener_calls,
            declared_tables: self.declared_tables(),
            error: progress.error.clone(),
        }
    }
}
