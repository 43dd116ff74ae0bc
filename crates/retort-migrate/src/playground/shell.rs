//! The other lines a learner types in the page's terminal, as the
//! recordings' sessions use them: `python app.py` (the editor's script as
//! `__main__`) or `python X.py` for a file of the project, and `rm` of
//! files (`rm migrations/versions/abc_*.py`, `rm instance/data.db`, `rm -r
//! migrations`) — with a shell's messages. Anything else is "command not
//! found".

use std::rc::Rc;

use retort_flask::StatementEntry;
use retort_flask::files::{MemoryFiles, ProjectFiles};
use retort_python::Limits;

/// What a shell line did.
#[derive(Debug, Default)]
pub struct ShellOutcome {
    pub exit_code: i32,
    pub output: String,
    /// The full traceback of an uncaught exception.
    pub traceback: Option<String>,
    pub statements: Vec<StatementEntry>,
}

/// `*` and `?` against a whole path (`/` is matched by `*`, as `glob`
/// does within one folder here), in linear time.
pub fn matches(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

/// `rm [-r] [-f] PATH...`: files and databases by path or pattern, folders
/// with `-r`.
pub fn rm(files: &MemoryFiles, args: &[String]) -> ShellOutcome {
    let flags: String = args
        .iter()
        .filter(|a| a.starts_with('-'))
        .flat_map(|a| a.chars().skip(1))
        .collect();
    let recursive = flags.contains('r') || flags.contains('R');
    let force = flags.contains('f');
    let mut out = ShellOutcome::default();
    let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if operands.is_empty() {
        out.exit_code = 1;
        out.output = "rm: missing operand\n".into();
        return out;
    }
    for operand in operands {
        let pattern = operand.trim_start_matches("./").trim_end_matches('/');
        let texts: Vec<String> = files
            .text_files()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| p != "app.py" && matches(pattern, p))
            .collect();
        let databases: Vec<_> = files
            .database_paths()
            .into_iter()
            .filter(|p| files.relative(p).is_some_and(|r| matches(pattern, &r)))
            .collect();
        let is_dir = !pattern.contains(['*', '?']) && files.exists(pattern) && texts.is_empty();
        if texts.is_empty() && databases.is_empty() && !is_dir {
            if pattern == "app.py" {
                out.output
                    .push_str("rm: app.py is the editor's script; edit it there\n");
                out.exit_code = 1;
            } else if !force {
                out.output.push_str(&format!(
                    "rm: cannot remove '{operand}': No such file or directory\n"
                ));
                out.exit_code = 1;
            }
            continue;
        }
        if is_dir && databases.is_empty() {
            if recursive {
                files.remove_tree(pattern);
            } else {
                out.output
                    .push_str(&format!("rm: cannot remove '{operand}': Is a directory\n"));
                out.exit_code = 1;
            }
            continue;
        }
        for path in texts {
            let _ = files.remove(&path);
        }
        for path in databases {
            files.remove_database(&path);
        }
    }
    out
}

/// `python SCRIPT`: `app.py` is the editor's script, other scripts are
/// the project's files.
pub fn python(
    files: &Rc<MemoryFiles>,
    args: &[String],
    app_source: &str,
    limits: &Limits,
) -> ShellOutcome {
    let Some(script) = args.first() else {
        return ShellOutcome {
            exit_code: 2,
            output: "Retort runs scripts, not the Python prompt: python app.py\n".into(),
            ..ShellOutcome::default()
        };
    };
    let script = script.trim_start_matches("./");
    let Some(source) = files.read(script) else {
        return ShellOutcome {
            exit_code: 2,
            output: format!(
                "python: can't open file '{}': [Errno 2] No such file or directory\n",
                files.display(script)
            ),
            ..ShellOutcome::default()
        };
    };
    let shared: Rc<dyn ProjectFiles> = files.clone();
    let app = (script != "app.py").then_some(app_source);
    let outcome = retort_flask::project::run_python_file(&shared, script, &source, app, limits);
    ShellOutcome {
        exit_code: i32::from(outcome.error.is_some()),
        output: format!("{}{}", outcome.stdout, outcome.stderr),
        traceback: outcome.traceback,
        statements: outcome.statements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn patterns_match_whole_paths() {
        assert!(matches(
            "migrations/versions/ab*_*.py",
            "migrations/versions/abc1_add_age.py"
        ));
        assert!(matches("instance/data.d?", "instance/data.db"));
        assert!(!matches("migrations/*.ini", "migrations/env.py"));
        assert!(matches("*", ""));
        assert!(!matches(&"*a".repeat(30), &"a".repeat(20)));
    }

    #[test]
    fn rm_removes_files_databases_and_folders() {
        let files = MemoryFiles::new("/app");
        files.write("app.py", "x = 1\n").unwrap();
        files.write("migrations/env.py", "").unwrap();
        files
            .write("migrations/versions/abc_add_age.py", "")
            .unwrap();
        files
            .open_database(Path::new("/app/instance/data.db"))
            .unwrap();
        assert_eq!(
            rm(&files, &words("migrations/versions/abc_*.py")).exit_code,
            0
        );
        assert!(files.files_in("migrations/versions").is_empty());
        assert_eq!(rm(&files, &words("instance/data.db")).exit_code, 0);
        assert!(files.database_paths().is_empty());
        let folder = rm(&files, &words("migrations"));
        assert_eq!(
            folder.output,
            "rm: cannot remove 'migrations': Is a directory\n"
        );
        assert_eq!(rm(&files, &words("-rf migrations")).exit_code, 0);
        assert!(!files.exists("migrations"));
        assert_eq!(rm(&files, &words("nothing.py")).exit_code, 1);
        assert_eq!(rm(&files, &words("-f nothing.py")).exit_code, 0);
        assert_eq!(rm(&files, &words("app.py")).exit_code, 1);
        assert_eq!(rm(&files, &[]).output, "rm: missing operand\n");
    }
}
