//! The binding to `RetortDiagram.layout`, dagre in a script of its own
//! (`web/editor/diagram.js`) that `RetortPage` (`web/editor/page.js`) loads on the first
//! diagram ([`load`]). It catches: a missing script, a throwing layout or
//! an answer of the wrong shape is `None`, never a trap.

use wasm_bindgen::prelude::*;

use crate::diagram::{LayoutInput, LayoutOutput};

#[wasm_bindgen(js_namespace = RetortDiagram)]
extern "C" {
    #[wasm_bindgen(catch, js_name = layout)]
    fn layout_js(graph: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(js_namespace = RetortPage)]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadDiagram)]
    fn load_diagram() -> Result<js_sys::Promise, JsValue>;
}

/// Whether the layout script is there already.
pub fn available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("RetortDiagram"))
        .is_ok_and(|value| !value.is_undefined())
}

/// Loads the layout script (once for the page); `false` when it failed.
pub async fn load() -> bool {
    match load_diagram() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Places the boxes and routes the edges of `input`.
pub fn layout(input: &LayoutInput) -> Option<LayoutOutput> {
    let graph = serde_wasm_bindgen::to_value(input).ok()?;
    let laid = layout_js(&graph).ok()?;
    serde_wasm_bindgen::from_value(laid).ok()
}
