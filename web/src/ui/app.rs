//! [`App`]: the page — write Python (or SQL), run it in the engine worker,
//! see what it printed, the SQL it emitted, rows, or the error.

use retort_report::RunReport;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use super::engine_client::EngineClient;
use super::example;
use super::python_view::PythonRunView;
use super::results::RunView;
use crate::protocol::{FromEngine, SqlRun, Storage, ToEngine};

/// What the engine worker is doing, as far as the page knows.
#[derive(Debug, Clone, PartialEq)]
enum EngineState {
    Starting,
    Idle,
    Running { request: u64 },
    Unavailable(String),
}

/// Which language the editor holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Python,
    Sql,
}

pub enum Msg {
    Mode(Mode),
    Edit(String),
    Run,
    Cancel,
    Engine(FromEngine),
    EngineFailed(String),
}

/// The last answer the page shows.
enum LastRun {
    Python(Box<RunReport>),
    Sql(SqlRun),
}

/// The root component.
pub struct App {
    client: Option<EngineClient>,
    state: EngineState,
    storage: Option<Storage>,
    mode: Mode,
    python: String,
    sql: String,
    next_request: u64,
    /// The request of the run on show (for tests: `main[data-answered]`).
    answered: u64,
    last_run: Option<LastRun>,
    notice: Option<String>,
}

impl App {
    fn spawn_engine(&mut self, ctx: &Context<Self>) {
        // Dropping the old client terminates its worker first.
        self.client = None;
        self.state = EngineState::Starting;
        match EngineClient::spawn(
            ctx.link().callback(Msg::Engine),
            ctx.link().callback(Msg::EngineFailed),
        ) {
            Ok(client) => self.client = Some(client),
            Err(error) => {
                self.state =
                    EngineState::Unavailable(format!("could not start the engine: {error}"))
            }
        }
    }

    fn run(&mut self) -> bool {
        if self.state != EngineState::Idle {
            return false;
        }
        let Some(client) = &self.client else {
            return false;
        };
        self.next_request += 1;
        let request = self.next_request;
        let message = match self.mode {
            Mode::Python => ToEngine::RunPython {
                request,
                source: self.python.clone(),
            },
            Mode::Sql => ToEngine::RunSql {
                request,
                sql: self.sql.clone(),
            },
        };
        match client.send(&message) {
            Ok(()) => {
                self.state = EngineState::Running { request };
                self.notice = None;
            }
            Err(error) => self.notice = Some(format!("could not reach the engine: {error}")),
        }
        true
    }

    /// Takes an answer if it is the one the page waits for.
    fn answered(&mut self, request: u64, run: LastRun) -> bool {
        if self.state != (EngineState::Running { request }) {
            return false;
        }
        self.state = EngineState::Idle;
        self.answered = request;
        self.last_run = Some(run);
        true
    }

    fn cancel_notice(&self) -> String {
        match (self.mode, &self.storage) {
            (Mode::Python, _) => "Cancelled. The engine was restarted.".into(),
            (Mode::Sql, Some(Storage::Memory { .. })) => {
                "Cancelled. The engine was restarted; its in-memory database was lost.".into()
            }
            (Mode::Sql, _) => {
                "Cancelled. The engine was restarted; committed data is kept on OPFS.".into()
            }
        }
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let mut app = App {
            client: None,
            state: EngineState::Starting,
            storage: None,
            mode: Mode::Python,
            python: example::PYTHON.to_owned(),
            sql: example::SQL.to_owned(),
            next_request: 0,
            answered: 0,
            last_run: None,
            notice: None,
        };
        app.spawn_engine(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Mode(mode) => {
                let changed = self.mode != mode;
                self.mode = mode;
                changed
            }
            Msg::Edit(text) => {
                match self.mode {
                    Mode::Python => self.python = text,
                    Mode::Sql => self.sql = text,
                }
                false
            }
            Msg::Run => self.run(),
            Msg::Cancel => {
                if !matches!(self.state, EngineState::Running { .. }) {
                    return false;
                }
                self.notice = Some(self.cancel_notice());
                self.spawn_engine(ctx);
                true
            }
            Msg::Engine(FromEngine::Ready { storage }) => {
                self.storage = Some(storage);
                self.state = EngineState::Idle;
                true
            }
            Msg::Engine(FromEngine::Unavailable { reason }) => {
                self.state = EngineState::Unavailable(reason);
                true
            }
            Msg::Engine(FromEngine::SqlRan { request, run }) => {
                self.answered(request, LastRun::Sql(run))
            }
            Msg::Engine(FromEngine::PythonRan { request, report }) => {
                self.answered(request, LastRun::Python(report))
            }
            Msg::EngineFailed(reason) => {
                self.notice = Some(format!("{reason}. Restarting the engine."));
                self.spawn_engine(ctx);
                true
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let on_input = link.callback(|event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            Msg::Edit(area.value())
        });
        let on_keydown = link.batch_callback(|event: KeyboardEvent| {
            let run = event.key() == "Enter" && (event.ctrl_key() || event.meta_key());
            run.then(|| {
                event.prevent_default();
                Msg::Run
            })
        });
        let running = matches!(self.state, EngineState::Running { .. });
        let (editor_id, label, text) = match self.mode {
            Mode::Python => ("python", "Python (Flask-SQLAlchemy)", &self.python),
            Mode::Sql => ("sql", "SQL", &self.sql),
        };
        html! {
            <main class="page" data-answered={self.answered.to_string()}>
                <header class="bar">
                    <h1>{ "Retort" }</h1>
                    <span class="tagline">{ "SQLAlchemy in your browser, in a worker" }</span>
                    { storage_badge(&self.state, self.storage.as_ref()) }
                </header>
                <div class="modes" role="tablist">
                    { mode_tab(link, Mode::Python, self.mode, "mode-python", "Python") }
                    { mode_tab(link, Mode::Sql, self.mode, "mode-sql", "SQL") }
                </div>
                <label class="editor-label" for={editor_id}>{ label }</label>
                <textarea key={editor_id} id={editor_id} class="editor" spellcheck="false"
                    value={text.clone()} oninput={on_input} onkeydown={on_keydown} />
                <div class="actions">
                    <button id="run" onclick={link.callback(|_| Msg::Run)}
                        disabled={self.state != EngineState::Idle}>
                        { "Run" }
                    </button>
                    <span class="hint">{ "Ctrl/⌘ + Enter" }</span>
                    if running {
                        <button id="cancel" class="cancel" onclick={link.callback(|_| Msg::Cancel)}>
                            { "Cancel" }
                        </button>
                        <span class="working">{ "Running…" }</span>
                    }
                </div>
                if let Some(notice) = &self.notice {
                    <p class="notice" id="notice">{ notice }</p>
                }
                { match &self.last_run {
                    Some(LastRun::Python(report)) => html! {
                        <PythonRunView report={(**report).clone()} />
                    },
                    Some(LastRun::Sql(run)) => html! { <RunView run={run.clone()} /> },
                    None => html! {},
                } }
            </main>
        }
    }
}

fn mode_tab(
    link: &yew::html::Scope<App>,
    mode: Mode,
    current: Mode,
    id: &str,
    label: &str,
) -> Html {
    let selected = mode == current;
    html! {
        <button id={id.to_owned()} role="tab" aria-selected={selected.to_string()}
            class={if selected { "tab selected" } else { "tab" }}
            onclick={link.callback(move |_| Msg::Mode(mode))}>
            { label.to_owned() }
        </button>
    }
}

fn storage_badge(state: &EngineState, storage: Option<&Storage>) -> Html {
    match (state, storage) {
        (EngineState::Unavailable(reason), _) => html! {
            <span id="storage" class="badge bad">{ format!("Engine unavailable: {reason}") }</span>
        },
        (EngineState::Starting, _) => html! {
            <span id="storage" class="badge">{ "Starting the engine…" }</span>
        },
        (_, Some(Storage::Opfs { file })) => html! {
            <span id="storage" class="badge good" title={file.clone()}>
                { "Database: OPFS (kept across reloads)" }
            </span>
        },
        (_, Some(Storage::Memory { reason })) => html! {
            <span id="storage" class="badge warn" title={reason.clone()}>
                { "Database: in memory (OPFS unavailable)" }
            </span>
        },
        (_, None) => html! {},
    }
}
