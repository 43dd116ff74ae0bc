//! The Migrations view: a terminal for `flask db ...` on a project the
//! page keeps, next to the revision chain, the project's files (revision
//! scripts editable), and for the command on show the schema afterwards
//! with its changes. The SQL it ran, the rows and the schema diagram are
//! in the SQL, Tables and Schema panels, which show the project
//! database's report (a step per command) after a command; buttons here
//! open them.

mod chain;
mod changes;
mod files;
mod mistakes;
mod state;
mod terminal;

use yew::prelude::*;

use crate::i18n::{Key, Lang, fill, text};

use super::Tab;

pub use state::{Migrations, MigrationsRef};

use chain::Chain;
use files::Files;
use terminal::Terminal;

#[derive(Properties, PartialEq, Clone)]
pub struct MigrationsProps {
    pub lang: Lang,
    pub state: MigrationsRef,
    /// A command is running (the line waits).
    pub busy: bool,
    pub on_command: Callback<String>,
    pub on_select: Callback<usize>,
    /// A traceback line of `app.py` points at this editor line.
    pub on_line: Callback<u32>,
    pub on_edit: Callback<(String, String)>,
    /// Show the project database's report on a tab.
    pub on_open: Callback<Tab>,
    /// Start again with an empty project.
    pub on_reset: Callback<()>,
    /// Add an empty file to the project (a project-relative path).
    pub on_create_file: Callback<String>,
    /// Open a project file (or close it: `None`).
    pub on_open_file: Callback<Option<String>>,
}

/// Buttons that open the command's SQL, rows and schema in their panels.
fn open_buttons(lang: Lang, statements: usize, on_open: &Callback<Tab>) -> Html {
    let button = |id: &'static str, tab: Tab, label: String| {
        let on_open = on_open.clone();
        html! {
            <button id={id} onclick={Callback::from(move |_: MouseEvent| on_open.emit(tab))}>
                { label }
            </button>
        }
    };
    html! {
        <div class="mig-open">
            { button("mig-open-sql", Tab::Sql, fill(lang, Key::MigOpenSql, &[("n", &statements.to_string())])) }
            { button("mig-open-tables", Tab::Tables, text(lang, Key::MigOpenTables).to_owned()) }
            { button("mig-open-schema", Tab::Schema, text(lang, Key::MigOpenSchema).to_owned()) }
        </div>
    }
}

#[function_component(MigrationsPanel)]
pub fn migrations_panel(props: &MigrationsProps) -> Html {
    let lang = props.lang;
    let view = &props.state.0;
    let latest = view.latest();
    let shown = view.shown();
    let shown_step = view.selected.unwrap_or(view.runs.len().saturating_sub(1)) as u64;
    let statements = view
        .report
        .0
        .statements
        .iter()
        .filter(|s| s.step == shown_step)
        .count();
    let revisions = latest.map(|r| r.revisions.clone()).unwrap_or_default();
    let at_base = latest.is_some_and(|r| {
        r.current.is_empty() && r.schema_after.iter().any(|t| t.name == "alembic_version")
    });
    html! {
        <div class="migrations" id="migrations" data-runs={view.runs.len().to_string()}>
            <Terminal lang={lang} state={props.state.clone()} busy={props.busy}
                on_command={props.on_command.clone()} on_select={props.on_select.clone()}
                on_line={props.on_line.clone()} />
            <div class="mig-grid">
                <section class="mig-box">
                    <h3 class="panel-subtitle">{ text(lang, Key::MigRevisions) }</h3>
                    <Chain lang={lang} revisions={revisions} at_base={at_base} />
                </section>
                if let Some(run) = shown {
                    <div class="mig-box">
                        { changes::schema_view(lang, run) }
                        { open_buttons(lang, statements, &props.on_open) }
                    </div>
                }
            </div>
            <section class="mig-box">
                <h3 class="panel-subtitle mig-files-title">
                    <span>{ text(lang, Key::MigFiles) }</span>
                    <button id="mig-reset" title={text(lang, Key::MigResetHint)}
                        disabled={props.busy || (view.runs.is_empty() && view.project == Default::default())}
                        onclick={props.on_reset.reform(|_: MouseEvent| ())}>
                        { text(lang, Key::MigReset) }
                    </button>
                </h3>
                <Files lang={lang} project={view.project.clone()}
                    app_source={latest.map(|r| r.app_source.clone())}
                    on_edit={props.on_edit.clone()}
                    open={view.open_file.clone()} on_open={props.on_open_file.clone()}
                    on_create={props.on_create_file.clone()} />
            </section>
        </div>
    }
}
