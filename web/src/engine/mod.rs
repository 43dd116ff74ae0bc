//! The engine worker: runs the first-visit example and sends its report
//! unasked ([`FromEngine::ExampleRan`]: the page opens on it), opens the
//! database, then answers [`ToEngine`] requests (warming up in between
//! until the first script, [`warm_up`]):
//! typed SQL on that database, Python scripts on a fresh one of their own
//! or, in persistent mode, on the one kept in OPFS ([`runs`], [`kept`]),
//! console input in the last run's namespace, syntax checks of the
//! editor's text ([`syntax`]), and `flask db ...` on the project the page
//! sends ([`run_migration`]).
//!
//! Runs inside a dedicated Web Worker, so a long statement never freezes the
//! page; the UI cancels one by terminating this worker.

mod flask_layer;
mod kept;
#[cfg(feature = "migrate")]
mod migrations;
mod runs;
mod storage;
mod syntax;
mod warm_up;

use std::cell::RefCell;
use std::rc::Rc;

use retort_driver::{Database, StatementTrace};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::protocol::{FromEngine, SqlRun, ToEngine};

pub use kept::KEPT_FILE;
#[cfg(feature = "migrate")]
pub use migrations::run_migration;
use runs::{DatabaseAction, Runs};
pub use storage::{OPFS_FILE, open_database};

/// How long the warm-up waits after `Ready`: long enough for the page's
/// first requests (the learner's own script, a syntax check) to come first.
const WARM_UP_AFTER_READY_MS: i32 = 250;

/// Starts the engine in the current dedicated worker.
pub fn start() {
    flask_layer::install();
    wasm_bindgen_futures::spawn_local(async {
        // A first visit opens on the example and shows what it does: its
        // run needs no database of this worker's (a run gets a fresh one),
        // so it goes first, while the page is still loading, and its
        // report goes out before opening OPFS. The run stays live for the
        // console, as any run does.
        let mut runs = Runs::default();
        let report = runs.run(crate::example::PYTHON);
        post(&FromEngine::ExampleRan {
            report: Box::new(report),
        });
        let (database, storage) = match open_database().await {
            Ok(opened) => opened,
            Err(reason) => {
                post(&FromEngine::Unavailable { reason });
                return;
            }
        };
        let mut engine = Engine::new(database);
        engine.runs = runs;
        if matches!(storage, crate::protocol::Storage::Opfs { .. }) {
            engine.runs.set_pool(kept::pool().await);
        }
        listen(engine);
        post(&FromEngine::Ready { storage });
        warm_up::start(WARM_UP_AFTER_READY_MS);
    });
}

/// Starts the migrations worker: `flask db ...` lines on the project the
/// page sends, on nothing of its own (no OPFS, which the engine worker
/// holds; no warm-up).
#[cfg(feature = "migrate")]
pub fn start_migrations() {
    flask_layer::install();
    let database = match Database::open_in_memory() {
        Ok(database) => database,
        Err(error) => {
            post(&FromEngine::Unavailable {
                reason: error.to_string(),
            });
            return;
        }
    };
    listen(Engine::new(database));
    post(&FromEngine::Ready {
        storage: crate::protocol::Storage::Memory {
            reason: "the migrations worker keeps nothing".to_owned(),
        },
    });
}

/// Answers every request the page sends, for as long as the worker lives.
fn listen(engine: Engine) {
    let engine = RefCell::new(engine);
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = crate::wire::received_bytes(&event.data())
            .ok_or_else(|| "not a message of the page's".to_owned())
            .and_then(|bytes| crate::wire::decode::<ToEngine>(&bytes));
        match request {
            Ok(request) => {
                let reply = engine.borrow_mut().handle(request);
                post(&reply);
            }
            Err(error) => {
                web_sys::console::error_1(&format!("engine: bad request: {error}").into())
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

fn post(message: &FromEngine) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    match crate::wire::encode(message) {
        Ok(bytes) => {
            let posted = crate::wire::post_bytes(&bytes, |message, transfer| {
                scope.post_message_with_transfer(message, transfer)
            });
            if let Err(error) = posted {
                web_sys::console::error_2(&"engine: could not post a reply".into(), &error);
            }
        }
        Err(error) => web_sys::console::error_1(&format!("engine: {error}").into()),
    }
}

/// The engine's state: one open database and the trace of what it ran.
pub struct Engine {
    database: Database,
    trace: Rc<RefCell<Vec<StatementTrace>>>,
    /// The last Python run (alive for the console) and persistent mode.
    runs: Runs,
}

impl Engine {
    /// An engine over an open database, tracing every statement.
    pub fn new(mut database: Database) -> Self {
        let trace = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&trace);
        database.set_observer(Box::new(move |statement: &StatementTrace| {
            sink.borrow_mut().push(statement.clone())
        }));
        Engine {
            database,
            trace,
            runs: Runs::default(),
        }
    }

    /// Answers one request.
    pub fn handle(&mut self, request: ToEngine) -> FromEngine {
        match request {
            ToEngine::RunSql { request, sql } => {
                self.trace.borrow_mut().clear();
                let outcome = self.database.run_script(&sql);
                let trace = std::mem::take(&mut *self.trace.borrow_mut());
                FromEngine::SqlRan {
                    request,
                    run: SqlRun {
                        statements: outcome.done,
                        error: outcome.error,
                        trace,
                    },
                }
            }
            ToEngine::RunPython { request, source } => {
                let report = Box::new(self.runs.run(&source));
                // The learner's own script compiled the paths it needs.
                warm_up::not_needed();
                FromEngine::PythonRan { request, report }
            }
            ToEngine::Console { request, line } => FromEngine::ConsoleRan {
                request,
                outcome: self.runs.console(&line).map(Box::new),
            },
            ToEngine::KeepDatabase { keep } => FromEngine::DatabasePlace {
                place: self.runs.set_keep(keep),
            },
            ToEngine::ResetDatabase { request } => FromEngine::DatabaseDone {
                request,
                outcome: self.runs.database(DatabaseAction::Reset),
            },
            ToEngine::ExportDatabase { request } => FromEngine::DatabaseDone {
                request,
                outcome: self.runs.database(DatabaseAction::Export),
            },
            ToEngine::ImportDatabase { request, bytes } => FromEngine::DatabaseDone {
                request,
                outcome: self.runs.database(DatabaseAction::Import(bytes)),
            },
            ToEngine::CheckSyntax { request, source } => FromEngine::SyntaxChecked {
                request,
                problem: syntax::check_syntax(&source),
            },
            #[cfg(feature = "migrate")]
            ToEngine::Migrate {
                request,
                script,
                line,
                state,
            } => FromEngine::Migrated {
                request,
                run: Box::new(run_migration(&state, &script, &line)),
            },
            // The page sends migrations to the migrations worker only.
            #[cfg(not(feature = "migrate"))]
            ToEngine::Migrate { .. } => FromEngine::Unavailable {
                reason: "this worker does not run flask db commands".to_owned(),
            },
        }
    }
}
