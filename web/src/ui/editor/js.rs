//! The bindings to `RetortEditor`, the CodeMirror bundle's global
//! (`web/editor/editor.js`), and to `RetortPage` (`web/editor/page.js`),
//! which loads that bundle and holds the share codec. Every import
//! catches: a missing bundle or a throwing call becomes an `Err`, never a
//! trap in the wasm.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_namespace = RetortEditor)]
extern "C" {
    #[wasm_bindgen(catch)]
    pub fn create(
        parent: &web_sys::Element,
        text: &str,
        on_change: &js_sys::Function,
        on_run: &js_sys::Function,
        on_line: &js_sys::Function,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = getText)]
    pub fn get_text(view: &JsValue) -> Result<String, JsValue>;

    #[wasm_bindgen(catch, js_name = setLabel)]
    pub fn set_label(view: &JsValue, label: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = setError)]
    pub fn set_error(
        view: &JsValue,
        line: u32,
        col: u32,
        end_line: u32,
        end_col: u32,
        message: &str,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = clearError)]
    pub fn clear_error(view: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = setStepLines)]
    pub fn set_step_lines(view: &JsValue, from: u32, to: u32) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = setFocusLine)]
    pub fn set_focus_line(view: &JsValue, line: u32) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = setGutterCounts)]
    pub fn set_gutter_counts(view: &JsValue, pairs: &[u32]) -> Result<(), JsValue>;

    #[wasm_bindgen(catch)]
    pub fn focus(view: &JsValue) -> Result<(), JsValue>;

}

#[wasm_bindgen(js_namespace = RetortPage)]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadEditor)]
    fn load_editor() -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(catch, js_name = shareEncode)]
    pub fn share_encode(text: &str) -> Result<String, JsValue>;

    #[wasm_bindgen(catch, js_name = shareDecode)]
    pub fn share_decode(encoded: &str) -> Result<Option<String>, JsValue>;
}

/// Whether `RetortEditor` is there already.
pub fn loaded() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("RetortEditor"))
        .is_ok_and(|value| !value.is_undefined())
}

/// Loads the CodeMirror bundle (once for the page); why not, when it failed.
pub async fn load() -> Result<(), JsValue> {
    wasm_bindgen_futures::JsFuture::from(load_editor()?)
        .await
        .map(|_| ())
}
