//! `text()` rendering: `:name` placeholders found with SQLAlchemy's
//! `_bind_params_regex` (`(?<![:\w\\]):(\w+)(?!:)`), and `\:` unescaped to
//! a literal colon.

use super::Compiler;
use crate::error::CompileError;
use crate::value::Value;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Compiler {
    /// Renders `text()` SQL with its binds as placeholders of the current style.
    pub(crate) fn text(
        &mut self,
        sql: &str,
        binds: &[(String, Value)],
    ) -> Result<String, CompileError> {
        let chars: Vec<char> = sql.chars().collect();
        let mut out = String::with_capacity(sql.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' && chars.get(i + 1) == Some(&':') {
                out.push(':');
                i += 2;
                continue;
            }
            if c == ':' {
                let prev_ok = i == 0 || !(chars[i - 1] == ':' || is_word(chars[i - 1]));
                let mut end = i + 1;
                while end < chars.len() && is_word(chars[end]) {
                    end += 1;
                }
                let next_ok = chars.get(end) != Some(&':');
                if prev_ok && end > i + 1 && next_ok {
                    let name: String = chars[i + 1..end].iter().collect();
                    let value = binds
                        .iter()
                        .chain(self.statement_params.iter().rev().flatten())
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v.clone())
                        .ok_or_else(|| {
                            CompileError::new(format!(
                                "A value is required for bind parameter '{name}'"
                            ))
                        })?;
                    out.push_str(&self.bind_value(name, &value)?);
                    i = end;
                    continue;
                }
            }
            out.push(c);
            i += 1;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::compiler::{compile_default_str, compile_sqlite};
    use crate::select::Statement;
    use crate::value::Value;

    fn stmt(sql: &str, binds: Vec<(&str, Value)>) -> Statement {
        Statement::Text {
            sql: sql.to_owned(),
            binds: binds.into_iter().map(|(n, v)| (n.to_owned(), v)).collect(),
        }
    }

    #[test]
    fn casts_and_escaped_colons_are_not_binds() {
        let s = stmt(
            "a = :a AND b::int = 1 AND c = '\\:x'",
            vec![("a", Value::Integer(1))],
        );
        let c = compile_sqlite(&s).unwrap();
        assert_eq!(c.sql, "a = ? AND b::int = 1 AND c = ':x'");
        assert_eq!(c.params, vec![Value::Integer(1)]);
        assert_eq!(
            compile_default_str(&s).unwrap(),
            "a = :a AND b::int = 1 AND c = ':x'"
        );
    }

    #[test]
    fn a_missing_value_is_an_error_not_a_panic() {
        assert!(compile_sqlite(&stmt("x = :missing", vec![])).is_err());
        assert_eq!(compile_sqlite(&stmt(":", vec![])).unwrap().sql, ":");
    }

    #[test]
    fn a_select_gives_values_its_text_fragments_leave_open() {
        use crate::expr::Expr;
        use crate::select::Select;
        let mut select = Select::new(vec![Expr::col("t", "a")]).where_(Expr::Text {
            sql: "a > :x".to_owned(),
            binds: vec![],
        });
        select.params = vec![("x".to_owned(), Value::Integer(2))];
        let c = compile_sqlite(&Statement::Select(select)).unwrap();
        assert_eq!(c.sql, "SELECT t.a \nFROM t \nWHERE a > ?");
        assert_eq!(c.params, vec![Value::Integer(2)]);
    }
}
