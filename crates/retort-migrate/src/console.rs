//! The terminal of one `flask db` command: stdout and stderr kept apart
//! and interleaved as a terminal shows them, Python logging's two forms
//! (`INFO  [alembic...] ...` once `env.py` has configured logging, the bare
//! message before), Alembic's indented status lines, tracebacks condensed
//! to `  ...` as the recordings have them, and warnings.

/// What a command wrote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Console {
    pub stdout: String,
    pub stderr: String,
    /// Both streams in the order they were written.
    pub output: String,
    /// Whether `env.py` has run `fileConfig` (log lines get their prefix).
    pub logging: bool,
}

impl Console {
    /// Writes to stdout.
    pub fn out(&mut self, text: &str) {
        self.stdout.push_str(text);
        self.output.push_str(text);
    }

    /// Writes to stderr.
    pub fn err(&mut self, text: &str) {
        self.stderr.push_str(text);
        self.output.push_str(text);
    }

    /// `print_stdout`: a line on stdout.
    pub fn line(&mut self, text: &str) {
        self.out(&format!("{text}\n"));
    }

    /// `logger.info(...)`: shown only once logging is configured.
    pub fn info(&mut self, logger: &str, message: &str) {
        if self.logging {
            self.err(&format!("INFO  [{logger}] {message}\n"));
        }
    }

    /// `logger.error(...)`: Python's last-resort handler prints the bare
    /// message before logging is configured.
    pub fn error(&mut self, logger: &str, message: &str) {
        if self.logging {
            self.err(&format!("ERROR [{logger}] {message}\n"));
        } else {
            self.err(&format!("{message}\n"));
        }
    }

    /// Alembic's `util.msg` on a terminal: indented by two spaces.
    pub fn msg(&mut self, text: &str) {
        self.out(&format!("  {text}\n"));
    }

    /// Alembic's `util.status`: `  text ...  done`.
    pub fn status_done(&mut self, text: &str) {
        self.out(&format!("  {text} ...  done\n"));
    }

    /// An uncaught exception, as the recordings condense it.
    pub fn traceback(&mut self, exception_only: &str) {
        self.err(&format!(
            "Traceback (most recent call last):\n  ...\n{exception_only}"
        ));
    }

    /// A `UserWarning` printed by the `warnings` module.
    pub fn user_warning(&mut self, location: &str, message: &str, source_line: &str) {
        self.err(&format!(
            "{location}: UserWarning: {message}\n  {source_line}\n"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logging_forms() {
        let mut console = Console::default();
        console.error("flask_migrate", "Error: early");
        console.info("alembic.runtime.migration", "not shown");
        console.logging = true;
        console.info("alembic.runtime.migration", "Context impl SQLiteImpl.");
        console.error("flask_migrate", "Error: late");
        console.msg("Generating x ...  done");
        assert_eq!(
            console.stderr,
            "Error: early\nINFO  [alembic.runtime.migration] Context impl SQLiteImpl.\nERROR [flask_migrate] Error: late\n"
        );
        assert_eq!(console.stdout, "  Generating x ...  done\n");
        assert!(console.output.ends_with("late\n  Generating x ...  done\n"));
    }
}
