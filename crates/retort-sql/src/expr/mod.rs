//! The SQL expression tree as plain data: column references, bound
//! parameters, inline constants, operators, functions, labels and nested
//! selects. A [`Value`] inside [`Expr::Bind`] becomes a placeholder; one
//! inside [`Expr::Literal`] is written inline.

mod build;
pub mod operators;

use serde::{Deserialize, Serialize};

pub use build::{and_, not_, or_};
pub use operators::{BinaryOp, ModifierOp, UnaryOp};

use crate::select::Select;
use crate::types::SqlType;
use crate::value::Value;

/// The name of an alias or subquery: fixed, or anonymous (`anon_1`,
/// `course_1`) with a number chosen by the compiler in rendering order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AliasName {
    Named(String),
    /// `id` tells anonymous aliases apart; `base` is the stem (`anon`, a table name).
    Anon {
        id: u64,
        base: String,
    },
}

/// What a column reference is qualified by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FromSource {
    /// A table under its own name.
    Table(String),
    /// An alias of a table: `"order" AS order_1`.
    TableAlias { table: String, alias: AliasName },
    /// A subquery or other aliased selectable; the FROM item must be given explicitly.
    Alias(AliasName),
}

/// A table-qualified column: `users.id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnRef {
    pub source: FromSource,
    pub name: String,
}

/// How a bound parameter is named in the `:name` (default dialect) form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BindName {
    /// A unique bind: the key plus a per-statement counter (`name_1`, `param_1`).
    Anon(String),
    /// A bind rendered under exactly this name (INSERT/UPDATE values: `:username`).
    Fixed(String),
}

/// A bound parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BindParam {
    pub name: BindName,
    pub value: Value,
}

/// The right side of `IN`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InValues {
    /// An expanding parameter: `IN (__[POSTCOMPILE_key_1])`, executed as `(?, ?)`.
    Expanding { key: String, values: Vec<Value> },
    /// An expanding parameter of tuples: `(a, b) IN (__[POSTCOMPILE_param_1])`,
    /// executed on SQLite as `IN (VALUES (?, ?), (?, ?))`.
    ExpandingTuples { rows: Vec<Vec<Value>> },
    /// A subquery: `IN (SELECT ...)`.
    Select(Box<Select>),
    /// An explicit list of expressions: `IN (a, b)`.
    List(Vec<Expr>),
}

/// A SQL expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    Column(ColumnRef),
    Bind(BindParam),
    /// A constant written inline with the literal renderer (`literal_binds` style).
    Literal(Value),
    Null,
    /// `true()`: `1` on SQLite, `true` on the default dialect.
    True,
    False,
    /// Verbatim SQL: `literal_column("*")`, `text("cnt")` in ORDER BY.
    Raw(String),
    /// `text()` with `:name` placeholders bound to values.
    Text {
        sql: String,
        binds: Vec<(String, Value)>,
    },
    Binary {
        left: Box<Expr>,
        op: BinaryOp,
        right: Box<Expr>,
    },
    /// `column.op('%')(2)`: an operator SQLAlchemy does not know, written
    /// as given, with its `precedence=` (0 by default).
    CustomOp {
        left: Box<Expr>,
        op: String,
        right: Box<Expr>,
        precedence: i32,
    },
    /// `expr.collate('NOCASE')`: `expr COLLATE "NOCASE"`.
    Collate {
        expr: Box<Expr>,
        collation: String,
    },
    /// A LIKE-family [`Expr::Binary`] with `escape=`: `x LIKE ? ESCAPE '/'`.
    Escape {
        like: Box<Expr>,
        escape: String,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Modifier {
        operand: Box<Expr>,
        modifier: ModifierOp,
    },
    And(Vec<Expr>),
    Or(Vec<Expr>),
    In {
        expr: Box<Expr>,
        values: InValues,
        negated: bool,
    },
    Between {
        expr: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
        negated: bool,
    },
    /// `name(args)`; `count()` with no arguments renders `count(*)`.
    Function {
        name: String,
        args: Vec<Expr>,
    },
    /// A window function: `row_number() OVER (PARTITION BY a ORDER BY b
    /// DESC)`.
    Over {
        func: Box<Expr>,
        partition_by: Vec<Expr>,
        order_by: Vec<Expr>,
    },
    Label {
        name: String,
        expr: Box<Expr>,
    },
    /// A reference to a label of the columns clause by name, as SQLAlchemy
    /// renders `order_by(lbl)` when `lbl` is the very label object selected.
    LabelReference(String),
    Cast {
        expr: Box<Expr>,
        to: SqlType,
    },
    /// `extract(field, expr)`: a date part as an integer.
    Extract {
        field: String,
        expr: Box<Expr>,
    },
    Case {
        whens: Vec<(Expr, Expr)>,
        else_: Option<Box<Expr>>,
    },
    /// The value form of `case()`: `CASE value WHEN v THEN r ... END`.
    SimpleCase {
        value: Box<Expr>,
        whens: Vec<(Expr, Expr)>,
        else_: Option<Box<Expr>>,
    },
    Exists(Box<Select>),
    ScalarSubquery(Box<Select>),
    /// Explicit parentheses.
    Grouping(Box<Expr>),
    Tuple(Vec<Expr>),
}

impl ColumnRef {
    /// A column of a table under its own name.
    pub fn table(table: impl Into<String>, name: impl Into<String>) -> ColumnRef {
        ColumnRef {
            source: FromSource::Table(table.into()),
            name: name.into(),
        }
    }
}

impl FromSource {
    /// The alias name, if this source is aliased.
    pub fn alias_name(&self) -> Option<&AliasName> {
        match self {
            FromSource::Table(_) => None,
            FromSource::TableAlias { alias, .. } | FromSource::Alias(alias) => Some(alias),
        }
    }
}
