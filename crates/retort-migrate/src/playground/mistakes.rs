//! The classic migration mistakes, found in what a command printed (and
//! the app it imported), so the page can explain them next to the real
//! error: `create_all()` that never alters a table, a NOT NULL column
//! without `server_default`, a rename seen as drop + add, "Target database
//! is not up to date.", an unnamed constraint in batch mode, and an app
//! without `Migrate(app, db)`.

use retort_report::migration::Mistake;

/// `'table.column'` of Alembic's `Detected added column 'table.column'`.
fn detected(output: &str, what: &str) -> Vec<(String, String)> {
    let needle = format!("Detected {what} column '");
    output
        .lines()
        .filter_map(|line| {
            let rest = &line[line.find(&needle)? + needle.len()..];
            let name = &rest[..rest.find('\'')?];
            let (table, column) = name.rsplit_once('.')?;
            Some((table.to_owned(), column.to_owned()))
        })
        .collect()
}

/// The column named after `marker` up to the next quote, `[` or line end.
fn column_after(output: &str, marker: &str) -> Option<String> {
    let at = output.find(marker)? + marker.len();
    let rest = &output[at..];
    let end = rest.find(['\n', '[', ' ', '\'', '"']).unwrap_or(rest.len());
    let name = &rest[..end];
    Some(name.rsplit_once('.').map_or(name, |(_, c)| c).to_owned())
}

/// The mistakes `output` (of `command`, with `app_source` imported) shows.
pub fn detect(command: &str, app_source: &str, output: &str) -> Vec<Mistake> {
    let mut found = Vec::new();
    if output.contains("Error: No such command 'db'.") && !app_source.contains("Migrate(") {
        found.push(Mistake::NoMigrate);
    }
    let uses_create_all = app_source.contains("create_all(");
    if uses_create_all
        && (output.contains("No changes in schema detected.")
            || output.contains("no such column")
            || output.contains("has no column named"))
    {
        found.push(Mistake::CreateAllDoesNotAlter);
    }
    if output.contains("Cannot add a NOT NULL column with default value NULL") {
        let column = column_after(output, "ADD COLUMN ").unwrap_or_default();
        found.push(Mistake::NotNullWithoutDefault { column });
    } else if output.contains("NOT NULL constraint failed: _alembic_tmp_") {
        let column = column_after(output, "NOT NULL constraint failed: ").unwrap_or_default();
        found.push(Mistake::NotNullWithoutDefault { column });
    }
    if command
        .split_whitespace()
        .any(|w| w == "migrate" || w == "revision")
    {
        let added = detected(output, "added");
        for (table, removed) in detected(output, "removed") {
            if let Some((_, column)) = added.iter().find(|(t, _)| *t == table) {
                found.push(Mistake::RenameSeenAsDropAndAdd {
                    table,
                    removed,
                    added: column.clone(),
                });
            }
        }
    }
    if output.contains("Target database is not up to date.") {
        found.push(Mistake::NotUpToDate);
    }
    if output.contains("Constraint must have a name")
        || output.contains("for an unnamed constraint")
    {
        found.push(Mistake::UnnamedConstraint);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_classic_mistake() {
        assert_eq!(
            detect(
                "migrate",
                "db.create_all()\n",
                "INFO  [alembic.env] No changes in schema detected.\n"
            ),
            [Mistake::CreateAllDoesNotAlter]
        );
        assert_eq!(
            detect(
                "upgrade",
                "",
                "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) Cannot add a NOT NULL column with default value NULL\n[SQL: ALTER TABLE product ADD COLUMN price INTEGER NOT NULL]\n"
            ),
            [Mistake::NotNullWithoutDefault {
                column: "price".into()
            }]
        );
        assert_eq!(
            detect(
                "upgrade",
                "",
                "sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) NOT NULL constraint failed: _alembic_tmp_users.full_name\n"
            ),
            [Mistake::NotNullWithoutDefault {
                column: "full_name".into()
            }]
        );
        let rename = "INFO  [alembic.autogenerate.compare.tables] Detected added column 'users.full_name'\nINFO  [alembic.autogenerate.compare.tables] Detected removed column 'users.name'\n";
        assert_eq!(
            detect("migrate -m rename", "", rename),
            [Mistake::RenameSeenAsDropAndAdd {
                table: "users".into(),
                removed: "name".into(),
                added: "full_name".into()
            }]
        );
        assert_eq!(
            detect(
                "migrate",
                "",
                "ERROR [flask_migrate] Error: Target database is not up to date.\n"
            ),
            [Mistake::NotUpToDate]
        );
        assert_eq!(
            detect("upgrade", "", "ValueError: Constraint must have a name\n"),
            [Mistake::UnnamedConstraint]
        );
        assert_eq!(
            detect(
                "init",
                "app = Flask(__name__)",
                "Error: No such command 'db'.\n"
            ),
            [Mistake::NoMigrate]
        );
        assert!(
            detect(
                "upgrade",
                "",
                "INFO  [alembic.runtime.migration] Running upgrade\n"
            )
            .is_empty()
        );
    }
}
