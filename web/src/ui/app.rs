//! [`App`]: the first page — type SQL, run it in the engine worker, see rows or the error.

use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use super::engine_client::EngineClient;
use super::results::RunView;
use crate::protocol::{FromEngine, SqlRun, Storage, ToEngine};

const EXAMPLE_SQL: &str = "CREATE TABLE IF NOT EXISTS users (\n  id INTEGER PRIMARY KEY,\n  username TEXT NOT NULL UNIQUE\n);\nINSERT OR IGNORE INTO users (username) VALUES ('admin'), ('张三');\nSELECT id, username FROM users ORDER BY id;";

/// What the engine worker is doing, as far as the page knows.
#[derive(Debug, Clone, PartialEq)]
enum EngineState {
    Starting,
    Idle,
    Running { request: u64 },
    Unavailable(String),
}

pub enum Msg {
    Edit(String),
    Run,
    Cancel,
    Engine(FromEngine),
    EngineFailed(String),
}

/// The root component.
pub struct App {
    client: Option<EngineClient>,
    state: EngineState,
    storage: Option<Storage>,
    sql: String,
    next_request: u64,
    last_run: Option<SqlRun>,
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
        match client.send(&ToEngine::RunSql {
            request,
            sql: self.sql.clone(),
        }) {
            Ok(()) => {
                self.state = EngineState::Running { request };
                self.notice = None;
            }
            Err(error) => self.notice = Some(format!("could not reach the engine: {error}")),
        }
        true
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
            sql: EXAMPLE_SQL.to_owned(),
            next_request: 0,
            last_run: None,
            notice: None,
        };
        app.spawn_engine(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(sql) => {
                self.sql = sql;
                false
            }
            Msg::Run => self.run(),
            Msg::Cancel => {
                if !matches!(self.state, EngineState::Running { .. }) {
                    return false;
                }
                let lost = matches!(self.storage, Some(Storage::Memory { .. }));
                self.notice = Some(if lost {
                    "Cancelled. The engine was restarted; its in-memory database was lost.".into()
                } else {
                    "Cancelled. The engine was restarted; committed data is kept on OPFS.".into()
                });
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
                if self.state != (EngineState::Running { request }) {
                    return false;
                }
                self.state = EngineState::Idle;
                self.last_run = Some(run);
                true
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
        html! {
            <main class="page">
                <header class="bar">
                    <h1>{ "Retort" }</h1>
                    <span class="tagline">{ "SQLite in your browser, in a worker" }</span>
                    { storage_badge(&self.state, self.storage.as_ref()) }
                </header>
                <label class="editor-label" for="sql">{ "SQL" }</label>
                <textarea id="sql" class="editor" spellcheck="false"
                    value={self.sql.clone()} oninput={on_input} onkeydown={on_keydown} />
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
                if let Some(run) = &self.last_run {
                    <RunView run={run.clone()} />
                }
            </main>
        }
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
