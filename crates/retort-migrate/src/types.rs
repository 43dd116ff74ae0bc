//! Column types as Alembic handles them: the SQLAlchemy class (`String`,
//! or `VARCHAR` when reflected from the database), its arguments, its
//! `repr()` in a revision script (`sa.String(length=20)`), its DDL
//! (`VARCHAR(20)`), its type affinity (which decides `CAST` in a batch
//! copy) and SQLite's reflection rules (`_resolve_type_affinity`).

use retort_sql::SqlType;

/// A column type: a SQLAlchemy type class with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct SaType {
    /// The class name: `Integer`, `String`, `VARCHAR`, `INTEGER`, ...
    pub class: String,
    /// `length` of string types.
    pub length: Option<u32>,
    /// `precision` of `Float`/`Numeric`.
    pub precision: Option<u32>,
    /// `scale` of `Numeric`.
    pub scale: Option<u32>,
    /// `Enum` members.
    pub members: Vec<String>,
    /// `Enum(name=...)`.
    pub enum_name: Option<String>,
    /// `timezone=True` of `DateTime`.
    pub timezone: bool,
    /// The dialect module of a dialect type (`sqlite` for reflected `JSON`).
    pub dialect: Option<String>,
}

/// SQLAlchemy's generic families, for `_type_affinity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    String,
    Float,
    Numeric,
    Boolean,
    Date,
    DateTime,
    Time,
    Interval,
    Binary,
    Json,
    Enum,
    Pickle,
    Null,
}

impl SaType {
    /// A type without arguments.
    pub fn new(class: &str) -> SaType {
        SaType {
            class: class.to_owned(),
            length: None,
            precision: None,
            scale: None,
            members: Vec::new(),
            enum_name: None,
            timezone: false,
            dialect: None,
        }
    }

    /// A string type with a length.
    pub fn with_length(class: &str, length: Option<u32>) -> SaType {
        SaType {
            length,
            ..SaType::new(class)
        }
    }

    /// `NullType`, the type of a column whose type is unknown.
    pub fn null() -> SaType {
        SaType::new("NullType")
    }

    /// The type a model column declares, as SQLAlchemy's generic class.
    pub fn from_model(sql_type: &SqlType) -> SaType {
        match sql_type {
            SqlType::Integer => SaType::new("Integer"),
            SqlType::SmallInteger => SaType::new("SmallInteger"),
            SqlType::BigInteger => SaType::new("BigInteger"),
            SqlType::String(length) => SaType::with_length("String", *length),
            SqlType::Text => SaType::new("Text"),
            SqlType::Unicode(length) => SaType::with_length("Unicode", *length),
            SqlType::UnicodeText => SaType::new("UnicodeText"),
            SqlType::Float(precision) => SaType {
                precision: *precision,
                ..SaType::new("Float")
            },
            SqlType::Numeric(precision, scale) => SaType {
                precision: *precision,
                scale: *scale,
                ..SaType::new("Numeric")
            },
            SqlType::Boolean => SaType::new("Boolean"),
            SqlType::Date => SaType::new("Date"),
            SqlType::DateTime => SaType::new("DateTime"),
            SqlType::Time => SaType::new("Time"),
            SqlType::Interval => SaType::new("Interval"),
            SqlType::LargeBinary => SaType::new("LargeBinary"),
            SqlType::Enum {
                members,
                length,
                name,
                ..
            } => SaType {
                members: members.clone(),
                length: *length,
                enum_name: name.clone(),
                ..SaType::new("Enum")
            },
            SqlType::PickleType => SaType::new("PickleType"),
            SqlType::Json => SaType::new("JSON"),
            SqlType::Uuid {
                uppercase: true, ..
            } => SaType::new("UUID"),
            SqlType::Uuid { .. } => SaType::new("Uuid"),
            SqlType::Null => SaType::null(),
        }
    }

    /// The type SQLite's dialect reflects from a declared column type
    /// (`_resolve_type_affinity`): known names map to SQLAlchemy's
    /// uppercase types, others by SQLite's affinity rules.
    pub fn reflected(declared: &str) -> SaType {
        let (class, args) = retort_sql::reflected_type::reflected_type(declared);
        let mut ty = SaType::new(class);
        if class == "JSON" {
            ty.dialect = Some("sqlite".into());
        }
        match class {
            "CHAR" | "VARCHAR" | "NVARCHAR" | "NCHAR" | "TEXT" => ty.length = args.first().copied(),
            "FLOAT" | "REAL" | "DOUBLE" => ty.precision = args.first().copied(),
            "NUMERIC" | "DECIMAL" => {
                ty.precision = args.first().copied();
                ty.scale = args.get(1).copied();
            }
            _ => {}
        }
        ty
    }

    /// SQLAlchemy's type family, which decides whether a batch copy casts.
    pub fn affinity(&self) -> Affinity {
        match self.class.as_str() {
            "Integer" | "SmallInteger" | "BigInteger" | "INTEGER" | "INT" | "SMALLINT"
            | "BIGINT" => Affinity::Integer,
            "String" | "Text" | "Unicode" | "UnicodeText" | "VARCHAR" | "CHAR" | "NVARCHAR"
            | "NCHAR" | "TEXT" | "CLOB" => Affinity::String,
            "Float" | "FLOAT" | "REAL" | "DOUBLE" | "Double" | "DOUBLE_PRECISION" => {
                Affinity::Float
            }
            "Numeric" | "NUMERIC" | "DECIMAL" => Affinity::Numeric,
            "Boolean" | "BOOLEAN" => Affinity::Boolean,
            "Date" | "DATE" => Affinity::Date,
            "DateTime" | "DATETIME" | "TIMESTAMP" => Affinity::DateTime,
            "Time" | "TIME" => Affinity::Time,
            "Interval" => Affinity::Interval,
            "LargeBinary" | "BLOB" | "BINARY" | "VARBINARY" => Affinity::Binary,
            "JSON" => Affinity::Json,
            "Enum" => Affinity::Enum,
            "PickleType" => Affinity::Pickle,
            _ => Affinity::Null,
        }
    }

    /// Whether the type is unknown (`NullType`).
    pub fn is_null(&self) -> bool {
        self.class == "NullType"
    }

    /// The DDL spelling on SQLite, e.g. `VARCHAR(20)`.
    pub fn ddl(&self) -> String {
        let length = |base: &str| match self.length {
            Some(l) => format!("{base}({l})"),
            None => base.to_owned(),
        };
        match self.class.as_str() {
            "Integer" | "INTEGER" | "INT" => "INTEGER".into(),
            "SmallInteger" | "SMALLINT" => "SMALLINT".into(),
            "BigInteger" | "BIGINT" => "BIGINT".into(),
            "String" | "Unicode" | "VARCHAR" => length("VARCHAR"),
            "NVARCHAR" => length("NVARCHAR"),
            "CHAR" => length("CHAR"),
            "NCHAR" => length("NCHAR"),
            "Text" | "UnicodeText" | "TEXT" => length("TEXT"),
            "Float" | "FLOAT" => "FLOAT".into(),
            "REAL" => "REAL".into(),
            "DOUBLE" | "Double" => "DOUBLE".into(),
            "Numeric" | "NUMERIC" | "DECIMAL" => {
                let base = if self.class == "DECIMAL" {
                    "DECIMAL"
                } else {
                    "NUMERIC"
                };
                match (self.precision, self.scale) {
                    (Some(p), Some(s)) => format!("{base}({p}, {s})"),
                    (Some(p), None) => format!("{base}({p})"),
                    _ => base.into(),
                }
            }
            "Boolean" | "BOOLEAN" => "BOOLEAN".into(),
            "Date" | "DATE" => "DATE".into(),
            "DateTime" | "DATETIME" | "Interval" => "DATETIME".into(),
            "TIMESTAMP" => "TIMESTAMP".into(),
            "Time" | "TIME" => "TIME".into(),
            "LargeBinary" | "BLOB" | "PickleType" => "BLOB".into(),
            "Enum" => {
                let longest = self.members.iter().map(|m| m.chars().count() as u32).max();
                match self.length.or(longest) {
                    Some(l) => format!("VARCHAR({l})"),
                    None => "VARCHAR".into(),
                }
            }
            "JSON" => "JSON".into(),
            "Uuid" => "CHAR(32)".into(),
            "NullType" => "NULL".into(),
            other => other.to_ascii_uppercase(),
        }
    }

    /// `repr(type)` without a module prefix: `String(length=20)`.
    pub fn repr(&self) -> String {
        let mut args: Vec<String> = Vec::new();
        match self.class.as_str() {
            "Enum" => {
                args.extend(self.members.iter().map(|m| py_repr(m)));
                if let Some(name) = &self.enum_name {
                    args.push(format!("name={}", py_repr(name)));
                }
            }
            _ => {
                if let Some(length) = self.length {
                    args.push(format!("length={length}"));
                }
                if let Some(precision) = self.precision {
                    args.push(format!("precision={precision}"));
                }
                if let Some(scale) = self.scale {
                    args.push(format!("scale={scale}"));
                }
                if self.timezone {
                    args.push("timezone=True".into());
                }
            }
        }
        format!("{}({})", self.class, args.join(", "))
    }

    /// The type as a revision script spells it: `sa.String(length=20)`, or
    /// `sqlite.JSON()` for a dialect type.
    pub fn render(&self) -> String {
        match &self.dialect {
            Some(dialect) => format!("{dialect}.{}", self.repr()),
            None => format!("sa.{}", self.repr()),
        }
    }

    /// Whether Alembic's `compare_type` sees a difference between the
    /// database's type (`self`) and the model's: the first DDL word must
    /// match (or be synonyms) and arguments given on both sides must agree.
    pub fn differs_from_model(&self, model: &SaType) -> bool {
        if self.is_null() || model.is_null() {
            return false;
        }
        let (db_word, db_args) = tokenize(&self.ddl());
        let (model_word, model_args) = tokenize(&model.ddl());
        let synonyms = ["DECIMAL", "NUMERIC"];
        let words_match = db_word == model_word
            || (synonyms.contains(&db_word.as_str()) && synonyms.contains(&model_word.as_str()));
        if !words_match {
            return true;
        }
        db_args.len() == model_args.len() && db_args != model_args
    }
}

/// The first word of a DDL type and its parenthesised arguments.
fn tokenize(ddl: &str) -> (String, Vec<String>) {
    let (word, rest) = match ddl.find('(') {
        Some(i) => (&ddl[..i], &ddl[i..]),
        None => (ddl, ""),
    };
    let args = rest
        .trim_start_matches('(')
        .trim_end_matches(')')
        .split(',')
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    (
        word.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned(),
        args,
    )
}

/// Python's `repr()` of a string (the interpreter's own rules).
pub fn py_repr(text: &str) -> String {
    retort_python::format::repr::str_repr(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_types_render_like_alembic() {
        assert_eq!(
            SaType::from_model(&SqlType::String(Some(20))).render(),
            "sa.String(length=20)"
        );
        assert_eq!(
            SaType::from_model(&SqlType::Integer).render(),
            "sa.Integer()"
        );
        assert_eq!(
            SaType::from_model(&SqlType::Numeric(Some(10), Some(2))).render(),
            "sa.Numeric(precision=10, scale=2)"
        );
        assert_eq!(SaType::from_model(&SqlType::DateTime).ddl(), "DATETIME");
    }

    #[test]
    fn reflection_follows_sqlite_affinity() {
        assert_eq!(
            SaType::reflected("VARCHAR(11)").render(),
            "sa.VARCHAR(length=11)"
        );
        assert_eq!(SaType::reflected("INTEGER").render(), "sa.INTEGER()");
        assert_eq!(SaType::reflected("NUMERIC(10, 2)").ddl(), "NUMERIC(10, 2)");
        assert_eq!(SaType::reflected("MEDIUMINT").class, "INTEGER");
        assert_eq!(SaType::reflected("JSON").render(), "sqlite.JSON()");
        assert_eq!(SaType::reflected("").class, "NullType");
    }

    #[test]
    fn compare_type_uses_words_and_arguments() {
        let db = SaType::reflected("VARCHAR(20)");
        assert!(!db.differs_from_model(&SaType::from_model(&SqlType::String(Some(20)))));
        assert!(db.differs_from_model(&SaType::from_model(&SqlType::String(Some(40)))));
        assert!(!db.differs_from_model(&SaType::from_model(&SqlType::String(None))));
        assert!(db.differs_from_model(&SaType::from_model(&SqlType::Text)));
        assert!(
            !SaType::reflected("DATETIME")
                .differs_from_model(&SaType::from_model(&SqlType::DateTime))
        );
    }

    #[test]
    fn python_string_repr() {
        assert_eq!(py_repr("abc"), "'abc'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a'\"b"), "'a\\'\"b'");
        assert_eq!(py_repr("张三"), "'张三'");
    }
}
