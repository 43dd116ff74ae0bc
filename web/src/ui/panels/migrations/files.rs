//! The project's files: `app.py` (the editor's script, read-only here),
//! the files `init` and `migrate` wrote — revision scripts editable, the
//! next `upgrade` runs what the learner typed — files the learner adds
//! (`seed.py`, for `python seed.py`), and the database file.

use retort_report::migration::ProjectState;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::{Key, Lang, fill, text};
use crate::project_path::{PathProblem, new_file_path};

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
    /// The learner adds an empty file at this project-relative path.
    pub on_create: Callback<String>,
}

fn problem_key(problem: PathProblem) -> Key {
    match problem {
        PathProblem::Empty => Key::MigNewEmpty,
        PathProblem::OutsideProject => Key::MigNewOutside,
        PathProblem::AppPy => Key::MigNewAppPy,
        PathProblem::Exists => Key::MigNewExists,
    }
}

#[derive(Properties, PartialEq)]
struct NewFileProps {
    lang: Lang,
    /// Every path the project has (files, folders, databases).
    existing: Vec<String>,
    on_create: Callback<String>,
}

/// The name box and button that add a file to the project.
#[function_component(NewFile)]
fn new_file(props: &NewFileProps) -> Html {
    let lang = props.lang;
    let name = use_state(String::new);
    let problem = use_state(|| None::<PathProblem>);
    let existing: Vec<&str> = props.existing.iter().map(String::as_str).collect();
    let create = {
        let name = name.clone();
        let problem = problem.clone();
        let on_create = props.on_create.clone();
        let checked = new_file_path(&name, &existing);
        Callback::from(move |()| match &checked {
            Ok(path) => {
                on_create.emit(path.clone());
                name.set(String::new());
                problem.set(None);
            }
            Err(why) => problem.set(Some(*why)),
        })
    };
    let oninput = {
        let name = name.clone();
        let problem = problem.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            name.set(input.value());
            problem.set(None);
        })
    };
    let onkeydown = {
        let create = create.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                create.emit(());
            }
        })
    };
    html! {
        <div class="mig-new">
            <input id="mig-new-name" type="text" spellcheck="false" autocomplete="off"
                placeholder="seed.py" aria-label={text(lang, Key::MigNewLabel)}
                value={(*name).clone()} {oninput} {onkeydown} />
            <button id="mig-new-file" onclick={create.reform(|_: MouseEvent| ())}>
                { text(lang, Key::MigNewFile) }
            </button>
            if let Some(why) = *problem {
                <span class="mig-new-problem" id="mig-new-problem" role="alert">{ text(lang, problem_key(why)) }</span>
            }
        </div>
    }
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
    let project = &props.project;
    let existing: Vec<String> = project
        .files
        .iter()
        .map(|f| f.path.clone())
        .chain(project.dirs.iter().cloned())
        .chain(project.databases.iter().map(|d| d.path.clone()))
        .collect();
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
            <NewFile lang={lang} existing={existing} on_create={props.on_create.clone()} />
            { editor.unwrap_or_default() }
        </>
    }
}
