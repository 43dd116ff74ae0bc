//! Rendering of expressions. Parentheses follow SQLAlchemy's `self_group`
//! rules, applied here at render time: each element is rendered against
//! the operator it is an operand of ([`Ctx`]).

use super::{Compiler, Dialect, ParamStyle, default, sqlite};
use crate::error::CompileError;
use crate::expr::operators::{Operator, is_precedent};
use crate::expr::{BinaryOp, BindName, Expr, InValues, ModifierOp, UnaryOp};

/// The grouping context of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// No `self_group` call: never parenthesise (columns clause, CAST).
    Free,
    /// `self_group(against=op)`.
    Against(Operator),
    /// `self_group()` with no operator: any operator expression is grouped.
    Anything,
}

impl Ctx {
    fn groups(self, operator: Operator) -> bool {
        match self {
            Ctx::Free => false,
            Ctx::Against(against) => is_precedent(operator, Some(against)),
            Ctx::Anything => is_precedent(operator, None),
        }
    }
}

fn paren(s: String, grouped: bool) -> String {
    if grouped { format!("({s})") } else { s }
}

impl Compiler {
    /// Renders an expression in a grouping context.
    pub(crate) fn expr(&mut self, e: &Expr, ctx: Ctx) -> Result<String, CompileError> {
        match e {
            Expr::Column(c) => {
                let q = self.source_name(&c.source);
                Ok(format!("{q}.{}", self.quote(&c.name)))
            }
            // A literal-rendered bind takes no name, so no counter moves.
            Expr::Bind(b) if self.options.param_style == ParamStyle::LiteralBinds => {
                crate::literal::render_literal(&b.value)
            }
            Expr::Bind(b) => {
                let name = match &b.name {
                    BindName::Anon(key) => self.anon.next(key),
                    BindName::Fixed(name) => name.clone(),
                };
                self.bind_value(name, &b.value)
            }
            Expr::Literal(v) => crate::literal::render_literal(v),
            Expr::Null => Ok("NULL".to_owned()),
            Expr::True => Ok(self.boolean_constant(true, ctx)),
            Expr::False => Ok(self.boolean_constant(false, ctx)),
            Expr::Raw(s) => Ok(s.clone()),
            Expr::Text { sql, binds } => self.text(sql, binds),
            Expr::Binary { left, op, right } => {
                let me = Operator::Binary(*op);
                let s = self.binary(left, *op, right)?;
                Ok(paren(s, ctx.groups(me)))
            }
            Expr::CustomOp {
                left,
                op,
                right,
                precedence,
            } => {
                let me = Operator::Custom(*precedence);
                let l = self.expr(left, Ctx::Against(me))?;
                let r = self.expr(right, Ctx::Against(me))?;
                Ok(paren(format!("{l} {op} {r}"), ctx.groups(me)))
            }
            Expr::Collate { expr, collation } => {
                let inner = self.expr(expr, Ctx::Against(Operator::Collate))?;
                let collation = super::naming::quote(self.dialect(), collation);
                Ok(paren(
                    format!("{inner} COLLATE {collation}"),
                    ctx.groups(Operator::Collate),
                ))
            }
            Expr::Escape { like, escape } => match like.as_ref() {
                Expr::Binary { left, op, right } => {
                    let s = self.binary(left, *op, right)?;
                    let escape = crate::literal::quote_string(escape);
                    Ok(paren(
                        format!("{s} ESCAPE {escape}"),
                        ctx.groups(Operator::Binary(*op)),
                    ))
                }
                _ => Err(CompileError::new(
                    "ESCAPE applies only to a LIKE comparison",
                )),
            },
            Expr::Unary { op, operand } => {
                let me = Operator::Unary(*op);
                let inner = self.expr(operand, Ctx::Against(me))?;
                let native = self.dialect().supports_native_boolean();
                let s = match op {
                    UnaryOp::IsTrue if native => inner,
                    UnaryOp::IsFalse if native => format!("NOT {inner}"),
                    UnaryOp::IsTrue => format!("{inner} = 1"),
                    UnaryOp::IsFalse => format!("{inner} = 0"),
                    UnaryOp::Not => format!("NOT {inner}"),
                    UnaryOp::Neg => format!("-{inner}"),
                    UnaryOp::Distinct => format!("DISTINCT {inner}"),
                    UnaryOp::BitwiseNot => format!("~{inner}"),
                };
                Ok(paren(s, ctx.groups(me)))
            }
            Expr::Modifier { operand, modifier } => {
                let inner = self.expr(operand, Ctx::Against(Operator::Modifier(*modifier)))?;
                let word = match modifier {
                    ModifierOp::Asc => "ASC",
                    ModifierOp::Desc => "DESC",
                    ModifierOp::NullsFirst => "NULLS FIRST",
                    ModifierOp::NullsLast => "NULLS LAST",
                };
                Ok(format!("{inner} {word}"))
            }
            Expr::And(items) => self.boolean_list(items, true, ctx),
            Expr::Or(items) => self.boolean_list(items, false, ctx),
            Expr::In {
                expr,
                values,
                negated,
            } => {
                let me = if *negated {
                    Operator::NotIn
                } else {
                    Operator::In
                };
                let left = self.expr(expr, Ctx::Against(me))?;
                let right = self.in_values(values, *negated)?;
                let word = if *negated { "NOT IN" } else { "IN" };
                let s = format!("{left} {word} {right}");
                // `visit_not_in_op_binary` always adds its own parentheses.
                let s = paren(s, *negated);
                Ok(paren(s, ctx.groups(me)))
            }
            Expr::Between {
                expr,
                low,
                high,
                negated,
            } => {
                let me = if *negated {
                    Operator::NotBetween
                } else {
                    Operator::Between
                };
                let left = self.expr(expr, Ctx::Against(me))?;
                let low = self.expr(low, Ctx::Free)?;
                let high = self.expr(high, Ctx::Free)?;
                let word = if *negated { "NOT BETWEEN" } else { "BETWEEN" };
                Ok(paren(
                    format!("{left} {word} {low} AND {high}"),
                    ctx.groups(me),
                ))
            }
            Expr::Function { name, args } => self.function(name, args),
            Expr::Over {
                func,
                partition_by,
                order_by,
            } => self.over(func, partition_by, order_by),
            // Outside the columns clause a label renders as its element.
            Expr::Label { expr, .. } => self.expr(expr, ctx),
            Expr::LabelReference(name) => Ok(self.quote(name)),
            Expr::Cast { expr, to } => {
                let inner = self.expr(expr, Ctx::Free)?;
                Ok(format!("CAST({inner} AS {})", to.ddl()))
            }
            Expr::Extract { field, expr } => {
                let inner = self.expr(expr, Ctx::Free)?;
                match self.dialect() {
                    Dialect::Sqlite => sqlite::extract(field, &inner),
                    Dialect::Default => Ok(format!("EXTRACT({field} FROM {inner})")),
                }
            }
            Expr::Case { whens, else_ } => self.case(None, whens, else_.as_deref()),
            Expr::SimpleCase {
                value,
                whens,
                else_,
            } => self.case(Some(value), whens, else_.as_deref()),
            Expr::Exists(select) => {
                // `exists()` with no columns selects `*`.
                let inner = if select.columns.is_empty() {
                    let mut star = select.as_ref().clone();
                    star.columns.push(Expr::Raw("*".to_owned()));
                    self.select(&star, false)?
                } else {
                    self.select(select, false)?
                };
                Ok(paren(
                    format!("EXISTS ({inner})"),
                    ctx.groups(Operator::Exists),
                ))
            }
            Expr::ScalarSubquery(select) => {
                let inner = self.select(select, false)?;
                Ok(format!("({inner})"))
            }
            Expr::Grouping(inner) => Ok(format!("({})", self.expr(inner, Ctx::Free)?)),
            Expr::Tuple(items) => {
                let parts = self.expr_list(items, Ctx::Against(Operator::Comma))?;
                Ok(format!("({parts})"))
            }
        }
    }

    /// Comma-separated expressions.
    pub(crate) fn expr_list(&mut self, items: &[Expr], ctx: Ctx) -> Result<String, CompileError> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.expr(item, ctx)?);
        }
        Ok(parts.join(", "))
    }

    /// `true()`/`false()`. As a criterion (grouped against AND, OR or a
    /// lone WHERE) a Boolean element becomes `AsBoolean`: `1 = 1`/`0 = 1`
    /// without native booleans.
    fn boolean_constant(&self, value: bool, ctx: Ctx) -> String {
        let as_criterion = matches!(
            ctx,
            Ctx::Against(Operator::And | Operator::Or | Operator::AsBool)
        );
        let literal = self.boolean(value);
        if as_criterion && !self.dialect().supports_native_boolean() {
            format!("{literal} = 1")
        } else {
            literal
        }
    }

    fn boolean(&self, value: bool) -> String {
        match (self.dialect().supports_native_boolean(), value) {
            (true, true) => "true",
            (true, false) => "false",
            (false, true) => "1",
            (false, false) => "0",
        }
        .to_owned()
    }

    /// `and_`/`or_` with `_process_clauses_for_boolean`'s rules.
    fn boolean_list(
        &mut self,
        items: &[Expr],
        is_and: bool,
        ctx: Ctx,
    ) -> Result<String, CompileError> {
        let (continue_on, skip_on) = if is_and {
            (Expr::True, Expr::False)
        } else {
            (Expr::False, Expr::True)
        };
        let single_ctx = match ctx {
            Ctx::Free => Ctx::Against(Operator::AsBool),
            other => other,
        };
        if items.contains(&skip_on) {
            return self.expr(&skip_on, single_ctx);
        }
        let kept: Vec<&Expr> = items.iter().filter(|e| **e != continue_on).collect();
        if kept.is_empty() {
            if items.is_empty() {
                return Ok(String::new());
            }
            return self.expr(&continue_on, single_ctx);
        }
        if kept.len() == 1 {
            return self.expr(kept[0], single_ctx);
        }
        let me = if is_and { Operator::And } else { Operator::Or };
        let mut parts = Vec::with_capacity(kept.len());
        for item in kept {
            let s = self.expr(item, Ctx::Against(me))?;
            if !s.is_empty() {
                parts.push(s);
            }
        }
        let sep = if is_and { " AND " } else { " OR " };
        Ok(paren(parts.join(sep), ctx.groups(me)))
    }

    /// WHERE/HAVING criteria: `_generate_delimited_and_list`.
    pub(crate) fn criteria(&mut self, items: &[Expr]) -> Result<String, CompileError> {
        self.boolean_list(items, true, Ctx::Free)
    }

    fn binary(&mut self, left: &Expr, op: BinaryOp, right: &Expr) -> Result<String, CompileError> {
        use BinaryOp as B;
        let me = Ctx::Against(Operator::Binary(op));
        let l = self.expr(left, me)?;
        match op {
            B::ILike | B::NotILike => {
                let r = self.expr(right, me)?;
                Ok(format!("lower({l}){}lower({r})", op.infix()))
            }
            B::StartsWith | B::NotStartsWith => {
                let r = self.expr(right, Ctx::Against(Operator::Binary(B::Concat)))?;
                Ok(format!("{l}{}{r} || '%'", op.infix()))
            }
            B::EndsWith | B::NotEndsWith => {
                let r = self.expr(right, Ctx::Against(Operator::Binary(B::Concat)))?;
                Ok(format!("{l}{}'%' || {r}", op.infix()))
            }
            B::Contains | B::NotContains => {
                let r = self.expr(right, Ctx::Against(Operator::Binary(B::Concat)))?;
                Ok(format!("{l}{}'%' || {r} || '%'", op.infix()))
            }
            // SQLite's IS and IS NOT already compare NULLs as values.
            B::IsDistinctFrom | B::IsNotDistinctFrom if self.dialect() == Dialect::Sqlite => {
                let r = self.expr(right, me)?;
                let infix = if op == B::IsDistinctFrom {
                    B::IsNot.infix()
                } else {
                    B::Is.infix()
                };
                Ok(format!("{l}{infix}{r}"))
            }
            B::Div => {
                let r = self.expr(right, me)?;
                Ok(match self.dialect() {
                    Dialect::Sqlite => format!("{l} / ({r} + 0.0)"),
                    Dialect::Default => format!("{l} / CAST({r} AS NUMERIC)"),
                })
            }
            _ => {
                let r = self.expr(right, me)?;
                Ok(format!("{l}{}{r}", op.infix()))
            }
        }
    }

    fn function(&mut self, name: &str, args: &[Expr]) -> Result<String, CompileError> {
        if args.is_empty() && name.eq_ignore_ascii_case("count") {
            return Ok(format!("{name}(*)"));
        }
        let inner = self.expr_list(args, Ctx::Against(Operator::Comma))?;
        Ok(super::functions::render_function(
            self.dialect(),
            name,
            &inner,
            !args.is_empty(),
        ))
    }

    /// `func OVER (PARTITION BY ... ORDER BY ...)`, the function's binds
    /// first.
    fn over(
        &mut self,
        func: &Expr,
        partition_by: &[Expr],
        order_by: &[Expr],
    ) -> Result<String, CompileError> {
        let func = self.expr(func, Ctx::Free)?;
        let mut window = Vec::new();
        if !partition_by.is_empty() {
            window.push(format!(
                "PARTITION BY {}",
                self.expr_list(partition_by, Ctx::Free)?
            ));
        }
        if !order_by.is_empty() {
            window.push(format!("ORDER BY {}", self.expr_list(order_by, Ctx::Free)?));
        }
        Ok(format!("{func} OVER ({})", window.join(" ")))
    }

    /// `CASE [value] WHEN ... THEN ... [ELSE ...] END`.
    fn case(
        &mut self,
        value: Option<&Expr>,
        whens: &[(Expr, Expr)],
        else_: Option<&Expr>,
    ) -> Result<String, CompileError> {
        let mut s = String::from("CASE");
        if let Some(value) = value {
            let v = self.expr(value, Ctx::Free)?;
            s.push_str(&format!(" {v}"));
        }
        for (cond, result) in whens {
            let c = self.expr(cond, Ctx::Anything)?;
            let r = self.expr(result, Ctx::Free)?;
            s.push_str(&format!(" WHEN {c} THEN {r}"));
        }
        if let Some(e) = else_ {
            let r = self.expr(e, Ctx::Free)?;
            s.push_str(&format!(" ELSE {r}"));
        }
        s.push_str(" END");
        Ok(s)
    }

    fn in_values(&mut self, values: &InValues, negated: bool) -> Result<String, CompileError> {
        match values {
            InValues::Select(select) => Ok(format!("({})", self.select(select, false)?)),
            InValues::List(items) => Ok(format!(
                "({})",
                self.expr_list(items, Ctx::Against(Operator::Comma))?
            )),
            InValues::ExpandingTuples { rows } => {
                let name = self.anon.next("param");
                match self.options.param_style {
                    ParamStyle::QmarkPostcompile | ParamStyle::Named => {
                        Ok(format!("(__[POSTCOMPILE_{name}])"))
                    }
                    ParamStyle::Qmark | ParamStyle::LiteralBinds => {
                        if rows.is_empty() {
                            return Ok(match self.dialect() {
                                Dialect::Sqlite => format!("({})", sqlite::EMPTY_SET),
                                Dialect::Default => format!("({})", default::empty_set(negated)),
                            });
                        }
                        let mut rendered = Vec::with_capacity(rows.len());
                        for (i, row) in rows.iter().enumerate() {
                            let mut parts = Vec::with_capacity(row.len());
                            for (j, v) in row.iter().enumerate() {
                                parts.push(
                                    self.bind_value(format!("{name}_{}_{}", i + 1, j + 1), v)?,
                                );
                            }
                            rendered.push(format!("({})", parts.join(", ")));
                        }
                        // SQLite's `tuple_in_values`: `IN (VALUES (?, ?), ...)`.
                        let prefix = if self.dialect() == Dialect::Sqlite {
                            "VALUES "
                        } else {
                            ""
                        };
                        Ok(format!("({prefix}{})", rendered.join(", ")))
                    }
                }
            }
            InValues::Expanding { values, .. }
                if self.options.param_style == ParamStyle::LiteralBinds && !values.is_empty() =>
            {
                let mut parts = Vec::with_capacity(values.len());
                for v in values {
                    parts.push(crate::literal::render_literal(v)?);
                }
                Ok(format!("({})", parts.join(", ")))
            }
            InValues::Expanding { key, values } => {
                let name = self.anon.next(key);
                match self.options.param_style {
                    ParamStyle::QmarkPostcompile | ParamStyle::Named => {
                        Ok(format!("(__[POSTCOMPILE_{name}])"))
                    }
                    ParamStyle::Qmark | ParamStyle::LiteralBinds if values.is_empty() => {
                        Ok(match self.dialect() {
                            Dialect::Sqlite => format!("({})", sqlite::EMPTY_SET),
                            Dialect::Default => format!("({})", default::empty_set(negated)),
                        })
                    }
                    ParamStyle::Qmark | ParamStyle::LiteralBinds => {
                        let mut parts = Vec::with_capacity(values.len());
                        for (i, v) in values.iter().enumerate() {
                            parts.push(self.bind_value(format!("{name}_{}", i + 1), v)?);
                        }
                        Ok(format!("({})", parts.join(", ")))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compiler::{compile_default_str, compile_sqlite};
    use crate::expr::Expr;
    use crate::select::Select;
    use crate::value::Value;

    #[test]
    fn collate_and_custom_operators_group_by_sqlalchemy_precedence() {
        let subject = || Expr::col("t", "subject");
        let where_ = subject()
            .collate("NOCASE")
            .eq(Expr::bind("param_1", Value::Text("x".into())));
        let select = Select::new(vec![Expr::col("t", "id")])
            .where_(where_)
            .order_by(subject().collate("nocase").desc());
        assert_eq!(
            compile_default_str(&select.into()).unwrap(),
            "SELECT t.id \nFROM t \nWHERE (t.subject COLLATE \"NOCASE\") = :param_1_1 \
             ORDER BY t.subject COLLATE nocase DESC"
        );
        let points = || Expr::col("t", "points");
        let modulo = points()
            .custom_op("%", Expr::bind("points_1", Value::Integer(2)), 0)
            .eq(Expr::bind("param_1", Value::Integer(0)));
        let compiled = compile_sqlite(&Select::new(vec![points()]).where_(modulo).into()).unwrap();
        assert!(
            compiled.sql.ends_with("WHERE (t.points % ?) = ?"),
            "{}",
            compiled.sql
        );
    }

    #[test]
    fn a_window_function_renders_partition_then_order_and_is_labelled_anon() {
        let over = Expr::Over {
            func: Box::new(Expr::func("row_number", vec![])),
            partition_by: vec![Expr::col("t", "g")],
            order_by: vec![Expr::col("t", "v").desc()],
        };
        let select = Select::new(vec![over]);
        assert_eq!(
            compile_default_str(&select.into()).unwrap(),
            "SELECT row_number() OVER (PARTITION BY t.g ORDER BY t.v DESC) AS anon_1 \nFROM t"
        );
        let bare = Expr::Over {
            func: Box::new(Expr::func("count", vec![])),
            partition_by: vec![],
            order_by: vec![],
        };
        let compiled =
            compile_sqlite(&Select::new(vec![Expr::col("t", "a"), bare]).into()).unwrap();
        assert_eq!(
            compiled.sql,
            "SELECT t.a, count(*) OVER () AS anon_1 \nFROM t"
        );
    }

    #[test]
    fn the_value_form_of_case_puts_the_value_after_case() {
        let case = Expr::SimpleCase {
            value: Box::new(Expr::col("t", "s")),
            whens: vec![(Expr::param("a"), Expr::param(1))],
            else_: Some(Box::new(Expr::param(0))),
        };
        let compiled = compile_sqlite(&Select::new(vec![case]).into()).unwrap();
        assert_eq!(
            compiled.sql,
            "SELECT CASE t.s WHEN ? THEN ? ELSE ? END AS anon_1 \nFROM t"
        );
        assert_eq!(
            compiled.params,
            vec![Value::from("a"), Value::Integer(1), Value::Integer(0)]
        );
    }
}
