//! The revision graph of `migrations/versions`: heads and bases, the
//! identifiers a command accepts (`head`, `heads`, `base`, a full or
//! partial id, `+N`, `-N`, `rev+N`), the steps of an upgrade or downgrade,
//! and the lines `history`, `current`, `heads` and `show` print — with
//! Alembic's messages when a target cannot be resolved.

/// One revision script.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub id: String,
    /// `down_revision` (several for a merge).
    pub down: Vec<String>,
    /// The file's absolute path, as `show` prints it.
    pub path: String,
    /// The docstring, stripped.
    pub longdoc: String,
}

impl Revision {
    /// `Script.doc`: the docstring's first paragraph.
    pub fn doc(&self) -> String {
        crate::script::short_doc(&self.longdoc)
    }
}

/// A resolution failure, worded as Alembic's `CommandError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionError(pub String);

/// The graph.
#[derive(Debug, Clone, Default)]
pub struct RevisionMap {
    pub revisions: Vec<Revision>,
}

/// A migration step: the revision run and its direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub revision: Revision,
    pub upgrade: bool,
}

impl Step {
    /// `MigrationStep.short_log`: `upgrade a -> b` without the doc.
    pub fn short_log(&self) -> String {
        let down = self.revision.down.join(", ");
        if self.upgrade {
            format!("upgrade {down} -> {}", self.revision.id)
        } else {
            format!("downgrade {} -> {down}", self.revision.id)
        }
    }

    /// `Running upgrade a -> b, doc` / `Running downgrade b -> a, doc`.
    pub fn log_line(&self) -> String {
        let doc = self.revision.doc();
        if doc.is_empty() {
            format!("Running {}", self.short_log())
        } else {
            format!("Running {}, {doc}", self.short_log())
        }
    }
}

impl RevisionMap {
    /// The revision with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Revision> {
        self.revisions.iter().find(|r| r.id == id)
    }

    fn children(&self, id: &str) -> Vec<&Revision> {
        self.revisions
            .iter()
            .filter(|r| r.down.iter().any(|d| d == id))
            .collect()
    }

    /// Revisions nothing revises, in file order.
    pub fn heads(&self) -> Vec<&Revision> {
        self.revisions
            .iter()
            .filter(|r| self.children(&r.id).is_empty())
            .collect()
    }

    fn is_head(&self, id: &str) -> bool {
        self.children(id).is_empty()
    }

    fn is_branch_point(&self, id: &str) -> bool {
        self.children(id).len() > 1
    }

    /// Checks that every `down_revision` exists and that nothing revises
    /// itself through a cycle.
    pub fn validate(&self) -> Result<(), RevisionError> {
        for r in &self.revisions {
            let mut seen: Vec<&str> = vec![r.id.as_str()];
            let mut stack: Vec<&str> = r.down.iter().map(String::as_str).collect();
            while let Some(id) = stack.pop() {
                if id == r.id {
                    let mut cycle: Vec<String> = seen.iter().map(|s| (*s).to_owned()).collect();
                    cycle.sort();
                    return Err(RevisionError(format!(
                        "Cycle is detected in revisions ({})",
                        cycle.join(", ")
                    )));
                }
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                if let Some(next) = self.get(id) {
                    stack.extend(next.down.iter().map(String::as_str));
                }
            }
        }
        for r in &self.revisions {
            for d in &r.down {
                if self.get(d).is_none() {
                    return Err(RevisionError(format!(
                        "Revision {d} referenced from {} -> {}, {} is not present",
                        self.format_down(r),
                        r.id,
                        r.doc()
                    )));
                }
            }
        }
        Ok(())
    }

    fn format_down(&self, r: &Revision) -> String {
        if r.down.is_empty() {
            "<base>".into()
        } else {
            r.down.join(", ")
        }
    }

    /// Resolves one identifier to a revision (`None` for `base`).
    pub fn resolve(&self, ident: &str) -> Result<Option<&Revision>, RevisionError> {
        match ident {
            "base" => return Ok(None),
            "head" | "heads" => {
                let heads = self.heads();
                return match heads.as_slice() {
                    [] => Ok(None),
                    [only] => Ok(Some(*only)),
                    _ => Err(RevisionError(format!(
                        "Multiple head revisions are present for given argument '{ident}'; please specify a specific target revision, '<branchname>@{ident}' to narrow to a specific head, or 'heads' for all heads"
                    ))),
                };
            }
            _ => {}
        }
        if let Some(r) = self.get(ident) {
            return Ok(Some(r));
        }
        let matches: Vec<&Revision> = self
            .revisions
            .iter()
            .filter(|r| r.id.chars().count() > 3 && r.id.starts_with(ident))
            .collect();
        match matches.as_slice() {
            [only] => Ok(Some(*only)),
            [] => Err(RevisionError(format!(
                "Can't locate revision identified by '{ident}'"
            ))),
            _ => Err(RevisionError(format!(
                "Multiple revisions start with '{ident}': {}...",
                matches
                    .iter()
                    .take(3)
                    .map(|r| format!("'{}'", r.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The revision `steps` up (positive) or down (negative) from `start`.
    fn walk(&self, start: Option<&str>, steps: i64) -> Option<Option<&Revision>> {
        let mut current: Option<&Revision> = match start {
            Some(id) => Some(self.get(id)?),
            None => None,
        };
        if steps >= 0 {
            for _ in 0..steps {
                let next = match current {
                    None => self
                        .revisions
                        .iter()
                        .filter(|r| r.down.is_empty())
                        .collect::<Vec<_>>(),
                    Some(r) => self.children(&r.id),
                };
                match next.as_slice() {
                    [only] => current = Some(*only),
                    _ => return None,
                }
            }
        } else {
            for _ in 0..(-steps) {
                let r = current?;
                current = match r.down.as_slice() {
                    [] => None,
                    [only] => Some(self.get(only)?),
                    _ => return None,
                };
            }
        }
        Some(current)
    }

    fn parse_relative(ident: &str) -> Option<(Option<&str>, i64)> {
        let pos = ident.rfind(['+', '-'])?;
        let number: i64 = ident[pos..].parse().ok()?;
        let symbol = &ident[..pos];
        if symbol.is_empty() {
            Some((None, number))
        } else if symbol.chars().all(|c| c.is_alphanumeric() || c == '_') {
            Some((Some(symbol), number))
        } else {
            None
        }
    }

    /// The steps of `upgrade TARGET` from the database's revision.
    pub fn upgrade_steps(
        &self,
        current: Option<&str>,
        target: &str,
    ) -> Result<Vec<Step>, RevisionError> {
        let invalid = || {
            RevisionError(format!(
                "Destination {target} is not a valid upgrade target from current head(s)"
            ))
        };
        let destination: Option<&Revision> = match Self::parse_relative(target) {
            Some((symbol, n)) => {
                if symbol.is_none() && n < 0 {
                    return Err(RevisionError(format!(
                        "Relative revision {} didn't produce {} migrations",
                        target,
                        n.abs()
                    )));
                }
                let start = match symbol {
                    None => current.map(str::to_owned),
                    Some(s) => self.resolve(s)?.map(|r| r.id.clone()),
                };
                match self.walk(start.as_deref(), n) {
                    Some(r) => r,
                    None => {
                        return Err(RevisionError(format!(
                            "Relative revision {} didn't produce {} migrations",
                            &target[target.rfind(['+', '-']).unwrap_or(0)..],
                            n.abs()
                        )));
                    }
                }
            }
            None => self.resolve(target)?,
        };
        let mut steps = Vec::new();
        let mut cursor = destination;
        loop {
            match (cursor, current) {
                (None, None) => break,
                (Some(r), Some(c)) if r.id == c => break,
                (None, Some(_)) => return Err(invalid()),
                (Some(r), _) => {
                    steps.push(Step {
                        revision: r.clone(),
                        upgrade: true,
                    });
                    cursor = match r.down.as_slice() {
                        [] => None,
                        [only] => Some(self.get(only).ok_or_else(invalid)?),
                        _ => return Err(invalid()),
                    };
                }
            }
        }
        steps.reverse();
        Ok(steps)
    }

    /// The steps of `downgrade TARGET` from the database's revision.
    pub fn downgrade_steps(
        &self,
        current: Option<&str>,
        target: &str,
    ) -> Result<Vec<Step>, RevisionError> {
        let invalid = || {
            RevisionError(format!(
                "Destination {target} is not a valid downgrade target from current head(s)"
            ))
        };
        let destination: Option<&Revision> = match Self::parse_relative(target) {
            Some((symbol, n)) => {
                let relative = &target[target.rfind(['+', '-']).unwrap_or(0)..];
                let didnt = || {
                    RevisionError(format!(
                        "Relative revision {relative} didn't produce {} migrations",
                        n.abs()
                    ))
                };
                if symbol.is_none() && n >= 0 {
                    return Err(didnt());
                }
                let start = match symbol {
                    None => match current {
                        Some(c) => Some(c.to_owned()),
                        None => return Err(didnt()),
                    },
                    Some(s) => self.resolve(s)?.map(|r| r.id.clone()),
                };
                match self.walk(start.as_deref(), n) {
                    Some(r) => r,
                    None => return Err(didnt()),
                }
            }
            None => self.resolve(target)?,
        };
        let Some(current) = current else {
            return match destination {
                None => Ok(Vec::new()),
                Some(_) => Err(invalid()),
            };
        };
        let mut steps = Vec::new();
        let mut cursor = self.get(current).ok_or_else(|| {
            RevisionError(format!("Can't locate revision identified by '{current}'"))
        })?;
        loop {
            if destination.is_some_and(|d| d.id == cursor.id) {
                break;
            }
            steps.push(Step {
                revision: cursor.clone(),
                upgrade: false,
            });
            match cursor.down.as_slice() {
                [] => {
                    if destination.is_some() {
                        return Err(invalid());
                    }
                    break;
                }
                [only] => cursor = self.get(only).ok_or_else(invalid)?,
                _ => return Err(invalid()),
            }
        }
        Ok(steps)
    }

    /// Every revision, newest first (children before their parents).
    pub fn walk_all(&self) -> Vec<&Revision> {
        let mut out: Vec<&Revision> = Vec::new();
        let mut remaining: Vec<&Revision> = self.revisions.iter().collect();
        while !remaining.is_empty() {
            let ready: Vec<&Revision> = remaining
                .iter()
                .copied()
                .filter(|r| {
                    self.children(&r.id)
                        .iter()
                        .all(|c| out.iter().any(|o| o.id == c.id))
                })
                .collect();
            if ready.is_empty() {
                out.append(&mut remaining);
                break;
            }
            for r in &ready {
                out.push(r);
            }
            remaining.retain(|r| !ready.iter().any(|x| x.id == r.id));
        }
        out
    }

    fn indicators(&self, r: &Revision, current: bool) -> String {
        let mut text = String::new();
        if self.is_head(&r.id) {
            text.push_str(" (head)");
        }
        if current {
            text.push_str(" (current)");
        }
        if self.is_branch_point(&r.id) {
            text.push_str(" (branchpoint)");
        }
        if r.down.len() > 1 {
            text.push_str(" (mergepoint)");
        }
        text
    }

    /// A `history` line: `<down> -> <rev> (head), doc`.
    pub fn history_line(&self, r: &Revision, current: bool) -> String {
        format!(
            "{} -> {}{}, {}",
            self.format_down(r),
            r.id,
            self.indicators(r, current),
            r.doc()
        )
    }

    /// A `current` line: `<rev> (head)`.
    pub fn current_line(&self, r: &Revision) -> String {
        format!("{}{}", r.id, self.indicators(r, false))
    }

    /// A `heads` line.
    pub fn heads_line(&self, r: &Revision) -> String {
        let head = if self.is_head(&r.id) { " (head)" } else { "" };
        format!("{}{head}", r.id)
    }

    /// `Script.log_entry`, as `show` and `history --verbose` print it.
    pub fn log_entry(&self, r: &Revision, current: bool) -> String {
        let mut entry = format!(
            "Rev: {}{}{}{}{}\n",
            r.id,
            if self.is_head(&r.id) { " (head)" } else { "" },
            if self.is_branch_point(&r.id) {
                " (branchpoint)"
            } else {
                ""
            },
            if r.down.len() > 1 {
                " (mergepoint)"
            } else {
                ""
            },
            if current { " (current)" } else { "" },
        );
        if r.down.len() > 1 {
            entry.push_str(&format!("Merges: {}\n", self.format_down(r)));
        } else {
            entry.push_str(&format!("Parent: {}\n", self.format_down(r)));
        }
        if self.is_branch_point(&r.id) {
            let next: Vec<String> = self.children(&r.id).iter().map(|c| c.id.clone()).collect();
            entry.push_str(&format!("Branches into: {}\n", next.join(", ")));
        }
        entry.push_str(&format!("Path: {}\n", r.path));
        let doc: Vec<String> = r.longdoc.lines().map(|l| format!("    {l}")).collect();
        entry.push_str(&format!("\n{}\n", doc.join("\n")));
        entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> RevisionMap {
        let rev = |id: &str, down: Option<&str>, doc: &str| Revision {
            id: id.into(),
            down: down.map(|d| vec![d.to_string()]).unwrap_or_default(),
            path: format!("/p/{id}.py"),
            longdoc: format!("{doc}\n\nRevision ID: {id}"),
        };
        RevisionMap {
            revisions: vec![
                rev("aaaa1111", None, "first"),
                rev("bbbb2222", Some("aaaa1111"), "second"),
                rev("cccc3333", Some("bbbb2222"), "third"),
            ],
        }
    }

    #[test]
    fn upgrade_and_downgrade_targets() {
        let m = map();
        let ids = |steps: Vec<Step>| steps.into_iter().map(|s| s.revision.id).collect::<Vec<_>>();
        assert_eq!(
            ids(m.upgrade_steps(None, "head").unwrap()),
            ["aaaa1111", "bbbb2222", "cccc3333"]
        );
        assert_eq!(
            ids(m.upgrade_steps(Some("aaaa1111"), "+1").unwrap()),
            ["bbbb2222"]
        );
        assert_eq!(
            ids(m.upgrade_steps(Some("aaaa1111"), "cccc").unwrap()),
            ["bbbb2222", "cccc3333"]
        );
        assert_eq!(
            ids(m.downgrade_steps(Some("cccc3333"), "-2").unwrap()),
            ["cccc3333", "bbbb2222"]
        );
        assert_eq!(
            ids(m.downgrade_steps(Some("bbbb2222"), "base").unwrap()),
            ["bbbb2222", "aaaa1111"]
        );
        assert_eq!(
            m.downgrade_steps(None, "-1").unwrap_err().0,
            "Relative revision -1 didn't produce 1 migrations"
        );
        assert_eq!(
            m.upgrade_steps(Some("cccc3333"), "+1").unwrap_err().0,
            "Relative revision +1 didn't produce 1 migrations"
        );
        assert_eq!(
            m.upgrade_steps(None, "zz").unwrap_err().0,
            "Can't locate revision identified by 'zz'"
        );
    }

    #[test]
    fn cycles_are_errors() {
        let mut m = map();
        m.revisions[0].down = vec!["cccc3333".into()];
        assert!(
            m.validate()
                .unwrap_err()
                .0
                .starts_with("Cycle is detected in revisions (")
        );
    }

    #[test]
    fn printed_forms() {
        let m = map();
        let third = m.get("cccc3333").unwrap();
        assert_eq!(
            m.history_line(third, false),
            "bbbb2222 -> cccc3333 (head), third"
        );
        let first = m.get("aaaa1111").unwrap();
        assert_eq!(m.history_line(first, false), "<base> -> aaaa1111, first");
        assert_eq!(m.current_line(third), "cccc3333 (head)");
        let ids: Vec<&str> = m.walk_all().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["cccc3333", "bbbb2222", "aaaa1111"]);
        assert_eq!(
            Step {
                revision: first.clone(),
                upgrade: true
            }
            .log_line(),
            "Running upgrade  -> aaaa1111, first"
        );
        assert_eq!(
            Step {
                revision: first.clone(),
                upgrade: false
            }
            .log_line(),
            "Running downgrade aaaa1111 -> , first"
        );
    }
}
