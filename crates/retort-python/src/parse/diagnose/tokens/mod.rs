//! A tokenizer shaped like CPython 3.11's, used only to explain a syntax
//! error the way CPython does. It finds the errors CPython's tokenizer
//! raises (unterminated strings, unmatched and mismatched brackets,
//! inconsistent indentation, stray characters) at CPython's positions, the
//! brackets still open at the end of the input, and the tokens that the
//! parser-level hints read.

use super::super::{LineIndex, ParseFailure, SyntaxErrorClass};

mod numbers;

/// What a token is, as far as the hints need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Name,
    Number,
    String,
    Op,
    /// The end of a logical line; spans a trailing comment when there is one.
    Newline,
}

/// One token: its kind, byte range and bracket depth (brackets themselves
/// sit at the depth outside them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub depth: usize,
}

/// A bracket still open at the end of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct OpenBracket {
    pub bracket: char,
    pub offset: usize,
}

/// The result of scanning a whole source text.
#[derive(Debug)]
pub(super) struct Scan {
    pub tokens: Vec<Token>,
    /// The first error CPython's tokenizer would raise, if any.
    pub error: Option<ParseFailure>,
    /// Whether that error is one CPython's tokenizer only reports when the
    /// parser reaches it (indentation, line continuation), rather than
    /// raising it even after a parser error earlier in the file.
    pub error_is_silent: bool,
    /// Brackets never closed, outermost first.
    pub unclosed: Vec<OpenBracket>,
}

const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=",
    ":=", "<<", "<=", "==", ">=", ">>", "@=", "^=", "|=", "%", "&", "*", "+", ",", "-", ".", "/",
    ":", ";", "<", "=", ">", "@", "^", "|", "~", "!", "$", "?", "`", "\\", "#",
];

/// Scans `source`. `invalid_chars` holds the byte offsets of characters the
/// parser crate rejected as not belonging in an identifier.
pub(super) fn scan(source: &str, lines: &LineIndex, invalid_chars: &[usize]) -> Scan {
    let mut scanner = Scanner {
        source,
        bytes: source.as_bytes(),
        lines,
        invalid_chars,
        pos: 0,
        tokens: Vec::new(),
        brackets: Vec::new(),
        indents: vec![(0, 0)],
        comment_start: None,
    };
    let error = scanner.run().err();
    let error_is_silent = error.as_ref().is_some_and(|error| {
        error.class != SyntaxErrorClass::Syntax
            || error.message == "unexpected character after line continuation character"
            || error.message == "unexpected EOF while parsing"
    });
    Scan {
        tokens: scanner.tokens,
        error,
        error_is_silent,
        unclosed: scanner.brackets,
    }
}

struct Scanner<'a> {
    source: &'a str,
    bytes: &'a [u8],
    lines: &'a LineIndex<'a>,
    invalid_chars: &'a [usize],
    pos: usize,
    tokens: Vec<Token>,
    brackets: Vec<OpenBracket>,
    /// The indentation stack: (column with tabs to 8, column with tabs as 1).
    indents: Vec<(usize, usize)>,
    comment_start: Option<usize>,
}

type Scanned = Result<(), ParseFailure>;

impl Scanner<'_> {
    fn run(&mut self) -> Scanned {
        let mut at_line_start = true;
        loop {
            if at_line_start && self.brackets.is_empty() {
                self.indentation()?;
            }
            at_line_start = false;
            while matches!(self.peek(0), Some(b' ' | b'\t' | b'\x0c' | b'\r')) {
                self.pos += 1;
            }
            let Some(byte) = self.peek(0) else {
                self.newline(self.pos);
                return Ok(());
            };
            let before = self.pos;
            match byte {
                b'#' => {
                    self.comment_start = Some(self.pos);
                    while self.peek(0).is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                b'\n' => {
                    if self.brackets.is_empty() {
                        self.newline(self.pos);
                        at_line_start = true;
                    }
                    self.comment_start = None;
                    self.pos += 1;
                }
                b'\\' => self.continuation()?,
                b'0'..=b'9' => self.number()?,
                b'.' if self.peek(1).is_some_and(|b| b.is_ascii_digit()) => self.number()?,
                b'\'' | b'"' => self.string(self.pos)?,
                b'(' | b'[' | b'{' => {
                    self.push(Kind::Op, self.pos, self.pos + 1);
                    self.brackets.push(OpenBracket {
                        bracket: char::from(byte),
                        offset: self.pos,
                    });
                    self.pos += 1;
                }
                b')' | b']' | b'}' => self.close(char::from(byte))?,
                b if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => self.name()?,
                _ => self.operator(),
            }
            if self.pos == before {
                self.pos += 1;
            }
        }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn push(&mut self, kind: Kind, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            start,
            end,
            depth: self.brackets.len(),
        });
    }

    /// Ends a logical line that has tokens: the token starts at a trailing
    /// comment when there is one (CPython points there), else at `at`.
    fn newline(&mut self, at: usize) {
        let line_has_tokens = self
            .tokens
            .last()
            .is_some_and(|token| token.kind != Kind::Newline);
        if line_has_tokens {
            let start = self.comment_start.unwrap_or(at);
            self.push(Kind::Newline, start, at);
        }
    }

    fn fail(&self, class: SyntaxErrorClass, message: String, line: u32, col: u32) -> Scanned {
        Err(ParseFailure {
            class,
            message,
            loc: crate::ast::Loc {
                line,
                col,
                end_line: line,
                end_col: col,
            },
        })
    }

    fn fail_at(&self, offset: usize, message: String) -> Scanned {
        let (line, col) = self.lines.position(offset);
        self.fail(SyntaxErrorClass::Syntax, message, line, col)
    }

    /// Measures a line's indentation and checks it against the stack as
    /// CPython does; blank and comment-only lines do not count.
    fn indentation(&mut self) -> Scanned {
        let (mut col, mut alt) = (0usize, 0usize);
        let mut index = self.pos;
        loop {
            match self.bytes.get(index) {
                Some(b' ') => {
                    col += 1;
                    alt += 1;
                }
                Some(b'\t') => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                Some(b'\x0c') => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            index += 1;
        }
        if matches!(self.bytes.get(index), None | Some(b'#' | b'\n' | b'\r')) {
            return Ok(());
        }
        let (line, _) = self.lines.position(index);
        let tab_error = |scanner: &Self| {
            scanner.fail(
                SyntaxErrorClass::Tab,
                "inconsistent use of tabs and spaces in indentation".into(),
                line,
                1,
            )
        };
        let &(top, top_alt) = self.indents.last().unwrap_or(&(0, 0));
        if col == top {
            if alt != top_alt {
                return tab_error(self);
            }
        } else if col > top {
            if alt <= top_alt {
                return tab_error(self);
            }
            self.indents.push((col, alt));
        } else {
            while self.indents.len() > 1 && self.indents.last().is_some_and(|(c, _)| col < *c) {
                self.indents.pop();
            }
            let &(top, top_alt) = self.indents.last().unwrap_or(&(0, 0));
            if col != top {
                let length = self.lines.line_text(line).chars().count() as u32;
                return self.fail(
                    SyntaxErrorClass::Indentation,
                    "unindent does not match any outer indentation level".into(),
                    line,
                    length + 1,
                );
            }
            if alt != top_alt {
                return tab_error(self);
            }
        }
        Ok(())
    }

    fn continuation(&mut self) -> Scanned {
        let next = self.pos + 1;
        let after = match self.bytes.get(next) {
            Some(b'\n') => next + 1,
            Some(b'\r') if self.bytes.get(next + 1) == Some(&b'\n') => next + 2,
            None => return self.fail_at(next, "unexpected EOF while parsing".into()),
            Some(_) => {
                return self.fail_at(
                    next,
                    "unexpected character after line continuation character".into(),
                );
            }
        };
        self.pos = after;
        Ok(())
    }

    fn name(&mut self) -> Scanned {
        let start = self.pos;
        while let Some(byte) = self.peek(0) {
            if byte.is_ascii_alphanumeric() || byte == b'_' {
                self.pos += 1;
            } else if byte >= 0x80 {
                let Some(ch) = self
                    .source
                    .get(self.pos..)
                    .and_then(|rest| rest.chars().next())
                else {
                    break;
                };
                if self.invalid_chars.contains(&self.pos) {
                    return self.fail_at(self.pos, invalid_character(ch));
                }
                self.pos += ch.len_utf8();
            } else {
                break;
            }
        }
        let text = self.source.get(start..self.pos).unwrap_or_default();
        let is_prefix = text.len() <= 2
            && text
                .chars()
                .all(|c| matches!(c.to_ascii_lowercase(), 'r' | 'u' | 'b' | 'f'));
        if is_prefix && matches!(self.peek(0), Some(b'\'' | b'"')) {
            return self.string(start);
        }
        self.push(Kind::Name, start, self.pos);
        Ok(())
    }

    /// Scans a string literal whose prefix starts at `start` and whose
    /// opening quote is at the current position.
    fn string(&mut self, start: usize) -> Scanned {
        let Some(quote) = self.peek(0) else {
            return Ok(());
        };
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.pos += if triple { 3 } else { 1 };
        loop {
            match self.peek(0) {
                None => {
                    let (detected, message) = if triple {
                        (
                            self.lines.last_line(),
                            "unterminated triple-quoted string literal",
                        )
                    } else {
                        (
                            self.lines.position(self.pos).0,
                            "unterminated string literal",
                        )
                    };
                    return self.fail_at(start, format!("{message} (detected at line {detected})"));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    if let Some(ch) = self.source.get(self.pos..).and_then(|s| s.chars().next()) {
                        self.pos += ch.len_utf8();
                    }
                }
                Some(b'\n') if !triple => {
                    let detected = self.lines.position(self.pos).0;
                    return self.fail_at(
                        start,
                        format!("unterminated string literal (detected at line {detected})"),
                    );
                }
                Some(byte) if byte == quote => {
                    if !triple {
                        self.pos += 1;
                        break;
                    }
                    if self.peek(1) == Some(quote) && self.peek(2) == Some(quote) {
                        self.pos += 3;
                        break;
                    }
                    self.pos += 1;
                }
                Some(_) => self.pos += 1,
            }
        }
        self.push(Kind::String, start, self.pos);
        Ok(())
    }

    fn close(&mut self, closer: char) -> Scanned {
        let Some(open) = self.brackets.pop() else {
            return self.fail_at(self.pos, format!("unmatched '{closer}'"));
        };
        let expected = match open.bracket {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        if closer != expected {
            let (open_line, _) = self.lines.position(open.offset);
            let (close_line, _) = self.lines.position(self.pos);
            let mut message = format!(
                "closing parenthesis '{closer}' does not match opening parenthesis '{}'",
                open.bracket
            );
            if open_line != close_line {
                message.push_str(&format!(" on line {open_line}"));
            }
            return self.fail_at(self.pos, message);
        }
        self.push(Kind::Op, self.pos, self.pos + 1);
        self.pos += 1;
        Ok(())
    }

    fn operator(&mut self) {
        let rest = self.source.get(self.pos..).unwrap_or_default();
        let length = OPERATORS
            .iter()
            .find(|op| rest.starts_with(**op))
            .map_or(1, |op| op.len());
        self.push(Kind::Op, self.pos, self.pos + length);
        self.pos += length;
    }
}

/// CPython's message for a character that cannot start or continue a name.
fn invalid_character(ch: char) -> String {
    let printable = !(ch.is_control()
        || ch.is_whitespace()
        || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'));
    if printable {
        format!("invalid character '{ch}' (U+{:04X})", u32::from(ch))
    } else {
        format!("invalid non-printable character U+{:04X}", u32::from(ch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(source: &str) -> (SyntaxErrorClass, String, u32, u32) {
        let lines = LineIndex::new(source);
        let failure = scan(source, &lines, &[]).error.expect("an error");
        (
            failure.class,
            failure.message,
            failure.loc.line,
            failure.loc.col,
        )
    }

    #[test]
    fn tokens_carry_depth_and_newlines_span_comments() {
        let source = "f(a, [b])  # c\nx\n";
        let lines = LineIndex::new(source);
        let scan = scan(source, &lines, &[]);
        assert!(scan.error.is_none());
        let depths: Vec<usize> = scan.tokens.iter().map(|t| t.depth).collect();
        assert_eq!(depths, vec![0, 0, 1, 1, 1, 2, 1, 0, 0, 0, 0]);
        let newline = scan.tokens[8];
        assert_eq!(newline.kind, Kind::Newline);
        assert_eq!(&source[newline.start..newline.end], "# c");
    }

    #[test]
    fn unterminated_strings_name_the_line_they_were_detected_at() {
        assert_eq!(
            error_of("x = 1\ns = 'abc\n"),
            (
                SyntaxErrorClass::Syntax,
                "unterminated string literal (detected at line 2)".into(),
                2,
                5
            )
        );
        assert_eq!(
            error_of("s = '''abc\nxx\n\n\n").1,
            "unterminated triple-quoted string literal (detected at line 4)"
        );
        assert_eq!(
            error_of("s = 'abc\\\ndef\n").1,
            "unterminated string literal (detected at line 2)"
        );
        assert_eq!(error_of("s = f'abc\n").3, 5);
    }

    #[test]
    fn brackets_are_matched_like_cpython() {
        assert_eq!(error_of("x = 1)\n").1, "unmatched ')'");
        assert_eq!(
            error_of("print(len([1, 2)\n").1,
            "closing parenthesis ')' does not match opening parenthesis '['"
        );
        assert_eq!(
            error_of("x = (1,\n2]\n"),
            (
                SyntaxErrorClass::Syntax,
                "closing parenthesis ']' does not match opening parenthesis '(' on line 1".into(),
                2,
                2
            )
        );
        let source = "x = ((1\n";
        let lines = LineIndex::new(source);
        let unclosed = scan(source, &lines, &[]).unclosed;
        assert_eq!(unclosed.len(), 2);
        assert_eq!(unclosed[1].offset, 5);
    }

    #[test]
    fn indentation_errors_are_indentation_and_tab_errors() {
        assert_eq!(
            error_of("if True:\n    x = 1\n  y = 2\n"),
            (
                SyntaxErrorClass::Indentation,
                "unindent does not match any outer indentation level".into(),
                3,
                8
            )
        );
        assert_eq!(
            error_of("if True:\n        x = 1\n\ty = 2\n"),
            (
                SyntaxErrorClass::Tab,
                "inconsistent use of tabs and spaces in indentation".into(),
                3,
                1
            )
        );
        let source = "if x:\n    y = (1,\n  2)\n    # c\n  \n";
        let lines = LineIndex::new(source);
        assert!(scan(source, &lines, &[]).error.is_none());
    }

    #[test]
    fn stray_characters_are_named() {
        let source = "x = [1，2]\n";
        let lines = LineIndex::new(source);
        let failure = scan(source, &lines, &[6]).error.unwrap();
        assert_eq!(failure.message, "invalid character '，' (U+FF0C)");
        assert_eq!((failure.loc.line, failure.loc.col), (1, 7));
        assert_eq!(
            invalid_character('\u{3000}'),
            "invalid non-printable character U+3000"
        );
        assert_eq!(
            error_of("x = 1 \\ 2\n").1,
            "unexpected character after line continuation character"
        );
        assert_eq!(error_of("x = 1 \\ 2\n").3, 8);
    }
}
