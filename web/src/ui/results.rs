//! Rendering one SQL run: a table per query, a count per change, the error.
//!
//! Every value a user supplied is rendered as a text node, never as HTML.

use retort_driver::{ResultSet, StatementResult, Value};
use yew::prelude::*;

use crate::protocol::SqlRun;

#[derive(Properties, PartialEq)]
pub struct RunViewProps {
    pub run: SqlRun,
}

/// The outcome of one run, statement by statement.
#[function_component(RunView)]
pub fn run_view(props: &RunViewProps) -> Html {
    let run = &props.run;
    let total_ms: f64 = run.trace.iter().map(|t| t.duration_ms).sum();
    html! {
        <section class="run" aria-live="polite">
            <p class="run-summary">
                { format!("{} statement(s) in {:.1} ms", run.trace.len(), total_ms) }
            </p>
            { for run.statements.iter().map(|(sql, result)| html! {
                <StatementView sql={sql.clone()} result={result.clone()} />
            }) }
            if let Some(error) = &run.error {
                <div class="error" role="alert" id="error">
                    <strong>{ error.class.name() }</strong>
                    { ": " }
                    <span class="error-message">{ &error.message }</span>
                    if let Some(failed) = run.trace.last().filter(|t| matches!(t.outcome, retort_driver::StatementOutcome::Failed(_))) {
                        <pre class="error-sql">{ &failed.sql }</pre>
                    }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StatementViewProps {
    sql: String,
    result: StatementResult,
}

#[function_component(StatementView)]
fn statement_view(props: &StatementViewProps) -> Html {
    let body = match &props.result {
        StatementResult::Rows(rows) => rows_table(rows),
        StatementResult::Changed { rows_affected } => html! {
            <p class="changed">{ describe_change(&props.sql, *rows_affected) }</p>
        },
    };
    html! {
        <article class="statement">
            <pre class="statement-sql">{ &props.sql }</pre>
            { body }
        </article>
    }
}

/// "3 row(s) affected" for a change to rows; "OK" for DDL and other
/// statements, where SQLite's count of changed rows means nothing.
fn describe_change(sql: &str, rows_affected: u64) -> String {
    let keyword = sql
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|word| !word.is_empty())
        .unwrap_or_default()
        .to_ascii_uppercase();
    match keyword.as_str() {
        "INSERT" | "UPDATE" | "DELETE" | "REPLACE" | "WITH" => {
            format!("{rows_affected} row(s) affected")
        }
        _ => "OK".to_owned(),
    }
}

fn rows_table(rows: &ResultSet) -> Html {
    html! {
        <div class="table-scroll">
            <table class="rows">
                <thead>
                    <tr>{ for rows.columns.iter().map(|c| html! { <th>{ c }</th> }) }</tr>
                </thead>
                <tbody>
                    { for rows.rows.iter().map(|row| html! {
                        <tr>{ for row.iter().map(cell) }</tr>
                    }) }
                </tbody>
            </table>
            <p class="row-count">{ format!("{} row(s)", rows.rows.len()) }</p>
        </div>
    }
}

fn cell(value: &Value) -> Html {
    match value {
        Value::Null => html! { <td class="null">{ "NULL" }</td> },
        Value::Integer(i) => html! { <td class="number">{ i }</td> },
        Value::Real(r) => html! { <td class="number">{ r }</td> },
        Value::Text(t) => html! { <td>{ t }</td> },
        Value::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02X}")).collect();
            html! { <td class="blob">{ format!("x'{hex}'") }</td> }
        }
    }
}
