//! Rendering one Python run from its report: what it printed, the error
//! that ended it, and the SQL it emitted with parameters, origin and line.
//!
//! Every value a user supplied is rendered as a text node, never as HTML.

use retort_report::{Event, Origin, Phase, RunReport, StatementEvent, StatementKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PythonRunProps {
    pub report: RunReport,
}

/// The outcome of one Python run.
#[function_component(PythonRunView)]
pub fn python_run_view(props: &PythonRunProps) -> Html {
    let report = &props.report;
    let stdout = report.stdout();
    let warnings: Vec<String> = report
        .steps
        .iter()
        .flat_map(|step| &step.events)
        .filter_map(|event| match event {
            Event::Warning(w) => Some(format!("{}: {}", w.category, w.message)),
            _ => None,
        })
        .collect();
    html! {
        <section class="run python-run" aria-live="polite">
            <h2 class="panel-title">{ "Output" }</h2>
            <pre id="output" class="output">{ stdout }</pre>
            { for warnings.into_iter().map(|w| html! { <p class="warning">{ w }</p> }) }
            if let Some(error) = &report.error {
                <div class="error" role="alert" id="python-error">
                    <strong class="error-class">{ &error.class_name }</strong>
                    { ": " }
                    <span class="error-message">{ &error.message }</span>
                    if let Some(line) = error.line {
                        <span class="error-line">{ format!(" (line {line})") }</span>
                    }
                </div>
            }
            <h2 class="panel-title">
                { format!("SQL ({} statements)", report.statements.len()) }
            </h2>
            <ol id="sql-log" class="sql-log">
                { for report.statements.iter().map(statement_entry) }
            </ol>
        </section>
    }
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Session => "session",
        Origin::Flush => "flush",
        Origin::Query => "query",
        Origin::Refresh => "refresh",
        Origin::CreateAll => "create_all",
        Origin::DropAll => "drop_all",
        Origin::Bulk => "bulk",
        Origin::Inspect => "inspect",
        Origin::LazyLoad => "lazy load",
        Origin::EagerLoad => "eager load",
        _ => "other",
    }
}

fn statement_entry(statement: &StatementEvent) -> Html {
    let marker = matches!(
        statement.kind,
        StatementKind::Begin | StatementKind::Commit | StatementKind::Rollback
    );
    let class = if marker {
        "sql-entry marker"
    } else {
        "sql-entry"
    };
    let line = match (statement.phase, statement.span) {
        (Phase::Teardown, _) => " · teardown".to_owned(),
        (_, Some(span)) => format!(" · line {}", span.line),
        (_, None) => String::new(),
    };
    html! {
        <li class={class}>
            <pre class="sql-text">{ statement.sql.trim() }</pre>
            if !statement.params_text.is_empty() {
                <code class="sql-params">{ &statement.params_text }</code>
            }
            <span class="sql-meta">{ format!("{}{line}", origin_name(statement.origin)) }</span>
        </li>
    }
}
