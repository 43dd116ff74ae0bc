//! [`StepOutcome`]: one step that happened after a report was made — a
//! console input evaluated in the run's namespace, or a line typed in the
//! Migrations terminal — with the statements it caused, and how a report
//! takes it ([`RunReport::push_step`]): renumbered to follow the report's
//! last step and statement, so the panels show it as any other moment.

use serde::{Deserialize, Serialize};

use crate::{Event, RunReport, StatementEvent, Step};

/// A step and its statements, numbered among themselves (the report that
/// takes them renumbers both).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepOutcome {
    pub step: Step,
    /// In order; the step's [`Event::Statement`]s refer to their `index`.
    pub statements: Vec<StatementEvent>,
}

impl RunReport {
    /// Appends `outcome`: its step becomes the one after the report's
    /// last, and its statements follow the report's, every reference to
    /// them in the step's events following along.
    pub fn push_step(&mut self, outcome: StepOutcome) {
        let StepOutcome {
            mut step,
            statements,
        } = outcome;
        let index = self.steps.len() as u64;
        let base = self.statements.len() as u64;
        let renumbered: Vec<(u64, u64)> = statements
            .iter()
            .enumerate()
            .map(|(i, statement)| (statement.index, base + i as u64))
            .collect();
        let new_index = |old: u64| {
            renumbered
                .iter()
                .find(|(from, _)| *from == old)
                .map_or(old, |(_, to)| *to)
        };
        for event in &mut step.events {
            if let Event::Statement { index } = event {
                *index = new_index(*index);
            }
        }
        step.index = index;
        self.statements
            .extend(
                statements
                    .into_iter()
                    .enumerate()
                    .map(|(i, statement)| StatementEvent {
                        index: base + i as u64,
                        step: index,
                        ..statement
                    }),
            );
        self.steps.push(step);
    }
}
