//! `flask db ...` parsed as click parses Flask-Migrate's command group:
//! the commands and their options, `--opt=value`, `-mvalue`, `--` ending
//! the options, click's usage errors (exit status 2) and `--help`.

use std::collections::BTreeMap;

/// One option of a command.
#[derive(Debug, Clone, Copy)]
struct OptSpec {
    short: Option<&'static str>,
    long: &'static str,
    /// Takes a value (`TEXT`); otherwise a flag.
    value: bool,
    multiple: bool,
    help: &'static str,
}

/// One command.
#[derive(Debug, Clone, Copy)]
struct CommandSpec {
    name: &'static str,
    help: &'static str,
    options: &'static [OptSpec],
    /// The positional argument: name, default, and whether it takes many.
    argument: Option<(&'static str, Option<&'static str>, bool)>,
}

const DIRECTORY: OptSpec = OptSpec {
    short: Some("-d"),
    long: "--directory",
    value: true,
    multiple: false,
    help: "Migration script directory (default is \"migrations\")",
};
const X_ARG: OptSpec = OptSpec {
    short: Some("-x"),
    long: "--x-arg",
    value: true,
    multiple: true,
    help: "Additional arguments consumed by custom env.py scripts",
};
const SQL: OptSpec = OptSpec {
    short: None,
    long: "--sql",
    value: false,
    multiple: false,
    help: "Don't emit SQL to database - dump to standard output instead",
};
const TAG: OptSpec = OptSpec {
    short: None,
    long: "--tag",
    value: true,
    multiple: false,
    help: "Arbitrary \"tag\" name - can be used by custom env.py scripts",
};
const VERBOSE: OptSpec = OptSpec {
    short: Some("-v"),
    long: "--verbose",
    value: false,
    multiple: false,
    help: "Use more verbose output",
};
const MESSAGE: OptSpec = OptSpec {
    short: Some("-m"),
    long: "--message",
    value: true,
    multiple: false,
    help: "Revision message",
};
const HEAD: OptSpec = OptSpec {
    short: None,
    long: "--head",
    value: true,
    multiple: false,
    help: "Specify head revision or <branchname>@head to base new revision on",
};
const SPLICE: OptSpec = OptSpec {
    short: None,
    long: "--splice",
    value: false,
    multiple: false,
    help: "Allow a non-head revision as the \"head\" to splice onto",
};
const BRANCH_LABEL: OptSpec = OptSpec {
    short: None,
    long: "--branch-label",
    value: true,
    multiple: false,
    help: "Specify a branch label to apply to the new revision",
};
const VERSION_PATH: OptSpec = OptSpec {
    short: None,
    long: "--version-path",
    value: true,
    multiple: false,
    help: "Specify specific path from config for version file",
};
const REV_ID: OptSpec = OptSpec {
    short: None,
    long: "--rev-id",
    value: true,
    multiple: false,
    help: "Specify a hardcoded revision id instead of generating one",
};

const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "branches",
        help: "Show current branch points",
        options: &[DIRECTORY, VERBOSE],
        argument: None,
    },
    CommandSpec {
        name: "check",
        help: "Check if there are any new operations to migrate",
        options: &[DIRECTORY],
        argument: None,
    },
    CommandSpec {
        name: "current",
        help: "Display the current revision for each database.",
        options: &[DIRECTORY, VERBOSE],
        argument: None,
    },
    CommandSpec {
        name: "downgrade",
        help: "Revert to a previous version",
        options: &[DIRECTORY, SQL, TAG, X_ARG],
        argument: Some(("REVISION", Some("-1"), false)),
    },
    CommandSpec {
        name: "edit",
        help: "Edit a revision file",
        options: &[DIRECTORY],
        argument: Some(("REVISION", Some("head"), false)),
    },
    CommandSpec {
        name: "heads",
        help: "Show current available heads in the script directory",
        options: &[
            DIRECTORY,
            VERBOSE,
            OptSpec {
                short: None,
                long: "--resolve-dependencies",
                value: false,
                multiple: false,
                help: "Treat dependency versions as down revisions",
            },
        ],
        argument: None,
    },
    CommandSpec {
        name: "history",
        help: "List changeset scripts in chronological order.",
        options: &[
            DIRECTORY,
            OptSpec {
                short: Some("-r"),
                long: "--rev-range",
                value: true,
                multiple: false,
                help: "Specify a revision range; format is [start]:[end]",
            },
            VERBOSE,
            OptSpec {
                short: Some("-i"),
                long: "--indicate-current",
                value: false,
                multiple: false,
                help: "Indicate current version (Alembic 0.9.9 or greater is required)",
            },
        ],
        argument: None,
    },
    CommandSpec {
        name: "init",
        help: "Creates a new migration repository.",
        options: &[
            DIRECTORY,
            OptSpec {
                short: None,
                long: "--multidb",
                value: false,
                multiple: false,
                help: "Support multiple databases",
            },
            OptSpec {
                short: Some("-t"),
                long: "--template",
                value: true,
                multiple: false,
                help: "Repository template to use (default is \"flask\")",
            },
            OptSpec {
                short: None,
                long: "--package",
                value: false,
                multiple: false,
                help: "Write empty __init__.py files to the environment and version locations",
            },
        ],
        argument: None,
    },
    CommandSpec {
        name: "list-templates",
        help: "List available templates.",
        options: &[],
        argument: None,
    },
    CommandSpec {
        name: "merge",
        help: "Merge two revisions together, creating a new revision file",
        options: &[
            DIRECTORY,
            OptSpec {
                short: Some("-m"),
                long: "--message",
                value: true,
                multiple: false,
                help: "Merge revision message",
            },
            BRANCH_LABEL,
            REV_ID,
        ],
        argument: Some(("REVISIONS", None, true)),
    },
    CommandSpec {
        name: "migrate",
        help: "Autogenerate a new revision file (Alias for 'revision --autogenerate')",
        options: &[
            DIRECTORY,
            MESSAGE,
            SQL,
            HEAD,
            SPLICE,
            BRANCH_LABEL,
            VERSION_PATH,
            REV_ID,
            X_ARG,
        ],
        argument: None,
    },
    CommandSpec {
        name: "revision",
        help: "Create a new revision file.",
        options: &[
            DIRECTORY,
            MESSAGE,
            OptSpec {
                short: None,
                long: "--autogenerate",
                value: false,
                multiple: false,
                help: "Populate revision script with candidate migration operations, based on comparison of database to model",
            },
            SQL,
            HEAD,
            SPLICE,
            BRANCH_LABEL,
            VERSION_PATH,
            REV_ID,
        ],
        argument: None,
    },
    CommandSpec {
        name: "show",
        help: "Show the revision denoted by the given symbol.",
        options: &[DIRECTORY],
        argument: Some(("REVISION", Some("head"), false)),
    },
    CommandSpec {
        name: "stamp",
        help: "'stamp' the revision table with the given revision; don't run any migrations",
        options: &[
            DIRECTORY,
            SQL,
            TAG,
            OptSpec {
                short: None,
                long: "--purge",
                value: false,
                multiple: false,
                help: "Delete the version in the alembic_version table before stamping",
            },
        ],
        argument: Some(("REVISION", Some("head"), false)),
    },
    CommandSpec {
        name: "upgrade",
        help: "Upgrade to a later version",
        options: &[DIRECTORY, SQL, TAG, X_ARG],
        argument: Some(("REVISION", Some("head"), false)),
    },
];

const GROUP_OPTIONS: &[OptSpec] = &[DIRECTORY, X_ARG];

/// A parsed `flask db` invocation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Invocation {
    pub command: String,
    /// Option values by long name without dashes (`message`); flags are `"true"`.
    pub options: BTreeMap<String, Vec<String>>,
    /// Positional arguments (or the argument's default).
    pub args: Vec<String>,
}

impl Invocation {
    /// An option's value.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options
            .get(name)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Whether a flag was given.
    pub fn flag(&self, name: &str) -> bool {
        self.options.contains_key(name)
    }

    /// The single positional argument.
    pub fn arg(&self) -> Option<&str> {
        self.args.first().map(String::as_str)
    }
}

/// What parsing produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Run(Invocation),
    /// Help text to print on stdout (exit status 0).
    Help(String),
    /// A usage error to print on stderr (exit status 2).
    Usage(String),
}

fn usage_line(spec: Option<&CommandSpec>) -> String {
    match spec {
        None => "Usage: flask db [OPTIONS] COMMAND [ARGS]...".into(),
        Some(spec) => {
            let mut line = format!("Usage: flask db {} [OPTIONS]", spec.name);
            if let Some((name, _, many)) = spec.argument {
                if many {
                    line.push_str(&format!(" [{name}]..."));
                } else {
                    line.push_str(&format!(" [{name}]"));
                }
            }
            line
        }
    }
}

fn usage_error(spec: Option<&CommandSpec>, message: &str) -> Parsed {
    let help = match spec {
        None => "Try 'flask db --help' for help.".to_owned(),
        Some(spec) => format!("Try 'flask db {} --help' for help.", spec.name),
    };
    Parsed::Usage(format!(
        "{}\n{help}\n\nError: {message}\n",
        usage_line(spec)
    ))
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn definition_list(rows: &[(String, &str)]) -> String {
    let first = rows
        .iter()
        .map(|(a, _)| a.chars().count())
        .filter(|w| *w <= 30)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (term, help) in rows {
        let width = term.chars().count();
        let help_width = 78usize.saturating_sub(first + 4).max(20);
        let lines = wrap(help, help_width);
        if width > 30 {
            out.push_str(&format!("  {term}\n"));
            for line in &lines {
                out.push_str(&format!("{}{line}\n", " ".repeat(first + 4)));
            }
            continue;
        }
        let pad = " ".repeat(first - width + 2);
        match lines.split_first() {
            None => out.push_str(&format!("  {term}\n")),
            Some((head, rest)) => {
                out.push_str(&format!("  {term}{pad}{head}\n"));
                for line in rest {
                    out.push_str(&format!("{}{line}\n", " ".repeat(first + 4)));
                }
            }
        }
    }
    out
}

fn option_rows(options: &[OptSpec]) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &str)> = options
        .iter()
        .map(|o| {
            let mut names = match o.short {
                Some(short) => format!("{short}, {}", o.long),
                None => o.long.to_owned(),
            };
            if o.value {
                names.push_str(" TEXT");
            }
            (names, o.help)
        })
        .collect();
    rows.push(("--help".into(), "Show this message and exit."));
    rows
}

fn command_help(spec: &CommandSpec) -> String {
    format!(
        "{}\n\n  {}\n\nOptions:\n{}",
        usage_line(Some(spec)),
        spec.help,
        definition_list(&option_rows(spec.options))
    )
}

/// click's `_make_default_short_help`: the first sentence, shortened with
/// `...` to `limit` characters.
fn short_help(help: &str, limit: usize) -> String {
    let mut words: Vec<&str> = help.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    if let Some(end) = words.iter().enumerate().position(|(i, w)| {
        w.ends_with('.')
            && (i == last
                || !words
                    .get(i + 1)
                    .and_then(|n| n.chars().next())
                    .is_some_and(char::is_lowercase))
    }) {
        words.truncate(end + 1);
    }
    let text = words.join(" ");
    if text.chars().count() <= limit {
        return text;
    }
    let mut line = String::new();
    for word in &words {
        let candidate = if line.is_empty() {
            (*word).to_owned()
        } else {
            format!("{line} {word}")
        };
        if candidate.chars().count() > limit {
            break;
        }
        line = candidate;
    }
    while !line.is_empty() && line.chars().count() + 3 > limit {
        match line.rfind(' ') {
            Some(i) => line.truncate(i),
            None => line.clear(),
        }
    }
    format!("{line}...")
}

fn group_help() -> String {
    let longest = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let limit = 80usize.saturating_sub(6 + longest);
    let helps: Vec<String> = COMMANDS.iter().map(|c| short_help(c.help, limit)).collect();
    let commands: Vec<(String, &str)> = COMMANDS
        .iter()
        .zip(helps.iter())
        .map(|(c, h)| (c.name.to_owned(), h.as_str()))
        .collect();
    format!(
        "{}\n\n  Perform database migrations.\n\nOptions:\n{}\nCommands:\n{}",
        usage_line(None),
        definition_list(&option_rows(GROUP_OPTIONS)),
        definition_list(&commands)
    )
}

/// Option values by key, positional words, and whether `--help` was given.
type ParsedOptions = (BTreeMap<String, Vec<String>>, Vec<String>, bool);

/// Parses the options of one level (the group or a command) from `words`,
/// stopping at the first positional word when `stop_at_positional`.
fn parse_options(
    spec: Option<&CommandSpec>,
    options: &[OptSpec],
    words: &[String],
    stop_at_positional: bool,
) -> Result<ParsedOptions, Parsed> {
    let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut positional = Vec::new();
    let mut help = false;
    let mut i = 0;
    let mut options_done = false;
    while i < words.len() {
        let word = &words[i];
        if options_done || !word.starts_with('-') || word == "-" {
            positional.push(word.clone());
            if stop_at_positional {
                positional.extend(words[i + 1..].iter().cloned());
                break;
            }
            i += 1;
            continue;
        }
        if word == "--" {
            options_done = true;
            i += 1;
            continue;
        }
        if word == "--help" {
            help = true;
            i += 1;
            continue;
        }
        let (name, inline) = match word.split_once('=') {
            Some((n, v)) if word.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (word.clone(), None),
        };
        let found = if name.starts_with("--") {
            options.iter().find(|o| o.long == name).map(|o| (o, inline))
        } else {
            let short: String = name.chars().take(2).collect();
            let rest: String = name.chars().skip(2).collect();
            options
                .iter()
                .find(|o| o.short == Some(short.as_str()))
                .map(|o| (o, (!rest.is_empty()).then_some(rest)))
        };
        let Some((opt, inline)) = found else {
            let shown = if name.starts_with("--") {
                name.clone()
            } else {
                name.chars().take(2).collect()
            };
            return Err(usage_error(spec, &format!("No such option '{shown}'.")));
        };
        let key = opt.long.trim_start_matches('-').replace('-', "_");
        if opt.value {
            let value = match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    match words.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            let shown = if name.starts_with("--") {
                                opt.long.to_owned()
                            } else {
                                opt.short.unwrap_or(opt.long).to_owned()
                            };
                            // click raises this without a context: no usage lines.
                            return Err(Parsed::Usage(format!(
                                "Error: Option '{shown}' requires an argument.\n"
                            )));
                        }
                    }
                }
            };
            let entry = values.entry(key).or_default();
            if !opt.multiple {
                entry.clear();
            }
            entry.push(value);
        } else {
            if inline.is_some() && name.starts_with("--") {
                return Err(usage_error(
                    spec,
                    &format!("Option '{}' does not take a value.", opt.long),
                ));
            }
            values.insert(key, vec!["true".into()]);
        }
        i += 1;
    }
    Ok((values, positional, help))
}

/// Parses the words after `flask db`.
pub fn parse(words: &[String]) -> Parsed {
    let (group, rest, help) = match parse_options(None, GROUP_OPTIONS, words, true) {
        Ok(parsed) => parsed,
        Err(error) => return error,
    };
    let Some((name, rest)) = rest.split_first() else {
        if help {
            return Parsed::Help(group_help());
        }
        return Parsed::Help(group_help());
    };
    if help {
        return Parsed::Help(group_help());
    }
    let lookup = name.replace('_', "-");
    let Some(spec) = COMMANDS.iter().find(|c| c.name == lookup) else {
        return usage_error(None, &format!("No such command '{name}'."));
    };
    let (mut options, mut args, help) = match parse_options(Some(spec), spec.options, rest, false) {
        Ok(parsed) => parsed,
        Err(error) => return error,
    };
    if help {
        return Parsed::Help(command_help(spec));
    }
    for (key, value) in group {
        options.entry(key).or_insert(value);
    }
    match spec.argument {
        None => {
            if !args.is_empty() {
                let plural = if args.len() > 1 { "s" } else { "" };
                return usage_error(
                    Some(spec),
                    &format!("Got unexpected extra argument{plural} ({})", args.join(" ")),
                );
            }
        }
        Some((_, default, many)) => {
            if !many && args.len() > 1 {
                let extra = &args[1..];
                let plural = if extra.len() > 1 { "s" } else { "" };
                return usage_error(
                    Some(spec),
                    &format!(
                        "Got unexpected extra argument{plural} ({})",
                        extra.join(" ")
                    ),
                );
            }
            if args.is_empty()
                && let Some(default) = default
            {
                args.push(default.to_owned());
            }
        }
    }
    Parsed::Run(Invocation {
        command: spec.name.to_owned(),
        options,
        args,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn options_and_defaults() {
        let Parsed::Run(inv) = parse(&words("migrate -m hello")) else {
            panic!()
        };
        assert_eq!(inv.value("message"), Some("hello"));
        let Parsed::Run(inv) = parse(&words("downgrade")) else {
            panic!()
        };
        assert_eq!(inv.arg(), Some("-1"));
        let Parsed::Run(inv) = parse(&words("downgrade -- -2")) else {
            panic!()
        };
        assert_eq!(inv.arg(), Some("-2"));
        let Parsed::Run(inv) = parse(&words("history --verbose -r base:head")) else {
            panic!()
        };
        assert!(inv.flag("verbose"));
        assert_eq!(inv.value("rev_range"), Some("base:head"));
        let Parsed::Run(inv) = parse(&words("migrate --message=x")) else {
            panic!()
        };
        assert_eq!(inv.value("message"), Some("x"));
    }

    #[test]
    fn usage_errors_like_click() {
        assert_eq!(
            parse(&words("downgrade -2")),
            Parsed::Usage("Usage: flask db downgrade [OPTIONS] [REVISION]\nTry 'flask db downgrade --help' for help.\n\nError: No such option '-2'.\n".into())
        );
        assert_eq!(
            parse(&words("frobnicate")),
            Parsed::Usage("Usage: flask db [OPTIONS] COMMAND [ARGS]...\nTry 'flask db --help' for help.\n\nError: No such command 'frobnicate'.\n".into())
        );
        assert!(
            matches!(parse(&words("migrate -m")), Parsed::Usage(t) if t.ends_with("Error: Option '-m' requires an argument.\n"))
        );
        assert!(
            matches!(parse(&words("current x")), Parsed::Usage(t) if t.ends_with("Error: Got unexpected extra argument (x)\n"))
        );
        assert!(
            matches!(parse(&words("upgrade --help")), Parsed::Help(t) if t.starts_with("Usage: flask db upgrade [OPTIONS] [REVISION]\n\n  Upgrade to a later version\n"))
        );
    }
}
