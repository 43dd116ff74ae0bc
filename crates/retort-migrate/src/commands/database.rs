//! The commands that move the database along the revision graph:
//! `upgrade` and `downgrade` (one transaction per revision, the version row
//! moved only when a revision succeeds), their `--sql` form (the SQL script,
//! no database) and `stamp`.

use super::{Cmd, MIGRATION, db_failure, ensure_version_table, update_version};
use crate::conn::{DbError, MigConn};
use crate::ddl;
use crate::runner::{Failure, MigrationEnv};

impl Cmd<'_> {
    pub(super) fn migrate_database(&mut self, upgrade: bool) {
        if !self.require_repository() {
            return;
        }
        let target = self
            .invocation
            .arg()
            .unwrap_or(if upgrade { "head" } else { "-1" })
            .to_owned();
        if self.invocation.flag("sql") {
            self.offline_migrations(upgrade, &target);
            return;
        }
        if target.contains(':') {
            self.fail(Failure::Command("Range revision not allowed".into()));
            return;
        }
        let Some(mut env) = self.start_env() else {
            return;
        };
        let result = self.run_migrations(&mut env, upgrade, &target);
        self.end_env(&env);
        if let Err(failure) = result {
            self.fail(failure);
        }
    }

    pub(super) fn run_migrations(
        &mut self,
        env: &mut MigrationEnv,
        upgrade: bool,
        target: &str,
    ) -> Result<(), Failure> {
        let heads = self.heads_in(env, true)?;
        let map = self.load_map(env)?;
        if heads.len() > 1 {
            return Err(Failure::Command(
                "Retort does not run migrations on branched histories yet".into(),
            ));
        }
        let current = heads.first().map(String::as_str);
        if let Some(current) = current
            && map.get(current).is_none()
        {
            return Err(Failure::Command(format!(
                "Can't locate revision identified by '{current}'"
            )));
        }
        let steps = if upgrade {
            map.upgrade_steps(current, target)
        } else {
            map.downgrade_steps(current, target)
        }
        .map_err(|e| Failure::Command(e.0))?;
        for step in steps {
            self.console().info(MIGRATION, &step.log_line());
            let outcome = env.run(&step.revision.id, step.upgrade);
            let printed = env.take_output();
            self.console().out(&printed);
            for warning in env.take_warnings() {
                self.console().user_warning(
                    "<site-packages>/alembic/operations/batch.py:284",
                    &warning,
                    "util.warn(",
                );
            }
            outcome?;
            let (from, to) = if step.upgrade {
                (
                    step.revision.down.first().cloned(),
                    Some(step.revision.id.clone()),
                )
            } else {
                (
                    Some(step.revision.id.clone()),
                    step.revision.down.first().cloned(),
                )
            };
            env.with_conn(|conn| -> Result<(), Failure> {
                update_version(conn, from.as_deref(), to.as_deref())?;
                conn.commit().map_err(db_failure)
            })
            .unwrap_or(Ok(()))?;
        }
        Ok(())
    }

    /// `upgrade --sql` / `downgrade --sql`: the SQL script, without the
    /// database (the starting revision comes from `FROM:TO`).
    pub(super) fn offline_migrations(&mut self, upgrade: bool, target: &str) {
        let (start, destination) = match target.split_once(':') {
            Some((start, destination)) => (Some(start.to_owned()), destination.to_owned()),
            None if upgrade => (None, target.to_owned()),
            None if target == "-1" => (Some("head".to_owned()), "-1".to_owned()),
            None => {
                self.fail(Failure::Command(
                    "downgrade with --sql requires <fromrev>:<torev>".into(),
                ));
                return;
            }
        };
        self.console().logging = true;
        let mut env = match MigrationEnv::new(self.convention(), &self.options.limits) {
            Ok(env) => env,
            Err(message) => {
                self.fail(Failure::Command(message));
                return;
            }
        };
        match MigConn::offline() {
            Ok(conn) => env.connect(conn),
            Err(error) => {
                self.fail(db_failure(error));
                return;
            }
        }
        self.console().info(MIGRATION, "Context impl SQLiteImpl.");
        self.console().info(MIGRATION, "Generating static SQL");
        self.console()
            .info(MIGRATION, "Will assume non-transactional DDL.");
        let result = (|| -> Result<(), Failure> {
            let map = self.load_map(&mut env)?;
            let mut current = match start.as_deref() {
                None | Some("base") => None,
                Some(start) => map
                    .resolve(start)
                    .map_err(|e| Failure::Command(e.0))?
                    .map(|r| r.id.clone()),
            };
            let steps = if upgrade {
                map.upgrade_steps(current.as_deref(), &destination)
            } else {
                map.downgrade_steps(current.as_deref(), &destination)
            }
            .map_err(|e| Failure::Command(e.0))?;
            for step in steps {
                if current.is_none() {
                    env.with_conn(|conn| conn.execute(ddl::CREATE_VERSION_TABLE, &[]).map(|_| ()))
                        .unwrap_or(Ok(()))
                        .map_err(db_failure)?;
                }
                self.flush_script(&env);
                self.console().info(MIGRATION, &step.log_line());
                let short = step.short_log();
                env.with_conn(|conn| conn.static_output(&format!("-- Running {short}")));
                let outcome = env.run(&step.revision.id, step.upgrade);
                self.flush_script(&env);
                let printed = env.take_output();
                self.console().out(&printed);
                outcome?;
                let (from, to) = if step.upgrade {
                    (current.clone(), Some(step.revision.id.clone()))
                } else {
                    (current.clone(), step.revision.down.first().cloned())
                };
                env.with_conn(|conn| update_version(conn, from.as_deref(), to.as_deref()))
                    .unwrap_or(Ok(()))?;
                current = to;
            }
            Ok(())
        })();
        self.flush_script(&env);
        let _ = env.close();
        if let Err(failure) = result {
            self.fail(failure);
        }
    }

    pub(super) fn flush_script(&mut self, env: &MigrationEnv) {
        let script = env.with_conn(MigConn::take_script).unwrap_or_default();
        self.console().out(&script);
    }

    pub(super) fn stamp(&mut self) {
        if !self.require_repository() {
            return;
        }
        let target = self.invocation.arg().unwrap_or("head").to_owned();
        let purge = self.invocation.flag("purge");
        let Some(mut env) = self.start_env() else {
            return;
        };
        let result = (|| -> Result<(), Failure> {
            let heads = if purge {
                // `_ensure_version_table(purge=True)`, in a transaction of its own.
                env.with_conn(|conn| -> Result<(), DbError> {
                    ensure_version_table(conn)?;
                    conn.execute("DELETE FROM alembic_version", &[])?;
                    conn.commit()
                })
                .unwrap_or(Ok(()))
                .map_err(db_failure)?;
                Vec::new()
            } else {
                self.heads_in(&env, true)?
            };
            let map = self.load_map(&mut env)?;
            if heads.len() > 1 {
                return Err(Failure::Command(
                    "Multiple heads are present; please specify a single target revision".into(),
                ));
            }
            let destination = map
                .resolve(&target)
                .map_err(|e| Failure::Command(e.0))?
                .map(|r| r.id.clone());
            let current = heads.first().cloned();
            if current == destination {
                return Ok(());
            }
            let line = format!(
                "Running stamp_revision {} -> {}",
                current.clone().unwrap_or_default(),
                destination.clone().unwrap_or_default()
            );
            self.console().info(MIGRATION, &line);
            env.with_conn(|conn| -> Result<(), Failure> {
                update_version(conn, current.as_deref(), destination.as_deref())?;
                conn.commit().map_err(db_failure)
            })
            .unwrap_or(Ok(()))
        })();
        self.end_env(&env);
        if let Err(failure) = result {
            self.fail(failure);
        }
    }
}
