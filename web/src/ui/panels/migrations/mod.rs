//! The Migrations view: a terminal for `flask db ...` on a project the
//! page keeps, next to the revision chain, the project's files (revision
//! scripts editable), and for the command on show the schema afterwards
//! with its changes, the SQL it ran and the rows. The SQL and rows are
//! shown here rather than in the SQL and Tables panels, which show a
//! Python run's report.

mod chain;
mod changes;
mod files;
mod mistakes;
mod state;
mod terminal;

use yew::prelude::*;

use crate::i18n::{Key, Lang, text};

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
    pub on_edit: Callback<(String, String)>,
}

#[function_component(MigrationsPanel)]
pub fn migrations_panel(props: &MigrationsProps) -> Html {
    let lang = props.lang;
    let view = &props.state.0;
    let latest = view.latest();
    let shown = view.shown();
    let revisions = latest.map(|r| r.revisions.clone()).unwrap_or_default();
    let at_base = latest.is_some_and(|r| {
        r.current.is_empty() && r.schema_after.iter().any(|t| t.name == "alembic_version")
    });
    html! {
        <div class="migrations" id="migrations" data-runs={view.runs.len().to_string()}>
            <Terminal lang={lang} state={props.state.clone()} busy={props.busy}
                on_command={props.on_command.clone()} on_select={props.on_select.clone()} />
            <div class="mig-grid">
                <section class="mig-box">
                    <h3 class="panel-subtitle">{ text(lang, Key::MigRevisions) }</h3>
                    <Chain lang={lang} revisions={revisions} at_base={at_base} />
                </section>
                if let Some(run) = shown {
                    <div class="mig-box">{ changes::schema_view(lang, run) }</div>
                }
            </div>
            <section class="mig-box">
                <h3 class="panel-subtitle">{ text(lang, Key::MigFiles) }</h3>
                <Files lang={lang} project={view.project.clone()}
                    app_source={latest.map(|r| r.app_source.clone())}
                    on_edit={props.on_edit.clone()} />
            </section>
            if let Some(run) = shown {
                { changes::sql_view(lang, run) }
                { changes::rows_view(lang, &run.tables) }
            }
        </div>
    }
}
