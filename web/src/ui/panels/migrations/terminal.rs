//! The terminal: every command typed with what it printed (text nodes
//! only), the classic mistakes explained under the output, and the input
//! line with Tab completion and ↑/↓ history ([`crate::terminal_line`]).

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::mistakes::explanation;
use super::state::MigrationsRef;
use crate::i18n::{Key, Lang, fill, text};
use crate::terminal_line::{complete, history_step};
use crate::terminal_text::{Piece, pieces};

#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    pub lang: Lang,
    pub state: MigrationsRef,
    pub busy: bool,
    pub on_command: Callback<String>,
    pub on_select: Callback<usize>,
    /// A traceback line of `app.py` was clicked: this editor line.
    pub on_line: Callback<u32>,
}

/// A command's output; traceback lines of `app.py` link into the editor.
fn output_view(output: &str, offset: u32, on_line: &Callback<u32>) -> Html {
    html! {
        <pre class="mig-out">
            { for pieces(output, offset).into_iter().map(|piece| match piece {
                Piece::Text(text) => html! { { text } },
                Piece::EditorLine { text, line } => {
                    let on_line = on_line.clone();
                    let (shown, newline) = text
                        .strip_suffix('\n')
                        .map_or((text.as_str(), ""), |shown| (shown, "\n"));
                    html! {
                        <>
                            <button class="link trace-link" data-line={line.to_string()}
                                onclick={Callback::from(move |event: MouseEvent| {
                                    event.stop_propagation();
                                    on_line.emit(line);
                                })}>
                                { shown.to_owned() }
                            </button>
                            { newline }
                        </>
                    }
                }
            }) }
        </pre>
    }
}

#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let lang = props.lang;
    let line = use_state(String::new);
    let at = use_state(|| None::<usize>);
    let scroll = use_node_ref();
    {
        let scroll = scroll.clone();
        let count = props.state.0.runs.len();
        use_effect_with(count, move |_| {
            if let Some(element) = scroll.cast::<web_sys::Element>() {
                element.set_scroll_top(element.scroll_height());
            }
        });
    }
    let oninput = {
        let line = line.clone();
        let at = at.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            line.set(input.value());
            at.set(None);
        })
    };
    let onkeydown = {
        let line = line.clone();
        let at = at.clone();
        let state = props.state.clone();
        let busy = props.busy;
        let on_command = props.on_command.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                if !busy && !line.trim().is_empty() {
                    on_command.emit((*line).clone());
                    line.set(String::new());
                    at.set(None);
                }
            }
            "Tab" => {
                event.prevent_default();
                let ids: Vec<String> = state
                    .0
                    .latest()
                    .map(|run| run.revisions.iter().map(|r| r.id.clone()).collect())
                    .unwrap_or_default();
                if let Some(done) = complete(&line, &ids) {
                    line.set(done);
                }
            }
            "ArrowUp" | "ArrowDown" => {
                event.prevent_default();
                let (next, shown) = history_step(&state.0.history, *at, event.key() == "ArrowUp");
                at.set(next);
                line.set(shown);
            }
            _ => {}
        })
    };
    let runs = &props.state.0.runs;
    let selected = props.state.0.selected;
    html! {
        <section class="mig-terminal" aria-label={text(lang, Key::MigTerminal)}>
            <div class="mig-scroll" id="mig-output" ref={scroll}>
                if runs.is_empty() {
                    <p class="empty">{ text(lang, Key::MigNothingYet) }</p>
                }
                { for runs.iter().enumerate().map(|(i, run)| {
                    let on_select = props.on_select.clone();
                    let chosen = selected == Some(i);
                    html! {
                        <div class={classes!("mig-entry", chosen.then_some("selected"), (run.exit_code != 0).then_some("failed"))}
                            data-exit={run.exit_code.to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_select.emit(i))}>
                            <div class="mig-command">{ format!("$ {}", run.command) }</div>
                            if !run.output.is_empty() {
                                { output_view(&run.output, run.app_line_offset, &props.on_line) }
                            }
                            if run.exit_code != 0 {
                                <div class="mig-exit">{ fill(lang, Key::MigExit, &[("n", &run.exit_code.to_string())]) }</div>
                            }
                            { for run.mistakes.iter().map(|m| html! {
                                <aside class="mig-mistake" role="note">
                                    <strong class="mig-mistake-title">{ text(lang, Key::WhatItMeans) }</strong>
                                    { explanation(lang, m) }
                                </aside>
                            }) }
                        </div>
                    }
                }) }
                if props.busy {
                    <p class="working" id="mig-running">{ text(lang, Key::MigRunning) }</p>
                }
            </div>
            <label class="mig-line">
                <span class="mig-prompt" aria-hidden="true">{ "$" }</span>
                <span class="sr-only">{ text(lang, Key::MigInputLabel) }</span>
                <input id="mig-input" type="text" spellcheck="false" autocomplete="off"
                    placeholder="flask db …" title={text(lang, Key::MigInputLabel)}
                    value={(*line).clone()} {oninput} {onkeydown} />
            </label>
        </section>
    }
}
