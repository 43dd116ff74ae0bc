//! SQL as the log shows it: SQLAlchemy's echo text (already broken before
//! FROM, WHERE, ...) with keywords, strings and placeholders highlighted —
//! every piece a text node.

use yew::prelude::*;

const KEYWORDS: &[&str] = &[
    "ADD",
    "ALTER",
    "AND",
    "AS",
    "ASC",
    "AUTOINCREMENT",
    "BEGIN",
    "BETWEEN",
    "BY",
    "CASE",
    "CHECK",
    "COLUMN",
    "COMMIT",
    "CONSTRAINT",
    "COUNT",
    "CREATE",
    "DEFAULT",
    "DELETE",
    "DESC",
    "DISTINCT",
    "DROP",
    "ELSE",
    "END",
    "EXISTS",
    "FOREIGN",
    "FROM",
    "GROUP",
    "HAVING",
    "IF",
    "IN",
    "INDEX",
    "INNER",
    "INSERT",
    "INTO",
    "IS",
    "JOIN",
    "KEY",
    "LEFT",
    "LIKE",
    "LIMIT",
    "NOT",
    "NULL",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OUTER",
    "PRIMARY",
    "REFERENCES",
    "RETURNING",
    "ROLLBACK",
    "SELECT",
    "SET",
    "TABLE",
    "THEN",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "VALUES",
    "WHEN",
    "WHERE",
    "WITH",
];

enum Piece<'a> {
    Plain(&'a str),
    Keyword(&'a str),
    String(&'a str),
    Param(&'a str),
}

fn pieces(sql: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut chars = sql.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let end = if c == '\'' {
            let mut end = sql.len();
            while let Some((i, d)) = chars.next() {
                if d == '\'' {
                    if chars.peek().is_some_and(|&(_, e)| e == '\'') {
                        chars.next();
                        continue;
                    }
                    end = i + 1;
                    break;
                }
            }
            Some((end, 's'))
        } else if c == '?' {
            Some((start + 1, 'p'))
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_alphanumeric() || d == '_' || d == '.' {
                    chars.next();
                    end = i + d.len_utf8();
                } else {
                    break;
                }
            }
            KEYWORDS.contains(&&sql[start..end]).then_some((end, 'k'))
        } else {
            None
        };
        if let Some((end, kind)) = end {
            if plain_start < start {
                out.push(Piece::Plain(&sql[plain_start..start]));
            }
            let text = &sql[start..end];
            out.push(match kind {
                's' => Piece::String(text),
                'p' => Piece::Param(text),
                _ => Piece::Keyword(text),
            });
            plain_start = end;
        }
    }
    if plain_start < sql.len() {
        out.push(Piece::Plain(&sql[plain_start..]));
    }
    out
}

/// `sql` with its keywords, strings and `?` placeholders marked.
pub fn highlighted(sql: &str) -> Html {
    html! {
        { for pieces(sql).into_iter().map(|piece| match piece {
            Piece::Plain(t) => html! { { t } },
            Piece::Keyword(t) => html! { <span class="kw">{ t }</span> },
            Piece::String(t) => html! { <span class="str">{ t }</span> },
            Piece::Param(t) => html! { <span class="param">{ t }</span> },
        }) }
    }
}
