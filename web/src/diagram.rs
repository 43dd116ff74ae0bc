//! The Schema panel's diagram as geometry: the box each table needs (its
//! name over one row per column, keys marked), the graph handed to the
//! layout library (dagre, in the editor bundle), and the SVG paths of the
//! foreign-key edges it routes — self-references drawn as a loop beside
//! the box. Plain functions over the report's [`SchemaSnapshot`], tested
//! natively; the panel only draws what they return.

use retort_report::{SchemaSnapshot, SchemaTable};

/// The width of one half-width character of the diagram's monospace text.
pub const CHAR_WIDTH: f64 = 7.8;
/// The height of the title bar and of each column row.
pub const TITLE_HEIGHT: f64 = 26.0;
pub const ROW_HEIGHT: f64 = 20.0;
/// Space left and right of the text, and between a name and its type.
pub const PADDING: f64 = 10.0;
const GAP: f64 = 2.0 * CHAR_WIDTH;
/// A box is never narrower than this.
const MIN_WIDTH: f64 = 120.0;

/// How a column is marked in its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMark {
    None,
    Primary,
    Foreign,
    /// Part of the primary key and of a foreign key (an association table).
    Both,
}

impl KeyMark {
    /// The short label drawn before the column's name.
    pub fn label(self) -> &'static str {
        match self {
            KeyMark::None => "",
            KeyMark::Primary => "PK",
            KeyMark::Foreign => "FK",
            KeyMark::Both => "PK FK",
        }
    }
}

/// One row of a table's box.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnRow {
    pub name: String,
    pub type_name: String,
    pub key: KeyMark,
    pub not_null: bool,
}

/// A table's box, before the layout places it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBox {
    pub name: String,
    pub rows: Vec<ColumnRow>,
    pub width: f64,
    pub height: f64,
    /// The table has a foreign key to itself (a tree's `parent_id`).
    pub self_reference: bool,
}

/// How wide `text` is drawn: East Asian wide characters take two cells.
pub fn text_width(text: &str) -> f64 {
    let cells: usize = text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum();
    cells as f64 * CHAR_WIDTH
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The box for `table`.
pub fn table_box(table: &SchemaTable) -> TableBox {
    let rows: Vec<ColumnRow> = table
        .columns
        .iter()
        .map(|column| {
            let foreign = table.is_foreign_key(&column.name);
            let key = match (column.primary_key > 0, foreign) {
                (true, true) => KeyMark::Both,
                (true, false) => KeyMark::Primary,
                (false, true) => KeyMark::Foreign,
                (false, false) => KeyMark::None,
            };
            ColumnRow {
                name: column.name.clone(),
                type_name: column.type_name.clone(),
                key,
                not_null: column.not_null,
            }
        })
        .collect();
    let widest_row = rows
        .iter()
        .map(|row| {
            let label = row.key.label();
            let mark = if label.is_empty() {
                0.0
            } else {
                text_width(label) + CHAR_WIDTH
            };
            mark + text_width(&row.name) + GAP + text_width(&row.type_name)
        })
        .fold(0.0, f64::max);
    let width = (widest_row.max(text_width(&table.name)) + 2.0 * PADDING)
        .max(MIN_WIDTH)
        .ceil();
    let height = TITLE_HEIGHT + rows.len().max(1) as f64 * ROW_HEIGHT + PADDING / 2.0;
    TableBox {
        name: table.name.clone(),
        self_reference: table
            .foreign_keys
            .iter()
            .any(|k| k.target_table == table.name),
        rows,
        width,
        height,
    }
}

/// What the layout library is given: every box's size, and one edge per
/// foreign key from the referring table to the referred one (edges to a
/// table the database does not hold are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInput {
    pub nodes: Vec<LayoutNodeIn>,
    pub edges: Vec<LayoutEdge>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LayoutNodeIn {
    pub id: String,
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LayoutEdge {
    pub from: String,
    pub to: String,
}

/// Where the layout put things: boxes by their top-left corner, edges as
/// flat `[x0, y0, x1, y1, ...]` point lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutOutput {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<PlacedNode>,
    pub edges: Vec<RoutedEdge>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNode {
    pub id: String,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoutedEdge {
    pub from: String,
    pub to: String,
    pub points: Vec<f64>,
}

/// The boxes of `schema` and the graph to lay them out.
pub fn layout_input(schema: &SchemaSnapshot) -> (Vec<TableBox>, LayoutInput) {
    let boxes: Vec<TableBox> = schema.tables.iter().map(table_box).collect();
    let nodes = boxes
        .iter()
        .map(|b| LayoutNodeIn {
            id: b.name.clone(),
            width: b.width,
            height: b.height,
        })
        .collect();
    let mut edges = Vec::new();
    for table in &schema.tables {
        for key in &table.foreign_keys {
            let edge = LayoutEdge {
                from: table.name.clone(),
                to: key.target_table.clone(),
            };
            if key.target_table != table.name
                && schema.table(&key.target_table).is_some()
                && !edges.contains(&edge)
            {
                edges.push(edge);
            }
        }
    }
    (boxes, LayoutInput { nodes, edges })
}

/// An SVG path through the routed points: straight from the first to the
/// second, then quadratic curves through the midpoints of the rest, so the
/// edge bends smoothly and still ends exactly on the last point.
pub fn edge_path(points: &[f64]) -> Option<String> {
    let pairs: Vec<(f64, f64)> = points
        .chunks_exact(2)
        .map(|p| (p[0], p[1]))
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    let (&first, rest) = pairs.split_first()?;
    let mut path = format!("M{:.1},{:.1}", first.0, first.1);
    match rest {
        [] => return None,
        [only] => path.push_str(&format!(" L{:.1},{:.1}", only.0, only.1)),
        _ => {
            for window in rest.windows(2) {
                let (control, next) = (window[0], window[1]);
                let mid = ((control.0 + next.0) / 2.0, (control.1 + next.1) / 2.0);
                path.push_str(&format!(
                    " Q{:.1},{:.1} {:.1},{:.1}",
                    control.0, control.1, mid.0, mid.1
                ));
            }
            let last = rest[rest.len() - 1];
            path.push_str(&format!(" L{:.1},{:.1}", last.0, last.1));
        }
    }
    Some(path)
}

/// The loop of a self-reference: out of the box's right side near the top
/// and back in lower down.
pub fn self_loop_path(x: f64, y: f64, table: &TableBox) -> String {
    let right = x + table.width;
    let top = y + TITLE_HEIGHT / 2.0;
    let bottom = y + (table.height * 0.6).max(TITLE_HEIGHT + ROW_HEIGHT);
    let reach = right + 28.0;
    format!(
        "M{right:.1},{top:.1} C{reach:.1},{top:.1} {reach:.1},{bottom:.1} {right:.1},{bottom:.1}"
    )
}

/// How far right a self-loop reaches past its box, so the drawing is wide
/// enough for it.
pub const SELF_LOOP_REACH: f64 = 30.0;

#[cfg(test)]
mod tests {
    use retort_report::{ForeignKeyLink, SchemaColumn};

    use super::*;

    fn column(name: &str, type_name: &str, primary_key: u32) -> SchemaColumn {
        SchemaColumn {
            name: name.into(),
            type_name: type_name.into(),
            not_null: primary_key > 0,
            primary_key,
            default: None,
        }
    }

    fn link(column: &str, target: &str) -> ForeignKeyLink {
        ForeignKeyLink {
            columns: vec![column.into()],
            target_table: target.into(),
            target_columns: vec!["id".into()],
        }
    }

    fn schema() -> SchemaSnapshot {
        SchemaSnapshot {
            tables: vec![
                SchemaTable {
                    name: "author".into(),
                    columns: vec![column("id", "INTEGER", 1), column("name", "VARCHAR(80)", 0)],
                    ..SchemaTable::default()
                },
                SchemaTable {
                    name: "book".into(),
                    columns: vec![
                        column("id", "INTEGER", 1),
                        column("author_id", "INTEGER", 0),
                        column("parent_id", "INTEGER", 0),
                    ],
                    foreign_keys: vec![
                        link("author_id", "author"),
                        link("parent_id", "book"),
                        link("gone_id", "gone"),
                    ],
                    ..SchemaTable::default()
                },
            ],
        }
    }

    #[test]
    fn boxes_fit_their_widest_row_and_mark_keys() {
        let (boxes, _) = layout_input(&schema());
        let book = &boxes[1];
        let marks: Vec<KeyMark> = book.rows.iter().map(|r| r.key).collect();
        assert_eq!(
            marks,
            [KeyMark::Primary, KeyMark::Foreign, KeyMark::Foreign]
        );
        assert!(book.self_reference);
        assert!(!boxes[0].self_reference);
        let widest =
            text_width("FK") + CHAR_WIDTH + text_width("author_id") + GAP + text_width("INTEGER");
        assert_eq!(book.width, (widest + 2.0 * PADDING).ceil());
        assert_eq!(book.height, TITLE_HEIGHT + 3.0 * ROW_HEIGHT + PADDING / 2.0);
        let author = text_width("name") + GAP + text_width("VARCHAR(80)");
        assert_eq!(boxes[0].width, (author + 2.0 * PADDING).ceil());
        let tiny = table_box(&SchemaTable {
            name: "t".into(),
            columns: vec![column("a", "INT", 0)],
            ..SchemaTable::default()
        });
        assert_eq!(tiny.width, MIN_WIDTH);
    }

    #[test]
    fn wide_characters_take_two_cells() {
        assert_eq!(text_width("用户"), 4.0 * CHAR_WIDTH);
        assert_eq!(text_width("user"), 4.0 * CHAR_WIDTH);
    }

    #[test]
    fn edges_skip_self_references_and_missing_tables() {
        let (_, input) = layout_input(&schema());
        assert_eq!(
            input.edges,
            [LayoutEdge {
                from: "book".into(),
                to: "author".into()
            }]
        );
        assert_eq!(input.nodes.len(), 2);
    }

    #[test]
    fn edge_paths_go_through_the_routed_points() {
        assert_eq!(
            edge_path(&[0.0, 0.0, 10.0, 5.0]).unwrap(),
            "M0.0,0.0 L10.0,5.0"
        );
        assert_eq!(
            edge_path(&[0.0, 0.0, 10.0, 0.0, 20.0, 10.0]).unwrap(),
            "M0.0,0.0 Q10.0,0.0 15.0,5.0 L20.0,10.0"
        );
        assert_eq!(edge_path(&[1.0, 2.0]), None);
        assert_eq!(edge_path(&[f64::NAN, 0.0, 1.0]), None);
    }
}
