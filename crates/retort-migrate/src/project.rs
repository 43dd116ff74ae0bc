//! The project folder: the learner's `app.py`, helper scripts,
//! `migrations/` (its `versions/` scripts) and the database file. Paths
//! are relative to the root and use `/`; messages show them absolute, as
//! Alembic does.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A project folder on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    /// The project rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Project {
        Project { root: root.into() }
    }

    /// The absolute form of a relative path, as messages print it.
    pub fn display(&self, relative: &str) -> String {
        let root = self.root.to_string_lossy();
        let root = root.trim_end_matches('/');
        if relative.is_empty() {
            root.to_owned()
        } else {
            format!("{root}/{relative}")
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// A file's text, if it exists and is UTF-8.
    pub fn read(&self, relative: &str) -> Option<String> {
        fs::read_to_string(self.path(relative)).ok()
    }

    /// Writes a file, creating its folder.
    pub fn write(&self, relative: &str, text: &str) -> io::Result<()> {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)
    }

    /// Whether the path exists (file or folder).
    pub fn exists(&self, relative: &str) -> bool {
        self.path(relative).exists()
    }

    /// Whether the path is a folder with something in it.
    pub fn is_non_empty_dir(&self, relative: &str) -> bool {
        fs::read_dir(self.path(relative))
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(false)
    }

    /// Creates a folder.
    pub fn create_dir(&self, relative: &str) -> io::Result<()> {
        fs::create_dir_all(self.path(relative))
    }

    /// The file names in a folder, sorted (`__pycache__` and folders left out).
    pub fn files_in(&self, relative: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path(relative))
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().is_file())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The root as a path.
    pub fn root(&self) -> &Path {
        &self.root
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
