//! The project: the learner's `app.py`, helper scripts, `migrations/` (its
//! `versions/` scripts) and the database, on any
//! [`ProjectFiles`](retort_flask::files::ProjectFiles) — a folder on disk
//! ([`Project::new`]) or memory ([`Project::with_files`], the page). Paths
//! are relative to the root and use `/`; messages show them absolute, as
//! Alembic does.

use std::io;
use std::path::Path;
use std::rc::Rc;

use retort_flask::files::{DiskFiles, ProjectFiles};

/// A project's files and databases.
#[derive(Clone)]
pub struct Project {
    files: Rc<dyn ProjectFiles>,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project")
            .field("root", &self.files.root())
            .finish()
    }
}

impl Project {
    /// The project folder on disk at `root`.
    pub fn new(root: impl AsRef<Path>) -> Project {
        Project::with_files(Rc::new(DiskFiles::new(root.as_ref())))
    }

    /// The project held by `files`.
    pub fn with_files(files: Rc<dyn ProjectFiles>) -> Project {
        Project { files }
    }

    /// Where the files and databases live.
    pub fn files(&self) -> &Rc<dyn ProjectFiles> {
        &self.files
    }

    /// The absolute form of a relative path, as messages print it.
    pub fn display(&self, relative: &str) -> String {
        self.files.display(relative)
    }

    /// A file's text, if it exists and is UTF-8.
    pub fn read(&self, relative: &str) -> Option<String> {
        self.files.read(relative)
    }

    /// Writes a file, creating its folder.
    pub fn write(&self, relative: &str, text: &str) -> io::Result<()> {
        self.files.write(relative, text)
    }

    /// Whether the path exists (file or folder).
    pub fn exists(&self, relative: &str) -> bool {
        self.files.exists(relative)
    }

    /// Whether the path is a folder with something in it.
    pub fn is_non_empty_dir(&self, relative: &str) -> bool {
        self.files.is_non_empty_dir(relative)
    }

    /// Creates a folder.
    pub fn create_dir(&self, relative: &str) -> io::Result<()> {
        self.files.create_dir(relative)
    }

    /// The file names in a folder, sorted (`__pycache__` and folders left out).
    pub fn files_in(&self, relative: &str) -> Vec<String> {
        self.files.files_in(relative)
    }

    /// The root as a path.
    pub fn root(&self) -> &Path {
        self.files.root()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_display_absolute() {
        let project = Project::new("/tmp/p");
        assert_eq!(project.display("migrations"), "/tmp/p/migrations");
        assert_eq!(project.display(""), "/tmp/p");
    }
}
