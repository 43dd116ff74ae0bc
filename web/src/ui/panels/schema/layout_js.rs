//! The binding to `RetortDiagram.layout`, dagre in the editor bundle
//! (`web/editor/diagram.js`). It catches: a missing bundle, a throwing
//! layout or an answer of the wrong shape is `None`, never a trap.

use wasm_bindgen::prelude::*;

use crate::diagram::{LayoutInput, LayoutOutput};

#[wasm_bindgen(js_namespace = RetortDiagram)]
extern "C" {
    #[wasm_bindgen(catch, js_name = layout)]
    fn layout_js(graph: &JsValue) -> Result<JsValue, JsValue>;
}

/// Places the boxes and routes the edges of `input`.
pub fn layout(input: &LayoutInput) -> Option<LayoutOutput> {
    let graph = serde_wasm_bindgen::to_value(input).ok()?;
    let laid = layout_js(&graph).ok()?;
    serde_wasm_bindgen::from_value(laid).ok()
}
