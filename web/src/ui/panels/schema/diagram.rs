//! The schema diagram as SVG: a box per table (its name, then each column
//! with its type, keys marked), an arrow per foreign key from the referring
//! table to the referred one, a loop for a self-reference. The layout comes
//! from dagre ([`super::layout_js`], loaded with the first diagram); every
//! name is a text node.

use std::collections::HashMap;

use retort_report::SchemaSnapshot;
use yew::prelude::*;

use crate::diagram::{
    self, CHAR_WIDTH, KeyMark, PADDING, ROW_HEIGHT, SELF_LOOP_REACH, TITLE_HEIGHT, TableBox,
};
use crate::i18n::{Key, Lang, text};

use super::layout_js;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub lang: Lang,
    pub schema: SchemaSnapshot,
}

#[function_component(SchemaDiagram)]
pub fn schema_diagram(props: &DiagramProps) -> Html {
    let lang = props.lang;
    // The layout script loads on the first diagram: `None` while it does.
    let loaded = use_state(|| layout_js::available().then_some(true));
    {
        let loaded = loaded.clone();
        use_effect_with((), move |()| {
            if loaded.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    loaded.set(Some(layout_js::load().await));
                });
            }
        });
    }
    let laid = use_memo((props.schema.clone(), *loaded), |(schema, loaded)| {
        if *loaded != Some(true) {
            return None;
        }
        let (boxes, input) = diagram::layout_input(schema);
        layout_js::layout(&input).map(|output| (boxes, output))
    });
    if loaded.is_none() {
        return html! { <div class="diagram-scroll" id="diagram-loading" /> };
    }
    let Some((boxes, output)) = &*laid else {
        return html! { <p class="muted" id="diagram-unavailable">{ text(lang, Key::DiagramUnavailable) }</p> };
    };
    let placed: HashMap<&str, (f64, f64)> = output
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), (n.x, n.y)))
        .collect();
    let loops = boxes.iter().any(|b| b.self_reference);
    let width = output.width + if loops { SELF_LOOP_REACH } else { 0.0 };
    let height = output.height;
    html! {
        <div class="diagram-scroll">
            <svg class="schema-diagram" id="schema-diagram" role="img"
                aria-label={text(lang, Key::SchemaDiagram)}
                width={format!("{width:.0}")} height={format!("{height:.0}")}
                viewBox={format!("0 0 {width:.0} {height:.0}")}>
                <defs>
                    <marker id="fk-arrow" viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="fk-head" />
                    </marker>
                </defs>
                { for output.edges.iter().filter_map(|edge| {
                    let d = diagram::edge_path(&edge.points)?;
                    Some(html! {
                        <path class="fk-edge" d={d} marker-end="url(#fk-arrow)"
                            data-from={edge.from.clone()} data-to={edge.to.clone()}>
                            <title>{ format!("{} → {}", edge.from, edge.to) }</title>
                        </path>
                    })
                }) }
                { for boxes.iter().filter_map(|table| {
                    let &(x, y) = placed.get(table.name.as_str())?;
                    Some(table_view(lang, table, x, y))
                }) }
            </svg>
        </div>
    }
}

fn table_view(lang: Lang, table: &TableBox, x: f64, y: f64) -> Html {
    html! {
        <g class="schema-node" data-table={table.name.clone()}>
            if table.self_reference {
                <path class="fk-edge self" d={diagram::self_loop_path(x, y, table)}
                    marker-end="url(#fk-arrow)">
                    <title>{ format!("{} → {} ({})", table.name, table.name, text(lang, Key::SelfReference)) }</title>
                </path>
            }
            <rect class="node-box" x={fmt(x)} y={fmt(y)} width={fmt(table.width)}
                height={fmt(table.height)} rx="5" />
            <rect class="node-head" x={fmt(x)} y={fmt(y)} width={fmt(table.width)}
                height={fmt(TITLE_HEIGHT)} rx="5" />
            <text class="node-title" x={fmt(x + PADDING)} y={fmt(y + TITLE_HEIGHT - 8.0)}>
                { &table.name }
            </text>
            { for table.rows.iter().enumerate().map(|(i, row)| {
                let baseline = y + TITLE_HEIGHT + ROW_HEIGHT * (i as f64 + 1.0) - 5.0;
                let label = row.key.label();
                let name_x = if label.is_empty() {
                    x + PADDING
                } else {
                    x + PADDING + diagram::text_width(label) + CHAR_WIDTH
                };
                let key_class = match row.key {
                    KeyMark::Primary | KeyMark::Both => "col-key pk",
                    _ => "col-key fk",
                };
                html! {
                    <g class="schema-row" data-column={row.name.clone()}>
                        if !label.is_empty() {
                            <text class={key_class} x={fmt(x + PADDING)} y={fmt(baseline)}>{ label }</text>
                        }
                        <text class={classes!("col-name", row.not_null.then_some("not-null"))}
                            x={fmt(name_x)} y={fmt(baseline)}>{ &row.name }</text>
                        <text class="col-type" x={fmt(x + table.width - PADDING)} y={fmt(baseline)}
                            text-anchor="end">{ &row.type_name }</text>
                    </g>
                }
            }) }
        </g>
    }
}

fn fmt(value: f64) -> String {
    format!("{value:.1}")
}
