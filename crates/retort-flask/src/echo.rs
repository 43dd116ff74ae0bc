//! `echo=True`: SQLAlchemy's engine log on stdout, as `create_engine(url,
//! echo=True)` (or `SQLALCHEMY_ECHO`) prints it — one
//! `2026-12-04 18:29:20,799 INFO sqlalchemy.engine.Engine <SQL>` line per
//! statement, then its parameters in brackets that say where the compiled
//! form came from: `[generated in 0.00012s]` the first time a statement is
//! seen, `[cached since 0.003s ago]` after that, `[no key 0.00008s]` for
//! `create_all`'s DDL, `[raw sql]` for its PRAGMA checks, and the
//! `(insertmanyvalues) 1/2 (ordered; batch not supported)` numbering of an
//! INSERT sent one row at a time.
//!
//! The ORM tells [`EchoLog::observe`] of every statement as it logs it;
//! whether a statement shows is decided per connection, when it begins (so
//! `engine.echo = True` in the middle of a transaction shows from the next
//! one); the lines wait until something else reaches stdout (the runner calls
//! [`EchoLog::take_text`] before each `print` and at the end), so the log
//! and the script's output interleave as they would in a terminal, and an
//! INSERT's rows are numbered once the batch is complete. "generated in"
//! is the time the ORM call spent before it issued the statement;
//! "cached since", the time since the same SQL was first sent.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use chrono::NaiveDateTime;
use retort_orm::{Origin, RecordParams, StatementKind, StatementRecord, python_tuple_repr};

/// The logger name SQLAlchemy's engine logs under.
const LOGGER: &str = "sqlalchemy.engine.Engine";

/// The echo log of a run: off until the script turns it on.
#[derive(Debug, Default)]
pub struct EchoLog {
    enabled: Cell<bool>,
    /// Whether the connection in use logs: SQLAlchemy decides when a
    /// connection is checked out (`BEGIN`), so turning echo on in the
    /// middle of a transaction shows from the next one.
    connection_echo: Cell<bool>,
    /// When the ORM call now running began.
    call_started: Cell<Option<NaiveDateTime>>,
    /// When each SQL text was first sent (SQLAlchemy's compiled cache).
    first_seen: RefCell<HashMap<String, NaiveDateTime>>,
    pending: RefCell<Vec<Entry>>,
}

#[derive(Debug, Clone)]
struct Entry {
    at: NaiveDateTime,
    kind: StatementKind,
    sql: String,
    params: RecordParams,
    source: Source,
}

/// Where the statement's compiled form came from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    Generated(f64),
    Cached(f64),
    NoKey(f64),
    RawSql,
}

impl EchoLog {
    /// `echo=`: from `create_engine`, the engine's next connection on.
    pub fn set_enabled(&self, enabled: bool) {
        self.enabled.set(enabled);
    }

    /// `create_engine(url, echo=True)`: every statement from the start.
    pub fn enable_from_start(&self) {
        self.enabled.set(true);
        self.connection_echo.set(true);
    }

    pub fn enabled(&self) -> bool {
        self.enabled.get()
    }

    /// An ORM call begins at `at`.
    pub fn call_started(&self, at: NaiveDateTime) {
        self.call_started.set(Some(at));
    }

    /// The ORM logged `record`; `now` reads the clock (only when needed:
    /// the first time a SQL text is seen, and for every line shown).
    pub fn observe(&self, record: &StatementRecord, now: impl Fn() -> NaiveDateTime) {
        if record.kind == StatementKind::Begin {
            self.connection_echo.set(self.enabled.get());
        }
        let marker = matches!(
            record.kind,
            StatementKind::Begin | StatementKind::Commit | StatementKind::Rollback
        );
        let schema_operation = matches!(record.origin, Origin::CreateAll | Origin::DropAll);
        // The dialect's own queries (`has_table`, `get_table_names`) are
        // sent as driver SQL.
        let raw = record.origin == Origin::Inspect
            || (schema_operation && record.sql.trim_start().starts_with("PRAGMA"));
        // The compiled cache fills whether or not anything is shown.
        let mut first_sent = None;
        if !marker && !schema_operation && !raw {
            let mut first_seen = self.first_seen.borrow_mut();
            match first_seen.get(&record.sql) {
                Some(first) => first_sent = Some(*first),
                None => {
                    first_seen.insert(record.sql.clone(), now());
                }
            }
        }
        if !self.connection_echo.get() {
            return;
        }
        let at = now();
        let since_call = self
            .call_started
            .get()
            .map_or(0.0, |start| seconds(at - start));
        let source = if raw {
            Source::RawSql
        } else if schema_operation {
            Source::NoKey(since_call)
        } else {
            match first_sent {
                Some(first) => Source::Cached(seconds(at - first)),
                None => Source::Generated(since_call),
            }
        };
        self.pending.borrow_mut().push(Entry {
            at,
            kind: record.kind,
            sql: record.sql.clone(),
            params: record.params.clone(),
            source,
        });
    }

    /// The log lines of the statements since the last call.
    pub fn take_text(&self) -> String {
        let entries = std::mem::take(&mut *self.pending.borrow_mut());
        let mut out = String::new();
        let mut i = 0;
        while i < entries.len() {
            let entry = &entries[i];
            if entry.kind == StatementKind::Insertmanyvalues {
                // One batch: the consecutive rows of the same INSERT.
                let run = entries[i..]
                    .iter()
                    .take_while(|e| e.kind == StatementKind::Insertmanyvalues && e.sql == entry.sql)
                    .count();
                for (n, row) in entries[i..i + run].iter().enumerate() {
                    write_entry(&mut out, row, Some((n + 1, run)), n == 0);
                }
                i += run;
            } else {
                write_entry(&mut out, entry, None, true);
                i += 1;
            }
        }
        out
    }
}

/// Python's `'%.4g' % x`.
fn general_4(x: f64) -> String {
    retort_python::format::spec::parse_spec(".4g")
        .and_then(|spec| retort_python::format::spec::format_float(x, &spec).ok())
        .unwrap_or_else(|| format!("{x}"))
}

/// `engine.echo = value` on either engine object: `Ok(false)` for any
/// other attribute (an `AttributeError`).
pub fn set_echo_attribute(
    ctx: &crate::ctx::Ctx,
    interp: &mut retort_python::Interpreter,
    name: &str,
    value: &retort_python::Value,
) -> retort_python::PyResult<bool> {
    if name != "echo" {
        return Ok(false);
    }
    ctx.echo.set_enabled(interp.is_truthy(value)?);
    Ok(true)
}

fn seconds(delta: chrono::TimeDelta) -> f64 {
    delta.num_microseconds().unwrap_or(0).max(0) as f64 / 1e6
}

/// `2026-12-04 18:29:20,799`, logging's `asctime`.
fn asctime(at: NaiveDateTime) -> String {
    format!(
        "{},{:03}",
        at.format("%Y-%m-%d %H:%M:%S"),
        at.and_utc().timestamp_subsec_millis()
    )
}

fn write_entry(out: &mut String, entry: &Entry, batch: Option<(usize, usize)>, first: bool) {
    let stamp = asctime(entry.at);
    out.push_str(&format!("{stamp} INFO {LOGGER} {}\n", entry.sql));
    if matches!(
        entry.kind,
        StatementKind::Begin | StatementKind::Commit | StatementKind::Rollback
    ) {
        return;
    }
    let params = match &entry.params {
        RecordParams::Single(values) => python_tuple_repr(values),
        RecordParams::Many(rows) => {
            let rows: Vec<String> = rows.iter().map(|row| python_tuple_repr(row)).collect();
            format!("[{}]", rows.join(", "))
        }
    };
    let origin = match entry.source {
        Source::Generated(secs) => format!("generated in {secs:.5}s"),
        Source::Cached(secs) => format!("cached since {}s ago", general_4(secs)),
        Source::NoKey(secs) => format!("no key {secs:.5}s"),
        Source::RawSql => "raw sql".to_owned(),
    };
    let bracket = match batch {
        Some((n, total)) if first => {
            format!("{origin} (insertmanyvalues) {n}/{total} (ordered; batch not supported)")
        }
        Some((n, total)) => format!("insertmanyvalues {n}/{total} (ordered; batch not supported)"),
        None => origin,
    };
    out.push_str(&format!("{stamp} INFO {LOGGER} [{bracket}] {params}\n"));
}

#[cfg(test)]
mod tests {
    use retort_orm::Phase;
    use retort_sql::Value;

    use super::*;

    fn at(ms: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp_millis(1_764_873_000_000 + ms)
            .unwrap()
            .naive_utc()
    }

    fn record(
        kind: StatementKind,
        sql: &str,
        params: Vec<Value>,
        origin: Origin,
    ) -> StatementRecord {
        StatementRecord {
            kind,
            sql: sql.into(),
            params: RecordParams::Single(params),
            phase: Phase::Script,
            origin,
            caused_by: None,
            index: 0,
            load: None,
        }
    }

    #[test]
    fn prints_nothing_until_enabled_and_then_from_the_next_connection() {
        let log = EchoLog::default();
        let select = record(StatementKind::Execute, "SELECT 1", vec![], Origin::Query);
        log.observe(
            &record(
                StatementKind::Begin,
                "BEGIN (implicit)",
                vec![],
                Origin::Session,
            ),
            || at(0),
        );
        log.set_enabled(true);
        log.observe(&select, || at(1));
        log.observe(
            &record(StatementKind::Commit, "COMMIT", vec![], Origin::Session),
            || at(1),
        );
        assert_eq!(log.take_text(), "");
        log.observe(
            &record(
                StatementKind::Begin,
                "BEGIN (implicit)",
                vec![],
                Origin::Session,
            ),
            || at(2),
        );
        log.observe(&select, || at(2));
        assert_eq!(log.take_text().lines().count(), 3);
    }

    #[test]
    fn lines_say_generated_cached_no_key_and_raw_sql() {
        let log = EchoLog::default();
        log.enable_from_start();
        log.call_started(at(0));
        log.observe(
            &record(
                StatementKind::Execute,
                "PRAGMA main.table_info(\"t\")",
                vec![],
                Origin::CreateAll,
            ),
            || at(1),
        );
        log.observe(
            &record(
                StatementKind::Execute,
                "\nCREATE TABLE t (x INTEGER)\n\n",
                vec![],
                Origin::CreateAll,
            ),
            || at(1),
        );
        log.observe(
            &record(
                StatementKind::Begin,
                "BEGIN (implicit)",
                vec![],
                Origin::Session,
            ),
            || at(2),
        );
        let select = "SELECT t.x \nFROM t \nWHERE t.x = ?";
        log.observe(
            &record(
                StatementKind::Execute,
                select,
                vec![Value::from("a")],
                Origin::Query,
            ),
            || at(2),
        );
        log.observe(
            &record(
                StatementKind::Execute,
                select,
                vec![Value::Integer(2)],
                Origin::Query,
            ),
            || at(5),
        );
        let text = log.take_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "2025-12-04 18:30:00,001 INFO sqlalchemy.engine.Engine PRAGMA main.table_info(\"t\")"
        );
        assert_eq!(
            lines[1],
            "2025-12-04 18:30:00,001 INFO sqlalchemy.engine.Engine [raw sql] ()"
        );
        assert_eq!(
            lines[2],
            "2025-12-04 18:30:00,001 INFO sqlalchemy.engine.Engine "
        );
        assert_eq!(lines[3], "CREATE TABLE t (x INTEGER)");
        assert_eq!(
            lines[6],
            "2025-12-04 18:30:00,001 INFO sqlalchemy.engine.Engine [no key 0.00100s] ()"
        );
        assert_eq!(
            lines[7],
            "2025-12-04 18:30:00,002 INFO sqlalchemy.engine.Engine BEGIN (implicit)"
        );
        assert_eq!(
            lines[11],
            "2025-12-04 18:30:00,002 INFO sqlalchemy.engine.Engine [generated in 0.00200s] ('a',)"
        );
        assert_eq!(
            lines[15],
            "2025-12-04 18:30:00,005 INFO sqlalchemy.engine.Engine [cached since 0.003s ago] (2,)"
        );
        assert_eq!(log.take_text(), "", "taken once");
    }

    #[test]
    fn insert_rows_sent_one_at_a_time_are_numbered() {
        let log = EchoLog::default();
        log.enable_from_start();
        log.call_started(at(0));
        let insert = "INSERT INTO t (x) VALUES (?) RETURNING id";
        for (i, x) in ["a", "b"].into_iter().enumerate() {
            log.observe(
                &record(
                    StatementKind::Insertmanyvalues,
                    insert,
                    vec![Value::from(x)],
                    Origin::Flush,
                ),
                || at(i as i64),
            );
        }
        let mut many = record(
            StatementKind::Executemany,
            "UPDATE t SET x=? WHERE t.id = ?",
            vec![],
            Origin::Flush,
        );
        many.params = RecordParams::Many(vec![
            vec![Value::from("c"), Value::Integer(1)],
            vec![Value::from("d"), Value::Integer(2)],
        ]);
        log.observe(&many, || at(3));
        let text = log.take_text();
        let params: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("] ") && l.contains(" ["))
            .map(|l| l.split(" INFO sqlalchemy.engine.Engine ").nth(1).unwrap())
            .collect();
        assert_eq!(
            params,
            [
                "[generated in 0.00000s (insertmanyvalues) 1/2 (ordered; batch not supported)] ('a',)",
                "[insertmanyvalues 2/2 (ordered; batch not supported)] ('b',)",
                "[generated in 0.00300s] [('c', 1), ('d', 2)]",
            ]
        );
    }
}
