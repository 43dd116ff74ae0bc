//! The Migrations view's terminal line, as plain functions tested
//! natively: Tab completion of `flask db`, its subcommands and revision
//! ids, and walking the command history with the arrow keys.

/// `flask db`'s subcommands, sorted.
pub const SUBCOMMANDS: &[&str] = &[
    "check",
    "current",
    "downgrade",
    "heads",
    "history",
    "init",
    "list-templates",
    "migrate",
    "revision",
    "show",
    "stamp",
    "upgrade",
];

/// Subcommands whose argument is a revision.
const TAKES_REVISION: &[&str] = &["downgrade", "show", "stamp", "upgrade"];

const PREFIX: &str = "flask db ";

fn common_prefix(words: &[&str]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for word in &words[1..] {
        end = first
            .char_indices()
            .zip(word.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_owned()
}

/// The line completed as far as it is unambiguous: `fl` → `flask db `,
/// `flask db up` → `flask db upgrade `, `flask db show 1a` → the revision
/// id starting with `1a`. `None` when there is nothing to add.
pub fn complete(line: &str, revisions: &[String]) -> Option<String> {
    if PREFIX.starts_with(line) && line.len() < PREFIX.len() {
        return Some(PREFIX.to_owned());
    }
    let rest = line.strip_prefix(PREFIX)?;
    let (before, word) = match rest.rfind(' ') {
        Some(at) => (&rest[..=at], &rest[at + 1..]),
        None => ("", rest),
    };
    let candidates: Vec<&str> = if before.is_empty() {
        SUBCOMMANDS.to_vec()
    } else {
        let command = before.split_whitespace().next().unwrap_or_default();
        if !TAKES_REVISION.contains(&command) {
            return None;
        }
        let mut words: Vec<&str> = revisions.iter().map(String::as_str).collect();
        words.extend(["head", "base", "heads"]);
        words
    };
    let matches: Vec<&str> = candidates
        .into_iter()
        .filter(|c| c.starts_with(word))
        .collect();
    let completed = match matches.as_slice() {
        [] => return None,
        [only] => format!("{only} "),
        many => common_prefix(many),
    };
    if completed.trim_end() == word && matches.len() > 1 {
        return None;
    }
    let line = format!("{PREFIX}{before}{completed}");
    (line != format!("{PREFIX}{rest}")).then_some(line)
}

/// Where the arrow keys are in the history: `None` is the line being typed.
pub fn history_step(history: &[String], at: Option<usize>, up: bool) -> (Option<usize>, String) {
    let next = match (at, up) {
        (None, true) => history.len().checked_sub(1),
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) if i + 1 < history.len() => Some(i + 1),
        (_, false) => None,
    };
    let text = next
        .and_then(|i| history.get(i))
        .cloned()
        .unwrap_or_default();
    (next, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_the_prefix_subcommands_and_revisions() {
        let revs = vec!["1a2b3c4d5e6f".to_owned(), "1a9999999999".to_owned()];
        assert_eq!(complete("", &revs).as_deref(), Some("flask db "));
        assert_eq!(complete("fla", &revs).as_deref(), Some("flask db "));
        assert_eq!(
            complete("flask db up", &revs).as_deref(),
            Some("flask db upgrade ")
        );
        assert_eq!(
            complete("flask db hi", &revs).as_deref(),
            Some("flask db history ")
        );
        assert_eq!(complete("flask db h", &revs), None);
        assert_eq!(complete("flask db show 1a", &revs), None);
        assert_eq!(
            complete("flask db show 1a2", &revs).as_deref(),
            Some("flask db show 1a2b3c4d5e6f ")
        );
        assert_eq!(
            complete("flask db downgrade ba", &revs).as_deref(),
            Some("flask db downgrade base ")
        );
        assert_eq!(complete("flask db migrate -m x", &revs), None);
        assert_eq!(complete("ls", &revs), None);
    }

    #[test]
    fn walks_the_history() {
        let history = vec!["flask db init".to_owned(), "flask db migrate".to_owned()];
        let (at, text) = history_step(&history, None, true);
        assert_eq!((at, text.as_str()), (Some(1), "flask db migrate"));
        let (at, text) = history_step(&history, at, true);
        assert_eq!((at, text.as_str()), (Some(0), "flask db init"));
        let (at, _) = history_step(&history, at, true);
        assert_eq!(at, Some(0));
        let (at, _) = history_step(&history, at, false);
        assert_eq!(at, Some(1));
        let (at, text) = history_step(&history, at, false);
        assert_eq!((at, text.as_str()), (None, ""));
        assert_eq!(history_step(&[], None, true), (None, String::new()));
    }
}
