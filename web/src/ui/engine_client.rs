//! [`EngineClient`]: the main thread's handle on the engine worker.
//!
//! Spawning, sending typed requests, and terminating: cancelling a request
//! that runs too long means dropping this client and spawning a new one.
//!
//! The first client adopts the worker `index.html` started before the
//! page's wasm loaded (`globalThis.RetortEarlyWorker`), so the engine's
//! download, compilation and warm-up overlap the page's own start; what
//! that worker said before the adoption is replayed, in order.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::Callback;

use crate::protocol::{FromEngine, ToEngine};

/// The engine worker's script (`web/engine_worker_loader.js`, copied by Trunk).
pub const ENGINE_WORKER: &str = "./engine_worker_loader.js";

/// The migrations worker's script (`web/migrations_worker_loader.js`).
pub const MIGRATIONS_WORKER: &str = "./migrations_worker_loader.js";

/// A running engine worker. Dropping it terminates the worker at once.
pub struct EngineClient {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl EngineClient {
    /// Starts a worker running `script`; its messages go to `on_message`, a failure to start
    /// or an uncaught error inside it to `on_failure`.
    pub fn spawn(
        script: &str,
        on_message: Callback<FromEngine>,
        on_failure: Callback<String>,
    ) -> Result<Self, String> {
        let early = if script == ENGINE_WORKER {
            adopt_early_worker()
        } else {
            None
        };
        let (worker, early_events) = match early {
            Some(early) => early,
            None => (Worker::new(script).map_err(describe)?, Vec::new()),
        };
        let failure = on_failure.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = crate::wire::received_bytes(&event.data())
                .ok_or_else(|| "not bytes".to_owned())
                .and_then(|bytes| crate::wire::decode::<FromEngine>(&bytes));
            match message {
                Ok(message) => on_message.emit(message),
                Err(error) => failure.emit(format!("unreadable message from the engine: {error}")),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            on_failure.emit(format!("the engine stopped: {}", event.message()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        for event in early_events {
            let handler: &js_sys::Function = if event.is_instance_of::<MessageEvent>() {
                on_message.as_ref().unchecked_ref()
            } else {
                on_error.as_ref().unchecked_ref()
            };
            if let Err(error) = handler.call1(&JsValue::NULL, &event) {
                web_sys::console::error_2(
                    &"engine: replaying an early event failed".into(),
                    &error,
                );
            }
        }
        Ok(EngineClient {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends one request to the engine.
    pub fn send(&self, request: &ToEngine) -> Result<(), String> {
        let bytes = crate::wire::encode(request)?;
        crate::wire::post_bytes(&bytes, |message, transfer| {
            self.worker.post_message_with_transfer(message, transfer)
        })
        .map_err(describe)
    }
}

impl Drop for EngineClient {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Takes the worker `index.html` started, with the events it sent so far;
/// `None` once taken, or when the page started none.
fn adopt_early_worker() -> Option<(Worker, Vec<JsValue>)> {
    let global = js_sys::global();
    let key = JsValue::from_str("RetortEarlyWorker");
    let early = js_sys::Reflect::get(&global, &key).ok()?;
    if early.is_undefined() || early.is_null() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    let worker = js_sys::Reflect::get(&early, &"worker".into())
        .ok()?
        .dyn_into::<Worker>()
        .ok()?;
    let events = js_sys::Reflect::get(&early, &"events".into())
        .ok()
        .and_then(|events| events.dyn_into::<js_sys::Array>().ok())
        .map(|events| events.iter().collect())
        .unwrap_or_default();
    Some((worker, events))
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
