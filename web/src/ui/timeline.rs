//! [`Timeline`]: one step per top-level statement of the run — back and
//! forward buttons, a range slider (arrow keys move it), and what the
//! selected step is.

use retort_report::StepKind;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::{Key, Lang, fill, text};

/// What the timeline needs to know of a step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepInfo {
    pub kind: StepKind,
    pub line: Option<u32>,
    /// The console input a console step stands for.
    pub console: Option<u32>,
    /// The terminal line a command step stands for.
    pub command: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub steps: Vec<StepInfo>,
    pub selected: usize,
    pub on_select: Callback<usize>,
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let count = props.steps.len();
    if count == 0 {
        return html! {};
    }
    let selected = props.selected.min(count - 1);
    let select = |to: usize| {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(to))
    };
    let on_input = {
        let on_select = props.on_select.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(step) = input.value().parse::<usize>() {
                on_select.emit(step);
            }
        })
    };
    // Arrow keys anywhere on the timeline (the slider moves by itself).
    let on_keydown = {
        let on_select = props.on_select.clone();
        Callback::from(move |event: KeyboardEvent| {
            let is_slider = event
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok())
                .is_some();
            if is_slider {
                return;
            }
            match event.key().as_str() {
                "ArrowLeft" if selected > 0 => on_select.emit(selected - 1),
                "ArrowRight" if selected + 1 < count => on_select.emit(selected + 1),
                _ => return,
            }
            event.prevent_default();
        })
    };
    let step = &props.steps[selected];
    let position = fill(
        lang,
        Key::StepOf,
        &[
            ("n", &(selected + 1).to_string()),
            ("total", &count.to_string()),
        ],
    );
    let what = match (step.kind, step.line) {
        (StepKind::Teardown, _) => text(lang, Key::StepTeardown).to_owned(),
        (StepKind::Console, _) => fill(
            lang,
            Key::StepConsole,
            &[("n", &step.console.unwrap_or(0).to_string())],
        ),
        (StepKind::Command, _) => format!("$ {}", step.command.as_deref().unwrap_or_default()),
        (StepKind::Failed, Some(line)) => format!(
            "{} · {}",
            fill(lang, Key::Line, &[("n", &line.to_string())]),
            text(lang, Key::StepFailed)
        ),
        (_, Some(line)) => fill(lang, Key::Line, &[("n", &line.to_string())]),
        _ => String::new(),
    };
    html! {
        <div class="timeline" id="timeline" role="group"
            aria-label={text(lang, Key::Timeline)} onkeydown={on_keydown}>
            <button id="step-back" class="icon" title={text(lang, Key::StepBack)}
                aria-label={text(lang, Key::StepBack)}
                disabled={selected == 0} onclick={select(selected.saturating_sub(1))}>
                { "◀" }
            </button>
            <input id="step-slider" type="range" min="0" max={(count - 1).to_string()}
                value={selected.to_string()} aria-label={text(lang, Key::Timeline)}
                aria-valuetext={position.clone()} oninput={on_input} />
            <button id="step-forward" class="icon" title={text(lang, Key::StepForward)}
                aria-label={text(lang, Key::StepForward)}
                disabled={selected + 1 >= count} onclick={select((selected + 1).min(count - 1))}>
                { "▶" }
            </button>
            <span class="step-label" id="step-label" data-step={selected.to_string()}>
                <strong>{ position }</strong>
                if !what.is_empty() { { " · " }{ what } }
            </span>
        </div>
    }
}
