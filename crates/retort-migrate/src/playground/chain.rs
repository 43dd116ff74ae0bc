//! The revision chain as the page draws it, read from the revision
//! scripts' text (`revision = ...`, `down_revision = ...`, the
//! docstring's first line) without running them, so a script the learner
//! broke still shows in the chain.

use retort_report::migration::RevisionNode;

/// The quoted strings of a Python literal: `'a'`, `None`, `('a', 'b')`.
fn quoted(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find(['\'', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('\'');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else {
            break;
        };
        out.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    out
}

fn assignment<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(name)?.trim_start();
        let value = match rest.strip_prefix(':') {
            // `revision: str = 'abc'`
            Some(typed) => typed.split_once('=')?.1,
            None => rest.strip_prefix('=')?,
        };
        Some(value.trim())
    })
}

fn message(text: &str) -> String {
    let body = text.trim_start();
    for quote in ["\"\"\"", "'''"] {
        if let Some(rest) = body.strip_prefix(quote) {
            return rest.lines().next().unwrap_or_default().trim().to_owned();
        }
    }
    String::new()
}

/// One node per revision script (`*/versions/*.py`), oldest first, marked
/// with heads and the database's `current` revisions.
pub fn revision_chain(files: &[(String, String)], current: &[String]) -> Vec<RevisionNode> {
    let mut nodes: Vec<RevisionNode> = files
        .iter()
        .filter(|(path, _)| {
            path.ends_with(".py")
                && path.rsplit_once('/').is_some_and(|(dir, name)| {
                    (dir == "versions" || dir.ends_with("/versions")) && !name.starts_with("__")
                })
        })
        .filter_map(|(path, text)| {
            let id = quoted(assignment(text, "revision")?).into_iter().next()?;
            let down = assignment(text, "down_revision")
                .map(quoted)
                .unwrap_or_default();
            Some(RevisionNode {
                current: current.contains(&id),
                id,
                down,
                message: message(text),
                path: path.clone(),
                head: false,
            })
        })
        .collect();
    let revised: Vec<String> = nodes.iter().flat_map(|n| n.down.clone()).collect();
    for node in &mut nodes {
        node.head = !revised.contains(&node.id);
    }
    // Oldest first: a revision after the ones it revises.
    let mut ordered: Vec<RevisionNode> = Vec::new();
    while !nodes.is_empty() {
        let ready = nodes
            .iter()
            .position(|n| {
                n.down.iter().all(|d| {
                    ordered.iter().any(|o| &o.id == d) || !nodes.iter().any(|m| &m.id == d)
                })
            })
            .unwrap_or(0);
        ordered.push(nodes.remove(ready));
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_parents_messages_heads_and_order() {
        let second =
            "\"\"\"add age\n\nRevision ID: bbb\n\"\"\"\nrevision = 'bbb'\ndown_revision = 'aaa'\n";
        let first = "\"\"\"initial\n\"\"\"\nrevision = 'aaa'\ndown_revision = None\n";
        let files = vec![
            (
                "migrations/versions/bbb_add_age.py".to_owned(),
                second.to_owned(),
            ),
            (
                "migrations/versions/aaa_initial.py".to_owned(),
                first.to_owned(),
            ),
            ("migrations/env.py".to_owned(), "revision = 'x'".to_owned()),
        ];
        let chain = revision_chain(&files, &["aaa".to_owned()]);
        assert_eq!(chain.len(), 2);
        assert_eq!(chain[0].id, "aaa");
        assert!(chain[0].down.is_empty() && chain[0].current && !chain[0].head);
        assert_eq!(chain[1].message, "add age");
        assert_eq!(chain[1].down, ["aaa"]);
        assert!(chain[1].head && !chain[1].current);
        let merge = revision_chain(
            &[(
                "versions/m.py".to_owned(),
                "revision: str = 'm'\ndown_revision = ('a', \"b\")\n".to_owned(),
            )],
            &[],
        );
        assert_eq!(merge[0].down, ["a", "b"]);
    }
}
