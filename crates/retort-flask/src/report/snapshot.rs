//! Snapshots for the report, taken without emitting SQL the run records or
//! changing any state: the session's objects from their ORM state, and a
//! table's rows read straight from the driver.

use retort_orm::{ObjectStatus, OrmValue, Session};
use retort_python::Interpreter;
use serde_json::{Value as Json, json};

use super::{ChangedAttribute, ObjectSnapshot, TableSnapshot};
use crate::convert::from_orm_in;

/// At most this many rows of a table go into one snapshot.
pub const MAX_ROWS: usize = 200;

fn status_name(status: ObjectStatus) -> &'static str {
    match status {
        ObjectStatus::Transient => "transient",
        ObjectStatus::Pending => "pending",
        ObjectStatus::Persistent => "persistent",
        ObjectStatus::Deleted => "deleted",
        ObjectStatus::Detached => "detached",
    }
}

/// Python's `repr` of an attribute value.
fn shown(interp: &mut Interpreter, value: &OrmValue) -> String {
    from_orm_in(interp, value)
        .and_then(|v| interp.repr(&v))
        .unwrap_or_else(|_| format!("{value:?}"))
}

/// Every object the session holds, or the script can still see.
pub fn session_objects(
    interp: &mut Interpreter,
    session: &Session,
    visible: &[u64],
) -> Vec<ObjectSnapshot> {
    let mut out = Vec::new();
    let ids: Vec<retort_orm::ObjectId> = visible
        .iter()
        .map(|raw| retort_orm::ObjectId(*raw))
        .collect();
    let mut all: Vec<retort_orm::ObjectId> = session.identity_objects();
    all.extend(session.new_objects());
    all.extend(session.deleted_objects());
    all.extend(ids);
    all.sort();
    all.dedup();
    for id in all {
        let Ok(state) = session.state(id) else {
            continue;
        };
        let Ok(mapper) = session.registry.mapper(state.mapper) else {
            continue;
        };
        let status = state.status();
        let identity: Vec<String> = state
            .key
            .iter()
            .flatten()
            .map(|v| shown(interp, v))
            .collect();
        let repr = match status {
            ObjectStatus::Pending | ObjectStatus::Transient => {
                format!("<{} ({})>", mapper.class_name, status_name(status))
            }
            _ => format!("<{} {}>", mapper.class_name, identity.join(", ")),
        };
        let attributes = mapper
            .columns
            .iter()
            .filter_map(|c| {
                state
                    .dict
                    .get(&c.attr)
                    .map(|v| (c.attr.clone(), shown(interp, v)))
            })
            .collect();
        let changed = state
            .changed_attributes()
            .into_iter()
            .map(|attr| {
                let new = state
                    .dict
                    .get(&attr)
                    .map_or_else(|| "None".to_string(), |v| shown(interp, v));
                let old = match state.committed.get(&attr) {
                    Some(retort_orm::state::Committed::Value(v)) => Some(shown(interp, v)),
                    _ => None,
                };
                ChangedAttribute { attr, old, new }
            })
            .collect();
        out.push(ObjectSnapshot {
            id: id.0,
            class_name: mapper.class_name.clone(),
            repr,
            status: status_name(status).to_string(),
            identity,
            attributes,
            changed,
            expired: state.expired.iter().cloned().collect(),
        });
    }
    out
}

fn json_of(value: &retort_driver::Value) -> Json {
    match value {
        retort_driver::Value::Null => Json::Null,
        retort_driver::Value::Integer(i) => json!(i),
        retort_driver::Value::Real(f) => json!(f),
        retort_driver::Value::Text(t) => json!(t),
        retort_driver::Value::Blob(b) => {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            json!({"$type": "bytes", "hex": hex})
        }
    }
}

/// A table's rows, read directly (not recorded, no transaction change).
pub fn table_rows(session: &mut Session, table: &str) -> Option<TableSnapshot> {
    let quoted = table.replace('"', "\"\"");
    let sql = format!("SELECT * FROM \"{quoted}\" LIMIT {}", MAX_ROWS + 1);
    let result = session.engine.database().query(&sql, &[]).ok()?;
    let truncated = result.rows.len() > MAX_ROWS;
    Some(TableSnapshot {
        name: table.to_string(),
        columns: result.columns.clone(),
        rows: result
            .rows
            .iter()
            .take(MAX_ROWS)
            .map(|row| row.iter().map(json_of).collect())
            .collect(),
        truncated,
    })
}

/// The table a DML statement writes, from its SQL.
pub fn written_table(sql: &str) -> Option<String> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let name = match words.as_slice() {
        ["INSERT", "INTO", name, ..] | ["DELETE", "FROM", name, ..] | ["UPDATE", name, ..] => *name,
        ["DROP", "TABLE", name, ..] => *name,
        ["CREATE", "TABLE", name, ..] => *name,
        _ => return None,
    };
    let name = name.split('(').next().unwrap_or(name);
    Some(name.trim_matches('"').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_tables_come_from_dml() {
        assert_eq!(
            written_table("INSERT INTO users (name) VALUES (?)").as_deref(),
            Some("users")
        );
        assert_eq!(
            written_table("UPDATE users SET name=? WHERE users.id = ?").as_deref(),
            Some("users")
        );
        assert_eq!(
            written_table("DELETE FROM \"order\" WHERE id = ?").as_deref(),
            Some("order")
        );
        assert_eq!(written_table("SELECT 1"), None);
    }
}
