//! The database as the page shows it around a command: each table's
//! columns (`PRAGMA table_info`) and what a command added, dropped or
//! changed. Read on a connection of its own, so nothing here is recorded
//! as the command's SQL.

use retort_driver::{Database, Value};
use retort_report::migration::{Change, ColumnChange, ColumnSchema, TableChange, TableSchema};

fn text(value: Option<&Value>) -> Option<String> {
    match value {
        Some(Value::Text(t)) => Some(t.clone()),
        Some(Value::Integer(i)) => Some(i.to_string()),
        _ => None,
    }
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A value as the rows table shows it.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => "NULL".to_owned(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => retort_sql::literal::python_float_repr(*f),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => format!(
            "x'{}'",
            b.iter().map(|x| format!("{x:02x}")).collect::<String>()
        ),
    }
}

fn table_names(db: &mut Database) -> Vec<String> {
    db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
        &[],
    )
    .map(|result| result.rows.iter().filter_map(|r| text(r.first())).collect())
    .unwrap_or_default()
}

/// Every table's columns, in creation order.
pub fn read_schema(db: &mut Database) -> Vec<TableSchema> {
    table_names(db)
        .into_iter()
        .map(|name| {
            let columns = db
                .query(&format!("PRAGMA table_info({})", quote(&name)), &[])
                .map(|result| {
                    result
                        .rows
                        .iter()
                        .map(|row| ColumnSchema {
                            name: text(row.get(1)).unwrap_or_default(),
                            type_name: text(row.get(2)).unwrap_or_default(),
                            nullable: !matches!(row.get(3), Some(Value::Integer(1))),
                            default: row.get(4).filter(|v| **v != Value::Null).map(cell),
                            primary_key: matches!(row.get(5), Some(Value::Integer(n)) if *n > 0),
                        })
                        .collect()
                })
                .unwrap_or_default();
            TableSchema { name, columns }
        })
        .collect()
}

/// What changed from `before` to `after`, table by table (created tables,
/// then altered, then dropped ones; `alembic_version` left out).
pub fn changes(before: &[TableSchema], after: &[TableSchema]) -> Vec<TableChange> {
    let mut out = Vec::new();
    for table in after.iter().filter(|t| t.name != "alembic_version") {
        match before.iter().find(|t| t.name == table.name) {
            None => out.push(TableChange {
                table: table.name.clone(),
                change: Change::Added,
                columns: table
                    .columns
                    .iter()
                    .map(|c| ColumnChange {
                        name: c.name.clone(),
                        change: Change::Added,
                        before: None,
                        after: Some(c.clone()),
                    })
                    .collect(),
            }),
            Some(old) => {
                let mut columns = Vec::new();
                for column in &table.columns {
                    match old.columns.iter().find(|c| c.name == column.name) {
                        None => columns.push(ColumnChange {
                            name: column.name.clone(),
                            change: Change::Added,
                            before: None,
                            after: Some(column.clone()),
                        }),
                        Some(previous) if previous != column => columns.push(ColumnChange {
                            name: column.name.clone(),
                            change: Change::Changed,
                            before: Some(previous.clone()),
                            after: Some(column.clone()),
                        }),
                        Some(_) => {}
                    }
                }
                for column in &old.columns {
                    if !table.columns.iter().any(|c| c.name == column.name) {
                        columns.push(ColumnChange {
                            name: column.name.clone(),
                            change: Change::Dropped,
                            before: Some(column.clone()),
                            after: None,
                        });
                    }
                }
                if !columns.is_empty() {
                    out.push(TableChange {
                        table: table.name.clone(),
                        change: Change::Changed,
                        columns,
                    });
                }
            }
        }
    }
    for table in before.iter().filter(|t| t.name != "alembic_version") {
        if !after.iter().any(|t| t.name == table.name) {
            out.push(TableChange {
                table: table.name.clone(),
                change: Change::Dropped,
                columns: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_and_rows_and_finds_the_changes() {
        let mut db = Database::open_in_memory().unwrap();
        db.execute(
            "CREATE TABLE user (id INTEGER NOT NULL, name VARCHAR(20), PRIMARY KEY (id))",
            &[],
        )
        .unwrap();
        db.execute("INSERT INTO user (name) VALUES ('ann')", &[])
            .unwrap();
        let before = read_schema(&mut db);
        assert_eq!(before[0].columns[0].name, "id");
        assert!(before[0].columns[0].primary_key && !before[0].columns[0].nullable);
        assert_eq!(before[0].columns[1].type_name, "VARCHAR(20)");
        db.execute("ALTER TABLE user ADD COLUMN age INTEGER DEFAULT 3", &[])
            .unwrap();
        db.execute("CREATE TABLE post (id INTEGER)", &[]).unwrap();
        let after = read_schema(&mut db);
        let found = changes(&before, &after);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].table, "user");
        assert_eq!(found[0].columns[0].name, "age");
        assert_eq!(found[0].columns[0].change, Change::Added);
        assert_eq!(
            found[0].columns[0]
                .after
                .as_ref()
                .unwrap()
                .default
                .as_deref(),
            Some("3")
        );
        assert_eq!(found[1].change, Change::Added);
        let back = changes(&after, &before);
        assert_eq!(back[0].columns[0].change, Change::Dropped);
        assert_eq!(back[1].change, Change::Dropped);
    }
}
