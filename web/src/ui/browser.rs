//! The few browser facilities the page uses besides the DOM: local
//! storage, the location's fragment, the browser's language, the
//! clipboard and a timer. Every call is fallible and failures are quiet (a private
//! window without storage still runs scripts).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Where the editor's text is kept.
pub const SCRIPT_KEY: &str = "retort.script";
/// Where the language choice is kept.
pub const LANG_KEY: &str = "retort.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key`; says whether it could (storage may be
/// full or missing).
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// `location.hash`, `""` when there is none.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without a navigation or history entry; returns
/// the page's full address.
pub fn set_hash(hash: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let url = format!(
        "{}{}{hash}",
        location.pathname().ok()?,
        location.search().ok()?
    );
    window
        .history()
        .ok()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
        .ok()?;
    location.href().ok()
}

/// `navigator.language`.
pub fn browser_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// Sets `<html lang>` so screen readers and fonts pick the right language.
pub fn set_document_language(code: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}

/// Starts copying `text` to the clipboard; `done` gets whether it worked.
pub fn copy(text: &str, done: yew::Callback<bool>) {
    let Some(promise) = write_text(text) else {
        done.emit(false);
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(copied);
    });
}

/// `navigator.clipboard.writeText(text)`, looked up defensively: the
/// clipboard is missing outside secure contexts.
fn write_text(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into()
        .ok()?;
    write
        .call1(&clipboard, &text.into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Calls `callback` once, `ms` milliseconds from now (the page's timer);
/// does nothing when no window is there to keep time.
pub fn after(ms: i32, callback: yew::Callback<()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fire = wasm_bindgen::closure::Closure::once_into_js(move || callback.emit(()));
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(fire.unchecked_ref(), ms);
}

/// Calls `callback` once the browser has painted the next frame: a task
/// queued from the next animation frame runs after that frame's paint.
pub fn after_paint(callback: yew::Callback<()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || after(0, callback));
    let _ = window.request_animation_frame(frame.unchecked_ref());
}
