//! Autogenerate: `migrate` (and `revision --autogenerate`) writes the
//! revision the comparison of the models with the database calls for,
//! `check` lists the differences; `revision` writes an empty one.

use super::{Cmd, PLUGINS, db_failure};
use crate::conn::DbError;
use crate::model::tables_from_metadata;
use crate::reflect;
use crate::revisions::RevisionMap;
use crate::runner::{Failure, MigrationEnv};

impl Cmd<'_> {
    /// `revision` without autogenerate: an empty script.
    pub(super) fn revision(&mut self) {
        let Some(map) = self.offline_map() else {
            return;
        };
        let message = self.invocation.value("message").map(str::to_owned);
        if let Err(failure) = self.write_revision(&map, message, String::new(), String::new()) {
            self.fail(failure);
        }
    }

    pub(super) fn autogenerate(&mut self, write: bool) {
        if !self.require_repository() {
            return;
        }
        if self.invocation.flag("sql") {
            self.fail(Failure::Command(
                "Using --sql with --autogenerate does not make any sense".into(),
            ));
            return;
        }
        let Some(mut env) = self.start_env() else {
            return;
        };
        let result = self.compare_models(&mut env);
        self.end_env(&env);
        let (map, comparison, metadata, reflected) = match result {
            Ok(found) => found,
            Err(failure) => {
                self.fail(failure);
                return;
            }
        };
        if !write {
            let diffs = crate::ops::diffs(&comparison.ops, &metadata, &reflected);
            if diffs.is_empty() {
                self.console().line("No new upgrade operations detected.");
            } else {
                self.fail(Failure::Command(format!(
                    "New upgrade operations detected: [{}]",
                    diffs.join(", ")
                )));
            }
            return;
        }
        if comparison.ops.is_empty() {
            self.console()
                .info("alembic.env", "No changes in schema detected.");
            return;
        }
        let options = crate::render::RenderOptions {
            render_as_batch: self.settings.render_as_batch,
        };
        let upgrade = crate::render::render_body(&comparison.ops, options);
        let downgrade =
            crate::render::render_body(&crate::ops::reverse_all(&comparison.ops), options);
        let message = self.invocation.value("message").map(str::to_owned);
        if let Err(failure) =
            self.write_revision(&map, message, upgrade.text, downgrade.text.clone())
        {
            self.fail(failure);
            return;
        }
        if let Some(table) = upgrade
            .unnamed_drops
            .first()
            .or(downgrade.unnamed_drops.first())
        {
            let warning = format!(
                "Autogenerate rendered a drop_constraint() directive for an unnamed constraint on table '{table}'; the migration will fail unless a constraint name is added to the directive.  Consider using a naming convention so that constraint names are known ahead of time."
            );
            self.console().user_warning(
                "<site-packages>/alembic/autogenerate/render.py:488",
                &warning,
                "util.warn(",
            );
        }
    }

    #[allow(clippy::type_complexity)]
    pub(super) fn compare_models(
        &mut self,
        env: &mut MigrationEnv,
    ) -> Result<
        (
            RevisionMap,
            crate::compare::Comparison,
            Vec<crate::model::MTable>,
            Vec<crate::model::MTable>,
        ),
        Failure,
    > {
        let heads = self.heads_in(env, true)?;
        let map = self.load_map(env)?;
        let mut db_heads: Vec<String> = Vec::new();
        for head in &heads {
            let revision = map.resolve(head).map_err(|e| Failure::Command(e.0))?;
            if let Some(r) = revision {
                db_heads.push(r.id.clone());
            }
        }
        let mut script_heads: Vec<String> = map.heads().iter().map(|r| r.id.clone()).collect();
        db_heads.sort();
        script_heads.sort();
        if db_heads != script_heads {
            return Err(Failure::Command(
                "Target database is not up to date.".into(),
            ));
        }
        for plugin in PLUGINS {
            let line = format!("setting up autogenerate plugin alembic.autogenerate.{plugin}");
            self.console().info("alembic.runtime.plugins", &line);
        }
        let reflected = env
            .with_conn(|conn| -> Result<Vec<crate::model::MTable>, DbError> {
                let mut tables = Vec::new();
                for name in reflect::table_names(conn)? {
                    if name == "alembic_version" {
                        continue;
                    }
                    if let Some(table) = reflect::reflect_table(conn, &name)? {
                        tables.push(table);
                    }
                }
                Ok(tables)
            })
            .unwrap_or(Ok(Vec::new()))
            .map_err(db_failure)?;
        let metadata: Vec<crate::model::MTable> =
            tables_from_metadata(&self.app.metadata, &self.convention())
                .into_iter()
                .filter(|t| t.name != "alembic_version")
                .collect();
        let comparison = crate::compare::compare(&metadata, &reflected, self.settings.compare_type);
        for (logger, message) in &comparison.detections {
            self.console().info(logger, message);
        }
        Ok((map, comparison, metadata, reflected))
    }

    pub(super) fn write_revision(
        &mut self,
        map: &RevisionMap,
        message: Option<String>,
        upgrades: String,
        downgrades: String,
    ) -> Result<(), Failure> {
        let heads = map.heads();
        if heads.len() > 1 {
            return Err(Failure::Command(
                "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.".into(),
            ));
        }
        let down_revision = heads.first().map(|r| r.id.clone());
        let id = self
            .invocation
            .value("rev_id")
            .map(str::to_owned)
            .unwrap_or_else(self.options.new_revision_id);
        let template_path = format!("{}/script.py.mako", self.directory());
        let template = self.project.read(&template_path).ok_or_else(|| {
            Failure::Command(format!(
                "No such file or directory: '{}'",
                self.project.display(&template_path)
            ))
        })?;
        let imports = if upgrades.contains("sqlite.") || downgrades.contains("sqlite.") {
            "from sqlalchemy.dialects import sqlite".to_owned()
        } else {
            String::new()
        };
        let text = crate::script::render_template(
            &template,
            &crate::script::TemplateArgs {
                message: message.clone(),
                up_revision: id.clone(),
                down_revision,
                create_date: (self.options.now)(),
                upgrades,
                downgrades,
                imports,
            },
        )
        .map_err(Failure::Command)?;
        let path = format!(
            "{}/{}",
            self.versions_dir(),
            crate::script::file_name(&id, message.as_deref())
        );
        self.project
            .write(&path, &text)
            .map_err(|e| Failure::Command(format!("{e}: '{}'", self.project.display(&path))))?;
        let shown = format!("Generating {}", self.project.display(&path));
        self.console().status_done(&shown);
        Ok(())
    }
}
