//! The first-visit example's report made by the page's build: `retort
//! page-report` runs `web/example.py` natively with the engine's own code
//! and writes the report as the page's message bytes
//! (`example-report.bin`), which `index.html`'s first script starts
//! fetching as `globalThis.RetortExampleReport` (a promise of an
//! `ArrayBuffer`, or `null`). A first visit shows it as soon as the page is
//! up, instead of waiting for the engine worker to compile and run the
//! same script; when the engine's own report comes, the page checks that
//! the two are the same ([`ExampleCheck`]).

use js_sys::{ArrayBuffer, Promise, Uint8Array};
use retort_report::RunReport;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// The build's report of the example, as against the engine's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExampleCheck {
    /// The page did not show the build's report.
    #[default]
    NotShown,
    /// Shown; the engine's report has not come yet.
    Awaiting,
    /// The engine's report is the same.
    Same,
    /// The engine's report differs, and replaced it.
    Replaced,
}

impl ExampleCheck {
    /// The value of `main[data-example]` (tests look at it).
    pub fn attribute(self) -> &'static str {
        match self {
            ExampleCheck::NotShown => "engine",
            ExampleCheck::Awaiting => "build",
            ExampleCheck::Same => "same",
            ExampleCheck::Replaced => "replaced",
        }
    }
}

/// Hands the build's report to `on_report` once fetched; nothing when
/// there is none or it cannot be read (the engine's report will come).
pub fn take(on_report: Callback<RunReport>) {
    let global = js_sys::global();
    let key = JsValue::from_str("RetortExampleReport");
    let Some(promise) = js_sys::Reflect::get(&global, &key)
        .ok()
        .and_then(|value| value.dyn_into::<Promise>().ok())
    else {
        return;
    };
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(buffer) = JsFuture::from(promise).await else {
            return;
        };
        let Some(buffer) = buffer.dyn_ref::<ArrayBuffer>() else {
            return;
        };
        match crate::wire::decode::<RunReport>(&Uint8Array::new(buffer).to_vec()) {
            Ok(report) => on_report.emit(report),
            Err(error) => web_sys::console::warn_1(&format!("example-report.bin: {error}").into()),
        }
    });
}
