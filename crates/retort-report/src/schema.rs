//! [`SchemaSnapshot`]: the database's tables as SQLite holds them after a
//! step that ran DDL — each table's `CREATE TABLE` text, its columns, its
//! foreign keys and indexes — for the Schema panel's DDL list and diagram.

use serde::{Deserialize, Serialize};

/// Every table of the database (SQLite's own `sqlite_*` tables left out),
/// by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchemaSnapshot {
    pub tables: Vec<SchemaTable>,
}

/// One table as `sqlite_master` and its PRAGMAs describe it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchemaTable {
    pub name: String,
    /// The statement that created it, as it was sent (`sqlite_master.sql`).
    pub sql: String,
    pub columns: Vec<SchemaColumn>,
    pub foreign_keys: Vec<ForeignKeyLink>,
    /// `CREATE INDEX` statements (indexes SQLite made for a UNIQUE or
    /// PRIMARY KEY constraint have none and are left out).
    pub indexes: Vec<String>,
}

/// A column as `PRAGMA table_info` gives it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchemaColumn {
    pub name: String,
    /// The declared type (`VARCHAR(80)`), empty when none was declared.
    pub type_name: String,
    pub not_null: bool,
    /// Its position in the primary key, counted from 1; 0 when not in it.
    pub primary_key: u32,
    /// The `DEFAULT` clause's SQL text.
    pub default: Option<String>,
}

/// A foreign key: `columns` of this table refer to `target_columns` of
/// `target_table` (empty when the key names the target's primary key
/// implicitly).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ForeignKeyLink {
    pub columns: Vec<String>,
    pub target_table: String,
    pub target_columns: Vec<String>,
}

impl SchemaSnapshot {
    /// The table called `name`.
    pub fn table(&self, name: &str) -> Option<&SchemaTable> {
        self.tables.iter().find(|table| table.name == name)
    }
}

impl SchemaTable {
    /// Whether `column` is part of one of this table's foreign keys.
    pub fn is_foreign_key(&self, column: &str) -> bool {
        self.foreign_keys
            .iter()
            .any(|key| key.columns.iter().any(|c| c == column))
    }
}
