//! The project's files: `app.py` (the editor's script, read-only here),
//! the files `init` and `migrate` wrote — revision scripts editable, the
//! next `upgrade` runs what the learner typed — and the database file.

use retort_report::migration::ProjectState;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::{Key, Lang, fill, text};

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    pub lang: Lang,
    pub project: ProjectState,
    /// `app.py` as the last command imported it.
    pub app_source: Option<String>,
    pub on_edit: Callback<(String, String)>,
    /// The file open in the text area (kept by the page, so it stays open
    /// across tabs).
    pub open: Option<String>,
    pub on_open: Callback<Option<String>>,
}

#[function_component(Files)]
pub fn files(props: &FilesProps) -> Html {
    let lang = props.lang;
    let open = &props.open;
    let chooser = |path: String| {
        let on_open = props.on_open.clone();
        let same = open.as_deref() == Some(path.as_str());
        Callback::from(move |_: MouseEvent| on_open.emit((!same).then(|| path.clone())))
    };
    let mut paths: Vec<String> = Vec::new();
    if props.app_source.is_some() {
        paths.push("app.py".to_owned());
    }
    paths.extend(props.project.files.iter().map(|f| f.path.clone()));
    let opened = open.as_ref().and_then(|path| {
        if path == "app.py" {
            props.app_source.clone().map(|t| (path.clone(), t, false))
        } else {
            props
                .project
                .files
                .iter()
                .find(|f| &f.path == path)
                .map(|f| (f.path.clone(), f.text.clone(), true))
        }
    });
    let editor = opened.map(|(path, body, editable)| {
        let on_edit = props.on_edit.clone();
        let edited = path.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_edit.emit((edited.clone(), area.value()));
        });
        html! {
            <div class="mig-file" data-path={path.clone()}>
                <p class="muted">
                    if editable { { text(lang, Key::MigEditHint) } } else { { text(lang, Key::MigFromEditor) } }
                </p>
                <textarea id="mig-file-text" class="mig-file-text" spellcheck="false"
                    readonly={!editable} aria-label={path.clone()} value={body}
                    rows="14" {oninput} />
            </div>
        }
    });
    html! {
        <>
            <ul class="mig-files" id="mig-files">
                { for paths.iter().map(|path| {
                    let chosen = open.as_deref() == Some(path.as_str());
                    html! {
                        <li>
                            <button class={classes!("link", chosen.then_some("chosen"))}
                                data-path={path.clone()} onclick={chooser(path.clone())}>
                                { path.clone() }
                            </button>
                            if path == "app.py" {
                                <span class="muted">{ format!(" — {}", text(lang, Key::MigFromEditor)) }</span>
                            }
                        </li>
                    }
                }) }
                { for props.project.databases.iter().map(|db| html! {
                    <li class="mig-db">
                        <code>{ db.path.clone() }</code>
                        <span class="muted">{ format!(" — {}", fill(lang, Key::MigBinary, &[("n", &db.bytes.len().to_string())])) }</span>
                    </li>
                }) }
            </ul>
            { editor.unwrap_or_default() }
        </>
    }
}
