//! Which tables a step changed, and their rows after it. Changes come from
//! the step's statements (the table an INSERT, UPDATE, DELETE or DDL names;
//! a ROLLBACK undoes every table written since the transaction began);
//! rows are read straight from the driver — not recorded, and a plain
//! SELECT leaves the transaction as it was.

use retort_driver::Database;
use retort_orm::{Origin, StatementKind, StatementRecord};
use retort_report::TableSnapshot;

use super::values::shown_driver;

/// At most this many rows of a table go into one snapshot.
pub const MAX_ROWS: usize = 500;

/// What a statement writes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Table(String),
    /// A write whose table the SQL does not say plainly (`WITH ...`).
    Unknown,
}

/// Reads a table name (quoted or bare, schema-qualified or not) at the
/// start of `rest`.
fn table_name(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    let (name, after) = match rest.chars().next()? {
        quote @ ('"' | '`' | '[') => {
            let close = if quote == '[' { ']' } else { quote };
            let body = &rest[1..];
            let mut name = String::new();
            let mut chars = body.char_indices().peekable();
            let mut end = body.len();
            while let Some((i, c)) = chars.next() {
                if c == close {
                    if close != ']' && chars.peek().is_some_and(|(_, n)| *n == close) {
                        chars.next();
                        name.push(c);
                        continue;
                    }
                    end = i + c.len_utf8();
                    break;
                }
                name.push(c);
            }
            (name, &body[end.min(body.len())..])
        }
        _ => {
            let end = rest
                .find(|c: char| c.is_whitespace() || "(,;.".contains(c))
                .unwrap_or(rest.len());
            (rest[..end].to_owned(), &rest[end..])
        }
    };
    if let Some(qualified) = after.strip_prefix('.') {
        return table_name(qualified);
    }
    (!name.is_empty()).then_some(name)
}

/// Strips the keywords in `words` (case-insensitive, each optional when
/// marked with `?`) from the start of `sql`; `None` when a required one is
/// missing.
fn after_keywords<'s>(mut sql: &'s str, words: &[&str]) -> Option<&'s str> {
    for word in words {
        let (word, optional) = match word.strip_suffix('?') {
            Some(w) => (w, true),
            None => (*word, false),
        };
        let trimmed = sql.trim_start();
        let head: String = trimmed
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        if head.eq_ignore_ascii_case(word) {
            sql = &trimmed[head.len()..];
        } else if !optional {
            return None;
        }
    }
    Some(sql)
}

/// Skips `OR IGNORE` (any `OR word`) after `INSERT` or `UPDATE`.
fn skip_conflict_clause(sql: &str) -> &str {
    match after_keywords(sql, &["OR"]) {
        Some(rest) => {
            let rest = rest.trim_start();
            let word = rest.chars().take_while(char::is_ascii_alphabetic).count();
            &rest[word..]
        }
        None => sql,
    }
}

/// A statement's first keyword, upper-cased (`CREATE`, `INSERT`, ...).
pub fn leading_keyword(sql: &str) -> String {
    sql.trim_start()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The table a statement writes, if it writes one.
fn target(sql: &str) -> Option<Target> {
    let first = leading_keyword(sql);
    let rest = match first.as_str() {
        "INSERT" => after_keywords(sql, &["INSERT"])
            .map(skip_conflict_clause)
            .and_then(|r| after_keywords(r, &["INTO"])),
        "REPLACE" => after_keywords(sql, &["REPLACE", "INTO"]),
        "UPDATE" => after_keywords(sql, &["UPDATE"]).map(skip_conflict_clause),
        "DELETE" => after_keywords(sql, &["DELETE", "FROM"]),
        "CREATE" => after_keywords(
            sql,
            &[
                "CREATE",
                "TEMP?",
                "TEMPORARY?",
                "TABLE",
                "IF?",
                "NOT?",
                "EXISTS?",
            ],
        ),
        "DROP" => after_keywords(sql, &["DROP", "TABLE", "IF?", "EXISTS?"]),
        "ALTER" => after_keywords(sql, &["ALTER", "TABLE"]),
        "WITH" => return Some(Target::Unknown),
        _ => return None,
    };
    // `CREATE INDEX`, `DROP VIEW` and the like change no rows.
    let rest = rest?;
    Some(table_name(rest).map_or(Target::Unknown, Target::Table))
}

/// The tables a step changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// In order of first change.
    pub tables: Vec<String>,
    /// Some change could not be placed: every table may have changed.
    pub all: bool,
}

impl Changed {
    fn add(&mut self, table: &str) {
        if !self.tables.iter().any(|t| t == table) {
            self.tables.push(table.to_owned());
        }
    }
}

/// Follows the session's transaction to know what a ROLLBACK undoes.
#[derive(Debug, Default)]
pub struct TableWatch {
    touched: Changed,
}

impl TableWatch {
    /// The tables `records` (one step's) changed.
    pub fn changed(&mut self, records: &[StatementRecord]) -> Changed {
        let mut changed = Changed::default();
        for record in records {
            match (record.kind, record.origin) {
                (StatementKind::Begin, _) => {}
                (StatementKind::Commit, Origin::Session) => self.touched = Changed::default(),
                (StatementKind::Rollback, Origin::Session) => {
                    let undone = std::mem::take(&mut self.touched);
                    changed.all |= undone.all;
                    for table in &undone.tables {
                        changed.add(table);
                    }
                }
                (StatementKind::Commit | StatementKind::Rollback, _) => {}
                _ => match target(&record.sql) {
                    Some(Target::Table(table)) => {
                        changed.add(&table);
                        self.touched.add(&table);
                    }
                    Some(Target::Unknown) => {
                        changed.all = true;
                        self.touched.all = true;
                    }
                    None => {}
                },
            }
        }
        changed
    }
}

/// Every table of the database, by name.
pub fn all_tables(database: &mut Database) -> Vec<String> {
    let sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
    match database.query(sql, &[]) {
        Ok(rows) => rows
            .rows
            .iter()
            .filter_map(|row| match row.first() {
                Some(retort_driver::Value::Text(name)) => Some(name.clone()),
                _ => None,
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A table's rows as the connection sees them now; `dropped` when it no
/// longer exists.
pub fn read_table(database: &mut Database, name: &str) -> Option<TableSnapshot> {
    let sql = format!("SELECT * FROM {} LIMIT {}", quoted(name), MAX_ROWS + 1);
    let result = match database.query(&sql, &[]) {
        Ok(result) => result,
        Err(error) if error.message.starts_with("no such table") => {
            return Some(TableSnapshot {
                name: name.to_owned(),
                dropped: true,
                ..TableSnapshot::default()
            });
        }
        Err(_) => return None,
    };
    let truncated = result.rows.len() > MAX_ROWS;
    let row_count = if truncated {
        let count = format!("SELECT count(*) FROM {}", quoted(name));
        match database.query(&count, &[]).ok()?.rows.first()?.first()? {
            retort_driver::Value::Integer(n) => u64::try_from(*n).unwrap_or(0),
            _ => 0,
        }
    } else {
        result.rows.len() as u64
    };
    Some(TableSnapshot {
        name: name.to_owned(),
        columns: result.columns.clone(),
        rows: result
            .rows
            .iter()
            .take(MAX_ROWS)
            .map(|row| row.iter().map(shown_driver).collect())
            .collect(),
        row_count,
        truncated,
        dropped: false,
    })
}

#[cfg(test)]
mod tests {
    use retort_orm::{Phase, RecordParams};

    use super::*;

    #[test]
    fn the_written_table_comes_from_the_sql() {
        let table = |sql: &str| match target(sql) {
            Some(Target::Table(t)) => Some(t),
            _ => None,
        };
        assert_eq!(
            table("INSERT INTO users (name) VALUES (?)").as_deref(),
            Some("users")
        );
        assert_eq!(
            table("insert or ignore into users VALUES (1)").as_deref(),
            Some("users")
        );
        assert_eq!(
            table("UPDATE users SET name=? WHERE users.id = ?").as_deref(),
            Some("users")
        );
        assert_eq!(
            table("DELETE FROM \"order\" WHERE id = ?").as_deref(),
            Some("order")
        );
        assert_eq!(
            table("DELETE FROM main.\"a \"\"b\" WHERE 1").as_deref(),
            Some("a \"b")
        );
        assert_eq!(
            table("\nCREATE TABLE users (\n\tid INTEGER)").as_deref(),
            Some("users")
        );
        assert_eq!(
            table("CREATE TABLE IF NOT EXISTS t(x)").as_deref(),
            Some("t")
        );
        assert_eq!(table("DROP TABLE users").as_deref(), Some("users"));
        assert_eq!(target("CREATE INDEX ix ON users (name)"), None);
        assert_eq!(target("SELECT 1"), None);
        assert_eq!(target("PRAGMA main.table_info(\"users\")"), None);
        assert_eq!(
            target("WITH x AS (SELECT 1) DELETE FROM t"),
            Some(Target::Unknown)
        );
    }

    fn record(kind: StatementKind, sql: &str, origin: Origin) -> StatementRecord {
        StatementRecord {
            kind,
            sql: sql.to_owned(),
            params: RecordParams::Single(Vec::new()),
            phase: Phase::Script,
            origin,
            caused_by: None,
            index: 0,
            load: None,
        }
    }

    #[test]
    fn a_rollback_changes_what_the_transaction_wrote() {
        let mut watch = TableWatch::default();
        let step = [
            record(StatementKind::Begin, "BEGIN (implicit)", Origin::Session),
            record(
                StatementKind::Execute,
                "INSERT INTO a (x) VALUES (?)",
                Origin::Flush,
            ),
        ];
        assert_eq!(watch.changed(&step).tables, vec!["a".to_owned()]);
        let select = [record(
            StatementKind::Execute,
            "SELECT a.x FROM a",
            Origin::Query,
        )];
        assert_eq!(watch.changed(&select), Changed::default());
        let rollback = [record(StatementKind::Rollback, "ROLLBACK", Origin::Session)];
        assert_eq!(watch.changed(&rollback).tables, vec!["a".to_owned()]);
        assert_eq!(watch.changed(&rollback), Changed::default());
    }

    #[test]
    fn rows_are_read_with_a_cap_and_a_count() {
        let mut database = Database::open_in_memory().unwrap();
        database
            .run("CREATE TABLE t (x INTEGER, y TEXT)", &[])
            .unwrap();
        database
            .run("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 600) INSERT INTO t SELECT n, 'r' || n FROM c", &[])
            .unwrap();
        let snapshot = read_table(&mut database, "t").unwrap();
        assert_eq!(snapshot.columns, vec!["x", "y"]);
        assert_eq!(snapshot.rows.len(), MAX_ROWS);
        assert!(snapshot.truncated);
        assert_eq!(snapshot.row_count, 600);
        assert_eq!(snapshot.rows[0][1].text, "'r1'");
        assert!(read_table(&mut database, "gone").unwrap().dropped);
        assert_eq!(all_tables(&mut database), vec!["t".to_owned()]);
    }
}
