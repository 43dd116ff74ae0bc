//! [`Splitter`]: the handle between editor and panels. Dragged with the
//! pointer, or moved with the arrow keys; it reports the editor's share
//! of the width in percent.

use web_sys::{Element, KeyboardEvent, PointerEvent};
use yew::prelude::*;

use crate::i18n::{Key, Lang, text};

/// The narrowest either side may get, in percent.
const MIN: f64 = 20.0;
const MAX: f64 = 80.0;
const KEY_STEP: f64 = 5.0;

#[derive(Properties, PartialEq)]
pub struct SplitterProps {
    pub lang: Lang,
    pub percent: f64,
    pub on_change: Callback<f64>,
}

fn clamp(percent: f64) -> f64 {
    percent.clamp(MIN, MAX)
}

/// The editor's share of the splitter's parent at the pointer.
fn percent_at(event: &PointerEvent) -> Option<f64> {
    let handle: Element = event.target_dyn_into()?;
    let parent = handle.parent_element()?;
    let rect = parent.get_bounding_client_rect();
    (rect.width() > 0.0)
        .then(|| clamp((f64::from(event.client_x()) - rect.left()) / rect.width() * 100.0))
}

#[function_component(Splitter)]
pub fn splitter(props: &SplitterProps) -> Html {
    let dragging = use_mut_ref(|| false);
    let on_down = {
        let dragging = dragging.clone();
        Callback::from(move |event: PointerEvent| {
            if let Some(handle) = event.target_dyn_into::<Element>() {
                let _ = handle.set_pointer_capture(event.pointer_id());
            }
            *dragging.borrow_mut() = true;
            event.prevent_default();
        })
    };
    let on_move = {
        let dragging = dragging.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: PointerEvent| {
            if *dragging.borrow()
                && let Some(percent) = percent_at(&event)
            {
                on_change.emit(percent);
            }
        })
    };
    let on_up = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let on_key = {
        let on_change = props.on_change.clone();
        let percent = props.percent;
        Callback::from(move |event: KeyboardEvent| {
            let delta = match event.key().as_str() {
                "ArrowLeft" => -KEY_STEP,
                "ArrowRight" => KEY_STEP,
                _ => return,
            };
            event.prevent_default();
            on_change.emit(clamp(percent + delta));
        })
    };
    html! {
        <div class="splitter" id="splitter" role="separator" tabindex="0"
            aria-orientation="vertical" aria-label={text(props.lang, Key::Splitter)}
            aria-valuemin={MIN.to_string()} aria-valuemax={MAX.to_string()}
            aria-valuenow={format!("{:.0}", props.percent)}
            onpointerdown={on_down} onpointermove={on_move}
            onpointerup={on_up.clone()} onpointercancel={on_up}
            onkeydown={on_key} />
    }
}
