//! The Session panel: the identity map at the selected step — each object
//! as its `repr`, its state, identity, and changed and expired attributes.

use retort_report::{ObjectSnapshot, ObjectStatus};
use yew::prelude::*;

use super::PanelProps;
use crate::i18n::{Key, Lang, text};

#[function_component(SessionPanel)]
pub fn session_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let report = props.report.as_ref().map(|r| &*r.0);
    let Some(step) = report.zip(props.step).and_then(|(r, s)| r.steps.get(s)) else {
        return html! { <p class="empty">{ text(lang, Key::NoSession) }</p> };
    };
    let session = &step.session;
    html! {
        <>
            if session.in_transaction {
                <p class="badge tx-badge">{ text(lang, Key::InTransaction) }</p>
            }
            if session.objects.is_empty() {
                <p class="empty">{ text(lang, Key::NoSession) }</p>
            }
            <ul class="objects" id="session-objects">
                { for session.objects.iter().map(|o| object(lang, o)) }
            </ul>
        </>
    }
}

fn status(lang: Lang, status: ObjectStatus) -> (&'static str, &'static str) {
    match status {
        ObjectStatus::Transient => ("transient", text(lang, Key::StatusTransient)),
        ObjectStatus::Pending => ("pending", text(lang, Key::StatusPending)),
        ObjectStatus::Persistent => ("persistent", text(lang, Key::StatusPersistent)),
        ObjectStatus::Deleted => ("deleted", text(lang, Key::StatusDeleted)),
        ObjectStatus::Detached => ("detached", text(lang, Key::StatusDetached)),
        _ => ("other", text(lang, Key::OriginOther)),
    }
}

fn object(lang: Lang, object: &ObjectSnapshot) -> Html {
    let (class, label) = status(lang, object.status);
    let identity = object.identity.as_ref().map(|key| {
        let parts: Vec<&str> = key.iter().map(|v| v.text.as_str()).collect();
        // Python's tuple repr: `(1,)`, `(1, 2)`.
        match parts.as_slice() {
            [one] => format!("({one},)"),
            _ => format!("({})", parts.join(", ")),
        }
    });
    html! {
        <li class={classes!("object", class)} data-status={class}>
            <div class="object-head">
                <span class={classes!("badge", "status", class)}>{ label }</span>
                <code class="repr">{ &object.repr }</code>
                if let Some(identity) = identity {
                    <span class="muted identity">{ identity }</span>
                }
            </div>
            if !object.changed.is_empty() {
                <ul class="changes">
                    { for object.changed.iter().map(|c| html! {
                        <li class="change">
                            <span class="mark updated">{ text(lang, Key::Changed) }</span>
                            <code>{ &c.name }</code>{ ": " }
                            if let Some(old) = &c.old {
                                <code class="old">{ &old.text }</code>{ " → " }
                            }
                            <code class="new">{ &c.new.text }</code>
                        </li>
                    }) }
                </ul>
            }
            if !object.expired.is_empty() {
                <p class="expired">
                    <span class="mark expired">{ text(lang, Key::Expired) }</span>
                    <code>{ object.expired.join(", ") }</code>
                </p>
            }
        </li>
    }
}
