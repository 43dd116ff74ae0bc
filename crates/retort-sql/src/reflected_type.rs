//! The type SQLAlchemy's SQLite dialect reflects from a column's declared
//! type (`_resolve_type_affinity`): a known name maps to one of
//! SQLAlchemy's uppercase types (`ischema_names`), any other by SQLite's
//! type-affinity rules; the numbers in parentheses are its arguments.
//! Shared by the inspector (`get_columns`) and Alembic's autogenerate.

/// `ischema_names` of SQLAlchemy's SQLite dialect: declared name, type.
const SCHEMA_NAMES: &[(&str, &str)] = &[
    ("BIGINT", "BIGINT"),
    ("BLOB", "BLOB"),
    ("BOOL", "BOOLEAN"),
    ("BOOLEAN", "BOOLEAN"),
    ("CHAR", "CHAR"),
    ("DATE", "DATE"),
    ("DATE_CHAR", "DATE"),
    ("DATETIME", "DATETIME"),
    ("DATETIME_CHAR", "DATETIME"),
    ("DOUBLE", "DOUBLE"),
    ("DECIMAL", "DECIMAL"),
    ("FLOAT", "FLOAT"),
    ("INT", "INTEGER"),
    ("INTEGER", "INTEGER"),
    ("JSON", "JSON"),
    ("NUMERIC", "NUMERIC"),
    ("REAL", "REAL"),
    ("SMALLINT", "SMALLINT"),
    ("TEXT", "TEXT"),
    ("TIME", "TIME"),
    ("TIME_CHAR", "TIME"),
    ("TIMESTAMP", "TIMESTAMP"),
    ("VARCHAR", "VARCHAR"),
    ("NVARCHAR", "NVARCHAR"),
    ("NCHAR", "NCHAR"),
];

/// The reflected type's class name (`VARCHAR`, `NullType`) and the
/// numbers written in the declared type's parentheses.
pub fn reflected_type(declared: &str) -> (&'static str, Vec<u32>) {
    let (name, args) = split_declared(declared);
    let upper = name.to_ascii_uppercase();
    // The lookup is case-sensitive in SQLAlchemy, as is the name as written.
    let class = match SCHEMA_NAMES.iter().find(|(known, _)| *known == name) {
        Some((_, class)) => class,
        None if upper.contains("INT") => "INTEGER",
        None if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") => {
            "TEXT"
        }
        None if upper.contains("BLOB") || name.trim().is_empty() => "NullType",
        None if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") => {
            "REAL"
        }
        None => "NUMERIC",
    };
    (class, args)
}

/// The positional parameters of a reflected type, by name: what its
/// arguments set (`VARCHAR(length=80)`, `NUMERIC(precision=10, scale=2)`).
pub fn reflected_parameters(class: &str) -> &'static [&'static str] {
    match class {
        "CHAR" | "VARCHAR" | "NVARCHAR" | "NCHAR" | "TEXT" => &["length"],
        "FLOAT" | "REAL" | "DOUBLE" => &["precision"],
        "NUMERIC" | "DECIMAL" => &["precision", "scale"],
        _ => &[],
    }
}

/// The name before any `(` and the numbers inside the parentheses.
fn split_declared(declared: &str) -> (String, Vec<u32>) {
    let name: String = declared
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ' ')
        .collect();
    let rest = &declared[name.len()..];
    let mut args = Vec::new();
    if let Some(after) = rest.strip_prefix('(') {
        let inner: String = after.chars().take_while(|c| *c != ')').collect();
        let mut digits = String::new();
        for c in inner.chars().chain(std::iter::once(',')) {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !digits.is_empty() {
                if let Ok(n) = digits.parse() {
                    args.push(n);
                }
                digits.clear();
            }
        }
    }
    (name.trim_end().to_owned(), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_resolve_by_name_then_affinity() {
        let cases: [(&str, &str, &[u32]); 10] = [
            ("INTEGER", "INTEGER", &[]),
            ("VARCHAR(80)", "VARCHAR", &[80]),
            ("NUMERIC(10, 2)", "NUMERIC", &[10, 2]),
            ("INT(11)", "INTEGER", &[11]),
            ("MEDIUMINT", "INTEGER", &[]),
            ("NVARCHAR2(10)", "TEXT", &[10]),
            ("varchar(5)", "TEXT", &[5]),
            ("", "NullType", &[]),
            ("DOUBLE PRECISION", "REAL", &[]),
            ("MONEY", "NUMERIC", &[]),
        ];
        for (declared, class, args) in cases {
            assert_eq!(
                reflected_type(declared),
                (class, args.to_vec()),
                "{declared}"
            );
        }
        assert_eq!(reflected_parameters("NUMERIC"), ["precision", "scale"]);
        assert!(reflected_parameters("INTEGER").is_empty());
    }
}
