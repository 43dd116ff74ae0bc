//! The database's schema after a step, read straight from the driver
//! (`sqlite_master` and the table PRAGMAs): never recorded, never part of
//! the run's SQL, and it leaves the transaction as it was.

use retort_driver::{Database, Value};
use retort_report::{ForeignKeyLink, SchemaColumn, SchemaSnapshot, SchemaTable};

/// Every table the database holds now, by name, with its columns, foreign
/// keys and explicit indexes. Reading failures leave the part out.
pub fn read_schema(database: &mut Database) -> SchemaSnapshot {
    let sql = "SELECT name, sql FROM sqlite_master \
               WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
    let Ok(result) = database.query(sql, &[]) else {
        return SchemaSnapshot::default();
    };
    let tables = result
        .rows
        .iter()
        .filter_map(|row| {
            let name = text(row.first())?;
            let sql = text(row.get(1)).unwrap_or_default();
            Some(SchemaTable {
                columns: columns(database, &name),
                foreign_keys: foreign_keys(database, &name),
                indexes: indexes(database, &name),
                name,
                sql,
            })
        })
        .collect();
    SchemaSnapshot { tables }
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Text(text) => Some(text.clone()),
        _ => None,
    }
}

fn integer(value: Option<&Value>) -> i64 {
    match value {
        Some(Value::Integer(n)) => *n,
        _ => 0,
    }
}

/// `name` as a string literal for a PRAGMA's table-valued function.
fn literal(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

fn columns(database: &mut Database, table: &str) -> Vec<SchemaColumn> {
    // cid, name, type, notnull, dflt_value, pk
    let sql = format!("SELECT * FROM pragma_table_info({})", literal(table));
    let Ok(result) = database.query(&sql, &[]) else {
        return Vec::new();
    };
    result
        .rows
        .iter()
        .filter_map(|row| {
            Some(SchemaColumn {
                name: text(row.get(1))?,
                type_name: text(row.get(2)).unwrap_or_default(),
                not_null: integer(row.get(3)) != 0,
                default: text(row.get(4)),
                primary_key: u32::try_from(integer(row.get(5))).unwrap_or(0),
            })
        })
        .collect()
}

fn foreign_keys(database: &mut Database, table: &str) -> Vec<ForeignKeyLink> {
    // id, seq, table, from, to, on_update, on_delete, match
    let sql = format!(
        "SELECT * FROM pragma_foreign_key_list({}) ORDER BY id, seq",
        literal(table)
    );
    let Ok(result) = database.query(&sql, &[]) else {
        return Vec::new();
    };
    let mut keys: Vec<(i64, ForeignKeyLink)> = Vec::new();
    for row in &result.rows {
        let id = integer(row.first());
        let (Some(target), Some(from)) = (text(row.get(2)), text(row.get(3))) else {
            continue;
        };
        let to = text(row.get(4));
        if keys.last().is_none_or(|(last, _)| *last != id) {
            keys.push((
                id,
                ForeignKeyLink {
                    target_table: target,
                    ..ForeignKeyLink::default()
                },
            ));
        }
        if let Some((_, key)) = keys.last_mut() {
            key.columns.push(from);
            key.target_columns.extend(to);
        }
    }
    keys.into_iter().map(|(_, key)| key).collect()
}

fn indexes(database: &mut Database, table: &str) -> Vec<String> {
    let sql = "SELECT sql FROM sqlite_master \
               WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name";
    match database.query(sql, &[Value::Text(table.to_owned())]) {
        Ok(result) => result.rows.iter().filter_map(|r| text(r.first())).collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tables_columns_keys_and_indexes() {
        let mut db = Database::open_in_memory().unwrap();
        db.run_script(
            "CREATE TABLE author (id INTEGER NOT NULL, name VARCHAR(80) DEFAULT 'x', PRIMARY KEY (id));
             CREATE TABLE book (id INTEGER NOT NULL, author_id INTEGER, \"it's\" TEXT,
               PRIMARY KEY (id), FOREIGN KEY(author_id) REFERENCES author (id));
             CREATE INDEX ix_book_author_id ON book (author_id);
             CREATE TABLE \"we'ird\" (a INT UNIQUE);",
        );
        let schema = read_schema(&mut db);
        let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["author", "book", "we'ird"]);
        let author = schema.table("author").unwrap();
        assert_eq!(author.columns[0].primary_key, 1);
        assert!(author.columns[0].not_null);
        assert_eq!(author.columns[1].type_name, "VARCHAR(80)");
        assert_eq!(author.columns[1].default.as_deref(), Some("'x'"));
        let book = schema.table("book").unwrap();
        assert_eq!(
            book.foreign_keys,
            [ForeignKeyLink {
                columns: vec!["author_id".into()],
                target_table: "author".into(),
                target_columns: vec!["id".into()],
            }]
        );
        assert!(book.is_foreign_key("author_id"));
        assert_eq!(book.columns[2].name, "it's");
        assert_eq!(
            book.indexes,
            ["CREATE INDEX ix_book_author_id ON book (author_id)"]
        );
        let weird = schema.table("we'ird").unwrap();
        assert!(weird.sql.starts_with("CREATE TABLE"));
        assert!(
            weird.indexes.is_empty(),
            "UNIQUE's automatic index has no SQL"
        );
    }
}
