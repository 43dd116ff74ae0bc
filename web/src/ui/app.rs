//! [`App`]: the page's state and what changes it — the script, the engine
//! worker's lifecycle (run, stop), the report on show and the selected
//! step, the tab, the line links between editor and SQL, the language and
//! the share link, and the migrated project ([`Migrations`]: the state
//! every `flask db` line is sent with). [`super::layout`] draws it.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::editor::{share_decode, share_encode};
use super::engine_client::EngineClient;
use super::example;
use super::panels::{Migrations, MigrationsRef, Report, Tab};
use crate::i18n::Lang;
use crate::moment;
use crate::protocol::{FromEngine, Storage, ToEngine};
use crate::share_link::{self, ShareError};

/// What the engine worker is doing, as far as the page knows.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineState {
    Starting,
    Idle,
    Running { request: u64 },
    Unavailable(String),
}

/// A message above the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Stopped,
    EngineFailed(String),
    Share(ShareError),
    Copied(bool),
}

pub enum Msg {
    Edit(String),
    Run,
    Stop,
    Engine(FromEngine),
    EngineFailed(String),
    Step(usize),
    Tab(Tab),
    FocusLine(u32),
    FilterLine(Option<u32>),
    Split(f64),
    Lang(Lang),
    Share,
    Copied(bool),
    Present,
    /// A line typed in the Migrations terminal.
    Migrate(String),
    /// The learner picked a command's answer to show.
    MigrationShown(usize),
    /// The learner edited a project file (path, text).
    ProjectFileEdited(String, String),
}

/// The root component.
pub struct App {
    client: Option<EngineClient>,
    pub(super) state: EngineState,
    pub(super) storage: Option<Storage>,
    pub(super) lang: Lang,
    /// The text the editor opened with.
    pub(super) initial: AttrValue,
    source: String,
    next_request: u64,
    /// The request of the run on show (for tests: `main[data-answered]`).
    pub(super) answered: u64,
    pub(super) report: Option<Report>,
    pub(super) step: Option<usize>,
    pub(super) tab: Tab,
    pub(super) filter_line: Option<u32>,
    pub(super) focus_line: Option<u32>,
    pub(super) split: f64,
    pub(super) notice: Option<Notice>,
    pub(super) share_link: Option<String>,
    /// Presentation mode: larger type for a projector.
    pub(super) present: bool,
    /// The migrated project and every command's answer.
    pub(super) migrations: MigrationsRef,
}

/// The script the page opens with: a share link's, else the one kept in
/// local storage, else the example; and what went wrong with a link.
fn opening_script() -> (String, Option<Notice>) {
    let kept = || browser::load(browser::SCRIPT_KEY).unwrap_or_else(|| example::PYTHON.to_owned());
    let hash = browser::hash();
    match share_link::payload(&hash) {
        None => (kept(), None),
        Some(Err(error)) => (kept(), Some(Notice::Share(error))),
        Some(Ok(encoded)) => {
            let decoded = share_decode(encoded).ok().flatten();
            match share_link::check_text(decoded) {
                Ok(text) => (text, None),
                Err(error) => (kept(), Some(Notice::Share(error))),
            }
        }
    }
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
            Err(error) => self.state = EngineState::Unavailable(error),
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
        let message = ToEngine::RunPython {
            request,
            source: self.source.clone(),
        };
        match client.send(&message) {
            Ok(()) => {
                self.state = EngineState::Running { request };
                self.notice = None;
            }
            Err(error) => self.notice = Some(Notice::EngineFailed(error)),
        }
        true
    }

    fn show(&mut self, request: u64, report: retort_report::RunReport) -> bool {
        if self.state != (EngineState::Running { request }) {
            return false;
        }
        self.state = EngineState::Idle;
        self.answered = request;
        self.step = moment::default_step(&report);
        if report.error.is_some() {
            self.tab = Tab::Output;
        }
        self.filter_line = None;
        self.focus_line = None;
        self.report = Some(Report(Rc::new(report)));
        true
    }

    fn migrations_mut(&mut self) -> &mut Migrations {
        Rc::make_mut(&mut self.migrations.0)
    }

    /// Sends a terminal line with the project the page keeps.
    fn migrate(&mut self, line: String) -> bool {
        if self.state != EngineState::Idle {
            return false;
        }
        let Some(client) = &self.client else {
            return false;
        };
        self.next_request += 1;
        let request = self.next_request;
        let message = ToEngine::Migrate {
            request,
            script: self.source.clone(),
            line: line.clone(),
            state: Box::new(self.migrations.0.project.clone()),
        };
        match client.send(&message) {
            Ok(()) => {
                self.state = EngineState::Running { request };
                self.notice = None;
            }
            Err(error) => self.notice = Some(Notice::EngineFailed(error)),
        }
        self.migrations_mut().remember(&line);
        true
    }

    fn share(&mut self, ctx: &Context<Self>) -> bool {
        let Ok(encoded) = share_encode(&self.source) else {
            return false;
        };
        let link = browser::set_hash(&format!("{}{encoded}", share_link::PREFIX));
        if let Some(link) = &link {
            browser::copy(link, ctx.link().callback(Msg::Copied));
        }
        self.share_link = link;
        true
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let lang = Lang::detect(
            browser::load(browser::LANG_KEY).as_deref(),
            browser::browser_language().as_deref(),
        );
        browser::set_document_language(lang.code());
        let (source, notice) = opening_script();
        let mut app = App {
            client: None,
            state: EngineState::Starting,
            storage: None,
            lang,
            initial: AttrValue::from(source.clone()),
            source,
            next_request: 0,
            answered: 0,
            report: None,
            step: None,
            tab: Tab::Output,
            filter_line: None,
            focus_line: None,
            split: 50.0,
            notice,
            share_link: None,
            present: false,
            migrations: MigrationsRef::default(),
        };
        app.spawn_engine(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(text) => {
                browser::save(browser::SCRIPT_KEY, &text);
                self.source = text;
                // The link no longer holds this text: a reload should
                // restore the edits, not the link's script.
                if browser::hash().starts_with(share_link::PREFIX) {
                    browser::set_hash("");
                }
                self.share_link.take().is_some()
            }
            Msg::Run => self.run(),
            Msg::Stop => {
                if !matches!(self.state, EngineState::Running { .. }) {
                    return false;
                }
                self.notice = Some(Notice::Stopped);
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
            // The page sends no typed SQL; an answer to it is not awaited.
            Msg::Engine(FromEngine::SqlRan { .. }) => false,
            Msg::Engine(FromEngine::PythonRan { request, report }) => self.show(request, *report),
            Msg::Engine(FromEngine::Migrated { request, run }) => {
                if self.state != (EngineState::Running { request }) {
                    return false;
                }
                self.state = EngineState::Idle;
                self.migrations_mut().apply(*run);
                true
            }
            Msg::Migrate(line) => self.migrate(line),
            Msg::MigrationShown(index) => {
                let changed = self.migrations.0.selected != Some(index);
                self.migrations_mut().selected = Some(index);
                changed
            }
            Msg::ProjectFileEdited(path, text) => {
                self.migrations_mut().edit(&path, &text);
                true
            }
            Msg::EngineFailed(reason) => {
                self.notice = Some(Notice::EngineFailed(reason));
                self.spawn_engine(ctx);
                true
            }
            Msg::Step(step) => {
                let count = self.report.as_ref().map_or(0, |r| r.0.steps.len());
                let step = step.min(count.saturating_sub(1));
                let changed = self.step != Some(step) && count > 0;
                if changed {
                    self.step = Some(step);
                }
                changed
            }
            Msg::Tab(tab) => {
                let changed = self.tab != tab;
                self.tab = tab;
                changed
            }
            Msg::FocusLine(line) => {
                self.focus_line = Some(line);
                true
            }
            Msg::FilterLine(line) => {
                self.filter_line = line;
                self.focus_line = line;
                if line.is_some() {
                    self.tab = Tab::Sql;
                }
                true
            }
            Msg::Split(percent) => {
                self.split = percent;
                true
            }
            Msg::Lang(lang) => {
                browser::save(browser::LANG_KEY, lang.code());
                browser::set_document_language(lang.code());
                let changed = self.lang != lang;
                self.lang = lang;
                changed
            }
            Msg::Share => self.share(ctx),
            Msg::Present => {
                self.present = !self.present;
                true
            }
            Msg::Copied(copied) => {
                self.notice = Some(Notice::Copied(copied));
                true
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        super::layout::view(self, ctx.link())
    }
}
