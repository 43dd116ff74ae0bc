//! The step a terminal line adds to the page's report of the project's
//! database ([`StepOutcome`]): the statements the line sent (Alembic's
//! schema reads marked as [`Origin::Inspect`], everything else as
//! [`Origin::Terminal`]), what the terminal printed, every table's rows
//! afterwards (tables that disappeared marked dropped) and the schema, so
//! the page's SQL, Tables and Schema panels show a migration as they show
//! a run.

use retort_driver::{Database, Value};
use retort_flask::StatementEntry;
use retort_flask::report::schema::read_schema;
use retort_flask::report::tables::{all_tables, read_table};
use retort_flask::report::{shown_driver, tuple_text};
use retort_report::{
    Event, Origin, Phase, Shown, StatementEvent, StatementKind, Step, StepKind, StepOutcome,
    TableSnapshot,
};
use serde_json::Value as Json;

/// Whether Alembic sent `sql` to read the schema rather than change it.
pub fn is_reflection(sql: &str) -> bool {
    let sql = sql.trim_start();
    sql.starts_with("PRAGMA")
        || sql.contains("FROM sqlite_master")
        || sql.contains("FROM sqlite_temp_master")
}

fn kind(kind: &str) -> StatementKind {
    match kind {
        "begin" => StatementKind::Begin,
        "commit" => StatementKind::Commit,
        "rollback" => StatementKind::Rollback,
        "executemany" => StatementKind::Executemany,
        "insertmanyvalues" => StatementKind::Insertmanyvalues,
        _ => StatementKind::Execute,
    }
}

/// A recorded parameter as the database received it.
fn driver_value(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0))),
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(tagged) => {
            let hex = tagged.get("hex").and_then(Json::as_str).unwrap_or_default();
            let bytes = (0..hex.len() / 2)
                .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
                .collect();
            Value::Blob(bytes)
        }
        Json::Array(_) => Value::Text(value.to_string()),
    }
}

fn row(values: &[Json]) -> Vec<Shown> {
    values
        .iter()
        .map(|value| shown_driver(&driver_value(value)))
        .collect()
}

/// The rows of parameters: one for `execute`, several for `executemany`.
fn params(kind: StatementKind, params: &Json) -> Vec<Vec<Shown>> {
    let Json::Array(items) = params else {
        return Vec::new();
    };
    match kind {
        StatementKind::Executemany | StatementKind::Insertmanyvalues => items
            .iter()
            .map(|item| match item {
                Json::Array(values) => row(values),
                other => row(std::slice::from_ref(other)),
            })
            .collect(),
        _ if items.is_empty() => Vec::new(),
        _ => vec![row(items)],
    }
}

/// The parameters as the echo log prints them.
fn params_text(kind: StatementKind, rows: &[Vec<Shown>]) -> String {
    match (kind, rows) {
        (_, []) => String::new(),
        (StatementKind::Executemany | StatementKind::Insertmanyvalues, _) => {
            let items: Vec<String> = rows.iter().map(|r| tuple_text(r)).collect();
            format!("[{}]", items.join(", "))
        }
        (_, [only]) => tuple_text(only),
        _ => String::new(),
    }
}

fn statement(index: u64, entry: &StatementEntry) -> StatementEvent {
    let kind = kind(&entry.kind);
    let params = params(kind, &entry.params);
    StatementEvent {
        index,
        step: 0,
        kind,
        sql: entry.sql.clone(),
        params_text: params_text(kind, &params),
        params,
        origin: if is_reflection(&entry.sql) {
            Origin::Inspect
        } else {
            Origin::Terminal
        },
        phase: Phase::Script,
        span: None,
        rowcount: None,
        rows_returned: None,
        failure: None,
        load: None,
        console: None,
    }
}

/// The step of `line`, which printed `output`, sent `entries` and left
/// the database `db` (`None`: the project has none) whose tables were
/// `tables_before`.
pub fn terminal_step(
    line: &str,
    output: &str,
    entries: &[StatementEntry],
    tables_before: &[String],
    db: Option<&mut Database>,
) -> StepOutcome {
    let statements: Vec<StatementEvent> = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| statement(i as u64, entry))
        .collect();
    let mut events: Vec<Event> = statements
        .iter()
        .map(|s| Event::Statement { index: s.index })
        .collect();
    if !output.is_empty() {
        events.push(Event::Stdout {
            text: output.to_owned(),
        });
    }
    let (tables, schema) = match db {
        Some(db) => {
            let names = all_tables(db);
            let mut tables: Vec<TableSnapshot> = names
                .iter()
                .filter_map(|name| read_table(db, name))
                .collect();
            tables.extend(dropped(tables_before, &names));
            (tables, Some(read_schema(db)))
        }
        None => (dropped(tables_before, &[]).collect(), None),
    };
    StepOutcome {
        step: Step {
            kind: StepKind::Command,
            events,
            tables,
            schema,
            command: Some(line.trim().to_owned()),
            ..Step::default()
        },
        statements,
    }
}

fn dropped<'a>(
    before: &'a [String],
    now: &'a [String],
) -> impl Iterator<Item = TableSnapshot> + 'a {
    before
        .iter()
        .filter(|name| !now.contains(name))
        .map(|name| TableSnapshot {
            name: name.clone(),
            dropped: true,
            ..TableSnapshot::default()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, sql: &str, params: Json) -> StatementEntry {
        StatementEntry {
            kind: kind.into(),
            sql: sql.into(),
            normalized: sql.into(),
            params,
            phase: "script".into(),
            params_unordered: false,
        }
    }

    #[test]
    fn statements_keep_their_parameters_and_reads_are_marked() {
        let mut db = Database::open_in_memory().unwrap();
        db.execute("CREATE TABLE user (id INTEGER, name TEXT)", &[])
            .unwrap();
        db.execute("INSERT INTO user VALUES (1, 'ann')", &[])
            .unwrap();
        let entries = [
            entry("begin", "BEGIN (implicit)", Json::Array(vec![])),
            entry(
                "execute",
                "PRAGMA main.table_info(\"user\")",
                Json::Array(vec![]),
            ),
            entry(
                "execute",
                "UPDATE alembic_version SET version_num=?",
                serde_json::json!(["a1b2c3", null, 1.5, {"$type": "bytes", "hex": "0a"}]),
            ),
            entry(
                "executemany",
                "INSERT INTO t VALUES (?)",
                serde_json::json!([[1], [2]]),
            ),
        ];
        let before = vec!["user".to_owned(), "old".to_owned()];
        let outcome = terminal_step(
            " flask db upgrade ",
            "done\n",
            &entries,
            &before,
            Some(&mut db),
        );
        let origins: Vec<Origin> = outcome.statements.iter().map(|s| s.origin).collect();
        assert_eq!(
            origins,
            [
                Origin::Terminal,
                Origin::Inspect,
                Origin::Terminal,
                Origin::Terminal
            ]
        );
        assert_eq!(
            outcome.statements[2].params_text,
            "('a1b2c3', None, 1.5, b'\\n')"
        );
        assert_eq!(outcome.statements[3].params_text, "[(1,), (2,)]");
        assert_eq!(outcome.statements[0].kind, StatementKind::Begin);
        let step = &outcome.step;
        assert_eq!(step.kind, StepKind::Command);
        assert_eq!(step.command.as_deref(), Some("flask db upgrade"));
        assert_eq!(step.statement_indices().count(), 4);
        assert_eq!(step.stdout(), "done\n");
        let user = step.tables.iter().find(|t| t.name == "user").unwrap();
        assert_eq!(user.columns, ["id", "name"]);
        assert_eq!(user.rows[0][1].text, "'ann'");
        assert!(step.tables.iter().any(|t| t.name == "old" && t.dropped));
        assert_eq!(step.schema.as_ref().unwrap().tables[0].name, "user");
    }
}
