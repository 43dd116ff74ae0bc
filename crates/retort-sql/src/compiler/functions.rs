//! SQL function rendering (`visit_function`): SQLAlchemy's known functions
//! (`FUNCTIONS`, the ANSI ones written without parentheses) and SQLite's
//! `visit_*_func` overrides (`now()` as `CURRENT_TIMESTAMP`,
//! `char_length()` as `length()`). Any other name is written as given,
//! quoted only when it has illegal characters.

use super::Dialect;

/// How a known function's name is written, and whether it keeps its
/// parentheses when called without arguments.
fn known_spelling(lower: &str) -> Option<(&'static str, bool)> {
    Some(match lower {
        "coalesce" => ("coalesce", true),
        "random" => ("random", true),
        "current_date" => ("CURRENT_DATE", false),
        "current_time" => ("CURRENT_TIME", false),
        "current_timestamp" => ("CURRENT_TIMESTAMP", false),
        "current_user" => ("CURRENT_USER", false),
        "localtime" => ("LOCALTIME", false),
        "localtimestamp" => ("LOCALTIMESTAMP", false),
        "sysdate" => ("sysdate", false),
        "session_user" => ("SESSION_USER", false),
        "user" => ("USER", false),
        _ => return None,
    })
}

/// Renders a call given its already rendered argument list (without parentheses).
pub(crate) fn render_function(dialect: Dialect, name: &str, args: &str, has_args: bool) -> String {
    let lower = name.to_lowercase();
    if dialect == Dialect::Sqlite {
        match lower.as_str() {
            "now" => return "CURRENT_TIMESTAMP".to_owned(),
            "localtimestamp" => return "DATETIME(CURRENT_TIMESTAMP, 'localtime')".to_owned(),
            "char_length" => return format!("length({args})"),
            _ => {}
        }
    }
    if let Some((spelling, always_parens)) = known_spelling(&lower) {
        return if has_args || always_parens {
            format!("{spelling}({args})")
        } else {
            spelling.to_owned()
        };
    }
    let legal = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if legal && !name.is_empty() {
        format!("{name}({args})")
    } else {
        format!("\"{}\"({args})", name.replace('"', "\"\""))
    }
}

/// The stem of a function's anonymous label: registered functions use their
/// lower-case class name, others the name as given.
pub(crate) fn label_base(name: &str) -> String {
    let lower = name.to_lowercase();
    let registered = known_spelling(&lower).is_some()
        || matches!(
            lower.as_str(),
            "now" | "char_length" | "count" | "max" | "min" | "sum" | "concat"
        );
    if registered { lower } else { name.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_overrides_and_ansi_spellings() {
        assert_eq!(
            render_function(Dialect::Sqlite, "now", "", false),
            "CURRENT_TIMESTAMP"
        );
        assert_eq!(render_function(Dialect::Default, "now", "", false), "now()");
        assert_eq!(
            render_function(Dialect::Sqlite, "char_length", "t.s", true),
            "length(t.s)"
        );
        assert_eq!(
            render_function(Dialect::Default, "current_date", "", false),
            "CURRENT_DATE"
        );
        assert_eq!(
            render_function(Dialect::Sqlite, "random", "", false),
            "random()"
        );
        assert_eq!(
            render_function(Dialect::Sqlite, "my func", "x", true),
            "\"my func\"(x)"
        );
        assert_eq!(
            render_function(Dialect::Sqlite, "Lower", "x", true),
            "Lower(x)"
        );
    }

    #[test]
    fn label_stems() {
        assert_eq!(label_base("NOW"), "now");
        assert_eq!(label_base("Lower"), "Lower");
    }
}
