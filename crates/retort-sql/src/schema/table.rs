//! Tables, columns, constraints and indexes, built the way SQLAlchemy's
//! `Column._set_parent` attaches them: a primary key collects its columns,
//! `unique=True` adds an unnamed UNIQUE constraint, `index=True` adds the
//! index `ix_<table>_<column>` (unique when `unique=True`), and each foreign
//! key becomes a FOREIGN KEY constraint.

use serde::{Deserialize, Serialize};

use crate::types::SqlType;

/// `autoincrement=` of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Autoincrement {
    #[default]
    Auto,
    True,
    False,
}

/// `server_default=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ServerDefault {
    /// A Python string: rendered as a quoted literal (`DEFAULT '0'`).
    Literal(String),
    /// `text("...")`: rendered verbatim (parenthesised on SQLite when needed).
    Sql(String),
    /// Any other SQL expression (`func.now()`): compiled by the dialect with
    /// its values written inline (`CURRENT_TIMESTAMP` on SQLite, `now()` in
    /// the default dialect `print(CreateTable(...))` uses).
    Expr(crate::expr::Expr),
}

/// `ForeignKey("table.column", ondelete=..., onupdate=..., name=...)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    pub table: String,
    pub column: String,
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
    /// The constraint's name (`CONSTRAINT fk_x FOREIGN KEY ...`).
    #[serde(default)]
    pub name: Option<String>,
}

impl ForeignKey {
    /// Parses `"table.column"`; `None` without a dot.
    pub fn parse(target: &str) -> Option<ForeignKey> {
        let (table, column) = target.rsplit_once('.')?;
        Some(ForeignKey {
            table: table.to_owned(),
            column: column.to_owned(),
            ondelete: None,
            onupdate: None,
            name: None,
        })
    }

    /// Sets `ondelete`.
    pub fn ondelete(mut self, action: impl Into<String>) -> ForeignKey {
        self.ondelete = Some(action.into());
        self
    }

    /// Sets `onupdate`.
    pub fn onupdate(mut self, action: impl Into<String>) -> ForeignKey {
        self.onupdate = Some(action.into());
        self
    }

    /// Names the constraint.
    pub fn named(mut self, name: impl Into<String>) -> ForeignKey {
        self.name = Some(name.into());
        self
    }
}

/// A column definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    /// The attribute key (defaults to the name).
    pub key: String,
    pub sql_type: SqlType,
    pub primary_key: bool,
    pub nullable: bool,
    pub autoincrement: Autoincrement,
    pub unique: bool,
    pub index: bool,
    pub server_default: Option<ServerDefault>,
    pub foreign_keys: Vec<ForeignKey>,
    /// The uppercase SQL type class the column was declared with
    /// (`TIMESTAMP`, `VARCHAR`), which its DDL spells instead of the
    /// generic type's spelling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_spelling: Option<String>,
    /// Column-level constraints (`Column(..., CheckConstraint(...))`),
    /// rendered after the column's specification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
}

impl Column {
    /// A nullable column with no options.
    pub fn new(name: impl Into<String>, sql_type: SqlType) -> Column {
        let name = name.into();
        Column {
            key: name.clone(),
            name,
            sql_type,
            primary_key: false,
            nullable: true,
            autoincrement: Autoincrement::Auto,
            unique: false,
            index: false,
            server_default: None,
            foreign_keys: Vec::new(),
            type_spelling: None,
            constraints: Vec::new(),
        }
    }

    /// The column's type as its DDL writes it.
    pub fn type_ddl(&self) -> String {
        match &self.type_spelling {
            Some(spelling) => self.sql_type.spelled_ddl(spelling),
            None => self.sql_type.ddl(),
        }
    }

    /// `primary_key=True` (which also makes the column NOT NULL).
    pub fn primary_key(mut self) -> Column {
        self.primary_key = true;
        self.nullable = false;
        self
    }

    /// `nullable=False`.
    pub fn not_null(mut self) -> Column {
        self.nullable = false;
        self
    }

    pub fn unique(mut self) -> Column {
        self.unique = true;
        self
    }

    pub fn index(mut self) -> Column {
        self.index = true;
        self
    }

    pub fn server_default(mut self, default: ServerDefault) -> Column {
        self.server_default = Some(default);
        self
    }

    pub fn foreign_key(mut self, fk: ForeignKey) -> Column {
        self.foreign_keys.push(fk);
        self
    }
}

/// A table-level constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Constraint {
    PrimaryKey {
        name: Option<String>,
        columns: Vec<String>,
    },
    Unique {
        name: Option<String>,
        columns: Vec<String>,
    },
    ForeignKey {
        name: Option<String>,
        columns: Vec<String>,
        ref_table: String,
        ref_columns: Vec<String>,
        ondelete: Option<String>,
        onupdate: Option<String>,
    },
    Check {
        name: Option<String>,
        sql: String,
    },
}

/// `Index(name, *columns, unique=...)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    pub table: String,
    pub columns: Vec<String>,
    pub unique: bool,
}

impl Index {
    /// The name SQLAlchemy's default convention gives the index
    /// `index=True` makes on `column` (`ix_<table>_<column>`).
    pub fn generated_name(table: &str, column: &str) -> String {
        format!("ix_{table}_{column}")
    }

    /// Whether the index has the name `index=True` gives one column (the
    /// name a convention's `ix` template replaces).
    pub fn has_generated_name(&self) -> bool {
        match self.columns.as_slice() {
            [column] => self.name == Index::generated_name(&self.table, column),
            _ => false,
        }
    }
}

/// A table: columns in order, constraints in creation order, indexes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// The primary key's columns, in table order.
    pub primary_key: Vec<String>,
    /// Constraints other than the primary key, in creation order.
    pub constraints: Vec<Constraint>,
    pub indexes: Vec<Index>,
    /// `sqlite_autoincrement=True`: `PRIMARY KEY AUTOINCREMENT` inline.
    pub sqlite_autoincrement: bool,
}

impl Table {
    /// Builds a table from its columns, deriving constraints and indexes.
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Table {
        let mut table = Table {
            name: name.into(),
            columns: Vec::new(),
            primary_key: Vec::new(),
            constraints: Vec::new(),
            indexes: Vec::new(),
            sqlite_autoincrement: false,
        };
        for column in columns {
            table.add_column(column);
        }
        table
    }

    /// Appends a column and the constraints and index it implies.
    pub fn add_column(&mut self, column: Column) {
        if column.primary_key {
            self.primary_key.push(column.name.clone());
        }
        if column.index {
            self.indexes.push(Index {
                name: Index::generated_name(&self.name, &column.name),
                table: self.name.clone(),
                columns: vec![column.name.clone()],
                unique: column.unique,
            });
        } else if column.unique {
            self.constraints.push(Constraint::Unique {
                name: None,
                columns: vec![column.name.clone()],
            });
        }
        for fk in &column.foreign_keys {
            self.constraints.push(Constraint::ForeignKey {
                name: fk.name.clone(),
                columns: vec![column.name.clone()],
                ref_table: fk.table.clone(),
                ref_columns: vec![fk.column.clone()],
                ondelete: fk.ondelete.clone(),
                onupdate: fk.onupdate.clone(),
            });
        }
        self.columns.push(column);
    }

    /// Appends a constraint created after the table (`append_constraint`).
    pub fn with_constraint(mut self, constraint: Constraint) -> Table {
        self.constraints.push(constraint);
        self
    }

    /// Adds the constraints of `Table(..., *constraints)` / `__table_args__`.
    /// SQLAlchemy orders constraints by creation, and these exist before the
    /// table attaches its columns, so they precede the UNIQUE and FOREIGN KEY
    /// constraints the columns imply.
    pub fn with_table_args(mut self, constraints: Vec<Constraint>) -> Table {
        let implied = std::mem::take(&mut self.constraints);
        self.constraints = constraints;
        self.constraints.extend(implied);
        self
    }

    /// `PrimaryKeyConstraint(*columns, name=name)`: marks the columns as the
    /// primary key (and NOT NULL), in the constraint's column order.
    pub fn with_primary_key(mut self, name: Option<String>, columns: Vec<String>) -> Table {
        for column in &mut self.columns {
            if columns.contains(&column.name) {
                column.primary_key = true;
                column.nullable = false;
            }
        }
        self.constraints
            .retain(|c| !matches!(c, Constraint::PrimaryKey { .. }));
        self.primary_key = columns.clone();
        self.constraints
            .push(Constraint::PrimaryKey { name, columns });
        self
    }

    /// Appends an explicit index.
    pub fn with_index(mut self, index: Index) -> Table {
        self.indexes.push(index);
        self
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Names of the tables this one references (excluding itself).
    pub fn referenced_tables(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.constraints {
            if let Constraint::ForeignKey { ref_table, .. } = c
                && ref_table != &self.name
                && !out.contains(&ref_table.as_str())
            {
                out.push(ref_table);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_options_become_constraints_and_indexes() {
        let t = Table::new(
            "users",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("username", SqlType::String(Some(64)))
                    .unique()
                    .index(),
                Column::new("email", SqlType::String(Some(120))).unique(),
                Column::new("role_id", SqlType::Integer)
                    .foreign_key(ForeignKey::parse("roles.id").unwrap()),
            ],
        );
        assert_eq!(t.primary_key, vec!["id"]);
        assert_eq!(t.indexes[0].name, "ix_users_username");
        assert!(t.indexes[0].unique);
        assert_eq!(t.constraints.len(), 2);
        assert_eq!(t.referenced_tables(), vec!["roles"]);
        assert!(!t.column("id").unwrap().nullable);
    }
}
