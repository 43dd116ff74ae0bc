//! The revision chain, oldest at the top: base, then each revision with
//! its id and message, the head and the database's current revision
//! marked.

use retort_report::migration::RevisionNode;
use yew::prelude::*;

use crate::i18n::{Key, Lang, text};

#[derive(Properties, PartialEq)]
pub struct ChainProps {
    pub lang: Lang,
    pub revisions: Vec<RevisionNode>,
    /// The database has an empty `alembic_version` (at base).
    pub at_base: bool,
}

#[function_component(Chain)]
pub fn chain(props: &ChainProps) -> Html {
    let lang = props.lang;
    if props.revisions.is_empty() {
        return html! { <p class="empty">{ text(lang, Key::MigNoRevisions) }</p> };
    }
    html! {
        <ol class="mig-chain" id="mig-chain">
            <li class={classes!("mig-rev", "base", props.at_base.then_some("current"))}>
                <code>{ "<base>" }</code>{ " " }<span class="muted">{ text(lang, Key::MigBase) }</span>
                if props.at_base {
                    { " " }<span class="badge current-badge">{ text(lang, Key::MigCurrent) }</span>
                }
            </li>
            { for props.revisions.iter().map(|rev| html! {
                <li class={classes!("mig-rev", rev.current.then_some("current"), rev.head.then_some("head"))}
                    data-revision={rev.id.clone()}>
                    <code class="mig-rev-id">{ &rev.id }</code>{ " " }
                    <span class="mig-rev-message">{ &rev.message }</span>
                    if rev.head {
                        { " " }<span class="badge head-badge">{ text(lang, Key::MigHead) }</span>
                    }
                    if rev.current {
                        { " " }<span class="badge current-badge">{ text(lang, Key::MigCurrent) }</span>
                    }
                </li>
            }) }
        </ol>
    }
}
