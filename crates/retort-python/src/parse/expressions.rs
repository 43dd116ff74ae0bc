//! Conversion of ruff expressions into [`crate::ast`] expressions, with
//! small per-variant functions so that deep nesting stays cheap on the stack.

use std::rc::Rc;

use ruff_python_ast as py;
use ruff_text_size::{Ranged, TextRange};

use crate::ast::{
    Arg, BinOp, CmpOp, Comprehension, Expr, ExprKind, FStringPart, FunctionDef, Literal, Loc,
    Params, Stmt, StmtKind, UnaryOp,
};
use crate::scope;

use super::{Converted, Converter, MAX_EXPR_NESTING, ParseFailure};

impl Converter<'_> {
    pub(super) fn boxed(&self, expr: py::Expr, depth: usize) -> Converted<Box<Expr>> {
        Ok(Box::new(self.expr(expr, depth + 1)?))
    }

    pub(super) fn exprs(&self, exprs: Vec<py::Expr>, depth: usize) -> Converted<Vec<Expr>> {
        let mut converted = Vec::with_capacity(exprs.len());
        for expr in exprs {
            converted.push(self.expr(expr, depth + 1)?);
        }
        Ok(converted)
    }

    /// Converts one expression. The variant is picked with a table of plain
    /// function pointers and converted by a separate function, so that this
    /// frame, which nesting repeats, stays small even in debug builds.
    pub(super) fn expr(&self, expr: py::Expr, depth: usize) -> Converted<Expr> {
        let range = expr.range();
        let loc = self.loc(range);
        if depth > MAX_EXPR_NESTING {
            return Err(ParseFailure::syntax("expression nested too deeply", loc));
        }
        if let py::Expr::BinOp(_) = &expr {
            return self.bin_chain(expr, loc, depth);
        }
        let handler: fn(&Self, py::Expr, usize) -> Converted<ExprKind> = match &expr {
            py::Expr::BoolOp(_) => Converter::bool_op,
            py::Expr::Named(_) => Converter::named,
            py::Expr::UnaryOp(_) => Converter::unary,
            py::Expr::Lambda(_) => Converter::lambda,
            py::Expr::If(_) => Converter::if_exp,
            py::Expr::Dict(_) => Converter::dict,
            py::Expr::Set(_) | py::Expr::List(_) | py::Expr::Tuple(_) => Converter::sequence,
            py::Expr::ListComp(_)
            | py::Expr::SetComp(_)
            | py::Expr::DictComp(_)
            | py::Expr::Generator(_) => Converter::comprehension,
            py::Expr::Compare(_) => Converter::compare,
            py::Expr::Call(_) => Converter::call,
            py::Expr::FString(_) => Converter::fstring,
            py::Expr::StringLiteral(_)
            | py::Expr::BytesLiteral(_)
            | py::Expr::NumberLiteral(_)
            | py::Expr::BooleanLiteral(_)
            | py::Expr::NoneLiteral(_)
            | py::Expr::EllipsisLiteral(_) => Converter::literal,
            py::Expr::Attribute(_)
            | py::Expr::Subscript(_)
            | py::Expr::Starred(_)
            | py::Expr::Name(_)
            | py::Expr::Slice(_) => Converter::access,
            py::Expr::Await(_) => return self.unsupported(range, "`await` (coroutines)"),
            py::Expr::Yield(_) | py::Expr::YieldFrom(_) => {
                return self.unsupported(range, "generators (`yield`)");
            }
            py::Expr::TString(_) => return self.unsupported(range, "template strings"),
            py::Expr::IpyEscapeCommand(_) | py::Expr::BinOp(_) => {
                return self.unsupported(range, "IPython escape commands");
            }
        };
        let kind = handler(self, expr, depth)?;
        Ok(Expr { loc, kind })
    }

    fn mismatch<T>(&self, range: TextRange) -> Converted<T> {
        self.unsupported(range, "this expression form")
    }

    fn bool_op(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let py::Expr::BoolOp(e) = expr else {
            return self.mismatch(expr.range());
        };
        Ok(ExprKind::BoolOp {
            is_and: e.op == py::BoolOp::And,
            values: self.exprs(e.values, depth)?,
        })
    }

    fn named(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let range = expr.range();
        let py::Expr::Named(e) = expr else {
            return self.mismatch(range);
        };
        let py::Expr::Name(name) = *e.target else {
            return self.unsupported(range, "assignment expressions to anything but a name");
        };
        Ok(ExprKind::Named {
            target: name.id.as_str().into(),
            value: self.boxed(*e.value, depth)?,
        })
    }

    fn unary(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let py::Expr::UnaryOp(e) = expr else {
            return self.mismatch(expr.range());
        };
        let op = match e.op {
            py::UnaryOp::Not => UnaryOp::Not,
            py::UnaryOp::USub => UnaryOp::Neg,
            py::UnaryOp::UAdd => UnaryOp::Pos,
            py::UnaryOp::Invert => UnaryOp::Invert,
        };
        Ok(ExprKind::Unary {
            op,
            operand: self.boxed(*e.operand, depth)?,
        })
    }

    fn lambda(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let loc = self.loc(expr.range());
        let py::Expr::Lambda(e) = expr else {
            return self.mismatch(expr.range());
        };
        let params = match e.parameters {
            Some(params) => self.params(*params)?,
            None => Params::default(),
        };
        let body_expr = self.expr(*e.body, depth + 1)?;
        let body = vec![Stmt {
            loc,
            kind: StmtKind::Return(Some(body_expr)),
        }];
        let scope = scope::analyze(&params, &body);
        Ok(ExprKind::Lambda(Rc::new(FunctionDef {
            name: "<lambda>".into(),
            params,
            body,
            decorators: Vec::new(),
            scope,
            loc,
            is_lambda: true,
        })))
    }

    fn if_exp(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let py::Expr::If(e) = expr else {
            return self.mismatch(expr.range());
        };
        Ok(ExprKind::IfExp {
            test: self.boxed(*e.test, depth)?,
            body: self.boxed(*e.body, depth)?,
            orelse: self.boxed(*e.orelse, depth)?,
        })
    }

    fn dict(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let py::Expr::Dict(e) = expr else {
            return self.mismatch(expr.range());
        };
        let mut items = Vec::new();
        for item in e.items {
            let key = match item.key {
                Some(key) => Some(self.expr(key, depth + 1)?),
                None => None,
            };
            items.push((key, self.expr(item.value, depth + 1)?));
        }
        Ok(ExprKind::Dict(items))
    }

    fn sequence(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        match expr {
            py::Expr::Set(e) => Ok(ExprKind::Set(self.exprs(e.elts, depth)?)),
            py::Expr::List(e) => Ok(ExprKind::List(self.exprs(e.elts, depth)?)),
            py::Expr::Tuple(e) => Ok(ExprKind::Tuple(self.exprs(e.elts, depth)?)),
            other => self.mismatch(other.range()),
        }
    }

    fn comprehension(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        match expr {
            py::Expr::ListComp(e) => Ok(ExprKind::ListComp {
                elt: self.boxed(*e.elt, depth)?,
                generators: self.comprehensions(e.generators, depth)?,
            }),
            py::Expr::SetComp(e) => Ok(ExprKind::SetComp {
                elt: self.boxed(*e.elt, depth)?,
                generators: self.comprehensions(e.generators, depth)?,
            }),
            py::Expr::Generator(e) => Ok(ExprKind::GeneratorExp {
                elt: self.boxed(*e.elt, depth)?,
                generators: self.comprehensions(e.generators, depth)?,
            }),
            py::Expr::DictComp(e) => {
                let Some(key) = e.key else {
                    return self.unsupported(e.range, "`**` inside a dict comprehension");
                };
                Ok(ExprKind::DictComp {
                    key: self.boxed(*key, depth)?,
                    value: self.boxed(*e.value, depth)?,
                    generators: self.comprehensions(e.generators, depth)?,
                })
            }
            other => self.mismatch(other.range()),
        }
    }

    fn compare(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let py::Expr::Compare(e) = expr else {
            return self.mismatch(expr.range());
        };
        let mut rest = Vec::new();
        for (op, right) in e.ops.iter().zip(e.comparators.into_vec()) {
            rest.push((cmp_op(*op), self.expr(right, depth + 1)?));
        }
        Ok(ExprKind::Compare {
            left: self.boxed(*e.left, depth)?,
            rest,
        })
    }

    fn call(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let py::Expr::Call(e) = expr else {
            return self.mismatch(expr.range());
        };
        let mut args = Vec::new();
        for arg in e.arguments.args.into_vec() {
            match arg {
                py::Expr::Starred(starred) => {
                    args.push(Arg::Starred(self.expr(*starred.value, depth + 1)?))
                }
                other => args.push(Arg::Positional(self.expr(other, depth + 1)?)),
            }
        }
        for keyword in e.arguments.keywords {
            let value = self.expr(keyword.value, depth + 1)?;
            match keyword.arg {
                Some(name) => args.push(Arg::Keyword(name.id.as_str().into(), value)),
                None => args.push(Arg::DoubleStarred(value)),
            }
        }
        Ok(ExprKind::Call {
            func: self.boxed(*e.func, depth)?,
            args,
        })
    }

    fn fstring(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        let py::Expr::FString(e) = expr else {
            return self.mismatch(expr.range());
        };
        let mut parts = Vec::new();
        for part in e.value.iter() {
            match part {
                py::FStringPart::Literal(literal) => {
                    parts.push(FStringPart::Literal(literal.value.to_string()))
                }
                py::FStringPart::FString(fstring) => {
                    parts.extend(self.fstring_elements(&fstring.elements, depth)?)
                }
            }
        }
        Ok(ExprKind::FString(parts))
    }

    fn literal(&self, expr: py::Expr, _depth: usize) -> Converted<ExprKind> {
        let range = expr.range();
        Ok(ExprKind::Literal(match expr {
            py::Expr::StringLiteral(e) => Literal::Str(e.value.to_str().into()),
            py::Expr::BytesLiteral(e) => Literal::Bytes(e.value.bytes().collect()),
            py::Expr::NumberLiteral(e) => match e.value {
                py::Number::Int(int) => match int.as_i64() {
                    Some(value) => Literal::Int(value),
                    None => return self.unsupported(range, "integers that do not fit in 64 bits"),
                },
                py::Number::Float(value) => Literal::Float(value),
                py::Number::Complex { .. } => return self.unsupported(range, "complex numbers"),
            },
            py::Expr::BooleanLiteral(e) => Literal::Bool(e.value),
            py::Expr::NoneLiteral(_) => Literal::None,
            py::Expr::EllipsisLiteral(_) => Literal::Ellipsis,
            other => return self.mismatch(other.range()),
        }))
    }

    fn access(&self, expr: py::Expr, depth: usize) -> Converted<ExprKind> {
        match expr {
            py::Expr::Attribute(e) => Ok(ExprKind::Attribute {
                value: self.boxed(*e.value, depth)?,
                attr: e.attr.id.as_str().into(),
            }),
            py::Expr::Subscript(e) => Ok(ExprKind::Subscript {
                value: self.boxed(*e.value, depth)?,
                index: self.boxed(*e.slice, depth)?,
            }),
            py::Expr::Starred(e) => Ok(ExprKind::Starred(self.boxed(*e.value, depth)?)),
            py::Expr::Name(e) => Ok(ExprKind::Name(e.id.as_str().into())),
            py::Expr::Slice(e) => {
                let part = |part: Option<Box<py::Expr>>| -> Converted<Option<Box<Expr>>> {
                    match part {
                        Some(v) => Ok(Some(self.boxed(*v, depth)?)),
                        None => Ok(None),
                    }
                };
                Ok(ExprKind::Slice {
                    lower: part(e.lower)?,
                    upper: part(e.upper)?,
                    step: part(e.step)?,
                })
            }
            other => self.mismatch(other.range()),
        }
    }

    /// Flattens a left-deep chain of binary operators without recursing on
    /// the left spine, so that `1+1+...+1` with thousands of terms is cheap.
    fn bin_chain(&self, top: py::Expr, loc: Loc, depth: usize) -> Converted<Expr> {
        let py::Expr::BinOp(top) = top else {
            return self.mismatch(top.range());
        };
        let mut rest_reversed = Vec::new();
        let mut current = top;
        let first = loop {
            let node_loc = self.loc(current.range);
            rest_reversed.push((bin_op(current.op), node_loc, *current.right));
            match *current.left {
                py::Expr::BinOp(inner) => current = inner,
                other => break other,
            }
        };
        let mut rest = Vec::with_capacity(rest_reversed.len());
        for (op, op_loc, right) in rest_reversed.into_iter().rev() {
            rest.push((op, op_loc, self.expr(right, depth + 1)?));
        }
        Ok(Expr {
            loc,
            kind: ExprKind::BinChain {
                first: self.boxed(first, depth)?,
                rest,
            },
        })
    }

    fn comprehensions(
        &self,
        generators: Vec<py::Comprehension>,
        depth: usize,
    ) -> Converted<Vec<Comprehension>> {
        let mut result = Vec::new();
        for generator in generators {
            if generator.is_async {
                return self.unsupported(generator.range, "`async for` in comprehensions");
            }
            result.push(Comprehension {
                target: self.expr(generator.target, depth + 1)?,
                iter: self.expr(generator.iter, depth + 1)?,
                ifs: self.exprs(generator.ifs, depth)?,
            });
        }
        Ok(result)
    }

    fn fstring_elements(
        &self,
        elements: &[py::InterpolatedStringElement],
        depth: usize,
    ) -> Converted<Vec<FStringPart>> {
        let mut parts = Vec::new();
        for element in elements {
            match element {
                py::InterpolatedStringElement::Literal(literal) => {
                    parts.push(FStringPart::Literal(literal.value.to_string()))
                }
                py::InterpolatedStringElement::Interpolation(field) => {
                    let expr_range = field.expression.range();
                    let debug_text = field.debug_text.as_ref().map(|debug| {
                        let text = self
                            .source
                            .get(expr_range.start().to_usize()..expr_range.end().to_usize())
                            .unwrap_or_default();
                        format!("{}{}{}", debug.leading(), text, debug.trailing())
                    });
                    let conversion = match field.conversion {
                        py::ConversionFlag::None => None,
                        py::ConversionFlag::Str => Some('s'),
                        py::ConversionFlag::Repr => Some('r'),
                        py::ConversionFlag::Ascii => Some('a'),
                    };
                    let spec = match &field.format_spec {
                        Some(spec) => Some(self.fstring_elements(&spec.elements, depth + 1)?),
                        None => None,
                    };
                    parts.push(FStringPart::Field {
                        expr: self.expr((*field.expression).clone(), depth + 1)?,
                        conversion,
                        spec,
                        debug_text,
                    });
                }
            }
        }
        Ok(parts)
    }
}

pub(super) fn bin_op(op: py::Operator) -> BinOp {
    match op {
        py::Operator::Add => BinOp::Add,
        py::Operator::Sub => BinOp::Sub,
        py::Operator::Mult => BinOp::Mul,
        py::Operator::MatMult => BinOp::MatMul,
        py::Operator::Div => BinOp::Div,
        py::Operator::Mod => BinOp::Mod,
        py::Operator::Pow => BinOp::Pow,
        py::Operator::LShift => BinOp::LShift,
        py::Operator::RShift => BinOp::RShift,
        py::Operator::BitOr => BinOp::BitOr,
        py::Operator::BitXor => BinOp::BitXor,
        py::Operator::BitAnd => BinOp::BitAnd,
        py::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmp_op(op: py::CmpOp) -> CmpOp {
    match op {
        py::CmpOp::Eq => CmpOp::Eq,
        py::CmpOp::NotEq => CmpOp::NotEq,
        py::CmpOp::Lt => CmpOp::Lt,
        py::CmpOp::LtE => CmpOp::LtE,
        py::CmpOp::Gt => CmpOp::Gt,
        py::CmpOp::GtE => CmpOp::GtE,
        py::CmpOp::Is => CmpOp::Is,
        py::CmpOp::IsNot => CmpOp::IsNot,
        py::CmpOp::In => CmpOp::In,
        py::CmpOp::NotIn => CmpOp::NotIn,
    }
}
