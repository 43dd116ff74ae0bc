//! Building the report during the run: the interpreter's
//! after-each-top-level-statement hook closes a step (its statements,
//! stdout, session and changed tables); `finish` adds the statement list,
//! the N+1 findings, the cascade effects and the error.

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::{Interpreter, Loc, ScriptError};

use super::snapshot::{session_objects, table_rows, written_table};
use super::{ErrorEvent, RunReport, StatementEvent, Step};
use crate::ctx::Ctx;

#[derive(Debug, Default)]
struct Progress {
    steps: Vec<Step>,
    /// Statements (by index) and stdout already given to a step.
    statements_seen: u64,
    stdout_seen: usize,
}

/// Collects a report while a script runs.
#[derive(Debug, Clone)]
pub struct ReportCollector {
    ctx: Rc<Ctx>,
    output: Rc<RefCell<String>>,
    progress: Rc<RefCell<Progress>>,
}

impl ReportCollector {
    pub fn new(ctx: Rc<Ctx>, output: Rc<RefCell<String>>) -> ReportCollector {
        ReportCollector {
            ctx,
            output,
            progress: Rc::new(RefCell::new(Progress::default())),
        }
    }

    /// Registers the step hook on the interpreter.
    pub fn attach(&self, interp: &mut Interpreter) {
        let collector = self.clone();
        interp.on_statement_complete(move |interp, loc| collector.close_step(interp, loc));
    }

    fn close_step(&self, interp: &mut Interpreter, loc: Loc) {
        let step = self.step(interp, loc.line, loc.end_line);
        if let Ok(mut progress) = self.progress.try_borrow_mut() {
            progress.steps.push(step);
        }
    }

    /// The step ending now: what happened since the previous one.
    fn step(&self, interp: &mut Interpreter, line_start: u32, line_end: u32) -> Step {
        let (statements_seen, stdout_seen) = match self.progress.try_borrow() {
            Ok(p) => (p.statements_seen, p.stdout_seen),
            Err(_) => (0, 0),
        };
        let stdout = {
            let output = self.output.borrow();
            output.get(stdout_seen..).unwrap_or_default().to_string()
        };
        let visible: Vec<u64> = self.ctx.objects.borrow().keys().copied().collect();
        let mut step = Step {
            line_start,
            line_end,
            stdout,
            ..Step::default()
        };
        let mut next_seen = statements_seen;
        if let Ok(mut session) = self.ctx.session.try_borrow_mut() {
            let mut written: Vec<String> = Vec::new();
            for record in session.records() {
                if record.index < statements_seen {
                    continue;
                }
                step.statements.push(record.index);
                next_seen = record.index + 1;
                if let Some(table) = written_table(&record.sql)
                    && !written.contains(&table)
                {
                    written.push(table);
                }
            }
            step.session = session_objects(interp, &session, &visible);
            for table in written {
                if let Some(snapshot) = table_rows(&mut session, &table) {
                    step.tables.push(snapshot);
                }
            }
        }
        if let Ok(mut progress) = self.progress.try_borrow_mut() {
            progress.statements_seen = next_seen;
            progress.stdout_seen = self.output.borrow().len();
        }
        step
    }

    /// The finished report; `statements` are the run's records (teardown
    /// included) as the run record has them.
    pub fn finish(
        &self,
        interp: &mut Interpreter,
        error: Option<&ScriptError>,
        records: &[retort_orm::StatementRecord],
    ) -> RunReport {
        if let Some(error) = error {
            // The failing statement's own step: what it did before raising.
            let line = error.line;
            let step = self.step(interp, line, line);
            if let Ok(mut progress) = self.progress.try_borrow_mut() {
                progress.steps.push(step);
            }
        }
        let statements = records
            .iter()
            .map(|record| {
                let entry = crate::runner::statement_entry(record);
                StatementEvent {
                    index: record.index,
                    kind: entry.kind,
                    sql: entry.sql,
                    params: entry.params,
                    origin: record.origin,
                    line: record.caused_by,
                    load: record.load.clone(),
                }
            })
            .collect();
        let effects = match self.ctx.session.try_borrow() {
            Ok(session) => session.effects().to_vec(),
            Err(_) => Vec::new(),
        };
        let steps = match self.progress.try_borrow_mut() {
            Ok(mut progress) => std::mem::take(&mut progress.steps),
            Err(_) => Vec::new(),
        };
        RunReport {
            steps,
            statements,
            n_plus_one: retort_orm::n_plus_one(records),
            effects,
            error: error.map(|e| ErrorEvent {
                class_name: e.class_name.clone(),
                message: e.message.clone(),
                line: (e.line > 0).then_some(e.line),
                traceback: e
                    .traceback
                    .iter()
                    .map(|t| {
                        format!(
                            "line {}, in {}: {}",
                            t.line,
                            t.function,
                            t.source_line.trim()
                        )
                    })
                    .collect(),
            }),
        }
    }
}
