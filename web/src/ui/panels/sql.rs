//! The SQL panel: the statements up to the selected step, grouped into
//! transactions, each with its origin badge, row count and parameters;
//! the selected step's statements are marked. Clicking a statement marks
//! its source line in the editor; a line filter (from the editor's
//! gutter) narrows the list to that line's statements.

use retort_report::{Origin, Phase, StatementEvent, StatementKind};
use yew::prelude::*;

use super::PanelProps;
use super::sql_text::highlighted;
use crate::i18n::{Key, Lang, fill, text};
use crate::moment::{self, Group};

#[function_component(SqlPanel)]
pub fn sql_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    use_effect_with((props.step, props.report.clone()), |_| scroll_to_current());
    let (Some(report), Some(step)) = (&props.report, props.step) else {
        return html! { <p class="empty">{ text(lang, Key::NoSql) }</p> };
    };
    let mut statements = moment::statements_until(&report.0, step);
    if let Some(line) = props.filter_line {
        statements.retain(|s| s.span.is_some_and(|span| span.line == line));
    }
    let groups = moment::transactions(&statements);
    let clear = props.on_filter.reform(|_: MouseEvent| None);
    html! {
        <>
            if let Some(line) = props.filter_line {
                <p class="filter" id="sql-filter">
                    { fill(lang, Key::StatementsOfLine, &[("n", &line.to_string())]) }
                    <button class="link" id="sql-filter-clear" onclick={clear}>
                        { text(lang, Key::ShowAll) }
                    </button>
                </p>
            }
            if statements.is_empty() {
                <p class="empty">{ text(lang, Key::NoSql) }</p>
            }
            <ol id="sql-log" class="sql-log">
                { for groups.iter().map(|g| group(props, g, step as u64)) }
            </ol>
        </>
    }
}

/// Brings the selected step's first statement into view.
fn scroll_to_current() {
    let current = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector("#sql-log .sql-entry.current")
            .ok()
            .flatten()
    });
    if let Some(current) = current {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        current.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

fn group(props: &PanelProps, group: &Group<'_>, step: u64) -> Html {
    let entries = html! { { for group.statements.iter().map(|s| entry(props, s, step)) } };
    if !group.transaction {
        return entries;
    }
    let lang = props.lang;
    let (class, label) = match group.end {
        Some(StatementKind::Commit) => ("tx committed", text(lang, Key::Committed)),
        Some(_) => ("tx rolled-back", text(lang, Key::RolledBack)),
        None => ("tx open", text(lang, Key::StillOpen)),
    };
    html! {
        <li class={class}>
            <span class="tx-label">{ format!("{} · {label}", text(lang, Key::Transaction)) }</span>
            <ol class="tx-body">{ entries }</ol>
        </li>
    }
}

fn origin_key(statement: &StatementEvent) -> (Key, &'static str) {
    match statement.origin {
        Origin::CreateAll | Origin::DropAll => (Key::OriginDdl, "ddl"),
        Origin::Flush => (Key::OriginFlush, "flush"),
        Origin::Query => (Key::OriginQuery, "query"),
        Origin::Refresh => (Key::OriginRefresh, "refresh"),
        Origin::LazyLoad => (Key::OriginLazyLoad, "lazy-load"),
        Origin::EagerLoad => (Key::OriginEagerLoad, "eager-load"),
        Origin::Session => (Key::OriginSession, "session"),
        Origin::Bulk => (Key::OriginBulk, "bulk"),
        Origin::Inspect => (Key::OriginInspect, "inspect"),
        Origin::Terminal => (Key::OriginTerminal, "terminal"),
        _ => (Key::OriginOther, "other"),
    }
}

fn row_count(lang: Lang, statement: &StatementEvent) -> Option<String> {
    let n = |k, n: u64| fill(lang, k, &[("n", &n.to_string())]);
    match (statement.rows_returned, statement.rowcount) {
        (Some(rows), _) => Some(n(Key::RowsReturned, rows)),
        (None, Some(rows)) => Some(n(Key::RowsChanged, rows)),
        _ => None,
    }
}

fn entry(props: &PanelProps, statement: &StatementEvent, step: u64) -> Html {
    let lang = props.lang;
    let marker = matches!(
        statement.kind,
        StatementKind::Begin | StatementKind::Commit | StatementKind::Rollback
    );
    let line = statement.span.map(|span| span.line);
    let classes = classes!(
        "sql-entry",
        marker.then_some("marker"),
        (statement.step == step).then_some("current"),
        (line.is_some() && line == props.focus_line).then_some("focused"),
        statement.failure.is_some().then_some("failed"),
    );
    let (origin, origin_class) = origin_key(statement);
    let place = match (statement.phase, line) {
        (Phase::Teardown, _) => Some(text(lang, Key::Teardown).to_owned()),
        (_, None) if statement.console.is_some() => Some(fill(
            lang,
            Key::StepConsole,
            &[("n", &statement.console.unwrap_or(0).to_string())],
        )),
        (_, Some(line)) => Some(fill(lang, Key::Line, &[("n", &line.to_string())])),
        _ => None,
    };
    let onclick = line.map(|line| {
        let on_focus = props.on_focus_line.clone();
        Callback::from(move |_: MouseEvent| on_focus.emit(line))
    });
    html! {
        <li class={classes} data-index={statement.index.to_string()} {onclick}>
            <div class="sql-head">
                if !marker {
                    <span class={classes!("badge", "origin", origin_class)}>{ text(lang, origin) }</span>
                }
                if let Some(count) = row_count(lang, statement) {
                    <span class="sql-rows">{ count }</span>
                }
                if let Some(place) = place {
                    <span class="sql-meta">{ place }</span>
                }
            </div>
            <div class="sql-body">
                <pre class="sql-text">{ highlighted(statement.sql.trim()) }</pre>
                if !statement.params_text.is_empty() {
                    <code class="sql-params">{ &statement.params_text }</code>
                }
            </div>
            if let Some(failure) = &statement.failure {
                <p class="sql-failure">{ failure }</p>
            }
        </li>
    }
}
