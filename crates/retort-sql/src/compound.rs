//! Compound selects as data: `UNION`, `UNION ALL`, `INTERSECT`, `EXCEPT`
//! of several SELECTs, with their own ORDER BY and LIMIT/OFFSET.

use serde::{Deserialize, Serialize};

use crate::expr::{AliasName, Expr};
use crate::select::{FromItem, Select};

/// The set operator joining the members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetOp {
    Union,
    UnionAll,
    Intersect,
    IntersectAll,
    Except,
    ExceptAll,
}

impl SetOp {
    /// The keyword between members.
    pub fn keyword(self) -> &'static str {
        match self {
            SetOp::Union => "UNION",
            SetOp::UnionAll => "UNION ALL",
            SetOp::Intersect => "INTERSECT",
            SetOp::IntersectAll => "INTERSECT ALL",
            SetOp::Except => "EXCEPT",
            SetOp::ExceptAll => "EXCEPT ALL",
        }
    }
}

/// `s1 UNION s2 ... [ORDER BY ...] [LIMIT ...]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompoundSelect {
    pub op: SetOp,
    pub selects: Vec<Select>,
    pub order_by: Vec<Expr>,
    pub limit: Option<Expr>,
    pub offset: Option<Expr>,
}

impl CompoundSelect {
    /// Joins the members with one operator.
    pub fn new(op: SetOp, selects: Vec<Select>) -> CompoundSelect {
        CompoundSelect {
            op,
            selects,
            order_by: Vec::new(),
            limit: None,
            offset: None,
        }
    }

    pub fn order_by(mut self, expr: Expr) -> CompoundSelect {
        self.order_by.push(expr);
        self
    }

    /// `.limit(n)`: an anonymous bound parameter.
    pub fn limit(mut self, n: i64) -> CompoundSelect {
        self.limit = Some(Expr::param(n));
        self
    }

    /// `.offset(n)`: an anonymous bound parameter.
    pub fn offset(mut self, n: i64) -> CompoundSelect {
        self.offset = Some(Expr::param(n));
        self
    }

    /// `self.subquery()` under an alias, as a FROM item.
    pub fn subquery(self, alias: AliasName) -> FromItem {
        FromItem::CompoundSubquery {
            compound: Box::new(self),
            alias,
        }
    }
}
