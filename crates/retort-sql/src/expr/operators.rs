//! Operators and SQLAlchemy's precedence table (`sql/operators.py`
//! `_PRECEDENCE`), which decides where the compiler adds parentheses.

use serde::{Deserialize, Serialize};

/// Binary operators, including SQLAlchemy's composite LIKE forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    /// Python's `/` (`truediv`): SQLAlchemy forces a non-integer division,
    /// `a / (b + 0.0)` on SQLite and `a / CAST(b AS NUMERIC)` by default.
    Div,
    /// Python's `//` on integers: a plain `a / b`.
    FloorDiv,
    Mod,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    /// `is_distinct_from`: `IS DISTINCT FROM` by default, `IS NOT` on
    /// SQLite.
    IsDistinctFrom,
    /// `is_not_distinct_from`: `IS NOT DISTINCT FROM`, `IS` on SQLite.
    IsNotDistinctFrom,
    Like,
    NotLike,
    /// `ilike`: rendered `lower(x) LIKE lower(y)`.
    ILike,
    NotILike,
    /// `startswith`: `x LIKE y || '%'`.
    StartsWith,
    NotStartsWith,
    /// `endswith`: `x LIKE '%' || y`.
    EndsWith,
    NotEndsWith,
    /// `contains`: `x LIKE '%' || y || '%'`.
    Contains,
    NotContains,
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnaryOp {
    /// `NOT x`.
    Not,
    /// `-x`.
    Neg,
    /// `DISTINCT x` (the `distinct()` function form).
    Distinct,
    /// `~x` bitwise not.
    BitwiseNot,
    /// `is_true(x)`, what a bare Boolean column becomes as a criterion:
    /// `x = 1` without native booleans, `x` with them.
    IsTrue,
    /// `is_false(x)`, what `~boolean_column` becomes: `x = 0` or `NOT x`.
    IsFalse,
}

/// Postfix modifiers used in ORDER BY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ModifierOp {
    Asc,
    Desc,
    NullsFirst,
    NullsLast,
}

/// Every operator that can be the context ("against") of a grouping decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    Binary(BinaryOp),
    Unary(UnaryOp),
    Modifier(ModifierOp),
    And,
    Or,
    In,
    NotIn,
    Between,
    NotBetween,
    Exists,
    /// A custom operator (`op('%')`) of the given precedence.
    Custom(i32),
    /// `COLLATE` (4 in SQLAlchemy's table, between comparison and ASC).
    Collate,
    /// `AS` in a label.
    As,
    /// The context of a lone WHERE/HAVING/ON criterion.
    AsBool,
    Comma,
}

/// `_OpLimit._smallest`: the precedence of operators missing from the table.
const SMALLEST: i32 = -100;

/// `_OpLimit._largest`: what an operator missing from the table weighs as
/// the context of a grouping decision, so any operator expression under it
/// is grouped (`(a || b) LIKE '%' || ? || '%'`).
const LARGEST: i32 = 100;

impl Operator {
    /// The precedence from SQLAlchemy's `_PRECEDENCE` table.
    pub fn precedence(self) -> i32 {
        use BinaryOp as B;
        match self {
            Operator::Binary(op) => match op {
                B::Mul | B::Div | B::FloorDiv | B::Mod => 8,
                B::Add | B::Sub => 7,
                B::Concat => 5,
                B::Eq
                | B::Ne
                | B::Lt
                | B::Le
                | B::Gt
                | B::Ge
                | B::Is
                | B::IsNot
                | B::IsDistinctFrom
                | B::IsNotDistinctFrom => 5,
                B::Like | B::NotLike | B::ILike | B::NotILike => 5,
                // `startswith_op` and friends are not in the table.
                B::StartsWith
                | B::NotStartsWith
                | B::EndsWith
                | B::NotEndsWith
                | B::Contains
                | B::NotContains => SMALLEST,
            },
            Operator::Unary(UnaryOp::Neg) | Operator::Unary(UnaryOp::BitwiseNot) => 8,
            Operator::Unary(UnaryOp::Not)
            | Operator::Unary(UnaryOp::Distinct)
            | Operator::Unary(UnaryOp::IsTrue)
            | Operator::Unary(UnaryOp::IsFalse) => 5,
            Operator::Modifier(ModifierOp::Asc) | Operator::Modifier(ModifierOp::Desc) => 3,
            Operator::Modifier(_) => SMALLEST,
            Operator::In | Operator::NotIn | Operator::Between | Operator::NotBetween => 5,
            Operator::And => 3,
            Operator::Or => 2,
            Operator::Exists => 0,
            Operator::Custom(precedence) => precedence,
            Operator::Collate => 4,
            Operator::As | Operator::Comma => -1,
            Operator::AsBool => -10,
        }
    }

    /// The precedence as the context (`against`) of a grouping decision:
    /// SQLAlchemy's `is_precedent` reads an operator missing from the
    /// table as the smallest on the inside but the largest outside.
    fn against_precedence(self) -> i32 {
        use BinaryOp as B;
        match self {
            Operator::Binary(
                B::StartsWith
                | B::NotStartsWith
                | B::EndsWith
                | B::NotEndsWith
                | B::Contains
                | B::NotContains,
            ) => LARGEST,
            other => other.precedence(),
        }
    }

    /// Whether `(a op b) op c` needs no parentheses (`_natural_self_precedent`).
    pub fn is_natural_self_precedent(self) -> bool {
        matches!(
            self,
            Operator::And
                | Operator::Or
                | Operator::Binary(BinaryOp::Add)
                | Operator::Binary(BinaryOp::Mul)
                | Operator::Binary(BinaryOp::Concat)
        )
    }
}

/// SQLAlchemy's `is_precedent`: whether an element built on `operator` must be
/// parenthesised when it appears as an operand of `against`.
pub fn is_precedent(operator: Operator, against: Option<Operator>) -> bool {
    match against {
        None => true,
        Some(against) if against == operator && operator.is_natural_self_precedent() => false,
        Some(against) => operator.precedence() <= against.against_precedence(),
    }
}

impl BinaryOp {
    /// The operator SQLAlchemy swaps in when the expression is negated with `~`.
    pub fn negated(self) -> Option<BinaryOp> {
        use BinaryOp as B;
        Some(match self {
            B::Eq => B::Ne,
            B::Ne => B::Eq,
            B::Lt => B::Ge,
            B::Ge => B::Lt,
            B::Gt => B::Le,
            B::Le => B::Gt,
            B::Is => B::IsNot,
            B::IsNot => B::Is,
            B::IsDistinctFrom => B::IsNotDistinctFrom,
            B::IsNotDistinctFrom => B::IsDistinctFrom,
            B::Like => B::NotLike,
            B::NotLike => B::Like,
            B::ILike => B::NotILike,
            B::NotILike => B::ILike,
            B::StartsWith => B::NotStartsWith,
            B::NotStartsWith => B::StartsWith,
            B::EndsWith => B::NotEndsWith,
            B::NotEndsWith => B::EndsWith,
            B::Contains => B::NotContains,
            B::NotContains => B::Contains,
            B::Add | B::Sub | B::Mul | B::Div | B::FloorDiv | B::Mod | B::Concat => {
                return None;
            }
        })
    }

    /// The infix spelling of the simple operators.
    pub fn infix(self) -> &'static str {
        use BinaryOp as B;
        match self {
            B::Add => " + ",
            B::Sub => " - ",
            B::Mul => " * ",
            B::Div | B::FloorDiv => " / ",
            B::Mod => " % ",
            B::Concat => " || ",
            B::Eq => " = ",
            B::Ne => " != ",
            B::Lt => " < ",
            B::Le => " <= ",
            B::Gt => " > ",
            B::Ge => " >= ",
            B::Is => " IS ",
            B::IsNot => " IS NOT ",
            B::IsDistinctFrom => " IS DISTINCT FROM ",
            B::IsNotDistinctFrom => " IS NOT DISTINCT FROM ",
            B::Like | B::ILike | B::StartsWith | B::EndsWith | B::Contains => " LIKE ",
            B::NotLike | B::NotILike | B::NotStartsWith | B::NotEndsWith | B::NotContains => {
                " NOT LIKE "
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_operator_expression_is_grouped_under_contains_and_startswith() {
        let concat = Operator::Binary(BinaryOp::Concat);
        let mul = Operator::Binary(BinaryOp::Mul);
        for like in [
            BinaryOp::Contains,
            BinaryOp::StartsWith,
            BinaryOp::NotEndsWith,
        ] {
            assert!(is_precedent(concat, Some(Operator::Binary(like))));
            assert!(is_precedent(mul, Some(Operator::Binary(like))));
        }
        // Inside another operator they still weigh the least.
        let contains = Operator::Binary(BinaryOp::Contains);
        assert!(is_precedent(contains, Some(Operator::And)));
    }

    #[test]
    fn or_inside_and_is_grouped_but_and_inside_or_is_not() {
        assert!(is_precedent(Operator::Or, Some(Operator::And)));
        assert!(!is_precedent(Operator::And, Some(Operator::Or)));
        assert!(!is_precedent(Operator::And, Some(Operator::And)));
    }

    #[test]
    fn subtraction_groups_itself_but_addition_does_not() {
        let sub = Operator::Binary(BinaryOp::Sub);
        let add = Operator::Binary(BinaryOp::Add);
        assert!(is_precedent(sub, Some(sub)));
        assert!(!is_precedent(add, Some(add)));
        assert!(is_precedent(add, Some(Operator::Binary(BinaryOp::Mul))));
    }

    #[test]
    fn startswith_is_grouped_even_alone_but_exists_is_not() {
        let sw = Operator::Binary(BinaryOp::StartsWith);
        assert!(is_precedent(sw, Some(Operator::AsBool)));
        assert!(!is_precedent(Operator::Exists, Some(Operator::AsBool)));
        assert!(is_precedent(Operator::Exists, Some(Operator::And)));
    }
}
