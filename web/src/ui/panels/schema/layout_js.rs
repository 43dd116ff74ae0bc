//! The binding to `RetortDiagram.layout`, dagre in a script of its own
//! (`web/editor/diagram.js`) that `RetortPage` (`web/editor/page.js`) loads on the first
//! diagram ([`load`]). It catches: a missing script, a throwing layout or
//! an answer of the wrong shape is `None`, never a trap.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::diagram::{LayoutInput, LayoutOutput, PlacedNode, RoutedEdge};

#[wasm_bindgen(js_namespace = RetortDiagram)]
extern "C" {
    #[wasm_bindgen(catch, js_name = layout)]
    fn layout_js(graph: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(js_namespace = RetortPage)]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadDiagram)]
    fn load_diagram() -> Result<js_sys::Promise, JsValue>;
}

/// Whether the layout script is there already.
pub fn available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("RetortDiagram"))
        .is_ok_and(|value| !value.is_undefined())
}

/// Loads the layout script (once for the page); `false` when it failed.
pub async fn load() -> bool {
    match load_diagram() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Places the boxes and routes the edges of `input`.
pub fn layout(input: &LayoutInput) -> Option<LayoutOutput> {
    let laid = layout_js(&graph(input)?).ok()?;
    read_output(&laid)
}

/// `input` as the script takes it: `{ nodes: [{ id, width, height }],
/// edges: [{ from, to }] }`.
fn graph(input: &LayoutInput) -> Option<JsValue> {
    let nodes = Array::new();
    for node in &input.nodes {
        nodes.push(&object(&[
            ("id", JsValue::from_str(&node.id)),
            ("width", JsValue::from_f64(node.width)),
            ("height", JsValue::from_f64(node.height)),
        ])?);
    }
    let edges = Array::new();
    for edge in &input.edges {
        edges.push(&object(&[
            ("from", JsValue::from_str(&edge.from)),
            ("to", JsValue::from_str(&edge.to)),
        ])?);
    }
    object(&[("nodes", nodes.into()), ("edges", edges.into())])
}

/// A plain object with `fields`.
fn object(fields: &[(&str, JsValue)]) -> Option<JsValue> {
    let object = Object::new();
    for (name, value) in fields {
        Reflect::set(&object, &JsValue::from_str(name), value).ok()?;
    }
    Some(object.into())
}

/// The script's answer, `None` unless every field has its type.
fn read_output(laid: &JsValue) -> Option<LayoutOutput> {
    let nodes = array(laid, "nodes")?
        .iter()
        .map(|node| {
            Some(PlacedNode {
                id: field(&node, "id")?.as_string()?,
                x: number(&node, "x")?,
                y: number(&node, "y")?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let edges = array(laid, "edges")?
        .iter()
        .map(|edge| {
            Some(RoutedEdge {
                from: field(&edge, "from")?.as_string()?,
                to: field(&edge, "to")?.as_string()?,
                points: array(&edge, "points")?
                    .iter()
                    .map(|point| point.as_f64())
                    .collect::<Option<Vec<_>>>()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(LayoutOutput {
        width: number(laid, "width")?,
        height: number(laid, "height")?,
        nodes,
        edges,
    })
}

/// `value[name]`, `None` when `value` is not an object.
fn field(value: &JsValue, name: &str) -> Option<JsValue> {
    if !value.is_object() {
        return None;
    }
    Reflect::get(value, &JsValue::from_str(name)).ok()
}

fn number(value: &JsValue, name: &str) -> Option<f64> {
    field(value, name)?.as_f64()
}

fn array(value: &JsValue, name: &str) -> Option<Array> {
    let value = field(value, name)?;
    Array::is_array(&value).then(|| value.into())
}
