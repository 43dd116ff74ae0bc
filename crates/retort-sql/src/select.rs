//! `SELECT` as data: columns, FROM items and joins, criteria, ordering,
//! LIMIT/OFFSET and the label style; plus [`Statement`], the sum of every
//! statement the compiler accepts.

use serde::{Deserialize, Serialize};

use crate::compound::CompoundSelect;
use crate::ddl::DdlStatement;
use crate::dml::{Delete, Insert, Update};
use crate::expr::{AliasName, Expr, FromSource};
use crate::value::Value;

/// How columns in the columns clause are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LabelStyle {
    /// 2.0 `select()`: plain `city.id`, labels only to disambiguate.
    #[default]
    DisambiguateOnly,
    /// Legacy `Query` and ORM loads: `users.id AS users_id`.
    TablenamePlusCol,
    /// No labels except those the expression requires.
    None,
}

/// An item of the FROM clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromItem {
    /// A table, optionally aliased (`tags AS tags_1`).
    Table {
        name: String,
        alias: Option<AliasName>,
    },
    /// `(SELECT ...) AS anon_1`.
    Subquery {
        select: Box<Select>,
        alias: AliasName,
    },
    /// `(SELECT ... UNION SELECT ...) AS anon_1`.
    CompoundSubquery {
        compound: Box<CompoundSelect>,
        alias: AliasName,
    },
    /// `left [LEFT OUTER] JOIN right ON on`.
    Join {
        left: Box<FromItem>,
        right: Box<FromItem>,
        on: Expr,
        outer: bool,
    },
    /// Verbatim SQL (`select_from(text("foo"))`).
    Raw(String),
}

/// A SELECT statement.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Select {
    pub columns: Vec<Expr>,
    /// Explicit FROM items (`select_from`, joins); more are inferred from
    /// the columns and WHERE criteria.
    pub from: Vec<FromItem>,
    pub where_: Vec<Expr>,
    pub group_by: Vec<Expr>,
    pub having: Vec<Expr>,
    pub order_by: Vec<Expr>,
    pub limit: Option<Expr>,
    pub offset: Option<Expr>,
    pub distinct: bool,
    pub label_style: LabelStyle,
    /// `Query.params(...)`: values for the named binds of `text()`
    /// fragments in this statement that the fragments leave open.
    #[serde(default)]
    pub params: Vec<(String, Value)>,
}

impl Select {
    /// `select(*columns)` in the 2.0 label style.
    pub fn new(columns: Vec<Expr>) -> Select {
        Select {
            columns,
            ..Select::default()
        }
    }

    /// Sets the label style.
    pub fn label_style(mut self, style: LabelStyle) -> Select {
        self.label_style = style;
        self
    }

    /// Adds an explicit FROM item.
    pub fn select_from(mut self, item: FromItem) -> Select {
        self.from.push(item);
        self
    }

    /// Adds WHERE criteria (joined with AND).
    pub fn where_(mut self, criterion: Expr) -> Select {
        self.where_.push(criterion);
        self
    }

    pub fn group_by(mut self, expr: Expr) -> Select {
        self.group_by.push(expr);
        self
    }

    pub fn having(mut self, criterion: Expr) -> Select {
        self.having.push(criterion);
        self
    }

    pub fn order_by(mut self, expr: Expr) -> Select {
        self.order_by.push(expr);
        self
    }

    /// `.limit(n)`: an anonymous bound parameter.
    pub fn limit(mut self, n: i64) -> Select {
        self.limit = Some(Expr::param(n));
        self
    }

    /// `.offset(n)`: an anonymous bound parameter.
    pub fn offset(mut self, n: i64) -> Select {
        self.offset = Some(Expr::param(n));
        self
    }

    pub fn distinct(mut self) -> Select {
        self.distinct = true;
        self
    }

    /// `self.subquery()` under an alias, as a FROM item.
    pub fn subquery(self, alias: AliasName) -> FromItem {
        FromItem::Subquery {
            select: Box::new(self),
            alias,
        }
    }

    /// Legacy `Query.count()`: `SELECT count(*) AS count_1 FROM (self) AS anon_1`.
    pub fn count_wrapper(self, alias: AliasName) -> Select {
        Select::new(vec![Expr::count_star()])
            .label_style(LabelStyle::TablenamePlusCol)
            .select_from(self.subquery(alias))
    }
}

impl FromItem {
    /// A table under its own name.
    pub fn table(name: impl Into<String>) -> FromItem {
        FromItem::Table {
            name: name.into(),
            alias: None,
        }
    }

    /// `self JOIN right ON on`.
    pub fn join(self, right: FromItem, on: Expr) -> FromItem {
        FromItem::Join {
            left: Box::new(self),
            right: Box::new(right),
            on,
            outer: false,
        }
    }

    /// `self LEFT OUTER JOIN right ON on`.
    pub fn outer_join(self, right: FromItem, on: Expr) -> FromItem {
        FromItem::Join {
            left: Box::new(self),
            right: Box::new(right),
            on,
            outer: true,
        }
    }

    /// Whether this item provides the given column source (directly or in a join).
    pub fn provides(&self, source: &FromSource) -> bool {
        match self {
            FromItem::Table { name, alias } => match (source, alias) {
                (FromSource::Table(t), None) => t == name,
                (FromSource::TableAlias { table, alias: a }, Some(alias)) => {
                    table == name && a == alias
                }
                (FromSource::Alias(a), Some(alias)) => a == alias,
                _ => false,
            },
            FromItem::Subquery { alias, .. } | FromItem::CompoundSubquery { alias, .. } => {
                source.alias_name() == Some(alias)
            }
            FromItem::Join { left, right, .. } => left.provides(source) || right.provides(source),
            FromItem::Raw(_) => false,
        }
    }

    /// Whether two FROM items are the same (for de-duplication and correlation).
    pub fn covers(&self, other: &FromItem) -> bool {
        if self == other {
            return true;
        }
        match other {
            FromItem::Table { name, alias: None } => {
                self.provides(&FromSource::Table(name.clone()))
            }
            FromItem::Table {
                alias: Some(alias), ..
            }
            | FromItem::Subquery { alias, .. }
            | FromItem::CompoundSubquery { alias, .. } => {
                self.provides(&FromSource::Alias(alias.clone()))
            }
            FromItem::Join { left, right, .. } => self.covers(left) && self.covers(right),
            FromItem::Raw(_) => false,
        }
    }
}

/// Any statement the compiler renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Statement {
    Select(Select),
    Compound(CompoundSelect),
    Insert(Insert),
    Update(Update),
    Delete(Delete),
    Ddl(DdlStatement),
    /// A `text()` statement with `:name` binds.
    Text {
        sql: String,
        binds: Vec<(String, Value)>,
    },
}

impl From<Select> for Statement {
    fn from(s: Select) -> Self {
        Statement::Select(s)
    }
}

impl From<CompoundSelect> for Statement {
    fn from(s: CompoundSelect) -> Self {
        Statement::Compound(s)
    }
}

impl From<Insert> for Statement {
    fn from(s: Insert) -> Self {
        Statement::Insert(s)
    }
}

impl From<Update> for Statement {
    fn from(s: Update) -> Self {
        Statement::Update(s)
    }
}

impl From<Delete> for Statement {
    fn from(s: Delete) -> Self {
        Statement::Delete(s)
    }
}

impl From<DdlStatement> for Statement {
    fn from(s: DdlStatement) -> Self {
        Statement::Ddl(s)
    }
}
