//! The page's layout: the header (title, engine status, language), the
//! editor side (toolbar, editor, timeline) and the panels side, with a
//! draggable split between them. Drawn from [`App`]'s state.

use retort_report::{ErrorEvent, RunReport};
use web_sys::HtmlSelectElement;
use yew::html::Scope;
use yew::prelude::*;

use super::app::{App, EngineState, Msg, Notice};
use super::console::Console;
use super::console_state::DatabaseAction;
use super::database::DatabaseBar;
use super::editor::{Editor, EditorError};
use super::panels::{MigrationsProps, PanelProps, PanelSource, Panels};
use super::split::Splitter;
use super::timeline::{StepInfo, Timeline};
use crate::i18n::{Key, Lang, text};
use crate::moment;
use crate::protocol::{DataPlace, Storage};
use crate::share_link::ShareError;

pub fn view(app: &App, link: &Scope<App>) -> Html {
    let lang = app.lang;
    let (shown, shown_step) = app.shown_report();
    let report = shown.as_ref().map(|r| &*r.0);
    let running = matches!(app.state, EngineState::Running { .. });
    let steps: Vec<StepInfo> = report
        .map(|r| {
            r.steps
                .iter()
                .map(|s| StepInfo {
                    kind: s.kind,
                    line: s.span.map(|span| span.line),
                    console: s.console.as_ref().map(|c| c.number),
                    command: s.command.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let step_lines = report
        .zip(shown_step)
        .and_then(|(r, s)| r.steps.get(s))
        .and_then(|s| s.span)
        .map(|span| (span.line, span.end_line));
    let panel = PanelProps {
        lang,
        report: shown.clone(),
        step: shown_step,
        filter_line: app.filter_line,
        focus_line: app.focus_line,
        on_focus_line: link.callback(Msg::FocusLine),
        on_filter: link.callback(Msg::FilterLine),
    };
    let migrations = MigrationsProps {
        lang,
        state: app.migrations.clone(),
        busy: running,
        on_command: link.callback(Msg::Migrate),
        on_select: link.callback(Msg::MigrationShown),
        on_line: link.callback(Msg::FocusLine),
        on_edit: link.callback(|(path, text)| Msg::ProjectFileEdited(path, text)),
        on_open: link.callback(Msg::ShowProject),
        on_open_file: link.callback(Msg::ProjectFileOpened),
        on_reset: link.callback(|()| Msg::ProjectReset),
        on_create_file: link.callback(Msg::ProjectFileCreated),
    };
    let source = PanelSource {
        project: app.showing_project && !app.migrations.0.runs.is_empty(),
        has_run: app.report.is_some(),
        on_run: link.callback(|()| Msg::ShowRun),
    };
    html! {
        <main class={classes!("page", app.present.then_some("present"))} data-answered={app.answered.to_string()} data-example={app.example_check.attribute()} data-running={running.to_string()}>
            <header class="bar">
                <h1>{ "Retort" }</h1>
                <span class="tagline">{ text(lang, Key::Tagline) }</span>
                <span class="spacer" />
                { engine_badge(lang, &app.state, app.storage.as_ref(), app.place.as_ref()) }
                <button id="present" aria-pressed={app.present.to_string()}
                    onclick={link.callback(|_| Msg::Present)}>
                    { text(lang, Key::Present) }
                </button>
                { language_switch(lang, link) }
            </header>
            <div class="workspace" style={format!("--split: {:.1}%", app.split)}>
                <section class="left">
                    { toolbar(app, link, running) }
                    <DatabaseBar lang={lang} keep={app.keep} place={app.place.clone()}
                        idle={app.state == EngineState::Idle} note={app.db_note.clone()}
                        on_keep={link.callback(Msg::Keep)}
                        on_reset={link.callback(|()| Msg::Database(DatabaseAction::Reset))}
                        on_export={link.callback(|()| Msg::Database(DatabaseAction::Export))}
                        on_import={link.callback(|bytes| Msg::Database(DatabaseAction::Import(bytes)))}
                        on_bad_file={link.callback(Msg::BadFile)} />
                    if let Some(notice) = &app.notice {
                        <p class="notice" id="notice" role="status">{ notice_text(lang, notice) }</p>
                    }
                    if let Some(share) = &app.share_link {
                        <label class="share-row">
                            <span>{ text(lang, Key::ShareLink) }</span>
                            <input id="share-link" readonly=true value={share.clone()} />
                        </label>
                    }
                    <label class="editor-label" for="editor">{ text(lang, Key::EditorLabel) }</label>
                    <Editor initial={app.initial.clone()}
                        label={text(lang, Key::EditorLabel)}
                        error={app.editor_error()}
                        step_lines={step_lines}
                        focus_line={app.focus_line}
                        failed_label={text(lang, Key::EditorFailed)}
                        counts={report.map(moment::statements_per_line).unwrap_or_default()}
                        start={app.editor_started}
                        on_change={link.callback(Msg::Edit)}
                        on_run={link.callback(|()| Msg::Run)}
                        on_line={link.callback(|line| Msg::FilterLine(Some(line)))} />
                    <Timeline lang={lang} steps={steps} selected={shown_step.unwrap_or(0)}
                        on_select={link.callback(Msg::Step)} />
                    <Console lang={lang} entries={app.console.clone()}
                        ready={app.state == EngineState::Idle}
                        on_submit={link.callback(Msg::Console)} />
                </section>
                <Splitter lang={lang} percent={app.split} on_change={link.callback(Msg::Split)} />
                <Panels tab={app.tab} on_tab={link.callback(Msg::Tab)} panel={panel} migrations={migrations} source={source} />
            </div>
        </main>
    }
}

fn toolbar(app: &App, link: &Scope<App>, running: bool) -> Html {
    let lang = app.lang;
    html! {
        <div class="toolbar">
            <button id="run" class="primary" onclick={link.callback(|_| Msg::Run)}
                disabled={app.state != EngineState::Idle}>
                { text(lang, Key::Run) }
            </button>
            <button id="stop" class="danger" onclick={link.callback(|_| Msg::Stop)}
                disabled={!running}>
                { text(lang, Key::Stop) }
            </button>
            <button id="share" onclick={link.callback(|_| Msg::Share)}>
                { text(lang, Key::Share) }
            </button>
            <span class="hint">{ text(lang, Key::RunHint) }</span>
            if running {
                <span class="working" id="running">{ text(lang, Key::Running) }</span>
            }
        </div>
    }
}

/// Where to underline the run's error, and the hover message.
pub(super) fn editor_error(report: &RunReport) -> Option<EditorError> {
    let error: &ErrorEvent = report.error.as_ref()?;
    let line = error.line?;
    let col = error.col.unwrap_or(1);
    let (end_line, end_col) = match error.span {
        Some(span)
            if error.class_name.ends_with("Error") && span.line == line && span.col == col =>
        {
            (span.end_line, span.end_col)
        }
        _ => (0, 0),
    };
    Some(EditorError {
        line,
        col,
        end_line,
        end_col,
        message: format!("{}: {}", error.class_name, error.message),
    })
}

fn notice_text(lang: Lang, notice: &Notice) -> String {
    match notice {
        Notice::Stopped => text(lang, Key::Stopped).to_owned(),
        Notice::EngineFailed(reason) => format!("{reason}. {}", text(lang, Key::EngineRestarting)),
        Notice::Share(ShareError::Broken) => text(lang, Key::ShareBroken).to_owned(),
        Notice::Share(ShareError::TooBig) => text(lang, Key::ShareTooBig).to_owned(),
        Notice::Copied(true) => text(lang, Key::ShareCopied).to_owned(),
        Notice::Copied(false) => text(lang, Key::ShareInAddressBar).to_owned(),
    }
}

fn engine_badge(
    lang: Lang,
    state: &EngineState,
    storage: Option<&Storage>,
    place: Option<&DataPlace>,
) -> Html {
    match (state, place) {
        (EngineState::Idle | EngineState::Running { .. }, Some(DataPlace::Kept { file })) => {
            return html! {
                <span id="storage" class="badge good" data-place="kept" title={file.clone()}>{ text(lang, Key::DbKept) }</span>
            };
        }
        (EngineState::Idle | EngineState::Running { .. }, Some(place)) => {
            let opfs = matches!(storage, Some(Storage::Opfs { .. }));
            let class = if matches!(place, DataPlace::MemoryFallback { .. }) {
                "badge warn"
            } else {
                "badge"
            };
            return html! {
                <span id="storage" class={class} data-place="memory" data-opfs={opfs.to_string()}>{ text(lang, Key::DbMemory) }</span>
            };
        }
        _ => {}
    }
    match (state, storage) {
        (EngineState::Unavailable(reason), _) => html! {
            <span id="storage" class="badge bad" title={reason.clone()}>{ text(lang, Key::EngineUnavailable) }</span>
        },
        (EngineState::Starting, _) => html! {
            <span id="storage" class="badge">{ text(lang, Key::EngineStarting) }</span>
        },
        (_, Some(Storage::Opfs { file })) => html! {
            <span id="storage" class="badge good" title={file.clone()}>{ text(lang, Key::DbOpfs) }</span>
        },
        (_, Some(Storage::Memory { reason })) => html! {
            <span id="storage" class="badge warn" title={reason.clone()}>{ text(lang, Key::DbMemory) }</span>
        },
        (_, None) => html! {},
    }
}

fn language_switch(lang: Lang, link: &Scope<App>) -> Html {
    let on_change = link.batch_callback(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        Lang::from_tag(&select.value()).map(Msg::Lang)
    });
    html! {
        <label class="lang">
            <span class="sr-only">{ text(lang, Key::Language) }</span>
            <select id="lang" onchange={on_change} aria-label={text(lang, Key::Language)}>
                { for Lang::ALL.iter().map(|&l| html! {
                    <option value={l.code()} selected={l == lang}>{ l.name() }</option>
                }) }
            </select>
        </label>
    }
}
