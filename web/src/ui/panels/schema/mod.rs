//! The Schema panel: the database's tables at the selected step — a
//! diagram of the tables, their columns and foreign keys ([`diagram`]),
//! then the `CREATE TABLE` and `CREATE INDEX` statements as SQLite holds
//! them — and the tables the script declares that are not created yet.

mod diagram;
mod layout_js;

use retort_report::SchemaTable;
use yew::prelude::*;

use super::PanelProps;
use super::sql_text::highlighted;
use crate::i18n::{Key, fill, text};
use crate::moment;

use diagram::SchemaDiagram;

#[function_component(SchemaPanel)]
pub fn schema_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let report = props.report.as_ref().map(|r| &*r.0);
    let Some(report) = report else {
        return html! { <p class="empty">{ text(lang, Key::NoSchema) }</p> };
    };
    let schema = moment::schema_at(report, props.step);
    let missing = moment::missing_tables(report, schema);
    let tables = schema.map(|s| s.tables.as_slice()).unwrap_or_default();
    html! {
        <>
            if !missing.is_empty() {
                <p class="hint-box" id="not-created">
                    { fill(lang, Key::NotCreated, &[("names", &missing.join(", "))]) }
                </p>
            }
            if tables.is_empty() {
                <p class="empty">{ text(lang, Key::NoSchema) }</p>
            } else {
                <h3 class="panel-subtitle">{ text(lang, Key::SchemaDiagram) }</h3>
                if let Some(schema) = schema {
                    <SchemaDiagram lang={lang} schema={schema.clone()} />
                }
                <h3 class="panel-subtitle">{ text(lang, Key::SchemaDdl) }</h3>
                { for tables.iter().map(ddl_view) }
            }
        </>
    }
}

fn ddl_view(table: &SchemaTable) -> Html {
    html! {
        <section class="ddl" data-table={table.name.clone()}>
            <pre class="sql-text">{ highlighted(&table.sql) }</pre>
            { for table.indexes.iter().map(|index| html! {
                <pre class="sql-text">{ highlighted(index) }</pre>
            }) }
        </section>
    }
}
