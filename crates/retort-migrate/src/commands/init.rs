//! `flask db init`: the repository's folders and Flask-Migrate's files,
//! with Alembic's status lines.

use super::{Cmd, FLASK_MIGRATE};

impl Cmd<'_> {
    pub(super) fn init(&mut self) {
        let directory = self.directory();
        if self.invocation.value("template").is_some() || self.invocation.flag("multidb") {
            self.out.exit_code = 1;
            self.console().error(
                FLASK_MIGRATE,
                "Error: Retort only has the 'flask' template (single database)",
            );
            return;
        }
        if self.project.is_non_empty_dir(&directory) {
            self.out.exit_code = 1;
            self.console().error(
                FLASK_MIGRATE,
                &format!("Error: Directory {directory} already exists and is not empty"),
            );
            return;
        }
        let steps: [(String, &str); 2] = [
            (directory.clone(), "Creating directory"),
            (format!("{directory}/versions"), "Creating directory"),
        ];
        for (dir, verb) in &steps {
            if !self.project.exists(dir) {
                if let Err(error) = self.project.create_dir(dir) {
                    self.io_failure(error);
                    return;
                }
                let shown = format!("{verb} {}", self.project.display(dir));
                self.console().status_done(&shown);
            }
        }
        for (name, text) in crate::templates::INIT_FILES {
            let path = format!("{directory}/{name}");
            if let Err(error) = self.project.write(&path, text) {
                self.io_failure(error);
                return;
            }
            let shown = format!("Generating {}", self.project.display(&path));
            self.console().status_done(&shown);
        }
        if self.invocation.flag("package") {
            for path in [
                format!("{directory}/__init__.py"),
                format!("{directory}/versions/__init__.py"),
            ] {
                if self.project.write(&path, "").is_ok() {
                    let shown = format!("Generating {}", self.project.display(&path));
                    self.console().status_done(&shown);
                }
            }
        }
        let ini = self.project.display(&format!("{directory}/alembic.ini"));
        self.console().msg(&format!(
            "Please edit configuration/connection/logging settings in {ini} before proceeding."
        ));
    }

    pub(super) fn io_failure(&mut self, error: std::io::Error) {
        self.out.exit_code = 1;
        let line = format!("OSError: {error}\n");
        self.console().traceback(&line);
    }
}
