//! SQLAlchemy's naming conventions (`MetaData(naming_convention=...)`):
//! the templates that name a table's constraints and indexes when the DDL
//! is written (`"uq": "uq_%(table_name)s_%(column_0_name)s"` makes
//! `CONSTRAINT uq_author_email UNIQUE (email)`), and their tokens.

use super::{Constraint, Table};

/// A `MetaData(naming_convention=...)`: key (`ix`, `uq`, `ck`, `fk`, `pk`)
/// to template, in the order given.
pub type NamingConvention = Vec<(String, String)>;

/// SQLAlchemy's default convention (what `MetaData()` without one has):
/// only indexes get names.
pub fn default_naming_convention() -> NamingConvention {
    vec![("ix".into(), "ix_%(column_0_label)s".into())]
}

/// The token that names a constraint after the name it was given.
const CONSTRAINT_NAME: &str = "%(constraint_name)s";

/// SQLAlchemy's message for a `%(constraint_name)s` template applied to a
/// constraint without a name.
pub const UNNAMED_CONSTRAINT: &str = "Naming convention including %(constraint_name)s token requires that constraint is explicitly named.";

/// What a template reads of one constraint or index.
#[derive(Debug, Clone, Copy)]
pub struct ConventionSubject<'a> {
    pub table: &'a str,
    pub columns: &'a [String],
    /// A foreign key's referred table and columns.
    pub referred: Option<(&'a str, &'a [String])>,
    /// The name the constraint was given, if any.
    pub constraint_name: Option<&'a str>,
}

/// The name the template for `key` gives `subject`: `Ok(None)` when the
/// convention has no template for it or the template uses a token it
/// cannot fill; an error when the template needs the constraint's own
/// name and it has none.
pub fn convention_name(
    convention: &NamingConvention,
    key: &str,
    subject: ConventionSubject<'_>,
) -> Result<Option<String>, String> {
    let Some((_, template)) = convention.iter().find(|(k, _)| k == key) else {
        return Ok(None);
    };
    let mut out = String::new();
    let mut rest = template.as_str();
    while let Some(start) = rest.find("%(") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find(")s") else {
            return Ok(None);
        };
        let token = &after[..end];
        if token == "constraint_name" && subject.constraint_name.is_none() {
            return Err(UNNAMED_CONSTRAINT.to_owned());
        }
        match token_value(token, subject) {
            Some(value) => out.push_str(&value),
            None => return Ok(None),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(Some(out))
}

/// The text one token stands for.
fn token_value(token: &str, subject: ConventionSubject<'_>) -> Option<String> {
    let ConventionSubject {
        table,
        columns,
        referred,
        constraint_name,
    } = subject;
    let first = columns.first().cloned().unwrap_or_default();
    let labels = || columns.iter().map(|c| format!("{table}_{c}"));
    Some(match token {
        "table_name" => table.to_owned(),
        "constraint_name" => constraint_name?.to_owned(),
        "column_0_name" | "column_0_key" => first,
        "column_0_label" => format!("{table}_{first}"),
        "column_0N_name" | "column_0N_key" => columns.concat(),
        "column_0_N_name" | "column_0_N_key" => columns.join("_"),
        "column_0N_label" => labels().collect(),
        "column_0_N_label" => labels().collect::<Vec<_>>().join("_"),
        "referred_table_name" => referred?.0.to_owned(),
        "referred_column_0_name" => referred?.1.first().cloned().unwrap_or_default(),
        "referred_column_0N_name" => referred?.1.concat(),
        "referred_column_0_N_name" => referred?.1.join("_"),
        _ => return None,
    })
}

/// A constraint's name under the convention: a constraint without a name
/// takes the template's; a named one keeps its name unless the template
/// builds on it (`%(constraint_name)s`), as SQLAlchemy decides.
fn renamed(
    convention: &NamingConvention,
    key: &str,
    name: &Option<String>,
    subject: ConventionSubject<'_>,
) -> Result<Option<String>, String> {
    let uses_name = convention
        .iter()
        .any(|(k, template)| k == key && template.contains(CONSTRAINT_NAME));
    if name.is_some() && !uses_name {
        return Ok(name.clone());
    }
    Ok(convention_name(convention, key, subject)?.or_else(|| name.clone()))
}

/// A check constraint's or any other constraint's name under the
/// convention, in place.
fn name_constraint(
    convention: &NamingConvention,
    table: &str,
    constraint: &mut Constraint,
) -> Result<(), String> {
    match constraint {
        Constraint::PrimaryKey { name, columns } => {
            let subject = subject(table, columns, None, name);
            *name = renamed(convention, "pk", name, subject)?;
        }
        Constraint::Unique { name, columns } => {
            let subject = subject(table, columns, None, name);
            *name = renamed(convention, "uq", name, subject)?;
        }
        Constraint::Check { name, .. } => {
            let subject = subject(table, &[], None, name);
            *name = renamed(convention, "ck", name, subject)?;
        }
        Constraint::ForeignKey {
            name,
            columns,
            ref_table,
            ref_columns,
            ..
        } => {
            let referred = Some((ref_table.as_str(), ref_columns.as_slice()));
            let subject = subject(table, columns, referred, name);
            *name = renamed(convention, "fk", name, subject)?;
        }
    }
    Ok(())
}

fn subject<'a>(
    table: &'a str,
    columns: &'a [String],
    referred: Option<(&'a str, &'a [String])>,
    name: &'a Option<String>,
) -> ConventionSubject<'a> {
    ConventionSubject {
        table,
        columns,
        referred,
        constraint_name: name.as_deref(),
    }
}

/// `table` as its DDL names it under `convention`: its primary key,
/// UNIQUE, CHECK and FOREIGN KEY constraints and its indexes named by the
/// templates. An empty convention (SQLAlchemy's default) changes nothing.
pub fn with_naming_convention(
    table: &Table,
    convention: &NamingConvention,
) -> Result<Table, String> {
    let mut named = table.clone();
    if convention.is_empty() {
        return Ok(named);
    }
    let has = |key: &str| convention.iter().any(|(k, _)| k == key);
    // The primary key becomes an explicit constraint once it has a name
    // (SQLite's inline AUTOINCREMENT key stays as it is).
    if has("pk")
        && !named.sqlite_autoincrement
        && !named.primary_key.is_empty()
        && !named
            .constraints
            .iter()
            .any(|c| matches!(c, Constraint::PrimaryKey { .. }))
    {
        named.constraints.insert(
            0,
            Constraint::PrimaryKey {
                name: None,
                columns: named.primary_key.clone(),
            },
        );
    }
    let table_name = named.name.clone();
    for constraint in &mut named.constraints {
        name_constraint(convention, &table_name, constraint)?;
    }
    for column in &mut named.columns {
        for constraint in &mut column.constraints {
            name_constraint(convention, &table_name, constraint)?;
        }
    }
    for index in &mut named.indexes {
        let given = (!index.has_generated_name()).then(|| index.name.clone());
        let subject = subject(&table_name, &index.columns, None, &given);
        if let Some(name) = renamed(convention, "ix", &given, subject)? {
            index.name = name;
        }
    }
    Ok(named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Column, SqlType};

    fn convention() -> NamingConvention {
        [
            ("ix", "ix_%(column_0_label)s"),
            ("uq", "uq_%(table_name)s_%(column_0_name)s"),
            ("ck", "ck_%(table_name)s_%(constraint_name)s"),
            (
                "fk",
                "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            ),
            ("pk", "pk_%(table_name)s"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    fn book() -> Table {
        let mut author_id = Column::new("author_id", SqlType::Integer);
        author_id
            .foreign_keys
            .push(crate::ForeignKey::parse("author.id").unwrap());
        Table::new(
            "book",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("isbn", SqlType::String(Some(13))).unique(),
                Column::new("title", SqlType::String(Some(80))).index(),
                author_id,
            ],
        )
    }

    #[test]
    fn unnamed_constraints_and_generated_indexes_take_the_templates() {
        let named = with_naming_convention(&book(), &convention()).unwrap();
        let names: Vec<Option<String>> = named
            .constraints
            .iter()
            .map(|c| match c {
                Constraint::PrimaryKey { name, .. }
                | Constraint::Unique { name, .. }
                | Constraint::Check { name, .. }
                | Constraint::ForeignKey { name, .. } => name.clone(),
            })
            .collect();
        assert_eq!(
            names,
            vec![
                Some("pk_book".to_owned()),
                Some("uq_book_isbn".to_owned()),
                Some("fk_book_author_id_author".to_owned()),
            ]
        );
        assert_eq!(named.indexes[0].name, "ix_book_title");
    }

    #[test]
    fn a_named_constraint_keeps_its_name_unless_the_template_builds_on_it() {
        let table = book()
            .with_constraint(Constraint::Unique {
                name: Some("isbn_once".into()),
                columns: vec!["isbn".into()],
            })
            .with_constraint(Constraint::Check {
                name: Some("positive".into()),
                sql: "id > 0".into(),
            });
        let named = with_naming_convention(&table, &convention()).unwrap();
        assert!(named.constraints.contains(&Constraint::Unique {
            name: Some("isbn_once".into()),
            columns: vec!["isbn".into()],
        }));
        assert!(named.constraints.contains(&Constraint::Check {
            name: Some("ck_book_positive".into()),
            sql: "id > 0".into(),
        }));
    }

    #[test]
    fn a_constraint_name_token_needs_a_named_constraint() {
        let table = book().with_constraint(Constraint::Check {
            name: None,
            sql: "id > 0".into(),
        });
        assert_eq!(
            with_naming_convention(&table, &convention()).unwrap_err(),
            UNNAMED_CONSTRAINT
        );
    }

    #[test]
    fn no_convention_changes_nothing() {
        assert_eq!(
            with_naming_convention(&book(), &Vec::new()).unwrap(),
            book()
        );
    }

    #[test]
    fn tokens_cover_every_column_and_the_referred_table() {
        let columns = vec!["a".to_owned(), "b".to_owned()];
        let referred = vec!["x".to_owned(), "y".to_owned()];
        let subject = ConventionSubject {
            table: "t",
            columns: &columns,
            referred: Some(("r", &referred)),
            constraint_name: None,
        };
        let name = |template: &str| {
            convention_name(&vec![("fk".into(), template.into())], "fk", subject).unwrap()
        };
        assert_eq!(name("%(column_0N_name)s").as_deref(), Some("ab"));
        assert_eq!(name("%(column_0_N_name)s").as_deref(), Some("a_b"));
        assert_eq!(name("%(column_0_N_label)s").as_deref(), Some("t_a_t_b"));
        assert_eq!(name("%(referred_column_0_N_name)s").as_deref(), Some("x_y"));
        assert_eq!(name("%(unknown)s"), None);
    }
}
