//! The Migrations terminal's output, as a plain function tested natively:
//! a traceback's `File ".../app.py", line N` becomes a reference to the
//! editor's line (app.py is the editor's script, after the wiring a
//! playground script gets), the rest stays text.

/// A piece of terminal output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A traceback line naming `app.py`, and the editor line it means.
    EditorLine {
        text: String,
        line: u32,
    },
}

/// The editor line a traceback line names, if it names `app.py` below
/// the wiring (`offset` lines).
fn editor_line(text: &str, offset: u32) -> Option<u32> {
    let rest = text.trim_start().strip_prefix("File \"")?;
    let (path, rest) = rest.split_once('"')?;
    if path != "app.py" && !path.ends_with("/app.py") {
        return None;
    }
    let digits: String = rest
        .strip_prefix(", line ")?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let line: u32 = digits.parse().ok()?;
    line.checked_sub(offset).filter(|line| *line > 0)
}

/// `output` in pieces: runs of plain lines, and each traceback line that
/// points into the editor on its own.
pub fn pieces(output: &str, offset: u32) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    for line in output.split_inclusive('\n') {
        match editor_line(line, offset) {
            Some(at) => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::EditorLine {
                    text: line.to_owned(),
                    line: at,
                });
            }
            None => text.push_str(line),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_py_traceback_lines_point_into_the_editor() {
        let output = "Traceback (most recent call last):\n  File \"/app/app.py\", line 12, in <module>\n    print(x)\n  File \"/app/app.py\", line 4, in <module>\n  File \"/app/seed.py\", line 3, in <module>\nNameError: name 'x' is not defined\n";
        assert_eq!(
            pieces(output, 9),
            vec![
                Piece::Text("Traceback (most recent call last):\n".into()),
                Piece::EditorLine {
                    text: "  File \"/app/app.py\", line 12, in <module>\n".into(),
                    line: 3,
                },
                // Line 4 is the wiring's, seed.py is not the editor's.
                Piece::Text(
                    "    print(x)\n  File \"/app/app.py\", line 4, in <module>\n  File \"/app/seed.py\", line 3, in <module>\nNameError: name 'x' is not defined\n".into()
                ),
            ]
        );
        assert_eq!(
            pieces("  File \"app.py\", line 2\n", 0),
            vec![Piece::EditorLine {
                text: "  File \"app.py\", line 2\n".into(),
                line: 2
            }]
        );
        assert_eq!(pieces("", 0), vec![]);
    }
}
