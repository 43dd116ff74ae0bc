//! [`Console`]: the `>>>` prompt under the editor. It shows the transcript
//! (each input, what it printed, the REPL's echo or the error's
//! traceback, and notes such as "run first"), sends a line on Enter, and
//! recalls earlier lines with Up and Down. Everything typed or printed is
//! rendered as text.

use retort_report::ConsoleInput;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::{Key, Lang, text};

/// One thing the console shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ConsoleEntry {
    /// An input that was evaluated, with what it printed and answered.
    Answered { input: ConsoleInput, stdout: String },
    /// An input waiting for the engine.
    Pending(String),
    /// A note from the page, in the learner's language.
    Note(Key),
}

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub lang: Lang,
    pub entries: Vec<ConsoleEntry>,
    /// Whether a line may be sent now (a run's namespace is alive and the
    /// engine is idle).
    pub ready: bool,
    pub on_submit: Callback<String>,
}

/// The lines typed so far and where Up/Down recall is.
#[derive(Default, Clone, PartialEq)]
struct History {
    lines: Vec<String>,
    /// The recalled line, counted from the oldest; `None`: the draft.
    at: Option<usize>,
    draft: String,
}

impl History {
    /// Up: an older line, if any.
    fn older(&mut self, current: &str) -> Option<String> {
        let at = match self.at {
            None if self.lines.is_empty() => return None,
            None => {
                self.draft = current.to_owned();
                self.lines.len() - 1
            }
            Some(0) => return None,
            Some(at) => at - 1,
        };
        self.at = Some(at);
        self.lines.get(at).cloned()
    }

    /// Down: a newer line, or the draft after the newest.
    fn newer(&mut self) -> Option<String> {
        let at = self.at?;
        if at + 1 < self.lines.len() {
            self.at = Some(at + 1);
            self.lines.get(at + 1).cloned()
        } else {
            self.at = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    fn push(&mut self, line: &str) {
        if self.lines.last().map(String::as_str) != Some(line) {
            self.lines.push(line.to_owned());
        }
        self.at = None;
        self.draft.clear();
    }
}

#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let lang = props.lang;
    let history = use_mut_ref(History::default);
    let input_ref = use_node_ref();
    // Keep the newest entry in view.
    {
        let count = props.entries.len();
        use_effect_with(count, |_| {
            if let Some(log) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("console-log"))
            {
                log.set_scroll_top(log.scroll_height());
            }
        });
    }
    let on_keydown = {
        let history = history.clone();
        let on_submit = props.on_submit.clone();
        let ready = props.ready;
        Callback::from(move |event: KeyboardEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            match event.key().as_str() {
                "Enter" => {
                    event.prevent_default();
                    let line = input.value();
                    if !ready || line.trim().is_empty() {
                        return;
                    }
                    history.borrow_mut().push(&line);
                    input.set_value("");
                    on_submit.emit(line);
                }
                "ArrowUp" => {
                    event.prevent_default();
                    if let Some(line) = history.borrow_mut().older(&input.value()) {
                        input.set_value(&line);
                    }
                }
                "ArrowDown" => {
                    event.prevent_default();
                    if let Some(line) = history.borrow_mut().newer() {
                        input.set_value(&line);
                    }
                }
                _ => {}
            }
        })
    };
    html! {
        <section class="console" aria-label={text(lang, Key::ConsoleLabel)}>
            <div class="console-log" id="console-log" role="log" aria-live="polite">
                { for props.entries.iter().map(|entry| view_entry(lang, entry)) }
            </div>
            <label class="console-prompt">
                <span class="prompt" aria-hidden="true">{ ">>>" }</span>
                <input id="console-input" type="text" ref={input_ref} autocomplete="off"
                    spellcheck="false" aria-label={text(lang, Key::ConsoleLabel)}
                    placeholder={text(lang, Key::ConsolePlaceholder)}
                    aria-disabled={(!props.ready).to_string()}
                    onkeydown={on_keydown} />
            </label>
        </section>
    }
}

fn view_entry(lang: Lang, entry: &ConsoleEntry) -> Html {
    match entry {
        ConsoleEntry::Pending(line) => html! {
            <div class="console-entry pending">
                <pre class="console-in">{ format!(">>> {line}") }</pre>
            </div>
        },
        ConsoleEntry::Note(key) => html! {
            <p class="console-note">{ text(lang, *key) }</p>
        },
        ConsoleEntry::Answered { input, stdout } => html! {
            <div class="console-entry" data-number={input.number.to_string()}>
                <pre class="console-in">{ format!(">>> {}", input.source) }</pre>
                if !stdout.is_empty() {
                    <pre class="console-out">{ stdout.trim_end_matches('\n') }</pre>
                }
                if let Some(echo) = &input.echo {
                    <pre class="console-echo">{ echo }</pre>
                }
                if let Some(error) = &input.error {
                    <pre class="console-error">{ error.traceback.join("\n") }</pre>
                }
            </div>
        },
    }
}

#[cfg(test)]
mod tests {
    // `ui` exists only on wasm32, where plain `#[test]`s are not run.
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::History;

    #[test]
    fn up_and_down_walk_the_history_and_come_back_to_the_draft() {
        let mut history = History::default();
        assert_eq!(history.older("x"), None);
        history.push("a = 1");
        history.push("a");
        assert_eq!(history.older("dra").as_deref(), Some("a"));
        assert_eq!(history.older("a").as_deref(), Some("a = 1"));
        assert_eq!(history.older("a = 1"), None);
        assert_eq!(history.newer().as_deref(), Some("a"));
        assert_eq!(history.newer().as_deref(), Some("dra"));
        assert_eq!(history.newer(), None);
    }
}
