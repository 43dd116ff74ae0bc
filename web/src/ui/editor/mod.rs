//! [`Editor`]: the Python editor, CodeMirror 6 behind one component.
//!
//! Yew renders an empty host `<div>`; CodeMirror owns everything inside
//! it. The component pushes what the page wants marked (the error
//! underline, the selected step's lines, the line a statement came from,
//! the per-line statement counts in the gutter) and reports edits, Run
//! (Ctrl/Cmd+Enter) and clicks on a line's gutter.
//!
//! Loading and making CodeMirror costs the main thread about a tenth of a
//! second, so the page asks for it later (`start`): until then a
//! placeholder shows the text as it will look, read-only, and the page's
//! first answer is drawn without waiting for the editor. Its bundle is
//! fetched then (`RetortPage.loadEditor`) unless it is there already.

mod js;

pub use js::{share_decode, share_encode};

use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Where to underline and what to say on hover.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorError {
    pub line: u32,
    pub col: u32,
    /// 0: to the end of `line`.
    pub end_line: u32,
    pub end_col: u32,
    pub message: String,
}

#[derive(Properties, PartialEq, Clone)]
pub struct EditorProps {
    /// The text the editor opens with (later edits are the editor's own).
    pub initial: AttrValue,
    pub label: AttrValue,
    pub error: Option<EditorError>,
    /// The selected step's first and last line.
    pub step_lines: Option<(u32, u32)>,
    /// The line a clicked statement came from.
    pub focus_line: Option<u32>,
    /// Shown, with the reason, when CodeMirror could not start.
    pub failed_label: AttrValue,
    /// `(line, statements)` for the gutter.
    pub counts: Vec<(u32, u32)>,
    /// Make CodeMirror now (it is not unmade when this turns false).
    pub start: bool,
    pub on_change: Callback<String>,
    pub on_run: Callback<()>,
    pub on_line: Callback<u32>,
}

pub enum Msg {
    /// The CodeMirror bundle is there.
    Loaded,
    Created,
    Failed(String),
}

type Hooks = (
    Closure<dyn FnMut(String)>,
    Closure<dyn FnMut()>,
    Closure<dyn FnMut(u32)>,
);

pub struct Editor {
    host: NodeRef,
    view: Option<JsValue>,
    hooks: Hooks,
    failure: Option<String>,
    /// The CodeMirror bundle is being fetched.
    loading: bool,
}

impl Component for Editor {
    type Message = Msg;
    type Properties = EditorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let on_change = props.on_change.clone();
        let on_run = props.on_run.clone();
        let on_line = props.on_line.clone();
        Editor {
            host: NodeRef::default(),
            view: None,
            hooks: (
                Closure::new(move |text: String| on_change.emit(text)),
                Closure::new(move || on_run.emit(())),
                Closure::new(move |line: u32| on_line.emit(line)),
            ),
            failure: None,
            loading: false,
        }
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Loaded => self.loading = false,
            Msg::Created => {}
            Msg::Failed(reason) => {
                self.loading = false;
                self.failure = Some(reason);
            }
        }
        true
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        if self.view.is_none() && self.failure.is_none() {
            // Until CodeMirror exists, the placeholder shows the text.
            return ctx.props().start || ctx.props().initial != old.initial;
        }
        self.apply(ctx.props(), Some(old));
        false
    }

    fn rendered(&mut self, ctx: &Context<Self>, _first_render: bool) {
        if self.view.is_some() || self.failure.is_some() || !ctx.props().start || self.loading {
            return;
        }
        if !js::loaded() {
            self.loading = true;
            let link = ctx.link().clone();
            wasm_bindgen_futures::spawn_local(async move {
                link.send_message(match js::load().await {
                    Ok(()) => Msg::Loaded,
                    Err(error) => Msg::Failed(describe(&error)),
                });
            });
            return;
        }
        let Some(host) = self.host.cast::<web_sys::Element>() else {
            return;
        };
        let props = ctx.props();
        let (change, run, line) = &self.hooks;
        match js::create(
            &host,
            &props.initial,
            change.as_ref().unchecked_ref(),
            run.as_ref().unchecked_ref(),
            line.as_ref().unchecked_ref(),
        ) {
            Ok(view) => {
                self.view = Some(view);
                self.apply(props, None);
                // Drawn again: the host shows, the placeholder goes.
                ctx.link().send_message(Msg::Created);
            }
            Err(error) => ctx.link().send_message(Msg::Failed(describe(&error))),
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let created = self.view.is_some();
        html! {
            <>
                <div class="editor-host" id="editor" ref={self.host.clone()} hidden={!created} />
                if !created {
                    <pre class="editor-host editor-placeholder" aria-busy="true">
                        { ctx.props().initial.clone() }
                    </pre>
                }
                if let Some(failure) = &self.failure {
                    <p class="notice" role="alert">
                        { format!("{}: {failure}", ctx.props().failed_label) }
                    </p>
                }
            </>
        }
    }
}

impl Editor {
    /// Pushes what changed since `old`; when `None`, what differs from a
    /// new editor (no error, no marked lines, no counts): each push is a
    /// CodeMirror transaction, and the first error push reconfigures the
    /// editor, so a page that opens with nothing to mark pushes nothing.
    fn apply(&self, props: &EditorProps, old: Option<&EditorProps>) {
        let Some(view) = &self.view else {
            return;
        };
        let fresh = EditorProps {
            error: None,
            step_lines: None,
            focus_line: None,
            counts: Vec::new(),
            ..props.clone()
        };
        let old = old.unwrap_or(&fresh);
        let changed = |same: fn(&EditorProps, &EditorProps) -> bool| !same(old, props);
        // Failures here leave the editor as it was: nothing to recover.
        if changed(|a, b| a.label == b.label) || std::ptr::eq(old, &fresh) {
            let _ = js::set_label(view, &props.label);
        }
        if changed(|a, b| a.error == b.error) {
            let _ = match &props.error {
                Some(e) => js::set_error(view, e.line, e.col, e.end_line, e.end_col, &e.message),
                None => js::clear_error(view),
            };
        }
        if changed(|a, b| a.step_lines == b.step_lines) {
            let (from, to) = props.step_lines.unwrap_or((0, 0));
            let _ = js::set_step_lines(view, from, to);
        }
        if changed(|a, b| a.focus_line == b.focus_line) {
            let _ = js::set_focus_line(view, props.focus_line.unwrap_or(0));
        }
        if changed(|a, b| a.counts == b.counts) {
            let pairs: Vec<u32> = props.counts.iter().flat_map(|&(l, n)| [l, n]).collect();
            let _ = js::set_gutter_counts(view, &pairs);
        }
    }
}

/// What a JavaScript failure says.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_default()
}
