//! What the command on show did to the database's schema: the tables
//! afterwards, with the tables and columns it created, dropped or changed
//! marked.

use retort_report::migration::{Change, ColumnSchema, MigrationRun, TableChange};
use yew::prelude::*;

use crate::i18n::{Key, Lang, fill, text};

fn column_text(column: &ColumnSchema) -> String {
    let mut out = format!("{} {}", column.name, column.type_name);
    if !column.nullable {
        out.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        out.push_str(&format!(" DEFAULT {default}"));
    }
    if column.primary_key {
        out.push_str(" PRIMARY KEY");
    }
    out
}

fn change_key(change: Change, table: bool) -> Key {
    match (change, table) {
        (Change::Added, true) => Key::MigTableAdded,
        (Change::Dropped, true) => Key::MigTableDropped,
        (Change::Changed, true) => Key::MigTableChanged,
        (Change::Added, false) => Key::MigColumnAdded,
        (Change::Dropped, false) => Key::MigColumnDropped,
        (Change::Changed, false) => Key::MigColumnChanged,
    }
}

fn change_class(change: Change) -> &'static str {
    match change {
        Change::Added => "added",
        Change::Dropped => "dropped",
        Change::Changed => "changed",
    }
}

/// The schema after the command, changes marked.
pub fn schema_view(lang: Lang, run: &MigrationRun) -> Html {
    let title = fill(lang, Key::MigSchema, &[("command", &run.command)]);
    let tables = run
        .schema_after
        .iter()
        .filter(|t| t.name != "alembic_version");
    let dropped: Vec<&TableChange> = run
        .changes
        .iter()
        .filter(|c| c.change == Change::Dropped)
        .collect();
    html! {
        <section class="mig-schema" id="mig-schema">
            <h3 class="panel-subtitle">{ title }</h3>
            if run.changes.is_empty() {
                <p class="muted">{ text(lang, Key::MigNoChanges) }</p>
            }
            { for tables.map(|table| {
                let change = run.changes.iter().find(|c| c.table == table.name);
                let marked = |name: &str| change.and_then(|c| c.columns.iter().find(|col| col.name == name));
                html! {
                    <div class={classes!("mig-table", change.map(|c| change_class(c.change)))} data-table={table.name.clone()}>
                        <code class="mig-table-name">{ &table.name }</code>
                        if let Some(c) = change {
                            { " " }<span class={classes!("mark", change_class(c.change))}>{ text(lang, change_key(c.change, true)) }</span>
                        }
                        <ul class="mig-columns">
                            { for table.columns.iter().map(|column| {
                                let mark = marked(&column.name);
                                html! {
                                    <li class={classes!("mig-column", mark.map(|m| change_class(m.change)))} data-column={column.name.clone()}>
                                        <code>{ column_text(column) }</code>
                                        if let Some(m) = mark {
                                            { " " }<span class={classes!("mark", change_class(m.change))}>{ text(lang, change_key(m.change, false)) }</span>
                                            if let (Change::Changed, Some(before)) = (m.change, &m.before) {
                                                { " " }<code class="old">{ column_text(before) }</code>
                                            }
                                        }
                                    </li>
                                }
                            }) }
                            { for change.into_iter().flat_map(|c| c.columns.iter()).filter(|m| m.change == Change::Dropped).map(|m| html! {
                                <li class="mig-column dropped" data-column={m.name.clone()}>
                                    <code class="old">{ m.before.as_ref().map(column_text).unwrap_or_else(|| m.name.clone()) }</code>
                                    { " " }<span class="mark dropped">{ text(lang, Key::MigColumnDropped) }</span>
                                </li>
                            }) }
                        </ul>
                    </div>
                }
            }) }
            { for dropped.iter().map(|c| html! {
                <div class="mig-table dropped" data-table={c.table.clone()}>
                    <code class="mig-table-name old">{ &c.table }</code>
                    { " " }<span class="mark dropped">{ text(lang, Key::MigTableDropped) }</span>
                </div>
            }) }
        </section>
    }
}
