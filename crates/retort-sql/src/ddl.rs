//! DDL statements as data: CREATE/DROP TABLE and INDEX, and the PRAGMA
//! queries `create_all`/`drop_all` use to check which tables exist.

use serde::{Deserialize, Serialize};

use crate::schema::{Index, Table};

/// A DDL statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DdlStatement {
    CreateTable(Table),
    DropTable(String),
    CreateIndex(Index),
    DropIndex(String),
}

/// `PRAGMA <schema>.table_info("<table>")`, as `has_table` emits it
/// (`schema` is `main` or `temp`). The table name is always quoted.
pub fn pragma_table_info(schema: &str, table: &str) -> String {
    format!(
        "PRAGMA {schema}.table_info(\"{}\")",
        table.replace('"', "\"\"")
    )
}

/// `PRAGMA main.table_xinfo("t")`: the columns the inspector's
/// `get_columns()` reads, hidden and generated ones included.
pub fn pragma_table_xinfo(schema: &str, table: &str) -> String {
    format!(
        "PRAGMA {schema}.table_xinfo(\"{}\")",
        table.replace('"', "\"\"")
    )
}

/// The inspector's query for a table's `CREATE` statement (its
/// constraint names), with the table name as its one parameter.
pub const SQLITE_TABLE_SQL: &str = "SELECT sql FROM  (SELECT * FROM sqlite_master UNION ALL   SELECT * FROM sqlite_temp_master) WHERE name = ? AND type in ('table', 'view')";

/// The inspector's `get_table_names()` query on SQLite.
pub const SQLITE_TABLE_NAMES: &str = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragma_quotes_the_table() {
        assert_eq!(
            pragma_table_info("main", "users"),
            "PRAGMA main.table_info(\"users\")"
        );
    }
}
