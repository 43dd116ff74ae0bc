//! Tables as Alembic works with them: columns with [`SaType`]s and server
//! defaults, the primary key, constraints in creation order and indexes,
//! each constraint name remembering whether a naming convention made it
//! (then a revision script writes it as `op.f('...')`). Built from the
//! models' `MetaData` (applying the naming convention), from reflection
//! ([`crate::reflect`]) or from a revision script's `op.create_table`.

use retort_sql::{Constraint, MetaData, ServerDefault, Table};

use crate::types::SaType;

/// A constraint or index name; `conv` when a naming convention produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub conv: bool,
}

impl Name {
    /// A name written by hand.
    pub fn plain(text: impl Into<String>) -> Name {
        Name {
            text: text.into(),
            conv: false,
        }
    }

    /// A name a naming convention produced.
    pub fn conv(text: impl Into<String>) -> Name {
        Name {
            text: text.into(),
            conv: true,
        }
    }
}

/// A server default: a Python string (a quoted literal in DDL) or SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Default {
    Literal(String),
    Sql(String),
}

/// A column.
#[derive(Debug, Clone, PartialEq)]
pub struct MColumn {
    pub name: String,
    pub ty: SaType,
    pub nullable: bool,
    pub primary_key: bool,
    pub server_default: Option<Default>,
    /// `autoincrement=` when given explicitly.
    pub autoincrement: Option<bool>,
}

impl MColumn {
    /// A nullable column.
    pub fn new(name: impl Into<String>, ty: SaType) -> MColumn {
        MColumn {
            name: name.into(),
            ty,
            nullable: true,
            primary_key: false,
            server_default: None,
            autoincrement: None,
        }
    }
}

/// A foreign key constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub name: Option<Name>,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
}

/// A table-level constraint other than the primary key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MConstraint {
    Unique {
        name: Option<Name>,
        columns: Vec<String>,
    },
    ForeignKey(ForeignKey),
    Check {
        name: Option<Name>,
        sql: String,
    },
}

impl MConstraint {
    /// The constraint's name, if it has one.
    pub fn name(&self) -> Option<&Name> {
        match self {
            MConstraint::Unique { name, .. } | MConstraint::Check { name, .. } => name.as_ref(),
            MConstraint::ForeignKey(fk) => fk.name.as_ref(),
        }
    }

    /// The columns the constraint needs (`None` when unknown: CHECK).
    pub fn columns(&self) -> Option<&[String]> {
        match self {
            MConstraint::Unique { columns, .. } => Some(columns),
            MConstraint::ForeignKey(fk) => Some(&fk.columns),
            MConstraint::Check { .. } => None,
        }
    }

    /// Alembic's `type_=` word for `drop_constraint`.
    pub fn type_word(&self) -> &'static str {
        match self {
            MConstraint::Unique { .. } => "unique",
            MConstraint::ForeignKey(_) => "foreignkey",
            MConstraint::Check { .. } => "check",
        }
    }
}

/// The primary key constraint.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrimaryKey {
    pub name: Option<Name>,
    pub columns: Vec<String>,
}

/// An index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MIndex {
    pub name: Name,
    pub columns: Vec<String>,
    pub unique: bool,
}

/// A table.
#[derive(Debug, Clone, PartialEq)]
pub struct MTable {
    pub name: String,
    pub columns: Vec<MColumn>,
    pub primary_key: PrimaryKey,
    pub constraints: Vec<MConstraint>,
    pub indexes: Vec<MIndex>,
}

impl MTable {
    /// An empty table.
    pub fn new(name: impl Into<String>) -> MTable {
        MTable {
            name: name.into(),
            columns: Vec::new(),
            primary_key: PrimaryKey::default(),
            constraints: Vec::new(),
            indexes: Vec::new(),
        }
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&MColumn> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Tables this one references, other than itself.
    pub fn referenced_tables(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.constraints {
            if let MConstraint::ForeignKey(fk) = c
                && fk.ref_table != self.name
                && !out.contains(&fk.ref_table.as_str())
            {
                out.push(&fk.ref_table);
            }
        }
        out
    }
}

pub use retort_sql::NamingConvention;

pub use retort_sql::default_naming_convention as default_convention;

/// The models' tables as Alembic sees them, in `MetaData.sorted_tables`
/// order, with the naming convention applied to unnamed constraints.
pub fn tables_from_metadata(metadata: &MetaData, convention: &NamingConvention) -> Vec<MTable> {
    metadata
        .sorted_tables()
        .into_iter()
        .map(|t| table_from_model(t, convention))
        .collect()
}

fn table_from_model(table: &Table, convention: &NamingConvention) -> MTable {
    let mut out = MTable::new(table.name.clone());
    for column in &table.columns {
        out.columns.push(MColumn {
            name: column.name.clone(),
            ty: SaType::from_model(&column.sql_type),
            nullable: column.nullable,
            primary_key: column.primary_key,
            server_default: column.server_default.as_ref().map(|d| match d {
                ServerDefault::Literal(s) => Default::Literal(s.clone()),
                ServerDefault::Sql(s) => Default::Sql(s.clone()),
                // Alembic renders an expression default as the SQLite DDL
                // compiler writes it (`sa.text('(CURRENT_TIMESTAMP)')`); the
                // binding refuses an expression that does not compile.
                ServerDefault::Expr(_) => Default::Sql(
                    retort_sql::server_default_sql(retort_sql::Dialect::Sqlite, d)
                        .unwrap_or_default(),
                ),
            }),
            autoincrement: match column.autoincrement {
                retort_sql::Autoincrement::Auto => None,
                retort_sql::Autoincrement::True => Some(true),
                retort_sql::Autoincrement::False => Some(false),
            },
        });
    }
    let explicit_pk = table.constraints.iter().find_map(|c| match c {
        Constraint::PrimaryKey { name, columns } => Some((name.clone(), columns.clone())),
        _ => None,
    });
    let (pk_name, pk_columns) = explicit_pk.unwrap_or((None, table.primary_key.clone()));
    let pk_name = pk_name.map(Name::plain).or_else(|| {
        (!pk_columns.is_empty())
            .then(|| apply_convention(convention, "pk", &table.name, &pk_columns, None))
            .flatten()
    });
    out.primary_key = PrimaryKey {
        name: pk_name,
        columns: pk_columns,
    };
    for constraint in &table.constraints {
        let converted = match constraint {
            Constraint::PrimaryKey { .. } => continue,
            Constraint::Unique { name, columns } => MConstraint::Unique {
                name: name
                    .clone()
                    .map(Name::plain)
                    .or_else(|| apply_convention(convention, "uq", &table.name, columns, None)),
                columns: columns.clone(),
            },
            Constraint::ForeignKey {
                name,
                columns,
                ref_table,
                ref_columns,
                ondelete,
                onupdate,
            } => MConstraint::ForeignKey(ForeignKey {
                name: name.clone().map(Name::plain).or_else(|| {
                    apply_convention(
                        convention,
                        "fk",
                        &table.name,
                        columns,
                        Some((ref_table, ref_columns)),
                    )
                }),
                columns: columns.clone(),
                ref_table: ref_table.clone(),
                ref_columns: ref_columns.clone(),
                ondelete: ondelete.clone(),
                onupdate: onupdate.clone(),
            }),
            Constraint::Check { name, sql } => MConstraint::Check {
                name: name.clone().map(Name::plain),
                sql: sql.clone(),
            },
        };
        out.constraints.push(converted);
    }
    for index in &table.indexes {
        let name = if index.has_generated_name() {
            apply_convention(convention, "ix", &table.name, &index.columns, None)
                .unwrap_or_else(|| Name::conv(index.name.clone()))
        } else {
            Name::plain(index.name.clone())
        };
        out.indexes.push(MIndex {
            name,
            columns: index.columns.clone(),
            unique: index.unique,
        });
    }
    out
}

/// The name a naming convention gives an unnamed constraint of kind `key`
/// (the templates' tokens are `retort_sql`'s, which the DDL uses too).
pub fn apply_convention(
    convention: &NamingConvention,
    key: &str,
    table: &str,
    columns: &[String],
    referred: Option<(&String, &Vec<String>)>,
) -> Option<Name> {
    let subject = retort_sql::ConventionSubject {
        table,
        columns,
        referred: referred.map(|(table, columns)| (table.as_str(), columns.as_slice())),
        constraint_name: None,
    };
    retort_sql::convention_name(convention, key, subject)
        .ok()
        .flatten()
        .map(Name::conv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_sql::{Column, SqlType};

    fn convention() -> NamingConvention {
        vec![
            ("ix".into(), "ix_%(column_0_label)s".into()),
            ("uq".into(), "uq_%(table_name)s_%(column_0_name)s".into()),
            (
                "fk".into(),
                "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s".into(),
            ),
            ("pk".into(), "pk_%(table_name)s".into()),
        ]
    }

    #[test]
    fn a_naming_convention_names_constraints() {
        let mut metadata = MetaData::new();
        metadata.add_table(Table::new(
            "users",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("username", SqlType::String(Some(64))).index(),
                Column::new("email", SqlType::String(Some(120))).unique(),
            ],
        ));
        let tables = tables_from_metadata(&metadata, &convention());
        let users = &tables[0];
        assert_eq!(users.primary_key.name, Some(Name::conv("pk_users")));
        assert_eq!(users.indexes[0].name, Name::conv("ix_users_username"));
        assert_eq!(
            users.constraints[0],
            MConstraint::Unique {
                name: Some(Name::conv("uq_users_email")),
                columns: vec!["email".into()]
            }
        );
    }

    #[test]
    fn without_a_convention_only_indexes_are_named() {
        let mut metadata = MetaData::new();
        metadata.add_table(Table::new(
            "student",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("name", SqlType::String(Some(20))).index(),
                Column::new("phone", SqlType::String(Some(11))).unique(),
            ],
        ));
        let tables = tables_from_metadata(&metadata, &default_convention());
        assert_eq!(tables[0].primary_key.name, None);
        assert_eq!(tables[0].indexes[0].name, Name::conv("ix_student_name"));
        assert_eq!(tables[0].constraints[0].name(), None);
    }
}
