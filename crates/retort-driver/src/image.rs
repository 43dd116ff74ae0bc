//! A database as bytes: [`Database::image`] is SQLite's file format of the
//! main database (`sqlite3_serialize`), [`Database::restore_image`] puts
//! such bytes back through SQLite's backup API. The page keeps a project's
//! database this way between worker restarts.

use std::io::Cursor;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, MAIN_DB};

use crate::{Database, DriverError};

impl Database {
    /// The main database's bytes, exactly as a file would hold them.
    pub fn image(&mut self) -> Result<Vec<u8>, DriverError> {
        Ok(self.connection_mut().serialize(MAIN_DB)?.to_vec())
    }

    /// Replaces the main database's content with `image` (bytes that
    /// [`Database::image`] gave, or a database file's). Empty bytes leave
    /// an empty database.
    pub fn restore_image(&mut self, image: &[u8]) -> Result<(), DriverError> {
        let mut source = Connection::open_in_memory()?;
        if !image.is_empty() {
            source.deserialize_read_exact(MAIN_DB, Cursor::new(image), image.len(), false)?;
        }
        let backup = Backup::new(&source, self.connection_mut())?;
        loop {
            match backup.step(-1)? {
                StepResult::Done => return Ok(()),
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    return Err(DriverError::interface(
                        "the database is busy and cannot be restored",
                    ));
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Database, Value};

    #[test]
    fn an_image_restores_into_another_database() {
        let mut first = Database::open_in_memory().unwrap();
        first
            .run_script("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);")
            .error
            .map_or(Ok(()), Err)
            .unwrap();
        let image = first.image().unwrap();
        assert!(image.starts_with(b"SQLite format 3\0"));
        let mut second = Database::open_in_memory().unwrap();
        second.restore_image(&image).unwrap();
        let rows = second.query("SELECT x FROM t", &[]).unwrap().rows;
        assert_eq!(rows, vec![vec![Value::Integer(7)]]);
        second.restore_image(&[]).unwrap();
        assert!(second.query("SELECT x FROM t", &[]).is_err());
    }
}
