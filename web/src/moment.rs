//! What the page shows at one moment of a run: the step the timeline
//! selects, the statements up to it, every table's rows at it with what
//! changed since the step before, the schema, and the statements each
//! source line caused. Plain functions over the report, so they are tested natively.

use std::collections::HashMap;

use retort_report::{
    Event, RunReport, SchemaSnapshot, Shown, StatementEvent, StatementKind, StepKind,
    TableSnapshot, WarningEvent,
};

/// The step the page selects after a run: the last completed top-level
/// statement, so a runtime error leaves the panels at the last good step.
pub fn default_step(report: &RunReport) -> Option<usize> {
    report
        .steps
        .iter()
        .rposition(|step| step.kind == StepKind::Statement)
        .or_else(|| report.steps.len().checked_sub(1))
}

/// The statements issued up to and including `step`, in order.
pub fn statements_until(report: &RunReport, step: usize) -> Vec<&StatementEvent> {
    let limit = step as u64;
    report
        .statements
        .iter()
        .filter(|statement| statement.step <= limit)
        .collect()
}

/// Statements grouped as the page lists them: a transaction from BEGIN to
/// its COMMIT or ROLLBACK (or to the end when still open), or a statement
/// outside any transaction.
#[derive(Debug, PartialEq)]
pub struct Group<'a> {
    pub transaction: bool,
    pub statements: Vec<&'a StatementEvent>,
    /// How the transaction ended, when it did.
    pub end: Option<StatementKind>,
}

pub fn transactions<'a>(statements: &[&'a StatementEvent]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut open = false;
    for &statement in statements {
        match statement.kind {
            StatementKind::Begin => {
                groups.push(Group {
                    transaction: true,
                    statements: vec![statement],
                    end: None,
                });
                open = true;
            }
            StatementKind::Commit | StatementKind::Rollback if open => {
                if let Some(group) = groups.last_mut() {
                    group.statements.push(statement);
                    group.end = Some(statement.kind);
                }
                open = false;
            }
            _ if open => {
                if let Some(group) = groups.last_mut() {
                    group.statements.push(statement);
                }
            }
            _ => groups.push(Group {
                transaction: false,
                statements: vec![statement],
                end: None,
            }),
        }
    }
    groups
}

/// Everything printed (and written to `sys.stderr`) up to and including
/// `step`.
pub fn output_until(report: &RunReport, step: usize) -> String {
    report
        .steps
        .iter()
        .take(step + 1)
        .map(|step| step.output())
        .collect()
}

/// Warnings emitted up to and including `step`.
pub fn warnings_until(report: &RunReport, step: usize) -> Vec<&WarningEvent> {
    report
        .steps
        .iter()
        .take(step + 1)
        .flat_map(|step| &step.events)
        .filter_map(|event| match event {
            Event::Warning(warning) => Some(warning),
            _ => None,
        })
        .collect()
}

/// Every table's latest rows after `step` (`None`: before the first
/// step), in the order the tables first appeared; dropped tables are gone.
pub fn tables_at(report: &RunReport, step: Option<usize>) -> Vec<&TableSnapshot> {
    let Some(step) = step else {
        return Vec::new();
    };
    let mut tables: Vec<&TableSnapshot> = Vec::new();
    for snapshot in report.steps.iter().take(step + 1).flat_map(|s| &s.tables) {
        tables.retain(|t| t.name != snapshot.name);
        if !snapshot.dropped {
            tables.push(snapshot);
        }
    }
    tables
}

/// The database's schema after `step`: the latest snapshot a step up to
/// it took (`None` before any DDL ran).
pub fn schema_at(report: &RunReport, step: Option<usize>) -> Option<&SchemaSnapshot> {
    report
        .steps
        .iter()
        .take(step? + 1)
        .rev()
        .find_map(|s| s.schema.as_ref())
}

/// The tables the script declares that the database does not hold at this
/// moment (a model defined but not created yet).
pub fn missing_tables<'r>(report: &'r RunReport, schema: Option<&SchemaSnapshot>) -> Vec<&'r str> {
    report
        .declared_tables
        .iter()
        .filter(|name| schema.is_none_or(|s| s.table(name).is_none()))
        .map(String::as_str)
        .collect()
}

/// How a row compares with the moment before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowMark {
    Same,
    Inserted,
    /// Which cells differ.
    Updated(Vec<bool>),
    /// Gone since the moment before (shown struck through).
    Deleted,
}

/// `table`'s rows marked against `before` (the same table one step
/// earlier, `None` when it did not exist): rows are matched by their first
/// column (the primary key in the tables tutorials write); deleted rows
/// come last.
pub fn diff_rows<'a>(
    table: &'a TableSnapshot,
    before: Option<&'a TableSnapshot>,
) -> Vec<(RowMark, &'a [Shown])> {
    let key = |row: &[Shown]| row.first().map(|cell| cell.text.clone());
    let Some(before) = before else {
        return table
            .rows
            .iter()
            .map(|row| (RowMark::Inserted, row.as_slice()))
            .collect();
    };
    let old: HashMap<Option<String>, &Vec<Shown>> =
        before.rows.iter().map(|row| (key(row), row)).collect();
    let mut marked: Vec<(RowMark, &[Shown])> = table
        .rows
        .iter()
        .map(|row| {
            let mark = match old.get(&key(row)) {
                None => RowMark::Inserted,
                Some(previous) if previous.as_slice() == row.as_slice() => RowMark::Same,
                Some(previous) => RowMark::Updated(
                    row.iter()
                        .enumerate()
                        .map(|(i, cell)| previous.get(i) != Some(cell))
                        .collect(),
                ),
            };
            (mark, row.as_slice())
        })
        .collect();
    let now: std::collections::HashSet<Option<String>> =
        table.rows.iter().map(|row| key(row)).collect();
    // Only a complete earlier snapshot says a row is gone.
    if !before.truncated && !table.truncated {
        marked.extend(
            before
                .rows
                .iter()
                .filter(|row| !now.contains(&key(row)))
                .map(|row| (RowMark::Deleted, row.as_slice())),
        );
    }
    marked
}

/// How many statements each source line caused during the script, by line.
pub fn statements_per_line(report: &RunReport) -> Vec<(u32, u32)> {
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for statement in &report.statements {
        if statement.phase != retort_report::Phase::Script {
            continue;
        }
        let Some(span) = statement.span else {
            continue;
        };
        match counts.iter_mut().find(|(line, _)| *line == span.line) {
            Some((_, count)) => *count += 1,
            None => counts.push((span.line, 1)),
        }
    }
    retort_sort::sort(&mut counts);
    counts
}

#[cfg(test)]
mod tests;
