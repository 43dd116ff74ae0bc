//! `with op.batch_alter_table(...)` on SQLite, as Alembic's
//! `BatchOperationsImpl` applies it when the block ends: a batch of only
//! `add_column` (without a SQL-expression server default) and index ops
//! runs as plain `ALTER TABLE`/`CREATE INDEX`; anything else "moves and
//! copies" — reflect the table, build `_alembic_tmp_<table>` with the
//! changes (named constraints before unnamed ones, added columns last),
//! `INSERT ... SELECT` (with `CAST` where the type family changes), drop
//! the old table, rename, and recreate the indexes.

use crate::conn::{DbError, MigConn};
use crate::ddl::{self, Transfer};
use crate::model::{Default, MColumn, MConstraint, MIndex, MTable, Name, NamingConvention};
use crate::reflect;
use crate::types::{Affinity, SaType};

/// One recorded operation of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchOp {
    AddColumn {
        column: MColumn,
        /// Constraints the column carries (`unique=True`, `sa.ForeignKey`).
        implied: Vec<MConstraint>,
        insert_before: Option<String>,
        insert_after: Option<String>,
    },
    DropColumn(String),
    AlterColumn {
        column: String,
        nullable: Option<bool>,
        new_name: Option<String>,
        type_: Option<SaType>,
        /// `Some(None)` removes the default.
        server_default: Option<Option<Default>>,
    },
    AddConstraint(MConstraint),
    /// A new primary key.
    AddPrimaryKey {
        name: Option<Name>,
        columns: Vec<String>,
    },
    DropConstraint {
        name: Option<String>,
        type_: Option<String>,
    },
    CreateIndex(MIndex),
    DropIndex(String),
}

/// Why a batch failed, as the Python exception Alembic raises.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchError {
    Db(DbError),
    /// `ValueError`.
    Value(String),
    /// `KeyError` (a column that is not there).
    Key(String),
    /// `sqlalchemy.exc.NoSuchTableError`.
    NoSuchTable(String),
    /// `NotImplementedError`.
    NotImplemented(String),
    /// Alembic's `CommandError`.
    Command(String),
}

impl From<DbError> for BatchError {
    fn from(error: DbError) -> Self {
        BatchError::Db(error)
    }
}

/// `SQLiteImpl.requires_recreate_in_batch`.
pub fn requires_recreate(ops: &[BatchOp]) -> bool {
    ops.iter().any(|op| match op {
        BatchOp::AddColumn { column, .. } => {
            matches!(column.server_default, Some(Default::Sql(_)))
        }
        BatchOp::CreateIndex(_) | BatchOp::DropIndex(_) => false,
        _ => true,
    })
}

/// Applies a batch to `table`; `recreate` is `auto`, `always` or `never`.
pub fn apply(
    conn: &mut MigConn,
    table: &str,
    ops: &[BatchOp],
    recreate: &str,
    convention: &NamingConvention,
) -> Result<Vec<String>, BatchError> {
    let should_recreate = match recreate {
        "always" => true,
        "never" => false,
        _ => requires_recreate(ops),
    };
    if !should_recreate {
        for op in ops {
            match op {
                BatchOp::AddColumn { column, .. } => {
                    conn.execute(&ddl::add_column(table, column), &[])?;
                }
                BatchOp::DropColumn(column) => {
                    conn.execute(&ddl::drop_column(table, column), &[])?;
                }
                BatchOp::CreateIndex(index) => {
                    conn.execute(&ddl::create_index(table, index), &[])?;
                }
                BatchOp::DropIndex(name) => {
                    conn.execute(&ddl::drop_index(name), &[])?;
                }
                BatchOp::AlterColumn {
                    column, new_name, ..
                } => {
                    if let Some(new_name) = new_name {
                        conn.execute(&ddl::rename_column(table, column, new_name), &[])?;
                    }
                }
                BatchOp::AddConstraint(_)
                | BatchOp::AddPrimaryKey { .. }
                | BatchOp::DropConstraint { .. } => {
                    return Err(BatchError::NotImplemented(
                        "No support for ALTER of constraints in SQLite dialect. Please refer to the batch mode feature which allows for SQLite migrations using a copy-and-move strategy.".into(),
                    ));
                }
            }
        }
        return Ok(Vec::new());
    }
    if conn.is_offline() {
        return Err(BatchError::Command(format!(
            "This operation cannot proceed in --sql mode; batch mode with dialect sqlite requires a live database connection with which to reflect the table \"{table}\". To generate a batch SQL migration script using table \"move and copy\", a complete Table object should be passed to the \"copy_from\" argument of the batch_alter_table() method so that table reflection can be skipped."
        )));
    }
    let Some(existing) = reflect::reflect_table(conn, table)? else {
        return Err(BatchError::NoSuchTable(table.to_owned()));
    };
    for referenced in existing.referenced_tables() {
        reflect::reflect_table(conn, referenced)?;
    }
    let mut work = Work::new(existing);
    for op in ops {
        work.apply(op, convention)?;
    }
    work.create(conn, table)
}

/// The table being rebuilt.
struct Work {
    original: MTable,
    columns: Vec<MColumn>,
    /// Per column of `columns`: the old column it is copied from.
    sources: Vec<Option<String>>,
    casts: Vec<Option<String>>,
    primary_key: crate::model::PrimaryKey,
    /// Constraints created with the new table (those of added columns).
    implied: Vec<MConstraint>,
    named: Vec<MConstraint>,
    unnamed: Vec<MConstraint>,
    indexes: Vec<MIndex>,
    new_indexes: Vec<MIndex>,
    warnings: Vec<String>,
}

impl Work {
    fn new(table: MTable) -> Work {
        let mut named = Vec::new();
        let mut unnamed = Vec::new();
        let mut warnings = Vec::new();
        for constraint in &table.constraints {
            match constraint {
                MConstraint::Check { name: None, .. } => warnings.push(format!(
                    "Unnamed CHECK constraint on reflected table '{}' is being omitted from the table recreate; pass the constraint explicitly using batch_alter_table.table_args.  Naming CHECK constraints avoids this going forward.",
                    table.name
                )),
                c if c.name().is_some() => named.push(c.clone()),
                c => unnamed.push(c.clone()),
            }
        }
        Work {
            columns: table.columns.clone(),
            sources: table.columns.iter().map(|c| Some(c.name.clone())).collect(),
            casts: vec![None; table.columns.len()],
            primary_key: table.primary_key.clone(),
            implied: Vec::new(),
            named,
            unnamed,
            indexes: table.indexes.clone(),
            new_indexes: Vec::new(),
            warnings,
            original: table,
        }
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    fn rename_everywhere(&mut self, old: &str, new: &str) {
        let rename = |cols: &mut Vec<String>| {
            for c in cols.iter_mut() {
                if c == old {
                    *c = new.to_owned();
                }
            }
        };
        rename(&mut self.primary_key.columns);
        for constraint in self.named.iter_mut().chain(self.unnamed.iter_mut()) {
            match constraint {
                MConstraint::Unique { columns, .. } => rename(columns),
                MConstraint::ForeignKey(fk) => rename(&mut fk.columns),
                MConstraint::Check { .. } => {}
            }
        }
        for index in self.indexes.iter_mut() {
            rename(&mut index.columns);
        }
    }

    fn apply(&mut self, op: &BatchOp, convention: &NamingConvention) -> Result<(), BatchError> {
        match op {
            BatchOp::AddColumn {
                column,
                implied,
                insert_before,
                insert_after,
            } => {
                let at = match (insert_before, insert_after) {
                    (Some(before), _) => self.position(before),
                    (None, Some(after)) => self.position(after).map(|i| i + 1),
                    (None, None) => None,
                }
                .unwrap_or(self.columns.len());
                self.columns.insert(at, column.clone());
                self.sources.insert(at, None);
                self.casts.insert(at, None);
                self.implied.extend(implied.iter().cloned());
            }
            BatchOp::DropColumn(name) => {
                let Some(i) = self.position(name) else {
                    return Err(BatchError::Key(name.clone()));
                };
                self.columns.remove(i);
                self.sources.remove(i);
                self.casts.remove(i);
                self.primary_key.columns.retain(|c| c != name);
            }
            BatchOp::AlterColumn {
                column,
                nullable,
                new_name,
                type_,
                server_default,
            } => {
                let Some(i) = self.position(column) else {
                    return Err(BatchError::Key(column.clone()));
                };
                if let Some(new_type) = type_ {
                    let old = self.columns[i].ty.affinity();
                    if old != new_type.affinity() && new_type.affinity() != Affinity::Json {
                        self.casts[i] = Some(new_type.ddl());
                    }
                    self.columns[i].ty = new_type.clone();
                }
                if let Some(nullable) = nullable {
                    self.columns[i].nullable = *nullable;
                }
                if let Some(default) = server_default {
                    self.columns[i].server_default = default.clone();
                }
                if let Some(new_name) = new_name
                    && new_name != column
                {
                    self.columns[i].name = new_name.clone();
                    self.rename_everywhere(column, new_name);
                }
            }
            BatchOp::AddPrimaryKey { name, columns } => {
                for column in self.columns.iter_mut() {
                    column.primary_key = columns.contains(&column.name);
                    if column.primary_key {
                        column.nullable = false;
                    }
                }
                self.primary_key = crate::model::PrimaryKey {
                    name: name.clone(),
                    columns: columns.clone(),
                };
            }
            BatchOp::AddConstraint(constraint) => {
                let mut constraint = constraint.clone();
                if constraint.name().is_none() {
                    constraint = name_by_convention(constraint, &self.original.name, convention);
                }
                if constraint.name().is_none() {
                    return Err(BatchError::Value("Constraint must have a name".into()));
                }
                self.named.push(constraint);
            }
            BatchOp::DropConstraint { name, type_ } => {
                let Some(name) = name else {
                    return Err(BatchError::Value("Constraint must have a name".into()));
                };
                if type_.as_deref() == Some("primary")
                    || self
                        .primary_key
                        .name
                        .as_ref()
                        .is_some_and(|n| &n.text == name)
                {
                    self.primary_key = crate::model::PrimaryKey::default();
                    for column in self.columns.iter_mut() {
                        column.primary_key = false;
                    }
                    return Ok(());
                }
                match self
                    .named
                    .iter()
                    .position(|c| c.name().is_some_and(|n| &n.text == name))
                {
                    Some(i) => {
                        self.named.remove(i);
                    }
                    None => {
                        return Err(BatchError::Value(format!("No such constraint: '{name}'")));
                    }
                }
            }
            BatchOp::CreateIndex(index) => self.new_indexes.push(index.clone()),
            BatchOp::DropIndex(name) => {
                match self.indexes.iter().position(|i| &i.name.text == name) {
                    Some(i) => {
                        self.indexes.remove(i);
                    }
                    None => return Err(BatchError::Value(format!("No such index: '{name}'"))),
                }
            }
        }
        Ok(())
    }

    fn create(self, conn: &mut MigConn, table: &str) -> Result<Vec<String>, BatchError> {
        let temp: String = format!("_alembic_tmp_{table}").chars().take(50).collect();
        let names: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        let fits = |c: &MConstraint| {
            c.columns()
                .is_none_or(|cols| cols.iter().all(|col| names.contains(&col.as_str())))
        };
        let mut new_table = MTable::new(temp.clone());
        new_table.columns = self.columns.clone();
        new_table.primary_key = self.primary_key.clone();
        new_table.constraints = self
            .implied
            .iter()
            .chain(self.named.iter())
            .chain(self.unnamed.iter())
            .filter(|c| fits(c))
            .cloned()
            .collect();
        conn.execute(&ddl::create_table(&new_table), &[])?;
        let transfers: Vec<Transfer> = self
            .columns
            .iter()
            .zip(self.sources.iter().zip(self.casts.iter()))
            .filter_map(|(column, (source, cast))| {
                source.as_ref().map(|source| Transfer {
                    target: column.name.clone(),
                    source: source.clone(),
                    cast: cast.clone(),
                })
            })
            .collect();
        let copied = conn
            .execute(&ddl::copy_rows(&temp, table, &transfers), &[])
            .and_then(|_| conn.execute(&ddl::drop_table(table), &[]));
        if let Err(error) = copied {
            let _ = conn.execute(&ddl::drop_table(&temp), &[]);
            return Err(error.into());
        }
        conn.execute(&ddl::rename_table(&temp, table), &[])?;
        for index in self.indexes.iter().chain(self.new_indexes.iter()) {
            if index.columns.iter().all(|c| names.contains(&c.as_str())) {
                conn.execute(&ddl::create_index(table, index), &[])?;
            }
        }
        Ok(self.warnings)
    }
}

/// Names an unnamed constraint by the naming convention, if it has a rule.
pub fn name_by_convention(
    constraint: MConstraint,
    table: &str,
    convention: &NamingConvention,
) -> MConstraint {
    match constraint {
        MConstraint::Unique {
            name: None,
            columns,
        } => MConstraint::Unique {
            name: crate::model::apply_convention(convention, "uq", table, &columns, None),
            columns,
        },
        MConstraint::ForeignKey(mut fk) if fk.name.is_none() => {
            fk.name = crate::model::apply_convention(
                convention,
                "fk",
                table,
                &fk.columns,
                Some((&fk.ref_table, &fk.ref_columns)),
            );
            MConstraint::ForeignKey(fk)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_driver::Value;

    fn setup() -> MigConn {
        let mut conn = MigConn::open(None).unwrap();
        for sql in [
            "CREATE TABLE student (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, age INTEGER, phone VARCHAR(11), PRIMARY KEY (id), UNIQUE (phone))",
            "CREATE INDEX ix_student_name ON student (name)",
            "INSERT INTO student (name, age, phone) VALUES ('a', 1, 'x')",
        ] {
            conn.execute(sql, &[]).unwrap();
        }
        conn.commit().unwrap();
        conn.take_records();
        conn
    }

    fn executed(conn: &mut MigConn) -> Vec<String> {
        conn.take_records()
            .into_iter()
            .filter(|r| {
                r.kind == "execute" && !r.sql.starts_with("PRAGMA") && !r.sql.starts_with("SELECT")
            })
            .map(|r| r.normalized)
            .collect()
    }

    #[test]
    fn drop_column_moves_and_copies() {
        let mut conn = setup();
        apply(
            &mut conn,
            "student",
            &[BatchOp::DropColumn("phone".into())],
            "auto",
            &Vec::new(),
        )
        .unwrap();
        assert_eq!(
            executed(&mut conn),
            vec![
                "CREATE TABLE _alembic_tmp_student ( id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, age INTEGER, PRIMARY KEY (id) )",
                "INSERT INTO _alembic_tmp_student (id, name, age) SELECT student.id, student.name, student.age FROM student",
                "DROP TABLE student",
                "ALTER TABLE _alembic_tmp_student RENAME TO student",
                "CREATE INDEX ix_student_name ON student (name)",
            ]
        );
        let rows = conn.query("SELECT name FROM student", &[]).unwrap();
        assert_eq!(rows, vec![vec![Value::Text("a".into())]]);
    }

    #[test]
    fn add_column_is_a_plain_alter() {
        let mut conn = setup();
        let mut column = MColumn::new("score", SaType::new("Integer"));
        column.nullable = false;
        column.server_default = Some(Default::Literal("0".into()));
        apply(
            &mut conn,
            "student",
            &[BatchOp::AddColumn {
                column,
                implied: Vec::new(),
                insert_before: None,
                insert_after: None,
            }],
            "auto",
            &Vec::new(),
        )
        .unwrap();
        assert_eq!(
            executed(&mut conn),
            vec!["ALTER TABLE student ADD COLUMN score INTEGER DEFAULT '0' NOT NULL"]
        );
    }

    #[test]
    fn unnamed_constraints_fail() {
        let mut conn = setup();
        let error = apply(
            &mut conn,
            "student",
            &[BatchOp::AddConstraint(MConstraint::Unique {
                name: None,
                columns: vec!["name".into()],
            })],
            "auto",
            &Vec::new(),
        )
        .unwrap_err();
        assert_eq!(
            error,
            BatchError::Value("Constraint must have a name".into())
        );
        assert!(executed(&mut conn).is_empty());
    }

    #[test]
    fn a_type_change_casts() {
        let mut conn = setup();
        apply(
            &mut conn,
            "student",
            &[BatchOp::AlterColumn {
                column: "age".into(),
                nullable: Some(false),
                new_name: Some("years".into()),
                type_: Some(SaType::new("Float")),
                server_default: None,
            }],
            "auto",
            &Vec::new(),
        )
        .unwrap();
        let statements = executed(&mut conn);
        assert_eq!(
            statements[1],
            "INSERT INTO _alembic_tmp_student (id, name, years, phone) SELECT student.id, student.name, CAST(student.age AS FLOAT) AS age, student.phone FROM student"
        );
        assert!(statements[0].contains("years FLOAT NOT NULL"));
        assert!(statements[0].contains("UNIQUE (phone)"));
    }
}
