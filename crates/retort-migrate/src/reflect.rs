//! Reading a table back from SQLite as SQLAlchemy's SQLite dialect does:
//! columns from `PRAGMA table_xinfo` (types by `_resolve_type_affinity`,
//! expression defaults parenthesised as Alembic's reflection hook does),
//! foreign keys from `PRAGMA foreign_key_list`, indexes from
//! `PRAGMA index_list`/`index_info`, and the constraint names and UNIQUE
//! and CHECK constraints from the table's own `CREATE TABLE` text. The
//! statements are recorded as SQLAlchemy emits them (the corpus's SQL
//! comparison skips them).

use retort_driver::Value;

use crate::conn::{DbError, MigConn};
use crate::model::{Default, ForeignKey, MColumn, MConstraint, MIndex, MTable, Name, PrimaryKey};
use crate::types::SaType;

/// The inspector's `get_table_names()` query.
pub const TABLE_NAMES: &str = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name";

/// The reflection query for a table's `CREATE` text.
pub const TABLE_SQL: &str = "SELECT sql FROM  (SELECT * FROM sqlite_master UNION ALL   SELECT * FROM sqlite_temp_master) WHERE name = ? AND type in ('table', 'view')";

fn pragma(kind: &str, schema: &str, name: &str) -> String {
    format!("PRAGMA {schema}.{kind}(\"{}\")", name.replace('"', "\"\""))
}

fn text(value: Option<&Value>) -> Option<String> {
    match value {
        Some(Value::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

fn int(value: Option<&Value>) -> i64 {
    match value {
        Some(Value::Integer(i)) => *i,
        _ => 0,
    }
}

/// The user tables, sorted by name (`Inspector.get_table_names()`).
pub fn table_names(conn: &mut MigConn) -> Result<Vec<String>, DbError> {
    Ok(conn
        .query(TABLE_NAMES, &[])?
        .iter()
        .filter_map(|row| text(row.first()))
        .collect())
}

/// `has_table`: `PRAGMA main.table_info`, then `temp` when main has nothing.
pub fn has_table(conn: &mut MigConn, name: &str) -> Result<bool, DbError> {
    if !conn
        .query(&pragma("table_info", "main", name), &[])?
        .is_empty()
    {
        return Ok(true);
    }
    Ok(!conn
        .query(&pragma("table_info", "temp", name), &[])?
        .is_empty())
}

/// Alembic's guess whether a reflected default is an unparenthesised SQL
/// expression, which SQLite needs parenthesised when sent back as DDL.
fn parenthesize_default(default: String) -> String {
    let is_number = default.len() == 1 && default.chars().all(|c| c.is_ascii_digit() || c == '.');
    let quoted = default.len() >= 2 && default.starts_with('\'') && default.ends_with('\'');
    let parenthesised = default.len() >= 2 && default.starts_with('(') && default.ends_with(')');
    if default.is_empty() || is_number || quoted || parenthesised {
        default
    } else {
        format!("({default})")
    }
}

/// Reflects one table; `None` when it does not exist.
pub fn reflect_table(conn: &mut MigConn, name: &str) -> Result<Option<MTable>, DbError> {
    let rows = conn.query(&pragma("table_xinfo", "main", name), &[])?;
    if rows.is_empty() {
        return Ok(None);
    }
    let sql_rows = conn.query(TABLE_SQL, &[Value::Text(name.to_owned())])?;
    let create_sql = sql_rows
        .first()
        .and_then(|r| text(r.first()))
        .unwrap_or_default();
    let parsed = parse_create_table(&create_sql);
    let mut table = MTable::new(name);
    let mut pk: Vec<(i64, String)> = Vec::new();
    for row in &rows {
        // cid, name, type, notnull, dflt_value, pk, hidden
        if int(row.get(6)) != 0 {
            continue;
        }
        let column_name = text(row.get(1)).unwrap_or_default();
        let declared = text(row.get(2)).unwrap_or_default();
        let mut column = MColumn::new(column_name.clone(), SaType::reflected(&declared));
        column.nullable = int(row.get(3)) == 0;
        column.server_default = text(row.get(4)).map(|d| Default::Sql(parenthesize_default(d)));
        let pk_index = int(row.get(5));
        if pk_index > 0 {
            column.primary_key = true;
            pk.push((pk_index, column_name));
        }
        table.columns.push(column);
    }
    pk.sort();
    table.primary_key = PrimaryKey {
        name: parsed.pk_name.clone().map(Name::plain),
        columns: pk.into_iter().map(|(_, c)| c).collect(),
    };

    // Foreign keys: the PRAGMA is authoritative; names come from the text.
    let mut fk_rows = conn.query(&pragma("foreign_key_list", "main", name), &[])?;
    if fk_rows.is_empty() {
        fk_rows = conn.query(&pragma("foreign_key_list", "temp", name), &[])?;
    }
    conn.query(TABLE_SQL, &[Value::Text(name.to_owned())])?;
    let mut by_id: Vec<(i64, ForeignKey)> = Vec::new();
    for row in &fk_rows {
        // id, seq, table, from, to, on_update, on_delete, match
        let id = int(row.first());
        let ref_table = text(row.get(2)).unwrap_or_default();
        let from = text(row.get(3)).unwrap_or_default();
        let to = text(row.get(4));
        let action = |v: Option<String>| v.filter(|a| a != "NO ACTION");
        let position = match by_id.iter().position(|(i, _)| *i == id) {
            Some(position) => position,
            None => {
                by_id.push((
                    id,
                    ForeignKey {
                        name: None,
                        columns: Vec::new(),
                        ref_table,
                        ref_columns: Vec::new(),
                        ondelete: action(text(row.get(6))),
                        onupdate: action(text(row.get(5))),
                    },
                ));
                by_id.len() - 1
            }
        };
        if let Some((_, entry)) = by_id.get_mut(position) {
            entry.columns.push(from.clone());
            entry.ref_columns.push(to.unwrap_or(from));
        }
    }
    let mut remaining: Vec<ForeignKey> = by_id.into_iter().map(|(_, fk)| fk).collect();
    for parsed_fk in &parsed.foreign_keys {
        if let Some(pos) = remaining.iter().position(|fk| {
            fk.columns == parsed_fk.columns
                && fk.ref_table == parsed_fk.ref_table
                && (parsed_fk.ref_columns.is_empty() || fk.ref_columns == parsed_fk.ref_columns)
        }) {
            let mut fk = remaining.remove(pos);
            fk.name = parsed_fk.name.clone();
            table.constraints.push(MConstraint::ForeignKey(fk));
        }
    }
    for fk in remaining {
        table.constraints.push(MConstraint::ForeignKey(fk));
    }

    // Indexes (not the automatic ones behind UNIQUE / PRIMARY KEY).
    let mut index_rows = conn.query(&pragma("index_list", "main", name), &[])?;
    if index_rows.is_empty() {
        index_rows = conn.query(&pragma("index_list", "temp", name), &[])?;
    }
    let mut indexes = Vec::new();
    for row in &index_rows {
        // seq, name, unique, origin, partial
        let index_name = text(row.get(1)).unwrap_or_default();
        if index_name.starts_with("sqlite_autoindex") || int(row.get(4)) != 0 {
            continue;
        }
        let info = conn.query(&pragma("index_info", "main", &index_name), &[])?;
        let mut columns: Vec<(i64, String)> = info
            .iter()
            .map(|r| (int(r.first()), text(r.get(2)).unwrap_or_default()))
            .collect();
        columns.sort();
        indexes.push(MIndex {
            name: Name::plain(index_name),
            columns: columns.into_iter().map(|(_, c)| c).collect(),
            unique: int(row.get(2)) != 0,
        });
    }
    indexes.sort_by(|a, b| a.name.text.cmp(&b.name.text));
    table.indexes = indexes;
    conn.query(TABLE_SQL, &[Value::Text(name.to_owned())])?;

    for (name, columns) in parsed.uniques {
        table.constraints.push(MConstraint::Unique {
            name: name.map(Name::plain),
            columns,
        });
    }
    for (name, sql) in parsed.checks {
        table.constraints.push(MConstraint::Check {
            name: name.map(Name::plain),
            sql,
        });
    }
    Ok(Some(table))
}

/// What the `CREATE TABLE` text says beyond the PRAGMAs.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ParsedTable {
    pub pk_name: Option<String>,
    pub uniques: Vec<(Option<String>, Vec<String>)>,
    pub foreign_keys: Vec<ForeignKey>,
    pub checks: Vec<(Option<String>, String)>,
}

/// A token of a `CREATE TABLE` text.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    /// A parenthesised group, with its inner text.
    Group(String),
    Other(String),
}

impl Token {
    fn is_keyword(&self, word: &str) -> bool {
        matches!(self, Token::Word(w) if w.eq_ignore_ascii_case(word))
    }

    fn name(&self) -> String {
        match self {
            Token::Word(w) => unquote(w),
            Token::Group(g) => g.clone(),
            Token::Other(o) => o.clone(),
        }
    }
}

fn unquote(word: &str) -> String {
    let bytes = word.as_bytes();
    if word.len() >= 2 {
        let (first, last) = (bytes[0], bytes[word.len() - 1]);
        if (first == b'"' && last == b'"') || (first == b'`' && last == b'`') {
            return word[1..word.len() - 1].replace("\"\"", "\"");
        }
        if first == b'[' && last == b']' {
            return word[1..word.len() - 1].to_owned();
        }
    }
    word.to_owned()
}

/// Splits text into words (quoted identifiers kept whole), strings,
/// parenthesised groups and punctuation.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            let start = i + 1;
            let mut depth = 0;
            let mut j = i;
            let mut quote: Option<char> = None;
            while j < chars.len() {
                let d = chars[j];
                match quote {
                    Some(q) if d == q => quote = None,
                    Some(_) => {}
                    None if d == '\'' || d == '"' || d == '`' => quote = Some(d),
                    None if d == '(' => depth += 1,
                    None if d == ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    None => {}
                }
                j += 1;
            }
            tokens.push(Token::Group(
                chars[start..j.min(chars.len())].iter().collect(),
            ));
            i = j + 1;
        } else if c == '"' || c == '`' || c == '[' || c == '\'' {
            let close = if c == '[' { ']' } else { c };
            let mut j = i + 1;
            while j < chars.len() && chars[j] != close {
                j += 1;
            }
            let end = (j + 1).min(chars.len());
            let word: String = chars[i..end].iter().collect();
            tokens.push(if c == '\'' {
                Token::Other(word)
            } else {
                Token::Word(word)
            });
            i = end;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_alphanumeric() || chars[j] == '_' || chars[j] == '$')
            {
                j += 1;
            }
            tokens.push(Token::Word(chars[i..j].iter().collect()));
            i = j;
        } else {
            tokens.push(Token::Other(c.to_string()));
            i += 1;
        }
    }
    tokens
}

/// Splits a group's text at top-level commas.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut current = String::new();
    for c in text.chars() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                current.push(c);
            }
            None => match c {
                '\'' | '"' | '`' => {
                    quote = Some(c);
                    current.push(c);
                }
                '(' => {
                    depth += 1;
                    current.push(c);
                }
                ')' => {
                    depth -= 1;
                    current.push(c);
                }
                ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
                _ => current.push(c),
            },
        }
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    parts
}

fn names_of(group: &str) -> Vec<String> {
    split_top_level(group)
        .iter()
        .map(|part| tokenize(part).first().map(Token::name).unwrap_or_default())
        .collect()
}

/// Parses a `CREATE TABLE` text for constraint names and the UNIQUE and
/// CHECK constraints, as SQLAlchemy's SQLite dialect does with its patterns.
pub fn parse_create_table(sql: &str) -> ParsedTable {
    let mut parsed = ParsedTable::default();
    let tokens = tokenize(sql);
    let Some(Token::Group(body)) = tokens.iter().find(|t| matches!(t, Token::Group(_))) else {
        return parsed;
    };
    for element in split_top_level(body) {
        let tokens = tokenize(&element);
        let mut i = 0;
        let mut name = None;
        if tokens.first().is_some_and(|t| t.is_keyword("CONSTRAINT")) {
            name = tokens.get(1).map(Token::name);
            i = 2;
        }
        let Some(first) = tokens.get(i) else {
            continue;
        };
        if first.is_keyword("PRIMARY") {
            if name.is_some() {
                parsed.pk_name = name;
            }
        } else if first.is_keyword("UNIQUE") {
            if let Some(Token::Group(cols)) = tokens.get(i + 1) {
                parsed.uniques.push((name, names_of(cols)));
            }
        } else if first.is_keyword("CHECK") {
            if let Some(Token::Group(text)) = tokens.get(i + 1) {
                parsed.checks.push((name, text.trim().to_owned()));
            }
        } else if first.is_keyword("FOREIGN") {
            let columns = match tokens.get(i + 2) {
                Some(Token::Group(cols)) => names_of(cols),
                _ => Vec::new(),
            };
            let refs = tokens.iter().position(|t| t.is_keyword("REFERENCES"));
            if let Some(r) = refs {
                let ref_table = tokens.get(r + 1).map(Token::name).unwrap_or_default();
                let ref_columns = match tokens.get(r + 2) {
                    Some(Token::Group(cols)) => names_of(cols),
                    _ => Vec::new(),
                };
                parsed.foreign_keys.push(ForeignKey {
                    name: name.map(Name::plain),
                    columns,
                    ref_table,
                    ref_columns,
                    ondelete: None,
                    onupdate: None,
                });
            }
        } else if name.is_none() {
            // A column definition with inline constraints.
            let column = first.name();
            for (j, token) in tokens.iter().enumerate().skip(i + 1) {
                if token.is_keyword("UNIQUE") {
                    parsed.uniques.push((None, vec![column.clone()]));
                } else if token.is_keyword("CHECK")
                    && let Some(Token::Group(text)) = tokens.get(j + 1)
                {
                    parsed.checks.push((None, text.trim().to_owned()));
                }
            }
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_constraints() {
        let parsed = parse_create_table(
            "CREATE TABLE \"articles\" (\n\tid INTEGER NOT NULL, \n\tcategory_id INTEGER, \n\tphone VARCHAR(11) UNIQUE, \n\tCONSTRAINT pk_articles PRIMARY KEY (id), \n\tCONSTRAINT fk_a FOREIGN KEY(category_id) REFERENCES categories (id), \n\tUNIQUE (category_id, phone), \n\tCHECK (id > 0)\n)",
        );
        assert_eq!(parsed.pk_name.as_deref(), Some("pk_articles"));
        assert_eq!(parsed.foreign_keys[0].name, Some(Name::plain("fk_a")));
        assert_eq!(parsed.foreign_keys[0].ref_table, "categories");
        assert_eq!(
            parsed.uniques,
            vec![
                (None, vec!["phone".to_string()]),
                (None, vec!["category_id".to_string(), "phone".to_string()])
            ]
        );
        assert_eq!(parsed.checks, vec![(None, "id > 0".to_string())]);
    }

    #[test]
    fn reflects_a_table() {
        let mut conn = MigConn::open(None).unwrap();
        conn.execute("CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, score INTEGER DEFAULT '0' NOT NULL, at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id), UNIQUE (name))", &[]).unwrap();
        conn.execute("CREATE TABLE posts (id INTEGER NOT NULL, user_id INTEGER, PRIMARY KEY (id), CONSTRAINT fk_posts_user FOREIGN KEY(user_id) REFERENCES users (id))", &[]).unwrap();
        conn.execute("CREATE INDEX ix_users_score ON users (score)", &[])
            .unwrap();
        let users = reflect_table(&mut conn, "users").unwrap().unwrap();
        assert_eq!(users.columns[1].ty.render(), "sa.VARCHAR(length=20)");
        assert!(!users.columns[1].nullable);
        assert_eq!(
            users.columns[2].server_default,
            Some(Default::Sql("'0'".into()))
        );
        assert_eq!(
            users.columns[3].server_default,
            Some(Default::Sql("(CURRENT_TIMESTAMP)".into()))
        );
        assert_eq!(users.primary_key.columns, vec!["id"]);
        assert_eq!(users.indexes[0].name.text, "ix_users_score");
        assert_eq!(users.constraints.len(), 1);
        let posts = reflect_table(&mut conn, "posts").unwrap().unwrap();
        match &posts.constraints[0] {
            MConstraint::ForeignKey(fk) => {
                assert_eq!(fk.name, Some(Name::plain("fk_posts_user")));
                assert_eq!(fk.ref_columns, vec!["id"]);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(table_names(&mut conn).unwrap(), vec!["posts", "users"]);
        assert!(reflect_table(&mut conn, "missing").unwrap().is_none());
    }
}
