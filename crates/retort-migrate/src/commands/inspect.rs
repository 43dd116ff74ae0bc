//! The commands that print: `current`, `history` (ranges, `--verbose`,
//! `--indicate-current`), `heads` and `show`.

use retort_flask::project::DatabaseLocation;

use super::Cmd;
use crate::revisions::RevisionMap;
use crate::runner::{Failure, MigrationEnv};

impl Cmd<'_> {
    pub(super) fn current(&mut self) {
        if !self.require_repository() {
            return;
        }
        let verbose = self.invocation.flag("verbose");
        let Some(mut env) = self.start_env() else {
            return;
        };
        let result = (|| -> Result<(), Failure> {
            let heads = self.heads_in(&env, false)?;
            let map = self.load_map(&mut env)?;
            if verbose {
                let url = match &self.app.database {
                    DatabaseLocation::Memory => "sqlite://".to_owned(),
                    DatabaseLocation::File(p) => format!("sqlite:///{}", p.to_string_lossy()),
                };
                self.console()
                    .line(&format!("Current revision(s) for {url}:"));
            }
            for head in heads {
                let revision = map
                    .resolve(&head)
                    .map_err(|e| Failure::Command(e.0))?
                    .cloned();
                if let Some(revision) = revision {
                    let text = if verbose {
                        map.log_entry(&revision, false)
                    } else {
                        map.current_line(&revision)
                    };
                    self.console().line(&text);
                }
            }
            Ok(())
        })();
        self.end_env(&env);
        if let Err(failure) = result {
            self.fail(failure);
        }
    }

    /// The revision graph outside `env.py` (no connection, no logging).
    pub(super) fn offline_map(&mut self) -> Option<RevisionMap> {
        if !self.require_repository() {
            return None;
        }
        let mut env = match MigrationEnv::new(self.convention(), &self.options.limits) {
            Ok(env) => env,
            Err(message) => {
                self.fail(Failure::Command(message));
                return None;
            }
        };
        let map = self.load_map(&mut env);
        let printed = env.take_output();
        self.console().out(&printed);
        match map {
            Ok(map) => Some(map),
            Err(failure) => {
                self.fail(failure);
                None
            }
        }
    }

    pub(super) fn history(&mut self) {
        let verbose = self.invocation.flag("verbose");
        let indicate = self.invocation.flag("indicate_current");
        let range = self.invocation.value("rev_range").map(str::to_owned);
        let (base, head) = match &range {
            None => (None, None),
            Some(range) => match range.trim().split_once(':') {
                Some((b, h)) => (
                    (!b.is_empty()).then(|| b.to_owned()),
                    (!h.is_empty()).then(|| h.to_owned()),
                ),
                None => {
                    if !self.require_repository() {
                        return;
                    }
                    self.fail(Failure::Command(
                        "History range requires [start]:[end], [start]:, or :[end]".into(),
                    ));
                    return;
                }
            },
        };
        let mut currents: Vec<String> = Vec::new();
        let needs_database =
            indicate || base.as_deref() == Some("current") || head.as_deref() == Some("current");
        let map = if needs_database {
            if !self.require_repository() {
                return;
            }
            let Some(mut env) = self.start_env() else {
                return;
            };
            let result = self.heads_in(&env, false).and_then(|heads| {
                currents = heads;
                self.load_map(&mut env)
            });
            self.end_env(&env);
            match result {
                Ok(map) => map,
                Err(failure) => {
                    self.fail(failure);
                    return;
                }
            }
        } else {
            match self.offline_map() {
                Some(map) => map,
                None => return,
            }
        };
        let walk = match revisions_between(&map, base.as_deref(), head.as_deref(), &currents) {
            Ok(walk) => walk,
            Err(message) => {
                self.fail(Failure::Command(message));
                return;
            }
        };
        for revision in walk {
            let current = indicate && currents.contains(&revision.id);
            let text = if verbose {
                map.log_entry(&revision, current)
            } else {
                map.history_line(&revision, current)
            };
            self.console().line(&text);
        }
    }

    pub(super) fn heads(&mut self) {
        let verbose = self.invocation.flag("verbose");
        let Some(map) = self.offline_map() else {
            return;
        };
        let heads: Vec<_> = map.heads().into_iter().cloned().collect();
        for revision in heads {
            let text = if verbose {
                map.log_entry(&revision, false)
            } else {
                map.heads_line(&revision)
            };
            self.console().line(&text);
        }
    }

    pub(super) fn show(&mut self) {
        let target = self.invocation.arg().unwrap_or("head").to_owned();
        if target == "current" {
            if !self.require_repository() {
                return;
            }
            let Some(mut env) = self.start_env() else {
                return;
            };
            let result = self.heads_in(&env, false).and_then(|heads| {
                let map = self.load_map(&mut env)?;
                for head in heads {
                    if let Some(revision) = map.get(&head).cloned() {
                        let text = map.log_entry(&revision, false);
                        self.console().line(&text);
                    }
                }
                Ok(())
            });
            self.end_env(&env);
            if let Err(failure) = result {
                self.fail(failure);
            }
            return;
        }
        let Some(map) = self.offline_map() else {
            return;
        };
        let revisions: Vec<_> = if target == "heads" {
            map.heads().into_iter().cloned().collect()
        } else {
            match map.resolve(&target) {
                Ok(found) => found.into_iter().cloned().collect(),
                Err(error) => {
                    self.fail(Failure::Command(error.0));
                    return;
                }
            }
        };
        for revision in revisions {
            let text = map.log_entry(&revision, false);
            self.console().line(&text);
        }
    }
}

/// `walk_revisions(base, head)` for `history -r`: newest first, limited
/// to the revisions between `base` and `head` (`current` allowed).
fn revisions_between(
    map: &RevisionMap,
    base: Option<&str>,
    head: Option<&str>,
    currents: &[String],
) -> Result<Vec<crate::revisions::Revision>, String> {
    let resolve = |ident: &str| -> Result<Option<String>, String> {
        if ident == "current" {
            return Ok(currents.first().cloned());
        }
        map.resolve(ident)
            .map(|r| r.map(|r| r.id.clone()))
            .map_err(|e| e.0)
    };
    let upper = match head {
        None | Some("heads") => None,
        Some(h) => resolve(h)?,
    };
    let lower = match base {
        None | Some("base") => None,
        Some(b) => resolve(b)?,
    };
    let all: Vec<crate::revisions::Revision> = map.walk_all().into_iter().cloned().collect();
    let start = match &upper {
        Some(u) => all.iter().position(|r| &r.id == u).unwrap_or(0),
        None => 0,
    };
    let mut out = Vec::new();
    for revision in all.into_iter().skip(start) {
        let stop = lower.as_ref() == Some(&revision.id);
        out.push(revision);
        if stop {
            break;
        }
    }
    Ok(out)
}
