//! `steps.txt`: the grammar of a recorded session (`models vN`,
//! `flask db ...`, `python X.py`, `rm`, `replace`, a leading `!`), split
//! into words as Python's `shlex` does, and the command as the learner
//! types it.

/// One line of `steps.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub line: usize,
    pub command: String,
    pub words: Vec<String>,
    pub kind: String,
    pub expect_failure: bool,
}

/// POSIX `shlex.split`.
pub fn shlex_split(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => current.push(c),
                        None => return Err("No closing quotation".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.peek() {
                            Some(&n) if matches!(n, '\\' | '"' | '$' | '`' | '\n') => {
                                current.push(n);
                                chars.next();
                            }
                            _ => current.push('\\'),
                        },
                        Some(c) => current.push(c),
                        None => return Err("No closing quotation".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(n) => current.push(n),
                    None => return Err("No escaped character".into()),
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                current.push(c);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    Ok(words)
}

/// Parses `steps.txt`.
pub fn parse_steps(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let lineno = index + 1;
        let mut line = raw.trim().to_owned();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut expect_failure = false;
        if let Some(rest) = line.strip_prefix('!') {
            expect_failure = true;
            line = rest.trim().to_owned();
        }
        let mut words = shlex_split(&line).map_err(|e| format!("steps.txt:{lineno}: {e}"))?;
        if words.len() >= 2 && words[0] == "flask" && words[1] == "db" {
            words.drain(..2);
            line = line
                .split_once("db")
                .map(|(_, rest)| rest.trim().to_owned())
                .unwrap_or_default();
        }
        let Some(first) = words.first() else {
            continue;
        };
        let kind = match first.as_str() {
            "models" => {
                if words.len() != 2 {
                    return Err(format!("steps.txt:{lineno}: usage: models vN"));
                }
                "models"
            }
            "python" => "python",
            "rm" => "rm",
            "replace" => {
                if words.len() != 3 {
                    return Err(format!(
                        "steps.txt:{lineno}: usage: replace TARGET_GLOB SOURCE"
                    ));
                }
                "replace"
            }
            _ => "flask",
        };
        steps.push(Step {
            line: lineno,
            command: line,
            words,
            kind: kind.to_owned(),
            expect_failure,
        });
    }
    Ok(steps)
}

/// The command as the learner types it.
pub fn shell_text(step: &Step) -> String {
    match step.kind.as_str() {
        "flask" => format!("flask db {}", step.command),
        "models" => format!("# edit app.py (now {}.py)", step.words[1]),
        "replace" => format!("# edit {} (now {})", step.words[1], step.words[2]),
        _ => step.command.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_parse_like_the_recorder() {
        let steps = parse_steps(
            "# comment\nmodels v1\n! upgrade\nflask db migrate -m \"add age\"\ndowngrade -- -2\npython seed.py\nrm migrations/versions/<rev2>_*.py\n",
        )
        .unwrap();
        assert_eq!(steps.len(), 6);
        assert!(steps[1].expect_failure);
        assert_eq!(steps[2].command, "migrate -m \"add age\"");
        assert_eq!(steps[2].words, vec!["migrate", "-m", "add age"]);
        assert_eq!(shell_text(&steps[2]), "flask db migrate -m \"add age\"");
        assert_eq!(steps[3].words, vec!["downgrade", "--", "-2"]);
        assert_eq!(steps[4].kind, "python");
        assert_eq!(steps[5].kind, "rm");
        assert_eq!(shell_text(&steps[0]), "# edit app.py (now v1.py)");
        assert!(shlex_split("a \"b").is_err());
    }
}
