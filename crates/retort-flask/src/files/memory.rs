//! [`MemoryFiles`]: a project held in memory — text files in a map, and
//! databases in SQLite's `memdb` VFS ([`MemdbStore`]), where every
//! connection opened on the same name sees the same database for as long
//! as the store keeps one connection to it open. Nothing touches a disk,
//! so the page's worker runs `flask db ...` on it; the page keeps the
//! files and each database's image ([`MemdbStore::image`]) between
//! commands.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use retort_driver::{Database, DriverError};

use super::{ProjectFiles, is_database_name};

/// Databases in SQLite's `memdb` VFS, each kept alive by one connection
/// the store holds. Names are private to the store, so two stores never
/// share a database.
#[derive(Debug)]
pub struct MemdbStore {
    prefix: String,
    keepers: RefCell<BTreeMap<String, Database>>,
}

impl Default for MemdbStore {
    fn default() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        MemdbStore {
            prefix: format!("/retort-memdb-{}", NEXT.fetch_add(1, Ordering::Relaxed)),
            keepers: RefCell::default(),
        }
    }
}

impl MemdbStore {
    /// The URI SQLite opens for `path` (a leading `/` makes memdb share it).
    fn uri(&self, path: &str) -> String {
        let mut name = String::new();
        for c in format!("{}{path}", self.prefix).chars() {
            match c {
                '%' | '?' | '#' => name.push_str(&format!("%{:02X}", c as u32)),
                c => name.push(c),
            }
        }
        format!("file:{name}?vfs=memdb")
    }

    /// Opens a new connection to the database at `path`, creating it empty.
    pub fn open(&self, path: &str) -> Result<Database, DriverError> {
        let uri = self.uri(path);
        let mut keepers = self
            .keepers
            .try_borrow_mut()
            .map_err(|_| DriverError::interface("the database store is busy"))?;
        if !keepers.contains_key(path) {
            keepers.insert(path.to_owned(), Database::open(&uri)?);
        }
        Database::open(&uri)
    }

    /// Whether a database exists at `path`.
    pub fn exists(&self, path: &str) -> bool {
        self.keepers
            .try_borrow()
            .is_ok_and(|keepers| keepers.contains_key(path))
    }

    /// Forgets the database at `path` (it goes when its last connection
    /// closes).
    pub fn remove(&self, path: &str) {
        if let Ok(mut keepers) = self.keepers.try_borrow_mut() {
            keepers.remove(path);
        }
    }

    /// Every database's path, sorted.
    pub fn paths(&self) -> Vec<String> {
        self.keepers
            .try_borrow()
            .map(|keepers| keepers.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The database's bytes (SQLite's file format), `None` if it does not
    /// exist.
    pub fn image(&self, path: &str) -> Result<Option<Vec<u8>>, DriverError> {
        let mut keepers = self
            .keepers
            .try_borrow_mut()
            .map_err(|_| DriverError::interface("the database store is busy"))?;
        match keepers.get_mut(path) {
            Some(keeper) => keeper.image().map(Some),
            None => Ok(None),
        }
    }

    /// Creates (or replaces) the database at `path` with `image`'s content.
    pub fn restore(&self, path: &str, image: &[u8]) -> Result<(), DriverError> {
        drop(self.open(path)?);
        let mut keepers = self
            .keepers
            .try_borrow_mut()
            .map_err(|_| DriverError::interface("the database store is busy"))?;
        match keepers.get_mut(path) {
            Some(keeper) => keeper.restore_image(image),
            None => Err(DriverError::interface("the database could not be created")),
        }
    }
}

/// A project in memory: text files, folders and `memdb` databases.
#[derive(Debug)]
pub struct MemoryFiles {
    root: PathBuf,
    files: RefCell<BTreeMap<String, String>>,
    dirs: RefCell<BTreeSet<String>>,
    databases: MemdbStore,
}

fn clean(relative: &str) -> String {
    relative
        .trim_start_matches("./")
        .trim_matches('/')
        .to_owned()
}

fn under(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn not_found(relative: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("[Errno 2] No such file or directory: '{relative}'"),
    )
}

impl MemoryFiles {
    /// An empty project standing for the folder `root` (absolute).
    pub fn new(root: impl Into<PathBuf>) -> MemoryFiles {
        MemoryFiles {
            root: root.into(),
            files: RefCell::default(),
            dirs: RefCell::default(),
            databases: MemdbStore::default(),
        }
    }

    /// Every text file, path and text, sorted by path.
    pub fn text_files(&self) -> Vec<(String, String)> {
        self.files
            .borrow()
            .iter()
            .map(|(p, t)| (p.clone(), t.clone()))
            .collect()
    }

    /// Every folder made explicitly (with `create_dir` or by a write).
    pub fn dirs(&self) -> Vec<String> {
        self.dirs.borrow().iter().cloned().collect()
    }

    /// The project's databases.
    pub fn databases(&self) -> &MemdbStore {
        &self.databases
    }

    /// The path relative to the root, if `path` is under it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        path.strip_prefix(&self.root)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    }

    /// Removes a folder and everything under it (files, folders,
    /// databases); whether there was anything to remove.
    pub fn remove_tree(&self, relative: &str) -> bool {
        let relative = clean(relative);
        let mut found = false;
        self.files.borrow_mut().retain(|p, _| {
            let inside = under(p, &relative);
            found |= inside;
            !inside
        });
        self.dirs.borrow_mut().retain(|d| {
            let inside = d == &relative || under(d, &relative);
            found |= inside;
            !inside
        });
        for path in self.database_paths() {
            if self.relative(&path).is_some_and(|p| under(&p, &relative)) {
                self.databases.remove(&path.to_string_lossy());
                found = true;
            }
        }
        found
    }

    fn add_parents(&self, relative: &str) {
        let mut dirs = self.dirs.borrow_mut();
        let mut at = relative;
        while let Some((parent, _)) = at.rsplit_once('/') {
            dirs.insert(parent.to_owned());
            at = parent;
        }
    }

    fn is_dir(&self, relative: &str) -> bool {
        relative.is_empty()
            || self.dirs.borrow().contains(relative)
            || self.files.borrow().keys().any(|p| under(p, relative))
    }
}

impl ProjectFiles for MemoryFiles {
    fn root(&self) -> &Path {
        &self.root
    }

    fn read(&self, relative: &str) -> Option<String> {
        self.files.borrow().get(&clean(relative)).cloned()
    }

    fn write(&self, relative: &str, text: &str) -> io::Result<()> {
        let relative = clean(relative);
        if relative.is_empty() || self.is_dir(&relative) {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("[Errno 21] Is a directory: '{}'", self.display(&relative)),
            ));
        }
        self.add_parents(&relative);
        self.files.borrow_mut().insert(relative, text.to_owned());
        Ok(())
    }

    fn exists(&self, relative: &str) -> bool {
        let relative = clean(relative);
        self.files.borrow().contains_key(&relative) || self.is_dir(&relative)
    }

    fn is_non_empty_dir(&self, relative: &str) -> bool {
        let relative = clean(relative);
        let has_entry = self.files.borrow().keys().any(|p| under(p, &relative))
            || self.dirs.borrow().iter().any(|d| under(d, &relative));
        let has_database = self.database_paths().iter().any(|path| {
            self.relative(path)
                .is_some_and(|p| under(&p, &relative) && p != relative)
        });
        has_entry || has_database
    }

    fn create_dir(&self, relative: &str) -> io::Result<()> {
        let relative = clean(relative);
        if self.files.borrow().contains_key(&relative) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("[Errno 17] File exists: '{}'", self.display(&relative)),
            ));
        }
        if !relative.is_empty() {
            self.add_parents(&relative);
            self.dirs.borrow_mut().insert(relative);
        }
        Ok(())
    }

    fn files_in(&self, relative: &str) -> Vec<String> {
        let relative = clean(relative);
        self.files
            .borrow()
            .keys()
            .filter(|p| under(p, &relative))
            .map(|p| {
                if relative.is_empty() {
                    p.as_str()
                } else {
                    &p[relative.len() + 1..]
                }
            })
            .filter(|name| !name.contains('/'))
            .map(str::to_owned)
            .collect()
    }

    fn remove(&self, relative: &str) -> io::Result<()> {
        let relative = clean(relative);
        match self.files.borrow_mut().remove(&relative) {
            Some(_) => Ok(()),
            None => Err(not_found(&relative)),
        }
    }

    fn open_database(&self, path: &Path) -> Result<Database, DriverError> {
        if let Some(relative) = self.relative(path) {
            self.add_parents(&relative);
        }
        self.databases.open(&path.to_string_lossy())
    }

    fn remove_database(&self, path: &Path) {
        self.databases.remove(&path.to_string_lossy());
    }

    fn database_paths(&self) -> Vec<PathBuf> {
        self.databases
            .paths()
            .into_iter()
            .map(PathBuf::from)
            .filter(|path| {
                self.relative(path).is_some_and(|relative| {
                    !relative.split('/').any(|part| part == "migrations")
                        && is_database_name(&relative)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_driver::Value;

    #[test]
    fn files_and_folders_behave_like_a_disk() {
        let files = MemoryFiles::new("/app");
        assert!(files.exists(""));
        assert!(!files.exists("migrations"));
        files.create_dir("migrations/versions").unwrap();
        assert!(files.exists("migrations"));
        assert!(files.is_non_empty_dir("migrations"));
        assert!(!files.is_non_empty_dir("migrations/versions"));
        files.write("migrations/env.py", "print(1)\n").unwrap();
        files.write("migrations/versions/b_two.py", "b").unwrap();
        files.write("migrations/versions/a_one.py", "a").unwrap();
        assert_eq!(
            files.read("migrations/env.py").as_deref(),
            Some("print(1)\n")
        );
        assert_eq!(files.files_in("migrations"), ["env.py"]);
        assert_eq!(
            files.files_in("migrations/versions"),
            ["a_one.py", "b_two.py"]
        );
        assert!(files.write("migrations", "x").is_err());
        files.remove("migrations/versions/a_one.py").unwrap();
        assert!(files.remove("migrations/versions/a_one.py").is_err());
        assert_eq!(files.files_in("migrations/versions"), ["b_two.py"]);
        assert_eq!(files.display("migrations"), "/app/migrations");
        assert_eq!(files.text_files().len(), 2);
    }

    #[test]
    fn databases_persist_across_connections_and_travel_as_images() {
        let files = MemoryFiles::new("/app");
        let path = Path::new("/app/instance/data.db");
        let mut first = files.open_database(path).unwrap();
        first.execute("CREATE TABLE t (x INTEGER)", &[]).unwrap();
        first.execute("INSERT INTO t VALUES (1)", &[]).unwrap();
        drop(first);
        assert!(files.exists("instance"));
        assert_eq!(
            files.database_paths(),
            [PathBuf::from("/app/instance/data.db")]
        );
        let mut second = files.open_database(path).unwrap();
        let rows = second.query("SELECT x FROM t", &[]).unwrap().rows;
        assert_eq!(rows, vec![vec![Value::Integer(1)]]);
        drop(second);

        let image = files
            .databases()
            .image("/app/instance/data.db")
            .unwrap()
            .unwrap();
        let other = MemoryFiles::new("/app");
        other
            .databases()
            .restore("/app/instance/data.db", &image)
            .unwrap();
        let mut third = other.open_database(path).unwrap();
        let rows = third.query("SELECT x FROM t", &[]).unwrap().rows;
        assert_eq!(rows, vec![vec![Value::Integer(1)]]);
        // Two stores never share a database.
        let mut fresh = MemoryFiles::new("/app").open_database(path).unwrap();
        assert!(fresh.query("SELECT x FROM t", &[]).is_err());
        files.remove_database(path);
        assert!(files.database_paths().is_empty());

        let tree = MemoryFiles::new("/app");
        tree.write("migrations/versions/a.py", "a").unwrap();
        tree.open_database(Path::new("/app/instance/data.db"))
            .unwrap();
        assert!(tree.remove_tree("migrations"));
        assert!(!tree.exists("migrations"));
        assert!(tree.remove_tree("instance"));
        assert!(tree.database_paths().is_empty());
        assert!(!tree.remove_tree("nothing"));
    }
}
