//! The ORM's statement records as report statements: typed parameters,
//! the echo log's parameter text, the causing line, and what SQLite said
//! — row counts and failures — matched from the driver's trace.

use retort_driver::StatementOutcome;
use retort_orm::{RecordParams, StatementKind, StatementRecord};
use retort_report::{Shown, StatementEvent};

use super::convert;
use super::spans::SourceLines;
use super::timeline::Trace;
use super::values::{shown_param, tuple_text};

/// Matches records to the driver's traces, in order.
#[derive(Debug, Default)]
pub struct TraceCursor {
    traces: Vec<Trace>,
    next: usize,
}

/// What SQLite reported for one record.
#[derive(Debug, Default, PartialEq)]
struct Outcome {
    rowcount: Option<u64>,
    rows_returned: Option<u64>,
    failure: Option<String>,
}

/// Whether `sql` changes rows (so SQLite's count of changed rows means
/// something).
fn is_dml(sql: &str) -> bool {
    let keyword: String = sql
        .trim_start()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    matches!(
        keyword.to_ascii_uppercase().as_str(),
        "INSERT" | "UPDATE" | "DELETE" | "REPLACE"
    )
}

impl TraceCursor {
    pub fn new(traces: Vec<Trace>) -> TraceCursor {
        TraceCursor { traces, next: 0 }
    }

    /// The next trace of `sql`, skipping unlogged statements (transaction
    /// control, `last_insert_rowid()`) in between.
    fn next_of(&mut self, sql: &str) -> Option<&StatementOutcome> {
        let found = self.traces[self.next..].iter().position(|t| t.sql == sql)?;
        self.next += found + 1;
        Some(&self.traces[self.next - 1].outcome)
    }

    fn outcome(&mut self, record: &StatementRecord) -> Outcome {
        let times = match (&record.kind, &record.params) {
            (StatementKind::Begin | StatementKind::Commit | StatementKind::Rollback, _) => 0,
            (StatementKind::Executemany, RecordParams::Many(rows)) => rows.len(),
            _ => 1,
        };
        let dml = is_dml(&record.sql);
        let mut outcome = Outcome::default();
        for _ in 0..times {
            let Some(traced) = self.next_of(&record.sql) else {
                break;
            };
            match traced {
                StatementOutcome::Rows(n) => {
                    let n = u64::try_from(*n).unwrap_or(u64::MAX);
                    outcome.rows_returned = Some(outcome.rows_returned.unwrap_or(0) + n);
                    if dml {
                        outcome.rowcount = Some(outcome.rowcount.unwrap_or(0) + n);
                    }
                }
                StatementOutcome::Changed(n) if dml => {
                    outcome.rowcount = Some(outcome.rowcount.unwrap_or(0) + n);
                }
                StatementOutcome::Changed(_) => {}
                StatementOutcome::Failed(message) => {
                    outcome.failure = Some(message.clone());
                    break;
                }
            }
        }
        outcome
    }

    /// A record as the report's statement of step `step`.
    pub fn statement(
        &mut self,
        record: &StatementRecord,
        step: u64,
        lines: &SourceLines,
    ) -> StatementEvent {
        let params: Vec<Vec<Shown>> = match (&record.kind, &record.params) {
            (StatementKind::Begin | StatementKind::Commit | StatementKind::Rollback, _) => {
                Vec::new()
            }
            (_, RecordParams::Single(row)) => vec![row.iter().map(shown_param).collect()],
            (_, RecordParams::Many(rows)) => rows
                .iter()
                .map(|row| row.iter().map(shown_param).collect())
                .collect(),
        };
        let params_text = match (&record.kind, params.as_slice()) {
            (StatementKind::Begin | StatementKind::Commit | StatementKind::Rollback, _) => {
                String::new()
            }
            (StatementKind::Executemany, rows) => {
                let rows: Vec<String> = rows.iter().map(|r| tuple_text(r)).collect();
                format!("[{}]", rows.join(", "))
            }
            (_, [row]) => tuple_text(row),
            _ => "()".to_owned(),
        };
        let outcome = self.outcome(record);
        StatementEvent {
            index: record.index,
            step,
            kind: convert::kind(record.kind),
            sql: record.sql.clone(),
            params,
            params_text,
            origin: convert::origin(record.origin),
            phase: convert::phase(record.phase),
            span: record.caused_by.and_then(|line| lines.line_span(line)),
            rowcount: outcome.rowcount,
            rows_returned: outcome.rows_returned,
            failure: outcome.failure,
            load: record.load.as_ref().map(convert::load),
            console: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use retort_orm::{Origin, Phase};

    use super::*;

    fn record(kind: StatementKind, sql: &str, params: RecordParams) -> StatementRecord {
        StatementRecord {
            kind,
            sql: sql.to_owned(),
            params,
            phase: Phase::Script,
            origin: Origin::Flush,
            caused_by: Some(1),
            index: 0,
            load: None,
        }
    }

    fn trace(sql: &str, outcome: StatementOutcome) -> Trace {
        Trace {
            sql: sql.to_owned(),
            outcome,
        }
    }

    #[test]
    fn row_counts_come_from_the_matching_traces() {
        let update = "UPDATE t SET a=? WHERE t.id = ?";
        let mut cursor = TraceCursor::new(vec![
            trace("BEGIN", StatementOutcome::Changed(0)),
            trace(update, StatementOutcome::Changed(1)),
            trace(update, StatementOutcome::Changed(1)),
            trace("SELECT t.a FROM t", StatementOutcome::Rows(3)),
            trace(
                "INSERT INTO t DEFAULT VALUES",
                StatementOutcome::Failed("no".into()),
            ),
        ]);
        let lines = SourceLines::new("db.session.commit()\n");
        let begin = record(
            StatementKind::Begin,
            "BEGIN (implicit)",
            RecordParams::Single(vec![]),
        );
        assert_eq!(cursor.statement(&begin, 0, &lines).rowcount, None);
        let many = record(
            StatementKind::Executemany,
            update,
            RecordParams::Many(vec![
                vec![retort_sql::Value::Integer(1), retort_sql::Value::Integer(1)],
                vec![retort_sql::Value::Integer(2), retort_sql::Value::Integer(2)],
            ]),
        );
        let event = cursor.statement(&many, 0, &lines);
        assert_eq!(event.rowcount, Some(2));
        assert_eq!(event.params_text, "[(1, 1), (2, 2)]");
        assert_eq!(event.span.unwrap().line, 1);
        let select = record(
            StatementKind::Execute,
            "SELECT t.a FROM t",
            RecordParams::Single(vec![]),
        );
        let event = cursor.statement(&select, 0, &lines);
        assert_eq!((event.rowcount, event.rows_returned), (None, Some(3)));
        assert_eq!(event.params_text, "()");
        let insert = record(
            StatementKind::Execute,
            "INSERT INTO t DEFAULT VALUES",
            RecordParams::Single(vec![]),
        );
        assert_eq!(
            cursor.statement(&insert, 0, &lines).failure.as_deref(),
            Some("no")
        );
    }
}
