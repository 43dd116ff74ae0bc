//! The database persistent mode keeps in the OPFS pool (`sahpool`), apart
//! from the engine's own: opening it, emptying it, and moving its
//! `.sqlite` file in and out. Every operation needs the file closed; the
//! caller ends the run holding it first.

use retort_driver::Database;
use sqlite_wasm_rs::WasmOsCallback;
use sqlite_wasm_rs::vfs::VfsFilesManager;
use sqlite_wasm_rs::vfs::transfer::DbTransfer;
use sqlite_wasm_vfs::sahpool::{OpfsSAHPoolCfg, OpfsSAHPoolUtil, install};

use super::storage::VFS_NAME;
use crate::sqlite_file;

/// The kept database inside the OPFS pool.
pub const KEPT_FILE: &str = "/retort-kept.sqlite3";

/// SQLite's rollback journal beside it (a Stop mid-transaction leaves one,
/// which the next open rolls back).
const KEPT_JOURNAL: &str = "/retort-kept.sqlite3-journal";

/// The pool the engine installed at start, or why there is none.
pub async fn pool() -> Result<OpfsSAHPoolUtil, String> {
    // The engine installed it already (or failed to): this reuses it.
    install::<WasmOsCallback>(&OpfsSAHPoolCfg::default(), false)
        .await
        .map_err(|e| e.to_string())
}

/// Opens (creating if needed) the kept database.
pub fn open() -> Result<Database, String> {
    Database::open_with_vfs(KEPT_FILE, VFS_NAME).map_err(|e| e.to_string())
}

/// Deletes the kept database: the next run starts empty.
pub fn reset(pool: &OpfsSAHPoolUtil) -> Result<(), String> {
    pool.remove(KEPT_JOURNAL).map_err(|e| e.to_string())?;
    pool.remove(KEPT_FILE).map_err(|e| e.to_string())?;
    Ok(())
}

/// The kept database's file. An interrupted transaction's journal is
/// rolled back first by opening and closing the database.
pub fn export(pool: &OpfsSAHPoolUtil) -> Result<Vec<u8>, String> {
    if pool.contains(KEPT_JOURNAL).unwrap_or(false) {
        drop(open()?);
        let _ = pool.remove(KEPT_JOURNAL);
    }
    if !pool.contains(KEPT_FILE).map_err(|e| e.to_string())? {
        // Nothing ran yet: an empty database is a valid file.
        drop(open()?);
    }
    pool.export_db(KEPT_FILE).map_err(|e| e.to_string())
}

/// Replaces the kept database with `bytes`, a `.sqlite` file.
pub fn import(pool: &OpfsSAHPoolUtil, bytes: &[u8]) -> Result<(), String> {
    sqlite_file::check(bytes).map_err(|bad| bad.to_string())?;
    reset(pool)?;
    pool.import_db(KEPT_FILE, bytes).map_err(|e| e.to_string())
}
