//! Checking that a file is an SQLite database before importing it: its
//! first 16 bytes are `SQLite format 3\0`.

use std::fmt;

/// The header every SQLite database file starts with.
pub const HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Why a file is not an SQLite database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadFile {
    Empty,
    NotSqlite,
}

impl fmt::Display for BadFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadFile::Empty => "the file is empty",
            BadFile::NotSqlite => "the file does not start with 'SQLite format 3'",
        })
    }
}

/// Whether `bytes` start as an SQLite database does.
pub fn check(bytes: &[u8]) -> Result<(), BadFile> {
    if bytes.is_empty() {
        return Err(BadFile::Empty);
    }
    if !bytes.starts_with(HEADER) {
        return Err(BadFile::NotSqlite);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_sqlite_header_passes() {
        let mut file = HEADER.to_vec();
        file.extend([0u8; 84]);
        assert_eq!(check(&file), Ok(()));
        assert_eq!(check(b""), Err(BadFile::Empty));
        assert_eq!(check(b"<html>SQLite format 3"), Err(BadFile::NotSqlite));
        assert_eq!(check(&HEADER[..15]), Err(BadFile::NotSqlite));
    }
}
