//! [`DatabaseBar`]: persistent mode — the "Keep the database" switch and,
//! when it is on, Reset, Export and Import of the kept `.sqlite` file —
//! with what the last of them did. Export downloads through a Blob URL;
//! Import reads the chosen file and checks its SQLite header first.

use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{Key, Lang, fill, text};
use crate::protocol::DataPlace;
use crate::sqlite_file;

/// What the bar says after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseNote {
    Done(Key),
    Failed(String),
    BadFile(String),
}

#[derive(Properties, PartialEq)]
pub struct DatabaseBarProps {
    pub lang: Lang,
    pub keep: bool,
    pub place: Option<DataPlace>,
    /// Whether the engine can take a request now.
    pub idle: bool,
    pub note: Option<DatabaseNote>,
    pub on_keep: Callback<bool>,
    pub on_reset: Callback<()>,
    pub on_export: Callback<()>,
    pub on_import: Callback<Vec<u8>>,
    pub on_bad_file: Callback<String>,
}

#[function_component(DatabaseBar)]
pub fn database_bar(props: &DatabaseBarProps) -> Html {
    let lang = props.lang;
    let on_toggle = props.on_keep.reform(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        input.checked()
    });
    let kept = matches!(props.place, Some(DataPlace::Kept { .. }));
    let on_file = {
        let on_import = props.on_import.clone();
        let on_bad_file = props.on_bad_file.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Choosing the same file again must fire `change` again.
            input.set_value("");
            let (on_import, on_bad_file) = (on_import.clone(), on_bad_file.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                    .await
                    .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                    .unwrap_or_default();
                match sqlite_file::check(&bytes) {
                    Ok(()) => on_import.emit(bytes),
                    Err(_) => on_bad_file.emit(name),
                }
            });
        })
    };
    let note = props.note.as_ref().map(|note| match note {
        DatabaseNote::Done(key) => text(lang, *key).to_owned(),
        DatabaseNote::Failed(reason) => fill(lang, Key::DatabaseFailed, &[("reason", reason)]),
        DatabaseNote::BadFile(name) => fill(lang, Key::BadSqliteFile, &[("name", name)]),
    });
    let fallback = match &props.place {
        Some(DataPlace::MemoryFallback { reason }) => {
            Some(fill(lang, Key::OpfsUnavailable, &[("reason", reason)]))
        }
        _ => None,
    };
    html! {
        <div class="database-bar" id="database-bar">
            <label class="keep" title={text(lang, Key::KeepHint)}>
                <input id="keep" type="checkbox" checked={props.keep} onchange={on_toggle} />
                { text(lang, Key::KeepDatabase) }
            </label>
            if kept {
                <button id="db-reset" disabled={!props.idle}
                    onclick={props.on_reset.reform(|_: MouseEvent| ())}>
                    { text(lang, Key::ResetDatabase) }
                </button>
                <button id="db-export" disabled={!props.idle}
                    onclick={props.on_export.reform(|_: MouseEvent| ())}>
                    { text(lang, Key::ExportDatabase) }
                </button>
                <label class={classes!("file-button", (!props.idle).then_some("disabled"))}>
                    { text(lang, Key::ImportDatabase) }
                    <input id="db-import" type="file" accept=".sqlite,.sqlite3,.db"
                        disabled={!props.idle} onchange={on_file} />
                </label>
            }
            if let Some(fallback) = fallback {
                <span class="db-note warn" id="db-fallback" role="status">{ fallback }</span>
            }
            if let Some(note) = note {
                <span class="db-note" id="db-note" role="status">{ note }</span>
            }
        </div>
    }
}

/// Offers `bytes` as a download named `name`, through a Blob URL.
pub fn download(bytes: &[u8], name: &str) -> Result<(), String> {
    let describe = |error: wasm_bindgen::JsValue| format!("{error:?}");
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/vnd.sqlite3");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "not a link".to_owned())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Released once the browser has started the download.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 10_000);
    }
    Ok(())
}
