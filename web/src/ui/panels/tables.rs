//! The Tables panel: every table's rows at the selected step, with rows
//! inserted, updated (the cells that changed) and deleted since the step
//! before marked.

use retort_report::{Shown, TableSnapshot, TypedValue};
use yew::prelude::*;

use super::PanelProps;
use crate::i18n::{Key, Lang, fill, text};
use crate::moment::{self, RowMark};

#[function_component(TablesPanel)]
pub fn tables_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let report = props.report.as_ref().map(|r| &*r.0);
    let (Some(report), Some(step)) = (report, props.step) else {
        return html! { <p class="empty">{ text(lang, Key::NoTables) }</p> };
    };
    let now = moment::tables_at(report, Some(step));
    let before = moment::tables_at(report, step.checked_sub(1));
    if now.is_empty() {
        return html! { <p class="empty">{ text(lang, Key::NoTables) }</p> };
    }
    html! {
        <>
            <p class="legend">
                <span class="mark inserted">{ text(lang, Key::Inserted) }</span>
                <span class="mark updated">{ text(lang, Key::Updated) }</span>
                <span class="mark deleted">{ text(lang, Key::Deleted) }</span>
            </p>
            { for now.iter().map(|table| {
                let previous = before.iter().find(|t| t.name == table.name).copied();
                table_view(lang, table, previous)
            }) }
        </>
    }
}

/// "1 row", "3 rows".
fn rows_text(lang: Lang, count: u64) -> String {
    if count == 1 {
        text(lang, Key::OneRow).to_owned()
    } else {
        fill(lang, Key::Rows, &[("n", &count.to_string())])
    }
}

fn table_view(lang: Lang, table: &TableSnapshot, before: Option<&TableSnapshot>) -> Html {
    let rows = moment::diff_rows(table, before);
    html! {
        <section class="db-table" data-table={table.name.clone()}>
            <h3 class="panel-subtitle">
                <code>{ &table.name }</code>
                <span class="muted">{ format!(" · {}", rows_text(lang, table.row_count)) }</span>
            </h3>
            <div class="table-scroll">
                <table class="rows">
                    <thead>
                        <tr>{ for table.columns.iter().map(|c| html! { <th>{ c }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|(mark, row)| row_view(lang, mark, row)) }
                    </tbody>
                </table>
            </div>
            if table.truncated {
                <p class="muted">{ fill(lang, Key::Truncated, &[("n", &table.rows.len().to_string())]) }</p>
            }
        </section>
    }
}

fn row_view(lang: Lang, mark: &RowMark, row: &[Shown]) -> Html {
    let (class, title) = match mark {
        RowMark::Same => ("", None),
        RowMark::Inserted => ("inserted", Some(text(lang, Key::Inserted))),
        RowMark::Updated(_) => ("updated", Some(text(lang, Key::Updated))),
        RowMark::Deleted => ("deleted", Some(text(lang, Key::Deleted))),
    };
    html! {
        <tr class={class} title={title}>
            { for row.iter().enumerate().map(|(i, value)| {
                let changed = matches!(mark, RowMark::Updated(cells) if cells.get(i) == Some(&true));
                cell(value, changed)
            }) }
        </tr>
    }
}

fn cell(value: &Shown, changed: bool) -> Html {
    let kind = match value.value {
        TypedValue::None => "null",
        TypedValue::Int(_) | TypedValue::Float(_) | TypedValue::Decimal(_) => "number",
        _ => "",
    };
    let shown = match &value.value {
        TypedValue::Str(s) => s.clone(),
        TypedValue::None => "NULL".to_owned(),
        _ => value.text.clone(),
    };
    html! { <td class={classes!(kind, changed.then_some("changed"))}>{ shown }</td> }
}
