//! The statements a migration sends, spelled as SQLAlchemy's SQLite DDL
//! compiler and Alembic's `SQLiteImpl` spell them: CREATE TABLE with its
//! tab-indented lines, ALTER TABLE ADD/DROP COLUMN, RENAME, CREATE/DROP
//! INDEX, the batch copy's INSERT ... SELECT, and the `alembic_version`
//! statements (with literal revision ids).

use retort_sql::Dialect;
use retort_sql::compiler::naming::quote;
use retort_sql::literal::quote_string;

use crate::model::{Default, ForeignKey, MColumn, MConstraint, MIndex, MTable};

/// Quotes an identifier as SQLAlchemy's SQLite preparer does.
pub fn q(name: &str) -> String {
    quote(Dialect::Sqlite, name)
}

fn column_list(columns: &[String]) -> String {
    columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")
}

/// A column's DDL: name, type, DEFAULT and NOT NULL.
pub fn column_spec(column: &MColumn) -> String {
    let mut spec = format!("{} {}", q(&column.name), column.ty.ddl());
    if let Some(default) = &column.server_default {
        let rendered = match default {
            Default::Literal(s) => quote_string(s),
            Default::Sql(s) => s.clone(),
        };
        let bare = !rendered.trim_start().starts_with(['\'', '"', '('])
            && rendered.chars().any(|c| !(c.is_alphanumeric() || c == '_'));
        if bare {
            spec.push_str(&format!(" DEFAULT ({rendered})"));
        } else {
            spec.push_str(&format!(" DEFAULT {rendered}"));
        }
    }
    if !column.nullable {
        spec.push_str(" NOT NULL");
    }
    spec
}

fn named(name: Option<&crate::model::Name>) -> String {
    match name {
        Some(n) => format!("CONSTRAINT {} ", q(&n.text)),
        None => String::new(),
    }
}

/// A FOREIGN KEY clause.
pub fn foreign_key_spec(fk: &ForeignKey) -> String {
    let mut s = format!(
        "{}FOREIGN KEY({}) REFERENCES {} ({})",
        named(fk.name.as_ref()),
        column_list(&fk.columns),
        q(&fk.ref_table),
        column_list(&fk.ref_columns)
    );
    if let Some(action) = &fk.ondelete {
        s.push_str(&format!(" ON DELETE {action}"));
    }
    if let Some(action) = &fk.onupdate {
        s.push_str(&format!(" ON UPDATE {action}"));
    }
    s
}

/// A table-level constraint clause.
pub fn constraint_spec(constraint: &MConstraint) -> String {
    match constraint {
        MConstraint::Unique { name, columns } => {
            format!("{}UNIQUE ({})", named(name.as_ref()), column_list(columns))
        }
        MConstraint::ForeignKey(fk) => foreign_key_spec(fk),
        MConstraint::Check { name, sql } => format!("{}CHECK ({sql})", named(name.as_ref())),
    }
}

/// `CREATE TABLE`, as SQLAlchemy renders it (leading and trailing newlines).
pub fn create_table(table: &MTable) -> String {
    let mut lines: Vec<String> = table.columns.iter().map(column_spec).collect();
    if !table.primary_key.columns.is_empty() {
        lines.push(format!(
            "{}PRIMARY KEY ({})",
            named(table.primary_key.name.as_ref()),
            column_list(&table.primary_key.columns)
        ));
    }
    lines.extend(table.constraints.iter().map(constraint_spec));
    format!(
        "\nCREATE TABLE {} (\n\t{}\n)\n\n",
        q(&table.name),
        lines.join(", \n\t")
    )
}

/// `DROP TABLE`.
pub fn drop_table(name: &str) -> String {
    format!("\nDROP TABLE {}", q(name))
}

/// `ALTER TABLE ... ADD COLUMN`.
pub fn add_column(table: &str, column: &MColumn) -> String {
    format!(
        "ALTER TABLE {} ADD COLUMN {}",
        q(table),
        column_spec(column)
    )
}

/// `ALTER TABLE ... DROP COLUMN`.
pub fn drop_column(table: &str, column: &str) -> String {
    format!("ALTER TABLE {} DROP COLUMN {}", q(table), q(column))
}

/// `ALTER TABLE ... RENAME TO`.
pub fn rename_table(old: &str, new: &str) -> String {
    format!("ALTER TABLE {} RENAME TO {}", q(old), q(new))
}

/// `ALTER TABLE ... RENAME COLUMN` (SQLite's own; Alembic emits it outside batch mode).
pub fn rename_column(table: &str, old: &str, new: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME COLUMN {} TO {}",
        q(table),
        q(old),
        q(new)
    )
}

/// `CREATE [UNIQUE] INDEX`.
pub fn create_index(table: &str, index: &MIndex) -> String {
    let unique = if index.unique { "UNIQUE " } else { "" };
    format!(
        "CREATE {unique}INDEX {} ON {} ({})",
        q(&index.name.text),
        q(table),
        column_list(&index.columns)
    )
}

/// `DROP INDEX`.
pub fn drop_index(name: &str) -> String {
    format!("\nDROP INDEX {}", q(name))
}

/// One column of a batch copy: the old column, cast when its type family
/// changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    /// The column's name in the new table.
    pub target: String,
    /// The column's name in the old table.
    pub source: String,
    /// The new type's DDL when the copy casts.
    pub cast: Option<String>,
}

/// The batch copy: `INSERT INTO tmp (cols) SELECT t.cols \nFROM t`.
pub fn copy_rows(temp: &str, table: &str, transfers: &[Transfer]) -> String {
    let targets: Vec<String> = transfers.iter().map(|t| q(&t.target)).collect();
    let sources: Vec<String> = transfers
        .iter()
        .map(|t| {
            let column = format!("{}.{}", q(table), q(&t.source));
            match &t.cast {
                Some(ty) => format!("CAST({column} AS {ty}) AS {}", q(&t.source)),
                None => column,
            }
        })
        .collect();
    format!(
        "INSERT INTO {} ({}) SELECT {} \nFROM {}",
        q(temp),
        targets.join(", "),
        sources.join(", "),
        q(table)
    )
}

/// The version table's DDL.
pub const CREATE_VERSION_TABLE: &str = "\nCREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)\n\n";

/// Reads the version table.
pub const SELECT_VERSIONS: &str = "SELECT alembic_version.version_num \nFROM alembic_version";

/// Stamps a first revision.
pub fn insert_version(revision: &str) -> String {
    format!("INSERT INTO alembic_version (version_num) VALUES ('{revision}') RETURNING version_num")
}

/// Moves the version row.
pub fn update_version(from: &str, to: &str) -> String {
    format!(
        "UPDATE alembic_version SET version_num='{to}' WHERE alembic_version.version_num = '{from}'"
    )
}

/// Removes a version row (downgrade to base).
pub fn delete_version(revision: &str) -> String {
    format!("DELETE FROM alembic_version WHERE alembic_version.version_num = '{revision}'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Name, PrimaryKey};
    use crate::types::SaType;

    #[test]
    fn create_table_matches_sqlalchemy() {
        let mut table = MTable::new("users");
        let mut id = MColumn::new("id", SaType::new("Integer"));
        id.nullable = false;
        table.columns.push(id);
        let mut score = MColumn::new("score", SaType::new("Integer"));
        score.nullable = false;
        score.server_default = Some(Default::Literal("0".into()));
        table.columns.push(score);
        let mut created = MColumn::new("created_at", SaType::new("DateTime"));
        created.server_default = Some(Default::Sql("(CURRENT_TIMESTAMP)".into()));
        table.columns.push(created);
        table.primary_key = PrimaryKey {
            name: None,
            columns: vec!["id".into()],
        };
        table.constraints.push(MConstraint::Unique {
            name: Some(Name::conv("uq_users_score")),
            columns: vec!["score".into()],
        });
        assert_eq!(
            create_table(&table),
            "\nCREATE TABLE users (\n\tid INTEGER NOT NULL, \n\tscore INTEGER DEFAULT '0' NOT NULL, \n\tcreated_at DATETIME DEFAULT (CURRENT_TIMESTAMP), \n\tPRIMARY KEY (id), \n\tCONSTRAINT uq_users_score UNIQUE (score)\n)\n\n"
        );
    }

    #[test]
    fn copy_rows_casts_when_asked() {
        let transfers = vec![
            Transfer {
                target: "id".into(),
                source: "id".into(),
                cast: None,
            },
            Transfer {
                target: "price".into(),
                source: "price".into(),
                cast: Some("FLOAT".into()),
            },
        ];
        assert_eq!(
            copy_rows("_alembic_tmp_t", "t", &transfers),
            "INSERT INTO _alembic_tmp_t (id, price) SELECT t.id, CAST(t.price AS FLOAT) AS price \nFROM t"
        );
    }
}
