//! What `dialects/sqlite/base.py` overrides: its reserved words, `1`/`0`
//! for booleans, `LIMIT ? OFFSET ?` with `-1`/`0` fillers, the empty-IN
//! subquery, unqualified `RETURNING` columns and `extract()` as
//! `STRFTIME`.

/// `SQLiteIdentifierPreparer.reserved_words`.
pub const RESERVED_WORDS: &[&str] = &[
    "add",
    "after",
    "all",
    "alter",
    "analyze",
    "and",
    "as",
    "asc",
    "attach",
    "autoincrement",
    "before",
    "begin",
    "between",
    "by",
    "cascade",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "commit",
    "conflict",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_time",
    "current_timestamp",
    "database",
    "default",
    "deferrable",
    "deferred",
    "delete",
    "desc",
    "detach",
    "distinct",
    "drop",
    "each",
    "else",
    "end",
    "escape",
    "except",
    "exclusive",
    "exists",
    "explain",
    "fail",
    "false",
    "for",
    "foreign",
    "from",
    "full",
    "glob",
    "group",
    "having",
    "if",
    "ignore",
    "immediate",
    "in",
    "index",
    "indexed",
    "initially",
    "inner",
    "insert",
    "instead",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "left",
    "like",
    "limit",
    "match",
    "natural",
    "not",
    "notnull",
    "null",
    "of",
    "offset",
    "on",
    "or",
    "order",
    "outer",
    "plan",
    "pragma",
    "primary",
    "query",
    "raise",
    "references",
    "reindex",
    "rename",
    "replace",
    "restrict",
    "right",
    "rollback",
    "row",
    "select",
    "set",
    "table",
    "temp",
    "temporary",
    "then",
    "to",
    "transaction",
    "trigger",
    "true",
    "union",
    "unique",
    "update",
    "using",
    "vacuum",
    "values",
    "view",
    "virtual",
    "when",
    "where",
];

/// `SQLiteCompiler.visit_empty_set_op_expr`: what an empty expanding IN becomes.
pub const EMPTY_SET: &str = "SELECT 1 FROM (SELECT 1) WHERE 1!=1";

/// `SQLiteCompiler.extract_map`: the `STRFTIME` format of each field
/// `extract()` takes.
const EXTRACT_FORMATS: &[(&str, &str)] = &[
    ("month", "%m"),
    ("day", "%d"),
    ("year", "%Y"),
    ("second", "%S"),
    ("hour", "%H"),
    ("doy", "%j"),
    ("minute", "%M"),
    ("epoch", "%s"),
    ("dow", "%w"),
    ("week", "%W"),
];

/// `SQLiteCompiler.visit_extract`: `extract(field, inner)` as an integer
/// `STRFTIME`.
pub fn extract(field: &str, inner: &str) -> Result<String, crate::error::CompileError> {
    match EXTRACT_FORMATS.iter().find(|(name, _)| *name == field) {
        Some((_, format)) => Ok(format!("CAST(STRFTIME('{format}', {inner}) AS INTEGER)")),
        None => Err(crate::error::CompileError::new(format!(
            "{field} is not a valid extract argument."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::extract;

    #[test]
    fn extract_is_an_integer_strftime_and_an_unknown_field_does_not_compile() {
        assert_eq!(
            extract("dow", "t.c").unwrap(),
            "CAST(STRFTIME('%w', t.c) AS INTEGER)"
        );
        assert_eq!(
            extract("Year", "t.c").unwrap_err().to_string(),
            "Year is not a valid extract argument."
        );
    }
}
