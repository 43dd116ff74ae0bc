//! The recorder's JSON: an ordered JSON value (keys keep the recorder's
//! order), its layout (`run_migration_scenario.py`'s `_dump`: nested
//! objects indented, the lists of statements, schema rows, files and
//! revisions one item per line, `columns` on one line), and the
//! normalisation every string goes through (the project folder becomes
//! `<tmp>`, revision ids `<revN>`, timestamps `<date>`).

use serde_json::Value as Json;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    /// A string value.
    pub fn s(text: impl Into<String>) -> J {
        J::Str(text.into())
    }

    /// An optional string.
    pub fn opt(text: Option<impl Into<String>>) -> J {
        match text {
            Some(t) => J::Str(t.into()),
            None => J::Null,
        }
    }

    /// An object from pairs.
    pub fn obj(pairs: Vec<(&str, J)>) -> J {
        J::Obj(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// Converts a `serde_json` value (object keys in its order).
    pub fn from_json(value: &Json) -> J {
        match value {
            Json::Null => J::Null,
            Json::Bool(b) => J::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => J::Int(i),
                None => J::Float(n.as_f64().unwrap_or(0.0)),
            },
            Json::String(s) => J::Str(s.clone()),
            Json::Array(items) => J::Arr(items.iter().map(J::from_json).collect()),
            Json::Object(map) => J::Obj(
                map.iter()
                    .map(|(k, v)| (k.clone(), J::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// The `serde_json` form (for comparisons).
    pub fn to_json(&self) -> Json {
        match self {
            J::Null => Json::Null,
            J::Bool(b) => Json::Bool(*b),
            J::Int(i) => Json::from(*i),
            J::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
            J::Str(s) => Json::String(s.clone()),
            J::Arr(items) => Json::Array(items.iter().map(J::to_json).collect()),
            J::Obj(pairs) => Json::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// Applies `f` to every string (keys too), as the recorder normalises.
    pub fn map_strings(&self, f: &dyn Fn(&str) -> String) -> J {
        match self {
            J::Str(s) => J::Str(f(s)),
            J::Arr(items) => J::Arr(items.iter().map(|v| v.map_strings(f)).collect()),
            J::Obj(pairs) => J::Obj(
                pairs
                    .iter()
                    .map(|(k, v)| (f(k), v.map_strings(f)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// Python's `json.dumps(value, ensure_ascii=False)` of a string.
fn dump_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `json.dumps(value, ensure_ascii=False)`: one line.
pub fn dump_compact(value: &J) -> String {
    match value {
        J::Null => "null".into(),
        J::Bool(b) => if *b { "true" } else { "false" }.into(),
        J::Int(i) => i.to_string(),
        J::Float(f) => {
            if f.is_nan() {
                "NaN".into()
            } else if f.is_infinite() {
                if *f > 0.0 { "Infinity" } else { "-Infinity" }.into()
            } else {
                retort_sql::literal::python_float_repr(*f)
            }
        }
        J::Str(s) => dump_string(s),
        J::Arr(items) => format!(
            "[{}]",
            items
                .iter()
                .map(dump_compact)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        J::Obj(pairs) => format!(
            "{{{}}}",
            pairs
                .iter()
                .map(|(k, v)| format!("{}: {}", dump_string(k), dump_compact(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

const ONE_LINE_LISTS: &[&str] = &[
    "statements",
    "schema",
    "rows",
    "files",
    "revisions",
    "columns",
    "removed",
];

fn dump(value: &J, indent: usize, key: Option<&str>) -> String {
    let pad = "  ".repeat(indent);
    match value {
        J::Obj(pairs) if !pairs.is_empty() => {
            let items: Vec<String> = pairs
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{pad}  {}: {}",
                        dump_string(k),
                        dump(v, indent + 1, Some(k))
                    )
                })
                .collect();
            format!("{{\n{}\n{pad}}}", items.join(",\n"))
        }
        J::Arr(items) if !items.is_empty() => {
            if key.is_some_and(|k| ONE_LINE_LISTS.contains(&k)) {
                if key == Some("columns") {
                    return dump_compact(value);
                }
                let inner: Vec<String> = items
                    .iter()
                    .map(|v| format!("{pad}  {}", dump_compact(v)))
                    .collect();
                return format!("[\n{}\n{pad}]", inner.join(",\n"));
            }
            let inner: Vec<String> = items
                .iter()
                .map(|v| format!("{pad}  {}", dump(v, indent + 1, None)))
                .collect();
            format!("[\n{}\n{pad}]", inner.join(",\n"))
        }
        other => dump_compact(other),
    }
}

/// The recorder's layout of a whole record, with a final newline.
pub fn dumps_record(record: &J) -> String {
    format!("{}\n", dump(record, 0, None))
}

/// Replaces what changes from run to run.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    /// The project folder's spellings, longest first.
    paths: Vec<String>,
    /// Raw revision id → `<revN>`, in creation order.
    pub revisions: Vec<(String, String)>,
}

impl Normalizer {
    /// A normaliser for a project folder.
    pub fn new(paths: Vec<String>) -> Normalizer {
        let mut paths = paths;
        paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
        paths.dedup();
        Normalizer {
            paths,
            revisions: Vec::new(),
        }
    }

    /// Registers a revision id (once).
    pub fn add_revision(&mut self, raw: &str) {
        if !self.revisions.iter().any(|(r, _)| r == raw) {
            let placeholder = format!("<rev{}>", self.revisions.len() + 1);
            self.revisions.push((raw.to_owned(), placeholder));
        }
    }

    /// Turns `<revN>` back into the raw ids.
    pub fn denormalize(&self, text: &str) -> String {
        let mut out = text.to_owned();
        // Longest placeholders first, so `<rev1>` does not eat `<rev10>`.
        let mut by_length: Vec<&(String, String)> = self.revisions.iter().collect();
        by_length.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
        for (raw, placeholder) in by_length {
            out = out.replace(placeholder, raw);
        }
        out
    }

    /// Normalises one string.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for path in &self.paths {
            out = out.replace(path.as_str(), "<tmp>");
        }
        for (raw, placeholder) in &self.revisions {
            out = out.replace(raw.as_str(), placeholder);
        }
        replace_dates(&out)
    }
}

/// `\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?` → `<date>`.
pub fn replace_dates(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let pattern = "dddd-dd-dd_dd:dd:dd";
    let pattern: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let matches = i + pattern.len() <= chars.len()
            && pattern.iter().enumerate().all(|(j, p)| {
                let c = chars[i + j];
                match p {
                    'd' => c.is_ascii_digit(),
                    '_' => c == ' ' || c == 'T',
                    other => c == *other,
                }
            });
        if matches {
            let mut end = i + pattern.len();
            if end + 1 < chars.len() && chars[end] == '.' && chars[end + 1].is_ascii_digit() {
                end += 1;
                while end < chars.len() && chars[end].is_ascii_digit() {
                    end += 1;
                }
            }
            out.push_str("<date>");
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_the_recorder() {
        let record = J::obj(vec![
            ("a", J::Int(1)),
            (
                "statements",
                J::Arr(vec![J::obj(vec![
                    ("kind", J::s("begin")),
                    ("params", J::Arr(vec![])),
                ])]),
            ),
            ("columns", J::Arr(vec![J::s("id"), J::s("名")])),
            ("empty", J::Arr(vec![])),
            ("nested", J::Arr(vec![J::obj(vec![("x", J::Null)])])),
        ]);
        assert_eq!(
            dumps_record(&record),
            "{\n  \"a\": 1,\n  \"statements\": [\n    {\"kind\": \"begin\", \"params\": []}\n  ],\n  \"columns\": [\"id\", \"名\"],\n  \"empty\": [],\n  \"nested\": [\n    {\n      \"x\": null\n    }\n  ]\n}\n"
        );
    }

    #[test]
    fn normalisation() {
        let mut n = Normalizer::new(vec!["/tmp/retort_mig_1".into()]);
        n.add_revision("abcdef123456");
        assert_eq!(
            n.text("/tmp/retort_mig_1/migrations/versions/abcdef123456_x.py at 2024-01-02 03:04:05.123456"),
            "<tmp>/migrations/versions/<rev1>_x.py at <date>"
        );
        assert_eq!(n.denormalize("upgrade <rev1>"), "upgrade abcdef123456");
        assert_eq!(replace_dates("2024-01-02T03:04:05"), "<date>");
    }
}
