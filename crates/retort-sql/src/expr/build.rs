//! Builder methods that apply SQLAlchemy's construction-time rules:
//! `== None` becomes `IS NULL`, `~` swaps an operator for its negation,
//! `in_` makes an expanding parameter named after the column.

use super::operators::{Operator, is_precedent};
use super::{AliasName, BinaryOp, BindName, BindParam, ColumnRef, Expr, InValues, ModifierOp};
use super::{FromSource, UnaryOp};
use crate::select::Select;
use crate::types::SqlType;
use crate::value::Value;

/// `and_(a, b, ...)`, simplified on construction as SQLAlchemy does:
/// `true()` drops out, `false()` wins, and a single clause stands alone.
pub fn and_(clauses: impl IntoIterator<Item = Expr>) -> Expr {
    construct_boolean(clauses.into_iter().collect(), true)
}

/// `or_(a, b, ...)`, simplified on construction: `false()` drops out,
/// `true()` wins, and a single clause stands alone.
pub fn or_(clauses: impl IntoIterator<Item = Expr>) -> Expr {
    construct_boolean(clauses.into_iter().collect(), false)
}

/// `BooleanClauseList._construct`.
fn construct_boolean(items: Vec<Expr>, is_and: bool) -> Expr {
    let (continue_on, skip_on) = if is_and {
        (Expr::True, Expr::False)
    } else {
        (Expr::False, Expr::True)
    };
    // A constant that decides the list comes back as `AsBoolean(constant)`,
    // which a further `and_`/`or_` no longer recognises as the constant.
    let as_boolean = |constant: Expr| Expr::Unary {
        op: UnaryOp::IsTrue,
        operand: Box::new(constant),
    };
    if items.contains(&skip_on) {
        return as_boolean(skip_on);
    }
    let had_continue_on = items.contains(&continue_on);
    let mut kept: Vec<Expr> = items.into_iter().filter(|e| *e != continue_on).collect();
    match kept.len() {
        0 if had_continue_on => as_boolean(continue_on),
        1 => {
            let single = kept.remove(0);
            // The lone clause is `self_group(against=_asbool)`: only the
            // operators missing from the precedence table group there.
            match &single {
                Expr::Binary { op, .. }
                    if is_precedent(Operator::Binary(*op), Some(Operator::AsBool)) =>
                {
                    Expr::Grouping(Box::new(single))
                }
                _ => single,
            }
        }
        _ if is_and => Expr::And(kept),
        _ => Expr::Or(kept),
    }
}

/// `not_(x)` / `~x`, with SQLAlchemy's operator negation.
pub fn not_(expr: Expr) -> Expr {
    match expr {
        Expr::Binary { left, op, right } => match op.negated() {
            Some(negated) => Expr::Binary {
                left,
                op: negated,
                right,
            },
            None => Expr::Unary {
                op: UnaryOp::Not,
                operand: Box::new(Expr::Binary { left, op, right }),
            },
        },
        Expr::In {
            expr,
            values,
            negated,
        } => Expr::In {
            expr,
            values,
            negated: !negated,
        },
        Expr::Between {
            expr,
            low,
            high,
            negated,
        } => Expr::Between {
            expr,
            low,
            high,
            negated: !negated,
        },
        // `AsBoolean(true())` negates to the plain constant.
        Expr::Unary {
            op: UnaryOp::IsTrue | UnaryOp::IsFalse,
            operand,
        } if matches!(*operand, Expr::True | Expr::False) => not_(*operand),
        Expr::Unary {
            op: UnaryOp::IsTrue,
            operand,
        } => Expr::Unary {
            op: UnaryOp::IsFalse,
            operand,
        },
        Expr::Unary {
            op: UnaryOp::IsFalse,
            operand,
        } => Expr::Unary {
            op: UnaryOp::IsTrue,
            operand,
        },
        Expr::Escape { like, escape } => Expr::Escape {
            like: Box::new(not_(*like)),
            escape,
        },
        Expr::True => Expr::False,
        Expr::False => Expr::True,
        other => Expr::Unary {
            op: UnaryOp::Not,
            operand: Box::new(other),
        },
    }
}

impl Expr {
    /// `table.column`.
    pub fn col(table: impl Into<String>, name: impl Into<String>) -> Expr {
        Expr::Column(ColumnRef::table(table, name))
    }

    /// A column of an aliased table (`course_1.id`) or subquery (`anon_1.page_id`).
    pub fn aliased_col(source: FromSource, name: impl Into<String>) -> Expr {
        Expr::Column(ColumnRef {
            source,
            name: name.into(),
        })
    }

    /// A unique bound parameter named after `key` (`:key_1`).
    pub fn bind(key: impl Into<String>, value: impl Into<Value>) -> Expr {
        Expr::Bind(BindParam {
            name: BindName::Anon(key.into()),
            value: value.into(),
        })
    }

    /// An anonymous bound parameter (`:param_1`), as `literal(x)` makes.
    pub fn param(value: impl Into<Value>) -> Expr {
        Expr::bind("param", value)
    }

    /// A bound parameter under exactly this name (INSERT and UPDATE values).
    pub fn fixed_bind(name: impl Into<String>, value: impl Into<Value>) -> Expr {
        Expr::Bind(BindParam {
            name: BindName::Fixed(name.into()),
            value: value.into(),
        })
    }

    /// The key a comparison against this expression names its parameter after:
    /// the column name for a column, `param` otherwise.
    pub fn bind_key(&self) -> String {
        match self {
            Expr::Column(c) => c.name.clone(),
            Expr::Label { name, .. } => name.clone(),
            Expr::Function { name, .. } => name.clone(),
            _ => "param".to_owned(),
        }
    }

    /// A parameter for comparing against this expression (`users.id = :id_1`).
    pub fn value_bind(&self, value: impl Into<Value>) -> Expr {
        Expr::bind(self.bind_key(), value)
    }

    /// `left op right` without any rewriting.
    pub fn binary(self, op: BinaryOp, right: Expr) -> Expr {
        Expr::Binary {
            left: Box::new(self),
            op,
            right: Box::new(right),
        }
    }

    /// `==`: `IS NULL` against `NULL`.
    pub fn eq(self, right: Expr) -> Expr {
        match right {
            Expr::Null => self.binary(BinaryOp::Is, Expr::Null),
            right => self.binary(BinaryOp::Eq, right),
        }
    }

    /// `!=`: `IS NOT NULL` against `NULL`.
    pub fn ne(self, right: Expr) -> Expr {
        match right {
            Expr::Null => self.binary(BinaryOp::IsNot, Expr::Null),
            right => self.binary(BinaryOp::Ne, right),
        }
    }

    pub fn lt(self, right: Expr) -> Expr {
        self.binary(BinaryOp::Lt, right)
    }

    pub fn le(self, right: Expr) -> Expr {
        self.binary(BinaryOp::Le, right)
    }

    pub fn gt(self, right: Expr) -> Expr {
        self.binary(BinaryOp::Gt, right)
    }

    pub fn ge(self, right: Expr) -> Expr {
        self.binary(BinaryOp::Ge, right)
    }

    /// `is_(x)`.
    pub fn is(self, right: Expr) -> Expr {
        self.binary(BinaryOp::Is, right)
    }

    /// `is_not(x)`.
    pub fn is_not(self, right: Expr) -> Expr {
        self.binary(BinaryOp::IsNot, right)
    }

    /// `is_distinct_from(x)`.
    pub fn is_distinct_from(self, right: Expr) -> Expr {
        self.binary(BinaryOp::IsDistinctFrom, right)
    }

    /// `is_not_distinct_from(x)`.
    pub fn is_not_distinct_from(self, right: Expr) -> Expr {
        self.binary(BinaryOp::IsNotDistinctFrom, right)
    }

    /// `in_(values)`: an expanding parameter keyed by this expression.
    pub fn in_values(self, values: Vec<Value>) -> Expr {
        let key = self.bind_key();
        Expr::In {
            expr: Box::new(self),
            values: InValues::Expanding { key, values },
            negated: false,
        }
    }

    /// `not_in(values)`.
    pub fn not_in_values(self, values: Vec<Value>) -> Expr {
        not_(self.in_values(values))
    }

    /// `tuple_(a, b).in_([(1, 2), ...])`: call on an [`Expr::Tuple`].
    pub fn in_tuples(self, rows: Vec<Vec<Value>>) -> Expr {
        Expr::In {
            expr: Box::new(self),
            values: InValues::ExpandingTuples { rows },
            negated: false,
        }
    }

    /// A Boolean column used as a criterion (`filter(Model.flag)`).
    pub fn is_true(self) -> Expr {
        Expr::Unary {
            op: UnaryOp::IsTrue,
            operand: Box::new(self),
        }
    }

    /// `~Model.flag` for a Boolean column.
    pub fn is_false(self) -> Expr {
        Expr::Unary {
            op: UnaryOp::IsFalse,
            operand: Box::new(self),
        }
    }

    /// `in_(select)`.
    pub fn in_select(self, select: Select) -> Expr {
        Expr::In {
            expr: Box::new(self),
            values: InValues::Select(Box::new(select)),
            negated: false,
        }
    }

    /// `self.op(op)(right)`: a custom binary operator.
    pub fn custom_op(self, op: impl Into<String>, right: Expr, precedence: i32) -> Expr {
        Expr::CustomOp {
            left: Box::new(self),
            op: op.into(),
            right: Box::new(right),
            precedence,
        }
    }

    /// `self.collate(collation)`.
    pub fn collate(self, collation: impl Into<String>) -> Expr {
        Expr::Collate {
            expr: Box::new(self),
            collation: collation.into(),
        }
    }

    /// Adds `ESCAPE 'c'` to a LIKE-family comparison.
    pub fn escape(self, escape: impl Into<String>) -> Expr {
        Expr::Escape {
            like: Box::new(self),
            escape: escape.into(),
        }
    }

    /// `between(low, high)`.
    pub fn between(self, low: Expr, high: Expr) -> Expr {
        Expr::Between {
            expr: Box::new(self),
            low: Box::new(low),
            high: Box::new(high),
            negated: false,
        }
    }

    /// `.desc()`.
    pub fn desc(self) -> Expr {
        self.modifier(ModifierOp::Desc)
    }

    /// `.asc()`.
    pub fn asc(self) -> Expr {
        self.modifier(ModifierOp::Asc)
    }

    /// `.nulls_first()`.
    pub fn nulls_first(self) -> Expr {
        self.modifier(ModifierOp::NullsFirst)
    }

    /// `.nulls_last()`.
    pub fn nulls_last(self) -> Expr {
        self.modifier(ModifierOp::NullsLast)
    }

    fn modifier(self, modifier: ModifierOp) -> Expr {
        Expr::Modifier {
            operand: Box::new(self),
            modifier,
        }
    }

    /// `.label(name)`.
    pub fn label(self, name: impl Into<String>) -> Expr {
        Expr::Label {
            name: name.into(),
            expr: Box::new(self),
        }
    }

    /// `cast(self, type)`.
    pub fn cast(self, to: SqlType) -> Expr {
        Expr::Cast {
            expr: Box::new(self),
            to,
        }
    }

    /// `extract(field, self)`.
    pub fn extract(self, field: impl Into<String>) -> Expr {
        Expr::Extract {
            field: field.into(),
            expr: Box::new(self),
        }
    }

    /// `distinct(x)` as a unary: `DISTINCT x`.
    pub fn distinct(self) -> Expr {
        Expr::Unary {
            op: UnaryOp::Distinct,
            operand: Box::new(self),
        }
    }

    /// `func.<name>(args)`.
    pub fn func(name: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Function {
            name: name.into(),
            args,
        }
    }

    /// `func.count()`: `count(*)`.
    pub fn count_star() -> Expr {
        Expr::func("count", Vec::new())
    }

    /// `exists(select)`.
    pub fn exists(select: Select) -> Expr {
        Expr::Exists(Box::new(select))
    }

    /// `select.scalar_subquery()`.
    pub fn scalar_subquery(select: Select) -> Expr {
        Expr::ScalarSubquery(Box::new(select))
    }
}

/// `-x`.
impl std::ops::Neg for Expr {
    type Output = Expr;

    fn neg(self) -> Expr {
        Expr::Unary {
            op: UnaryOp::Neg,
            operand: Box::new(self),
        }
    }
}

/// `~x`: the same as [`not_`].
impl std::ops::Not for Expr {
    type Output = Expr;

    fn not(self) -> Expr {
        not_(self)
    }
}

impl AliasName {
    /// An anonymous alias with the given identity and stem.
    pub fn anon(id: u64, base: impl Into<String>) -> AliasName {
        AliasName::Anon {
            id,
            base: base.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparing_with_null_becomes_is_null() {
        let e = Expr::col("t", "a").eq(Expr::Null);
        assert!(matches!(
            e,
            Expr::Binary {
                op: BinaryOp::Is,
                ..
            }
        ));
        let e = Expr::col("t", "a").ne(Expr::Null);
        assert!(matches!(
            e,
            Expr::Binary {
                op: BinaryOp::IsNot,
                ..
            }
        ));
    }

    #[test]
    fn negation_swaps_operators_but_keeps_double_not() {
        let e = not_(Expr::col("t", "a").eq(Expr::param(1)));
        assert!(matches!(
            e,
            Expr::Binary {
                op: BinaryOp::Ne,
                ..
            }
        ));
        let e = not_(Expr::col("t", "a").in_values(vec![Value::Integer(1)]));
        assert!(matches!(e, Expr::In { negated: true, .. }));
        // SQLAlchemy renders `~~and_(a, b)` as `NOT (NOT (a AND b))`.
        let inner = and_([Expr::col("t", "a"), Expr::col("t", "b")]);
        let e = not_(not_(inner));
        assert!(matches!(
            e,
            Expr::Unary {
                op: UnaryOp::Not,
                ..
            }
        ));
    }

    #[test]
    fn boolean_lists_simplify_on_construction() {
        let a = Expr::col("t", "a").gt(Expr::param(1));
        assert_eq!(or_([a.clone(), Expr::False]), a);
        assert_eq!(and_([a.clone(), Expr::False]), Expr::False.is_true());
        assert_eq!(and_([Expr::True]), Expr::True.is_true());
        assert_eq!(not_(and_([Expr::True])), Expr::False);
        assert!(matches!(and_([a.clone(), a]), Expr::And(v) if v.len() == 2));
        let sw = Expr::col("t", "s").binary(BinaryOp::StartsWith, Expr::param("x"));
        assert!(matches!(and_([sw]), Expr::Grouping(_)));
    }

    #[test]
    fn comparison_binds_are_named_after_the_column() {
        let c = Expr::col("users", "username");
        assert_eq!(c.bind_key(), "username");
        assert_eq!(Expr::param(1).bind_key(), "param");
    }
}
