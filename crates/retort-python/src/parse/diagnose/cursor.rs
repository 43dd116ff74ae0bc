//! Reading the CPython-style token list around an error: the token at a
//! byte offset, logical lines, bracket groups and where an expression ends.

use ruff_text_size::TextRange;

use super::super::{LineIndex, ParseFailure};
use super::tokens::{Kind, OpenBracket, Token};
use crate::ast::Loc;

/// Python's reserved words, except the three that are values.
const KEYWORDS: [&str; 32] = [
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

const BINARY: [&str; 13] = [
    "+", "-", "*", "/", "//", "%", "**", "@", "|", "&", "^", "<<", ">>",
];

const COMPARISON: [&str; 6] = ["==", "!=", "<", ">", "<=", ">="];

/// The tokens of a source text, with the text and line index they index.
pub(super) struct Cursor<'a> {
    pub source: &'a str,
    pub lines: &'a LineIndex<'a>,
    pub tokens: &'a [Token],
}

impl Cursor<'_> {
    /// The token at byte `offset`: the one starting there, or the end of
    /// line whose span covers it, or failing that the next token.
    pub fn at(&self, offset: usize) -> Option<usize> {
        self.tokens
            .iter()
            .position(|t| {
                t.start == offset
                    || (t.kind == Kind::Newline && t.start <= offset && offset <= t.end)
            })
            .or_else(|| self.tokens.iter().position(|t| t.start >= offset))
    }

    pub fn token(&self, index: usize) -> Option<&Token> {
        self.tokens.get(index)
    }

    pub fn text(&self, index: usize) -> &str {
        self.tokens
            .get(index)
            .and_then(|t| self.source.get(t.start..t.end))
            .unwrap_or_default()
    }

    pub fn kind(&self, index: usize) -> Option<Kind> {
        self.tokens.get(index).map(|t| t.kind)
    }

    pub fn depth(&self, index: usize) -> usize {
        self.tokens.get(index).map_or(0, |t| t.depth)
    }

    /// Whether the token is a reserved word (not `True`, `False`, `None`).
    pub fn is_keyword(&self, index: usize) -> bool {
        self.kind(index) == Some(Kind::Name) && KEYWORDS.contains(&self.text(index))
    }

    /// Whether the token can start an operand: a name, number or string.
    pub fn is_atom(&self, index: usize) -> bool {
        match self.kind(index) {
            Some(Kind::Name) => !self.is_keyword(index),
            Some(Kind::Number | Kind::String) => true,
            _ => false,
        }
    }

    /// Whether the token can end an operand: an atom or a closing bracket.
    pub fn ends_operand(&self, index: usize) -> bool {
        self.is_atom(index) || matches!(self.text(index), ")" | "]" | "}")
    }

    pub fn is_opener(&self, index: usize) -> bool {
        self.kind(index) == Some(Kind::Op) && matches!(self.text(index), "(" | "[" | "{")
    }

    /// The first token of the logical line holding token `index`.
    pub fn line_start(&self, index: usize) -> usize {
        let mut start = index.min(self.tokens.len());
        while start > 0 && self.kind(start - 1) != Some(Kind::Newline) {
            start -= 1;
        }
        start
    }

    /// The index just past the bracket group opened at `open`.
    pub fn skip_group(&self, open: usize) -> usize {
        let depth = self.depth(open);
        (open + 1..self.tokens.len())
            .find(|&i| self.depth(i) <= depth)
            .map_or(self.tokens.len(), |close| close + 1)
    }

    /// The index just past the expression starting at `start`. With
    /// `bitwise_only` it stops where CPython's `bitwise_or` rule stops
    /// (before comparisons and boolean operators).
    pub fn expression_end(&self, start: usize, bitwise_only: bool) -> usize {
        let mut index = start;
        let mut want_operand = true;
        while let Some(kind) = self.kind(index) {
            let text = self.text(index);
            if want_operand {
                if self.is_atom(index) {
                    index += 1;
                    want_operand = false;
                } else if self.is_opener(index) {
                    index = self.skip_group(index);
                    want_operand = false;
                } else if matches!(text, "-" | "+" | "~" | "await")
                    || (text == "not" && !bitwise_only)
                {
                    index += 1;
                } else {
                    break;
                }
                continue;
            }
            let continues_operand = (kind == Kind::String
                && self.kind(index - 1) == Some(Kind::String))
                || matches!(text, "(" | "[");
            if continues_operand {
                index = if kind == Kind::String {
                    index + 1
                } else {
                    self.skip_group(index)
                };
            } else if text == "." && self.kind(index + 1) == Some(Kind::Name) {
                index += 2;
            } else if (kind == Kind::Op && BINARY.contains(&text))
                || (!bitwise_only
                    && (COMPARISON.contains(&text)
                        || matches!(text, "and" | "or" | "in" | "is" | "if" | "else")))
            {
                index += 1;
                want_operand = true;
            } else if !bitwise_only && text == "not" && self.text(index + 1) == "in" {
                index += 2;
                want_operand = true;
            } else {
                break;
            }
        }
        index
    }

    /// Whether CPython's parser, failing at the token at `offset`, reads
    /// into a bracket left open on line `line`: the token is on a later
    /// line, or is one of the open brackets in an expression (CPython
    /// tries to parse what it opens), or nothing but line ends follows.
    pub fn reads_into(&self, offset: usize, unclosed: &[OpenBracket], line: u32) -> bool {
        let Some(at) = self.at(offset) else {
            return true;
        };
        let Some(token) = self.token(at) else {
            return true;
        };
        let opens_unclosed = unclosed.iter().any(|open| open.offset == token.start)
            && !self.is_keyword(self.line_start(at));
        self.lines.position(token.start).0 > line
            || opens_unclosed
            || self.tokens[at + 1..]
                .iter()
                .all(|token| token.kind == Kind::Newline)
    }

    /// The line of the first token at or after (`line`, `col`), the token
    /// CPython reads after a range; past the last line at the end.
    pub fn line_after(&self, line: u32, col: u32) -> u32 {
        self.tokens
            .iter()
            .filter(|token| token.kind != Kind::Newline)
            .map(|token| self.lines.position(token.start))
            .find(|position| *position >= (line, col))
            .map_or(u32::MAX, |(line, _)| line)
    }

    /// The location of the byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Loc {
        self.lines.span(start, end)
    }

    /// The location of token `index`.
    pub fn token_loc(&self, index: usize) -> Loc {
        match self.tokens.get(index) {
            Some(token) => self.span(token.start, token.end),
            None => self.lines.end_of_input(),
        }
    }

    /// CPython's generic "invalid syntax" at the parser's error location;
    /// at the end of a line it has no width, or covers the line's comment.
    pub fn invalid_syntax(&self, range: TextRange) -> ParseFailure {
        let start = range.start().to_usize();
        let loc = match self.at(start) {
            Some(index) if self.kind(index) == Some(Kind::Newline) => self.token_loc(index),
            _ => self.lines.loc(range),
        };
        ParseFailure::syntax("invalid syntax", loc)
    }
}
