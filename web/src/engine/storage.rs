//! Opening the engine's database: OPFS where the browser allows it, memory otherwise.

use retort_driver::Database;
use sqlite_wasm_rs::WasmOsCallback;
use sqlite_wasm_vfs::sahpool::{OpfsSAHPoolCfg, install};
use wasm_bindgen::JsCast;

use crate::protocol::Storage;

/// The database file inside the OPFS pool.
pub const OPFS_FILE: &str = "/retort.sqlite3";

/// The name the `sahpool` VFS registers under.
pub(crate) const VFS_NAME: &str = "opfs-sahpool";

/// How often to retry installing the pool. A worker that replaces a
/// cancelled one starts before the browser has released the old worker's
/// access handles; the retries cover that gap.
const INSTALL_ATTEMPTS: u32 = 60;
const RETRY_DELAY_MS: i32 = 100;

/// Opens the database on OPFS, or in memory with the reason OPFS failed.
/// Fails only when not even an in-memory database can be opened.
pub async fn open_database() -> Result<(Database, Storage), String> {
    match open_on_opfs().await {
        Ok(database) => Ok((
            database,
            Storage::Opfs {
                file: OPFS_FILE.to_owned(),
            },
        )),
        Err(reason) => Database::open_in_memory()
            .map(|database| (database, Storage::Memory { reason }))
            .map_err(|error| error.to_string()),
    }
}

async fn open_on_opfs() -> Result<Database, String> {
    let mut last_error = String::new();
    for attempt in 0..INSTALL_ATTEMPTS {
        if attempt > 0 {
            sleep(RETRY_DELAY_MS).await;
        }
        match install::<WasmOsCallback>(&OpfsSAHPoolCfg::default(), false).await {
            Ok(_pool) => {
                if attempt > 0 {
                    let waited = attempt as i32 * RETRY_DELAY_MS;
                    web_sys::console::info_1(
                        &format!("engine: OPFS was busy; opened it after {waited} ms").into(),
                    );
                }
                return Database::open_with_vfs(OPFS_FILE, VFS_NAME).map_err(|e| e.to_string());
            }
            Err(error) => {
                last_error = error.to_string();
                if matches!(error, sqlite_wasm_vfs::sahpool::OpfsSAHError::NotSupported) {
                    break;
                }
            }
        }
    }
    Err(last_error)
}

/// Waits `ms` milliseconds on the worker's event loop.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
