//! The tabbed panels on the right: Output, SQL, Tables, Session, Schema —
//! each a view of the same report at the same selected step: the run's,
//! or after a terminal command the project database's, which a banner
//! says — and Migrations (`flask db ...` on a project the page keeps).

mod migrations;
mod output;
mod schema;
mod session;
mod sql;
mod sql_text;
mod tables;

use std::rc::Rc;

use retort_report::RunReport;
use yew::prelude::*;

use crate::i18n::{Key, Lang, text};

pub use migrations::{Migrations, MigrationsPanel, MigrationsProps, MigrationsRef};
pub use output::OutputPanel;
pub use schema::SchemaPanel;
pub use session::SessionPanel;
pub use sql::SqlPanel;
pub use tables::TablesPanel;

/// A run report shared by the panels; equal when it is the same run.
#[derive(Clone, Default)]
pub struct Report(pub Rc<RunReport>);

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The panels' tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Output,
    Sql,
    Tables,
    Session,
    Schema,
    Migrations,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Output,
        Tab::Sql,
        Tab::Tables,
        Tab::Session,
        Tab::Schema,
        Tab::Migrations,
    ];

    /// The tab an id names (a share link's `tab=`).
    pub fn from_id(id: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|tab| tab.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Tab::Output => "output",
            Tab::Sql => "sql",
            Tab::Tables => "tables",
            Tab::Session => "session",
            Tab::Schema => "schema",
            Tab::Migrations => "migrations",
        }
    }

    fn key(self) -> Key {
        match self {
            Tab::Output => Key::TabOutput,
            Tab::Sql => Key::TabSql,
            Tab::Tables => Key::TabTables,
            Tab::Session => Key::TabSession,
            Tab::Schema => Key::TabSchema,
            Tab::Migrations => Key::TabMigrations,
        }
    }
}

/// What every panel is given.
#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub lang: Lang,
    pub report: Option<Report>,
    pub step: Option<usize>,
    /// The line whose statements the SQL panel lists, if filtered.
    pub filter_line: Option<u32>,
    /// The line marked in the editor.
    pub focus_line: Option<u32>,
    pub on_focus_line: Callback<u32>,
    pub on_filter: Callback<Option<u32>>,
}

/// Whose report the panels show.
#[derive(PartialEq, Clone)]
pub struct PanelSource {
    /// The project database's (the Migrations terminal's commands).
    pub project: bool,
    /// A run's report exists to go back to.
    pub has_run: bool,
    pub on_run: Callback<()>,
}

#[derive(Properties, PartialEq)]
pub struct PanelsProps {
    pub tab: Tab,
    pub on_tab: Callback<Tab>,
    pub panel: PanelProps,
    pub migrations: MigrationsProps,
    pub source: PanelSource,
}

/// Says, above a panel that shows the project database's report, that it
/// does, with a way back to the run.
fn project_banner(lang: Lang, source: &PanelSource) -> Html {
    let on_run = source.on_run.clone();
    html! {
        <p class="project-banner" id="project-banner" role="status">
            <span>{ text(lang, Key::ProjectShown) }</span>
            if source.has_run {
                { " " }
                <button id="show-run" onclick={Callback::from(move |_: MouseEvent| on_run.emit(()))}>
                    { text(lang, Key::BackToRun) }
                </button>
            }
        </p>
    }
}

#[function_component(Panels)]
pub fn panels(props: &PanelsProps) -> Html {
    let lang = props.panel.lang;
    let panel = props.panel.clone();
    let body = match props.tab {
        Tab::Output => html! { <OutputPanel ..panel /> },
        Tab::Sql => html! { <SqlPanel ..panel /> },
        Tab::Tables => html! { <TablesPanel ..panel /> },
        Tab::Session => html! { <SessionPanel ..panel /> },
        Tab::Schema => html! { <SchemaPanel ..panel /> },
        Tab::Migrations => html! { <MigrationsPanel ..props.migrations.clone() /> },
    };
    html! {
        <section class="panels" aria-label={text(lang, Key::Panels)}>
            <div class="tabs" role="tablist">
                { for Tab::ALL.iter().map(|&tab| {
                    let selected = tab == props.tab;
                    let on_tab = props.on_tab.clone();
                    html! {
                        <button role="tab" id={format!("tab-{}", tab.id())}
                            aria-selected={selected.to_string()}
                            aria-controls="panel"
                            class={classes!("tab", selected.then_some("selected"))}
                            onclick={Callback::from(move |_: MouseEvent| on_tab.emit(tab))}>
                            { text(lang, tab.key()) }
                        </button>
                    }
                }) }
            </div>
            <div class="panel" id="panel" role="tabpanel" data-tab={props.tab.id()}
                aria-labelledby={format!("tab-{}", props.tab.id())}>
                if props.source.project && props.tab != Tab::Migrations {
                    { project_banner(lang, &props.source) }
                }
                { body }
            </div>
        </section>
    }
}
