//! [`DiskFiles`]: a project folder on disk, through `std::fs`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use retort_driver::{Database, DriverError};

use super::{ProjectFiles, is_database_name};

/// A project folder on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskFiles {
    root: PathBuf,
}

impl DiskFiles {
    /// The project rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> DiskFiles {
        DiskFiles { root: root.into() }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }
}

impl ProjectFiles for DiskFiles {
    fn root(&self) -> &Path {
        &self.root
    }

    fn read(&self, relative: &str) -> Option<String> {
        fs::read_to_string(self.path(relative)).ok()
    }

    fn write(&self, relative: &str, text: &str) -> io::Result<()> {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)
    }

    fn exists(&self, relative: &str) -> bool {
        self.path(relative).exists()
    }

    fn is_non_empty_dir(&self, relative: &str) -> bool {
        fs::read_dir(self.path(relative))
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(false)
    }

    fn create_dir(&self, relative: &str) -> io::Result<()> {
        fs::create_dir_all(self.path(relative))
    }

    fn files_in(&self, relative: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path(relative))
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().is_file())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        retort_sort::sort(&mut names);
        names
    }

    fn remove(&self, relative: &str) -> io::Result<()> {
        fs::remove_file(self.path(relative))
    }

    fn open_database(&self, path: &Path) -> Result<Database, DriverError> {
        if let Some(parent) = path.parent() {
            let _ = fs::create_dir_all(parent);
        }
        Database::open(&path.to_string_lossy())
    }

    fn remove_database(&self, path: &Path) {
        let _ = fs::remove_file(path);
    }

    fn database_paths(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if path.is_dir() {
                    if name != "__pycache__" && name != "migrations" {
                        stack.push(path);
                    }
                } else if is_database_name(&name) {
                    found.push(path);
                }
            }
        }
        retort_sort::sort(&mut found);
        found
    }
}
