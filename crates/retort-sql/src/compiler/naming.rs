//! Identifier quoting (`IdentifierPreparer._requires_quotes`) and the
//! anonymous-name map that turns `%(id name)s` into `name_1`, `name_2`, ...
//! in rendering order, shared by binds, labels and aliases as in SQLAlchemy.

use std::collections::HashMap;

use super::Dialect;
use crate::expr::AliasName;

/// Quotes an identifier if SQLAlchemy would.
pub fn quote(dialect: Dialect, name: &str) -> String {
    if requires_quotes(dialect, name) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_owned()
    }
}

/// `_requires_quotes`: reserved, illegal first character, illegal characters, or not lower case.
pub fn requires_quotes(dialect: Dialect, name: &str) -> bool {
    let lower = name.to_lowercase();
    let Some(first) = name.chars().next() else {
        return true;
    };
    dialect.reserved_words().contains(&lower.as_str())
        || first.is_ascii_digit()
        || first == '$'
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        || lower != name
}

/// Replaces each run of `%`, `(`, `)`, space and `$` with one underscore.
pub fn sanitize(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut in_run = false;
    for c in key.chars() {
        if matches!(c, '%' | '(' | ')' | ' ' | '$') {
            if !in_run {
                out.push('_');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

/// Per-statement counters for anonymous names.
#[derive(Debug, Default)]
pub struct AnonMap {
    counters: HashMap<String, u32>,
    aliases: HashMap<(u64, String), String>,
}

impl AnonMap {
    /// A fresh name for one anonymous element: `base_1`, then `base_2`...
    /// The base is sanitised as `_anonymous_label.safe_construct` does.
    pub fn next(&mut self, base: &str) -> String {
        let base = sanitize(base);
        let base = base.as_str();
        let counter = self.counters.entry(base.to_owned()).or_insert(0);
        *counter += 1;
        format!("{base}_{counter}")
    }

    /// The name of an alias, stable across every mention in the statement.
    pub fn alias(&mut self, alias: &AliasName) -> String {
        match alias {
            AliasName::Named(name) => name.clone(),
            AliasName::Anon { id, base } => {
                let key = (*id, base.clone());
                if let Some(name) = self.aliases.get(&key) {
                    return name.clone();
                }
                let name = self.next(base);
                self.aliases.insert(key, name.clone());
                name
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_quoted_everywhere_but_user_only_on_the_default_dialect() {
        assert_eq!(quote(Dialect::Sqlite, "order"), "\"order\"");
        assert_eq!(quote(Dialect::Sqlite, "user"), "user");
        assert_eq!(quote(Dialect::Default, "user"), "\"user\"");
        assert_eq!(quote(Dialect::Sqlite, "users"), "users");
        assert_eq!(quote(Dialect::Sqlite, "UserName"), "\"UserName\"");
        assert_eq!(quote(Dialect::Sqlite, "1abc"), "\"1abc\"");
        assert_eq!(quote(Dialect::Sqlite, "my col"), "\"my col\"");
    }

    #[test]
    fn anonymous_names_count_per_base_and_aliases_are_stable() {
        let mut m = AnonMap::default();
        assert_eq!(m.next("name"), "name_1");
        assert_eq!(m.next("name"), "name_2");
        assert_eq!(m.next("param"), "param_1");
        assert_eq!(m.next("my col"), "my_col_1");
        let a = AliasName::anon(7, "anon");
        assert_eq!(m.alias(&a), "anon_1");
        assert_eq!(m.alias(&a), "anon_1");
        assert_eq!(m.alias(&AliasName::anon(8, "anon")), "anon_2");
    }
}
