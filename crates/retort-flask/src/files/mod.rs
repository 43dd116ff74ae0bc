//! Where a project's files and databases live: [`ProjectFiles`] is what
//! running a project (`flask db ...`, `python X.py`) reads and writes —
//! text files by path relative to the root, and SQLite databases by the
//! absolute path `SQLALCHEMY_DATABASE_URI` resolves to. [`DiskFiles`] is a
//! folder on disk (the native replay); [`MemoryFiles`] keeps everything in
//! memory (the page's worker), its databases in SQLite's `memdb`.

mod disk;
mod memory;

use std::io;
use std::path::{Path, PathBuf};

use retort_driver::{Database, DriverError};

pub use disk::DiskFiles;
pub use memory::{MemdbStore, MemoryFiles};

/// A project's files and databases. Paths of files are relative to the
/// root and use `/`; database paths are absolute.
pub trait ProjectFiles {
    /// The folder the project stands for; messages print paths under it.
    fn root(&self) -> &Path;

    /// A file's text, if it exists and is UTF-8.
    fn read(&self, relative: &str) -> Option<String>;

    /// Writes a file, creating its folder.
    fn write(&self, relative: &str, text: &str) -> io::Result<()>;

    /// Whether the path exists (file or folder).
    fn exists(&self, relative: &str) -> bool;

    /// Whether the path is a folder with something in it.
    fn is_non_empty_dir(&self, relative: &str) -> bool;

    /// Creates a folder and its parents.
    fn create_dir(&self, relative: &str) -> io::Result<()>;

    /// The file names in a folder, sorted (folders left out).
    fn files_in(&self, relative: &str) -> Vec<String>;

    /// Removes a file.
    fn remove(&self, relative: &str) -> io::Result<()>;

    /// Opens the SQLite database at `path`, creating it (and its folder)
    /// as connecting does.
    fn open_database(&self, path: &Path) -> Result<Database, DriverError>;

    /// Removes a database a run created without using it.
    fn remove_database(&self, path: &Path);

    /// The databases under the root (`*.db`, `*.sqlite`, `*.sqlite3`),
    /// outside `migrations/`, sorted.
    fn database_paths(&self) -> Vec<PathBuf>;

    /// The absolute form of a relative path, as messages print it.
    fn display(&self, relative: &str) -> String {
        let root = self.root().to_string_lossy();
        let root = root.trim_end_matches('/');
        if relative.is_empty() {
            root.to_owned()
        } else {
            format!("{root}/{relative}")
        }
    }
}

/// Whether a file name is a database's, as the project scans for them.
pub fn is_database_name(name: &str) -> bool {
    [".db", ".sqlite", ".sqlite3"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}
