//! [`App`]: the page's state and what changes it — the script, the engine
//! worker's lifecycle (run, stop), the report on show and the selected
//! step, the tab, the line links between editor and SQL, the language,
//! the share link, the syntax check of the text as it is typed
//! ([`SyntaxCheck`]) and the migrated project ([`Migrations`]: the state
//! every `flask db` line is sent with, and the project database's report,
//! which the panels show instead of the run's after a terminal command);
//! the console and persistent mode's part is in [`super::console_state`].
//! [`super::layout`] draws it.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::console::ConsoleEntry;
use super::console_state::{DatabaseAction, stored_keep};
use super::database::DatabaseNote;
use super::editor::EditorError;
use super::editor::{share_decode, share_encode};
use super::engine_client::{ENGINE_WORKER, EngineClient, MIGRATIONS_WORKER};
use super::panels::{Migrations, MigrationsRef, Report, Tab};
use super::prerendered::{self, ExampleCheck};
use super::project_store;
use crate::example;
use crate::i18n::Key;
use crate::i18n::Lang;
use crate::moment;
use crate::protocol::{DataPlace, FromEngine, Storage, SyntaxProblem, ToEngine};
use crate::share_link::{self, ShareError, ViewState};

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
    /// The typing pause after an edit is over: check the syntax.
    CheckSyntax,
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
    /// A line typed in the console.
    Console(String),
    /// Persistent mode on or off.
    Keep(bool),
    Database(DatabaseAction),
    /// A file chosen for import that is not an SQLite database.
    BadFile(String),
    /// A line typed in the Migrations terminal.
    Migrate(String),
    /// What the migrations worker says.
    MigrationsEngine(FromEngine),
    MigrationsFailed(String),
    /// The first answer is on screen (or will not come soon): make the
    /// editor.
    StartEditor,
    /// The build's report of the first-visit example ([`prerendered`]).
    Prerendered(Box<retort_report::RunReport>),
    /// The learner picked a command's answer to show.
    MigrationShown(usize),
    /// The learner edited a project file (path, text).
    ProjectFileEdited(String, String),
    /// The learner added an empty file to the project.
    ProjectFileCreated(String),
    /// Start the migrated project again from nothing.
    ProjectReset,
    /// The learner opened (or closed) a project file.
    ProjectFileOpened(Option<String>),
    /// Show the project database's report in the panels, on this tab.
    ShowProject(Tab),
    /// Show the run's report in the panels again.
    ShowRun,
}

/// The root component.
pub struct App {
    pub(super) client: Option<EngineClient>,
    pub(super) state: EngineState,
    pub(super) storage: Option<Storage>,
    pub(super) lang: Lang,
    /// The text the editor opened with.
    pub(super) initial: AttrValue,
    source: String,
    pub(super) next_request: u64,
    /// How many runs have been shown (for tests: `main[data-answered]`).
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
    /// The panels show the project database's report (the terminal's
    /// commands) rather than the run's.
    pub(super) showing_project: bool,
    /// The migrations worker, started by the first `flask db` line, and
    /// a line waiting for it to be ready.
    migrations_client: Option<EngineClient>,
    migrations_ready: bool,
    waiting_line: Option<String>,
    /// The console's transcript.
    pub(super) console: Vec<ConsoleEntry>,
    /// Whether a run's namespace is alive in the engine for the console.
    pub(super) console_alive: bool,
    /// Persistent mode, and where the engine says data lives.
    pub(super) keep: bool,
    pub(super) place: Option<DataPlace>,
    pub(super) db_note: Option<DatabaseNote>,
    syntax: SyntaxCheck,
    /// The script as it was when the run on show started.
    run_source: String,
    /// A share link's view, shown after the run its opening starts.
    pending_view: Option<ViewState>,
    /// Run the opening script as soon as the engine is ready: the
    /// example (a first visit sees what it does without a click) or a
    /// link shared from a moment of a run.
    run_on_ready: bool,
    /// CodeMirror may be made: it waits for the first answer, which it
    /// would otherwise delay by its own making.
    pub(super) editor_started: bool,
    /// Whether the example's report on show is the build's, and what the
    /// engine's said of it.
    pub(super) example_check: ExampleCheck,
}

/// How long the editor waits for the first answer at most.
const EDITOR_WAIT_MS: i32 = 2000;

/// How long typing must pause before the text is checked.
const CHECK_DELAY_MS: i32 = 300;

/// The syntax check of the editor's text, which the engine parses without
/// running it, so a mistake is underlined before Run.
#[derive(Debug, Default)]
struct SyntaxCheck {
    /// A check waits for the typing pause.
    scheduled: bool,
    /// The request of the check in flight, and the text it checks.
    in_flight: Option<(u64, String)>,
    /// The text last checked, and what the check found.
    checked: Option<String>,
    problem: Option<SyntaxProblem>,
}

/// The script the page opens with: a share link's, else the one kept in
/// local storage, else the example; and what went wrong with a link.
fn opening_script() -> (String, Option<Notice>, Option<ViewState>) {
    let kept = || browser::load(browser::SCRIPT_KEY).unwrap_or_else(|| example::PYTHON.to_owned());
    let hash = browser::hash();
    match share_link::payload(&hash) {
        None => (kept(), None, None),
        Some(Err(error)) => (kept(), Some(Notice::Share(error)), None),
        Some(Ok(payload)) => {
            let decoded = share_decode(payload.encoded).ok().flatten();
            match share_link::check_text(decoded) {
                Ok(text) => (text, None, Some(payload.view)),
                Err(error) => (kept(), Some(Notice::Share(error)), None),
            }
        }
    }
}

impl App {
    fn spawn_engine(&mut self, ctx: &Context<Self>) {
        // Dropping the old client terminates its worker first.
        self.client = None;
        self.state = EngineState::Starting;
        self.syntax.in_flight = None;
        match EngineClient::spawn(
            ENGINE_WORKER,
            ctx.link().callback(Msg::Engine),
            ctx.link().callback(Msg::EngineFailed),
        ) {
            Ok(client) => self.client = Some(client),
            Err(error) => self.state = EngineState::Unavailable(error),
        }
    }

    /// CodeMirror is made once the first answer is painted.
    fn start_editor_after_paint(&self, ctx: &Context<Self>) {
        if !self.editor_started {
            browser::after_paint(ctx.link().callback(|()| Msg::StartEditor));
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
                self.run_source = self.source.clone();
                self.state = EngineState::Running { request };
                self.notice = None;
            }
            Err(error) => self.notice = Some(Notice::EngineFailed(error)),
        }
        true
    }

    /// Sends the text to be checked, unless it was checked already or the
    /// engine is busy (then the check follows the engine's next answer).
    fn check_syntax(&mut self) {
        if self.state != EngineState::Idle
            || self.syntax.in_flight.is_some()
            || self.syntax.checked.as_ref() == Some(&self.source)
        {
            return;
        }
        let Some(client) = &self.client else {
            return;
        };
        self.next_request += 1;
        let request = self.next_request;
        let message = ToEngine::CheckSyntax {
            request,
            source: self.source.clone(),
        };
        if client.send(&message).is_ok() {
            self.syntax.in_flight = Some((request, self.source.clone()));
        }
    }

    fn syntax_checked(&mut self, request: u64, problem: Option<SyntaxProblem>) -> bool {
        match self.syntax.in_flight.take() {
            Some((sent, source)) if sent == request => {
                let changed = self.syntax.problem != problem;
                self.syntax.checked = Some(source);
                self.syntax.problem = problem;
                // The text may have changed while this check ran.
                self.check_syntax();
                changed
            }
            other => {
                self.syntax.in_flight = other;
                false
            }
        }
    }

    /// What the editor underlines: the syntax check's finding, else the
    /// run's error — unless that was a syntax error the text no longer has.
    pub(super) fn editor_error(&self) -> Option<EditorError> {
        if let Some(problem) = &self.syntax.problem {
            return Some(EditorError {
                line: problem.line,
                col: problem.col,
                end_line: problem.end_line,
                end_col: problem.end_col,
                message: format!("{}: {}", problem.class_name, problem.message),
            });
        }
        let report = &self.report.as_ref()?.0;
        let error = report.error.as_ref()?;
        let syntax = matches!(
            error.class_name.as_str(),
            "SyntaxError" | "IndentationError" | "TabError"
        );
        if syntax && self.source != self.run_source {
            return None;
        }
        super::layout::editor_error(report)
    }

    fn show(&mut self, request: u64, report: retort_report::RunReport) -> bool {
        if self.state != (EngineState::Running { request }) {
            return false;
        }
        self.state = EngineState::Idle;
        self.present(report);
        true
    }

    /// The example's run, which the engine made on starting: the answer
    /// to the run the page would send once the engine is ready, when it
    /// opened on the example in the default mode (it is the same run: a
    /// fresh database and the same text). Otherwise the page runs what it
    /// opened on, or nothing.
    fn example_ran(&mut self, report: retort_report::RunReport) -> bool {
        let adopt = self.run_on_ready && !self.keep && self.source == example::PYTHON;
        if !adopt {
            return false;
        }
        self.run_on_ready = false;
        self.run_source = self.source.clone();
        self.present(report);
        true
    }

    /// Checks the engine's report of the example against the build's on
    /// show; the engine's wins when they differ (a build made from other
    /// code than the page's), which the console says.
    fn check_example(&mut self, report: retort_report::RunReport) -> bool {
        let same = self.report.as_ref().is_some_and(|shown| *shown.0 == report);
        if same {
            self.example_check = ExampleCheck::Same;
        } else {
            web_sys::console::warn_1(
                &"the build's report of the example differs from the engine's: showing the engine's".into(),
            );
            self.example_check = ExampleCheck::Replaced;
            self.present(report);
        }
        true
    }

    /// Shows a run's report as the run on show.
    fn present(&mut self, report: retort_report::RunReport) {
        self.answered += 1;
        self.step = moment::default_step(&report);
        if report.error.is_some() {
            self.tab = Tab::Output;
        }
        self.filter_line = None;
        self.focus_line = None;
        if let Some(view) = self.pending_view.take() {
            if let (Some(step), Some(last)) = (view.step, report.steps.len().checked_sub(1)) {
                self.step = Some(step.min(last));
            }
            if let Some(tab) = view.tab.as_deref().and_then(Tab::from_id) {
                self.tab = tab;
            }
        }
        self.report = Some(Report(Rc::new(report)));
        self.showing_project = false;
        self.check_syntax();
        self.console_new_run();
    }

    /// The report the panels and the timeline show, and its step: the
    /// project database's after a terminal command, else the run's.
    pub(super) fn shown_report(&self) -> (Option<Report>, Option<usize>) {
        let project = &self.migrations.0;
        if self.showing_project && !project.runs.is_empty() {
            let last = project.runs.len() - 1;
            let step = project.selected.map_or(last, |s| s.min(last));
            (Some(project.report.clone()), Some(step))
        } else {
            (self.report.clone(), self.step)
        }
    }

    fn migrations_mut(&mut self) -> &mut Migrations {
        Rc::make_mut(&mut self.migrations.0)
    }

    /// Sends a terminal line with the project the page keeps.
    /// Sends the waiting `flask db` line to the migrations worker.
    fn send_migration(&mut self) {
        let (EngineState::Running { request }, Some(line), Some(client)) = (
            self.state.clone(),
            self.waiting_line.take(),
            &self.migrations_client,
        ) else {
            return;
        };
        let message = ToEngine::Migrate {
            request,
            script: self.source.clone(),
            line,
            state: Box::new(self.migrations.0.project.clone()),
        };
        if let Err(error) = client.send(&message) {
            self.state = EngineState::Idle;
            self.notice = Some(Notice::EngineFailed(error));
        }
    }

    fn migrate(&mut self, ctx: &Context<Self>, line: String) -> bool {
        if self.state != EngineState::Idle {
            return false;
        }
        if self.migrations_client.is_none() {
            match EngineClient::spawn(
                MIGRATIONS_WORKER,
                ctx.link().callback(Msg::MigrationsEngine),
                ctx.link().callback(Msg::MigrationsFailed),
            ) {
                Ok(client) => {
                    self.migrations_client = Some(client);
                    self.migrations_ready = false;
                }
                Err(error) => {
                    self.notice = Some(Notice::EngineFailed(error));
                    return true;
                }
            }
        }
        self.next_request += 1;
        let request = self.next_request;
        self.state = EngineState::Running { request };
        self.notice = None;
        self.waiting_line = Some(line.clone());
        if self.migrations_ready {
            self.send_migration();
        }
        self.migrations_mut().remember(&line);
        true
    }

    fn share(&mut self, ctx: &Context<Self>) -> bool {
        let Ok(encoded) = share_encode(&self.source) else {
            return false;
        };
        let view = ViewState {
            tab: Some(self.tab.id().to_owned()),
            step: self.report.as_ref().and(self.step),
        };
        let link = browser::set_hash(&share_link::fragment(&encoded, &view));
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
        let (source, notice, view) = opening_script();
        let tab = view
            .as_ref()
            .and_then(|v| v.tab.as_deref())
            .and_then(Tab::from_id)
            .unwrap_or(Tab::Output);
        // A link shared from a moment of a run runs when the engine is
        // ready and shows that moment.
        let pending_view = view.filter(|v| v.step.is_some());
        let keep = stored_keep();
        // In persistent mode a run changes the kept data: only Run does.
        let run_on_ready = pending_view.is_some() || (source == example::PYTHON && !keep);
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
            tab,
            filter_line: None,
            focus_line: None,
            split: 50.0,
            notice,
            share_link: None,
            present: false,
            syntax: SyntaxCheck::default(),
            run_source: String::new(),
            pending_view,
            run_on_ready,
            editor_started: !run_on_ready,
            example_check: ExampleCheck::NotShown,
            console: Vec::new(),
            console_alive: false,
            keep,
            place: None,
            db_note: None,
            migrations: MigrationsRef(Rc::new(
                project_store::restore()
                    .map(Migrations::restored)
                    .unwrap_or_default(),
            )),
            showing_project: false,
            migrations_client: None,
            migrations_ready: false,
            waiting_line: None,
        };
        app.spawn_engine(ctx);
        if run_on_ready && app.pending_view.is_none() {
            prerendered::take(
                ctx.link()
                    .callback(|report| Msg::Prerendered(Box::new(report))),
            );
        }
        if run_on_ready {
            browser::after(EDITOR_WAIT_MS, ctx.link().callback(|()| Msg::StartEditor));
        }
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
                if !self.syntax.scheduled {
                    self.syntax.scheduled = true;
                    browser::after(CHECK_DELAY_MS, ctx.link().callback(|()| Msg::CheckSyntax));
                }
                self.share_link.take().is_some()
            }
            Msg::CheckSyntax => {
                self.syntax.scheduled = false;
                self.check_syntax();
                false
            }
            Msg::Run => self.run(),
            Msg::Stop => {
                if !matches!(self.state, EngineState::Running { .. }) {
                    return false;
                }
                self.notice = Some(Notice::Stopped);
                // A shared script that had to be stopped is not run again.
                self.pending_view = None;
                self.run_on_ready = false;
                self.editor_started = true;
                self.console_ended(Key::ConsoleStopped);
                // A runaway migration: its worker is dropped (terminated)
                // and started again by the next line.
                self.migrations_client = None;
                self.waiting_line = None;
                self.spawn_engine(ctx);
                true
            }
            Msg::Engine(FromEngine::Ready { storage }) => {
                self.storage = Some(storage);
                self.state = EngineState::Idle;
                self.send_keep();
                if std::mem::take(&mut self.run_on_ready) {
                    // What the page says about its opening (a link that
                    // could not be read) stays; only Run clears it.
                    let opening = self.notice.take();
                    self.run();
                    self.notice = self.notice.take().or(opening);
                } else {
                    self.check_syntax();
                }
                true
            }
            Msg::Engine(FromEngine::Unavailable { reason }) => {
                self.state = EngineState::Unavailable(reason);
                self.editor_started = true;
                true
            }
            // The page sends no typed SQL; an answer to it is not awaited.
            Msg::Engine(FromEngine::SqlRan { .. }) => false,
            Msg::Engine(FromEngine::PythonRan { request, report }) => {
                self.start_editor_after_paint(ctx);
                self.show(request, *report)
            }
            Msg::Prerendered(report) => {
                let shown = self.example_ran(*report);
                if shown {
                    self.example_check = ExampleCheck::Awaiting;
                    self.start_editor_after_paint(ctx);
                }
                shown
            }
            Msg::Engine(FromEngine::ExampleRan { report })
                if self.example_check == ExampleCheck::Awaiting =>
            {
                self.check_example(*report)
            }
            Msg::Engine(FromEngine::ExampleRan { report }) => {
                let shown = self.example_ran(*report);
                if shown {
                    self.start_editor_after_paint(ctx);
                }
                shown
            }
            Msg::StartEditor => !std::mem::replace(&mut self.editor_started, true),
            Msg::Engine(FromEngine::SyntaxChecked { request, problem }) => {
                self.syntax_checked(request, problem)
            }
            Msg::Engine(FromEngine::ConsoleRan { request, outcome }) => {
                self.console_ran(request, outcome)
            }
            Msg::Engine(FromEngine::DatabasePlace { place }) => {
                self.place = Some(place);
                true
            }
            Msg::Engine(FromEngine::DatabaseDone { request, outcome }) => {
                self.database_done(request, outcome)
            }
            Msg::Console(line) => self.send_console(line),
            Msg::Keep(keep) => self.set_keep(keep),
            Msg::Database(action) => self.database(action),
            Msg::BadFile(name) => {
                self.db_note = Some(DatabaseNote::BadFile(name));
                true
            }
            // Migrations are answered by the migrations worker.
            Msg::Engine(FromEngine::Migrated { .. }) => false,
            Msg::Migrate(line) => self.migrate(ctx, line),
            Msg::MigrationsEngine(FromEngine::Ready { .. }) => {
                self.migrations_ready = true;
                self.send_migration();
                false
            }
            Msg::MigrationsEngine(FromEngine::Migrated { request, run }) => {
                if self.state != (EngineState::Running { request }) {
                    return false;
                }
                self.state = EngineState::Idle;
                self.migrations_mut().apply(*run);
                project_store::keep(&self.migrations.0.to_keep());
                self.showing_project = true;
                true
            }
            Msg::MigrationsEngine(_) => false,
            Msg::MigrationsFailed(reason) => {
                self.migrations_client = None;
                self.waiting_line = None;
                if matches!(self.state, EngineState::Running { .. }) {
                    self.state = EngineState::Idle;
                }
                self.notice = Some(Notice::EngineFailed(reason));
                true
            }
            Msg::MigrationShown(index) => {
                let changed = self.migrations.0.selected != Some(index) || !self.showing_project;
                self.migrations_mut().selected = Some(index);
                self.showing_project = true;
                changed
            }
            Msg::ProjectFileEdited(path, text) => {
                self.migrations_mut().edit(&path, &text);
                project_store::keep(&self.migrations.0.to_keep());
                true
            }
            Msg::EngineFailed(reason) => {
                self.console_ended(Key::ConsoleStopped);
                self.notice = Some(Notice::EngineFailed(reason));
                self.pending_view = None;
                self.run_on_ready = false;
                self.editor_started = true;
                self.spawn_engine(ctx);
                true
            }
            Msg::ProjectFileCreated(path) => {
                self.migrations_mut().create(path);
                project_store::keep(&self.migrations.0.to_keep());
                true
            }
            Msg::ProjectReset => {
                if self.state != EngineState::Idle {
                    return false;
                }
                project_store::forget();
                self.migrations_mut().reset();
                self.showing_project = false;
                true
            }
            Msg::ProjectFileOpened(path) => {
                self.migrations_mut().open_file = path;
                true
            }
            Msg::ShowProject(tab) => {
                self.showing_project = true;
                self.tab = tab;
                true
            }
            Msg::ShowRun => {
                self.showing_project = false;
                true
            }
            Msg::Step(step) if self.showing_project => {
                let count = self.migrations.0.runs.len();
                let step = step.min(count.saturating_sub(1));
                let changed = self.migrations.0.selected != Some(step) && count > 0;
                if changed {
                    self.migrations_mut().selected = Some(step);
                }
                changed
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
