//! INSERT, UPDATE and DELETE as data.

use serde::{Deserialize, Serialize};

use crate::expr::Expr;
use crate::value::Value;

/// The VALUES of an INSERT.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InsertValues {
    /// `DEFAULT VALUES`.
    Default,
    /// One row: parameters named after their columns (`:username`).
    Single(Vec<Value>),
    /// Several rows in one statement: `VALUES (?, ?), (?, ?)` (`:name_m0`).
    Multi(Vec<Vec<Value>>),
    /// Explicit expressions per column.
    Exprs(Vec<Expr>),
}

/// `INSERT INTO table (columns) VALUES ... [RETURNING ...]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insert {
    pub table: String,
    pub columns: Vec<String>,
    pub values: InsertValues,
    /// Columns among `columns` every row fills with a SQL expression
    /// rendered in place (a `default=func.now()`: `VALUES (?, now())`);
    /// `Single` and `Multi` rows hold values for the other columns only.
    #[serde(default)]
    pub inline: Vec<(String, Expr)>,
    /// Column names of the table to return.
    pub returning: Vec<String>,
}

impl Insert {
    /// An INSERT of one row of values for the named columns; no columns gives `DEFAULT VALUES`.
    pub fn new(table: impl Into<String>, columns: Vec<String>, values: Vec<Value>) -> Insert {
        let values = if columns.is_empty() {
            InsertValues::Default
        } else {
            InsertValues::Single(values)
        };
        Insert {
            table: table.into(),
            columns,
            values,
            inline: Vec::new(),
            returning: Vec::new(),
        }
    }

    /// Adds `RETURNING` columns.
    pub fn returning(mut self, columns: Vec<String>) -> Insert {
        self.returning = columns;
        self
    }
}

/// `UPDATE table SET col=value, ... WHERE ...`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Update {
    pub table: String,
    /// Column name and new value; a plain [`Expr::Bind`] with a fixed name is the usual case.
    pub set: Vec<(String, Expr)>,
    pub where_: Vec<Expr>,
    /// `RETURNING` columns (`synchronize_session='fetch'` returns the
    /// primary key of each updated row).
    #[serde(default)]
    pub returning: Vec<String>,
}

impl Update {
    /// An UPDATE setting each column to a parameter named after it.
    pub fn new(table: impl Into<String>, set: Vec<(String, Value)>) -> Update {
        Update {
            table: table.into(),
            set: set
                .into_iter()
                .map(|(c, v)| {
                    let bind = Expr::fixed_bind(c.clone(), v);
                    (c, bind)
                })
                .collect(),
            where_: Vec::new(),
            returning: Vec::new(),
        }
    }

    /// Adds WHERE criteria.
    pub fn where_(mut self, criterion: Expr) -> Update {
        self.where_.push(criterion);
        self
    }

    /// Adds `RETURNING` columns.
    pub fn returning(mut self, columns: Vec<String>) -> Update {
        self.returning = columns;
        self
    }
}

/// `DELETE FROM table WHERE ...`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delete {
    pub table: String,
    pub where_: Vec<Expr>,
    /// `RETURNING` columns, as for [`Update::returning`].
    #[serde(default)]
    pub returning: Vec<String>,
}

impl Delete {
    pub fn new(table: impl Into<String>) -> Delete {
        Delete {
            table: table.into(),
            where_: Vec::new(),
            returning: Vec::new(),
        }
    }

    /// Adds WHERE criteria.
    pub fn where_(mut self, criterion: Expr) -> Delete {
        self.where_.push(criterion);
        self
    }

    /// Adds `RETURNING` columns.
    pub fn returning(mut self, columns: Vec<String>) -> Delete {
        self.returning = columns;
        self
    }
}
