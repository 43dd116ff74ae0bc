//! The project folder as the recorder sees it: `glob` for `rm` and
//! `replace`, the snapshot of every file (to tell what a step added,
//! removed or modified), and the database's `sqlite_master` and rows, read
//! without being recorded.

use std::fs;
use std::path::Path;

use retort_driver::{Database, StatementResult, Value};

use crate::record::J;

/// `fnmatch` of one path segment (`*`, `?`, `[...]`).
fn fnmatch(pattern: &[char], name: &[char]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some(('*', rest)) => (0..=name.len()).any(|i| fnmatch(rest, &name[i..])),
        Some(('?', rest)) => !name.is_empty() && fnmatch(rest, &name[1..]),
        Some(('[', rest)) => {
            let Some(close) = rest.iter().position(|c| *c == ']') else {
                return name.first() == Some(&'[') && fnmatch(rest, &name[1..]);
            };
            let Some((first, others)) = name.split_first() else {
                return false;
            };
            let class = &rest[..close];
            let (negate, class) = match class.split_first() {
                Some(('!', c)) => (true, c),
                _ => (false, class),
            };
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == '-' {
                    hit |= class[i] <= *first && *first <= class[i + 2];
                    i += 3;
                } else {
                    hit |= class[i] == *first;
                    i += 1;
                }
            }
            hit != negate && fnmatch(&rest[close + 1..], others)
        }
        Some((c, rest)) => name.first() == Some(c) && fnmatch(rest, &name[1..]),
    }
}

/// `glob.glob` relative to `root`, sorted.
pub fn glob(root: &Path, pattern: &str) -> Vec<String> {
    let mut current: Vec<String> = vec![String::new()];
    for segment in pattern.split('/').filter(|s| !s.is_empty()) {
        let pattern: Vec<char> = segment.chars().collect();
        let mut next = Vec::new();
        for base in &current {
            let dir = if base.is_empty() {
                root.to_path_buf()
            } else {
                root.join(base)
            };
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') && !segment.starts_with('.') {
                    continue;
                }
                let chars: Vec<char> = name.chars().collect();
                if fnmatch(&pattern, &chars) {
                    next.push(if base.is_empty() {
                        name
                    } else {
                        format!("{base}/{name}")
                    });
                }
            }
        }
        current = next;
    }
    current.retain(|p| !p.is_empty());
    current.sort();
    current
}

/// Every file (relative path → bytes) in walk order, without `__pycache__`
/// and the harness files.
pub fn snapshot(root: &Path, ignore: &[String]) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, ignore: &[String], out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "__pycache__" {
                    dirs.push(path);
                }
            } else {
                files.push(path);
            }
        }
        files.sort();
        dirs.sort();
        for file in files {
            let relative = file
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if ignore.contains(&relative) {
                continue;
            }
            out.push((relative, fs::read(&file).unwrap_or_default()));
        }
        for d in dirs {
            walk(root, &d, ignore, out);
        }
    }
    let mut out = Vec::new();
    walk(root, root, ignore, &mut out);
    out
}

const DB_SUFFIXES: &[&str] = &[".db", ".sqlite", ".sqlite3"];

pub fn is_db(path: &str) -> bool {
    DB_SUFFIXES.iter().any(|s| path.ends_with(s))
}

fn value_json(value: &Value) -> J {
    match value {
        Value::Null => J::Null,
        Value::Integer(i) => J::Int(*i),
        Value::Real(f) => {
            if f.is_finite() {
                J::Float(*f)
            } else {
                J::obj(vec![
                    ("$type", J::s("float")),
                    ("value", J::s(retort_sql::literal::python_float_repr(*f))),
                ])
            }
        }
        Value::Text(t) => J::s(t.clone()),
        Value::Blob(b) => J::obj(vec![
            ("$type", J::s("bytes")),
            (
                "hex",
                J::s(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
            ),
        ]),
    }
}

/// `sqlite_master` rows and every table's rows, read without recording.
pub fn dump_database(path: &Path) -> (J, J) {
    let Ok(mut db) = Database::open(&path.to_string_lossy()) else {
        return (J::Arr(Vec::new()), J::Obj(Vec::new()));
    };
    let rows = match db.run(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid",
        &[],
    ) {
        Ok(StatementResult::Rows(rows)) => rows.rows,
        _ => Vec::new(),
    };
    let mut master = Vec::new();
    let mut data = Vec::new();
    for row in rows {
        let text = |i: usize| match row.get(i) {
            Some(Value::Text(t)) => J::s(t.clone()),
            _ => J::Null,
        };
        master.push(J::obj(vec![
            ("type", text(0)),
            ("name", text(1)),
            ("tbl_name", text(2)),
            ("sql", text(3)),
        ]));
        let (Some(Value::Text(kind)), Some(Value::Text(name))) = (row.first(), row.get(1)) else {
            continue;
        };
        if kind != "table" || name.starts_with("sqlite_") {
            continue;
        }
        let query = format!(
            "SELECT * FROM \"{}\" ORDER BY rowid",
            name.replace('"', "\"\"")
        );
        if let Ok(StatementResult::Rows(result)) = db.run(&query, &[]) {
            data.push((
                name.clone(),
                J::obj(vec![
                    (
                        "columns",
                        J::Arr(result.columns.iter().map(|c| J::s(c.clone())).collect()),
                    ),
                    (
                        "rows",
                        J::Arr(
                            result
                                .rows
                                .iter()
                                .map(|r| J::Arr(r.iter().map(value_json).collect()))
                                .collect(),
                        ),
                    ),
                ]),
            ));
        }
    }
    (J::Arr(master), J::Obj(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnmatch_patterns() {
        let m = |p: &str, n: &str| {
            fnmatch(
                &p.chars().collect::<Vec<_>>(),
                &n.chars().collect::<Vec<_>>(),
            )
        };
        assert!(m("abc_*.py", "abc_index_and_unique.py"));
        assert!(!m("abc_*.py", "abd_x.py"));
        assert!(m("[a-c]?", "bz"));
        assert!(m("*", ""));
    }
}
