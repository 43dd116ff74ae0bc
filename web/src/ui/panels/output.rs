//! The Output panel: what the script printed up to the selected step, its
//! warnings, and the error that ended the run with a traceback whose
//! lines are links into the editor.

use retort_report::ErrorEvent;
use yew::prelude::*;

use super::PanelProps;
use crate::i18n::{Key, explain, fill, text};
use crate::moment;

#[function_component(OutputPanel)]
pub fn output_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let Some(report) = &props.report else {
        return html! { <p class="empty">{ text(lang, Key::NothingYet) }</p> };
    };
    let report = &report.0;
    let step = props.step;
    let stdout = step
        .map(|s| moment::output_until(report, s))
        .unwrap_or_default();
    let warnings = step
        .map(|s| moment::warnings_until(report, s))
        .unwrap_or_default();
    html! {
        <>
            if let Some(error) = &report.error {
                { error_box(props, error, !report.steps.is_empty()) }
            }
            <pre id="output" class="output" hidden={stdout.is_empty()}>{ stdout.clone() }</pre>
            if stdout.is_empty() {
                <p class="empty">{ text(lang, Key::NoOutput) }</p>
            }
            if !warnings.is_empty() {
                <h3 class="panel-subtitle">{ text(lang, Key::Warnings) }</h3>
                <ul class="warnings">
                    { for warnings.iter().map(|w| html! {
                        <li class="warning">{ format!("{}: {}", w.category, w.message) }</li>
                    }) }
                </ul>
            }
        </>
    }
}

fn line_link(props: &PanelProps, line: u32, label: String) -> Html {
    let on_focus = props.on_focus_line.clone();
    html! {
        <button class="link line-link" data-line={line.to_string()}
            onclick={Callback::from(move |_: MouseEvent| on_focus.emit(line))}>
            { label }
        </button>
    }
}

fn error_box(props: &PanelProps, error: &ErrorEvent, ran: bool) -> Html {
    let lang = props.lang;
    html! {
        <div class="error" role="alert" id="python-error">
            <p class="error-head">
                <strong class="error-class">{ &error.class_name }</strong>
                { ": " }
                // The first line; the traceback below has the whole message.
                <span class="error-message">{ error.message.lines().next().unwrap_or_default() }</span>
                if let Some(line) = error.line {
                    { " · " }
                    { line_link(props, line, fill(lang, Key::ErrorAtLine, &[("n", &line.to_string())])) }
                }
            </p>
            if let Some(explanation) = explain(lang, &error.class_name) {
                <p class="error-explain" id="error-explain">
                    <strong>{ text(lang, Key::WhatItMeans) }{ ": " }</strong>
                    { explanation }
                </p>
            }
            <pre class="traceback">
                { for error.traceback.iter().map(|l| traceback_line(props, l)) }
            </pre>
            if ran && error.class_name != "SyntaxError" {
                <p class="error-note">{ text(lang, Key::LastGoodStep) }</p>
            }
        </div>
    }
}

/// A traceback line; `File "<script>", line N` links to line N.
fn traceback_line(props: &PanelProps, line: &str) -> Html {
    let link = line.find(", line ").and_then(|at| {
        let digits_from = at + ", line ".len();
        let rest = &line[digits_from..];
        let len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let number = rest[..len].parse::<u32>().ok()?;
        Some((at + 2, digits_from + len, number))
    });
    match link {
        Some((from, to, number)) if line.contains("<script>") => html! {
            <span class="tb-line">
                { &line[..from] }
                { line_link(props, number, line[from..to].to_owned()) }
                { &line[to..] }
                { "\n" }
            </span>
        },
        _ => html! { <span class="tb-line">{ line }{ "\n" }</span> },
    }
}
