//! Expression evaluation: literals, names, operators, containers,
//! subscripts, lambdas, conditional expressions and f-strings.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, Expr, ExprKind, FStringPart, Literal, Loc, UnaryOp};
use crate::dict::{Dict, Set};
use crate::error::{PyErr, PyResult};
use crate::eval::scope::Ctx;
use crate::interp::Interpreter;
use crate::value::{SliceValue, Value};

fn literal_value(literal: &Literal) -> Value {
    match literal {
        Literal::None => Value::None,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(i) => Value::Int(*i),
        Literal::Float(x) => Value::Float(*x),
        Literal::Str(s) => Value::Str(s.clone()),
        Literal::Bytes(b) => crate::builtins::bytes::Bytes::value(b.to_vec()),
        Literal::Ellipsis => Value::Ellipsis,
    }
}

impl Interpreter {
    /// Evaluates an expression. Every arm delegates to a separate function
    /// so that this frame, which recursion repeats, stays small.
    pub(crate) fn eval(&mut self, ctx: &Ctx, expr: &Expr) -> PyResult<Value> {
        self.check_stack()?;
        match &expr.kind {
            ExprKind::Literal(literal) => Ok(literal_value(literal)),
            ExprKind::Name(name) => self.load_name(ctx, name),
            ExprKind::Attribute { value, attr } => self.eval_attribute(ctx, expr, value, attr),
            ExprKind::Subscript { value, index } => self.eval_subscript(ctx, expr, value, index),
            ExprKind::Slice { lower, upper, step } => self.eval_slice(ctx, lower, upper, step),
            ExprKind::BinChain { first, rest } => self.eval_bin_chain(ctx, first, rest),
            ExprKind::Unary { op, operand } => self.eval_unary(ctx, expr, *op, operand),
            ExprKind::BoolOp { is_and, values } => self.eval_bool_op(ctx, *is_and, values),
            ExprKind::Compare { left, rest } => self.eval_compare(ctx, expr, left, rest),
            ExprKind::Call { func, args } => self.eval_call(ctx, expr, func, args),
            ExprKind::IfExp { test, body, orelse } => self.eval_if_exp(ctx, test, body, orelse),
            ExprKind::Lambda(def) => self.make_function(ctx, def),
            ExprKind::List(items) => self.eval_sequence(ctx, items).map(Value::list),
            ExprKind::Tuple(items) => self.eval_sequence(ctx, items).map(Value::tuple),
            ExprKind::Set(items) => self.eval_set(ctx, items),
            ExprKind::Dict(items) => self.eval_dict(ctx, items),
            ExprKind::ListComp { elt, generators } => self
                .eval_comprehension(ctx, generators, elt)
                .map(Value::list),
            ExprKind::GeneratorExp { elt, generators } => self.eval_generator(ctx, generators, elt),
            ExprKind::SetComp { elt, generators } => {
                self.eval_set_comprehension(ctx, generators, elt)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self
                .eval_dict_comprehension(ctx, generators, key, value)
                .map(|dict| Value::Dict(Rc::new(RefCell::new(dict)))),
            ExprKind::Starred(_) => Err(PyErr::new(
                "SyntaxError",
                "can't use starred expression here",
            )),
            ExprKind::FString(parts) => self.eval_fstring(ctx, parts).map(Value::str),
            ExprKind::Named { target, value } => self.eval_named(ctx, target, value),
        }
    }

    #[inline(never)]
    fn eval_attribute(
        &mut self,
        ctx: &Ctx,
        expr: &Expr,
        value: &Expr,
        attr: &str,
    ) -> PyResult<Value> {
        let object = self.eval(ctx, value)?;
        self.set_location(attribute_location(expr.loc, expr.loc, attr));
        self.get_attribute(&object, attr)
    }

    #[inline(never)]
    fn eval_subscript(
        &mut self,
        ctx: &Ctx,
        expr: &Expr,
        value: &Expr,
        index: &Expr,
    ) -> PyResult<Value> {
        let object = self.eval(ctx, value)?;
        let key = self.eval(ctx, index)?;
        self.set_location(expr.loc);
        self.get_item(&object, &key)
    }

    #[inline(never)]
    fn eval_slice(
        &mut self,
        ctx: &Ctx,
        lower: &Option<Box<Expr>>,
        upper: &Option<Box<Expr>>,
        step: &Option<Box<Expr>>,
    ) -> PyResult<Value> {
        let mut part = |part: &Option<Box<Expr>>| -> PyResult<Value> {
            match part {
                Some(e) => self.eval(ctx, e),
                None => Ok(Value::None),
            }
        };
        let start = part(lower)?;
        let stop = part(upper)?;
        let step = part(step)?;
        Ok(Value::Slice(Rc::new(SliceValue { start, stop, step })))
    }

    #[inline(never)]
    fn eval_bin_chain(
        &mut self,
        ctx: &Ctx,
        first: &Expr,
        rest: &[(BinOp, Loc, Expr)],
    ) -> PyResult<Value> {
        let mut value = self.eval(ctx, first)?;
        for (op, loc, right) in rest {
            let right = self.eval(ctx, right)?;
            self.set_location(*loc);
            value = self.binary_op(*op, &value, &right)?;
        }
        Ok(value)
    }

    #[inline(never)]
    fn eval_unary(
        &mut self,
        ctx: &Ctx,
        expr: &Expr,
        op: UnaryOp,
        operand: &Expr,
    ) -> PyResult<Value> {
        let value = self.eval(ctx, operand)?;
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truthy(&value)?));
        }
        self.set_location(expr.loc);
        self.unary_op(op, &value)
    }

    #[inline(never)]
    fn eval_bool_op(&mut self, ctx: &Ctx, is_and: bool, values: &[Expr]) -> PyResult<Value> {
        let mut result = Value::None;
        for (index, operand) in values.iter().enumerate() {
            result = self.eval(ctx, operand)?;
            if index + 1 == values.len() {
                break;
            }
            if self.truthy(&result)? != is_and {
                break;
            }
        }
        Ok(result)
    }

    #[inline(never)]
    fn eval_compare(
        &mut self,
        ctx: &Ctx,
        expr: &Expr,
        left: &Expr,
        rest: &[(CmpOp, Expr)],
    ) -> PyResult<Value> {
        let mut left_value = self.eval(ctx, left)?;
        let mut result = Value::Bool(true);
        for (op, right) in rest {
            let right_value = self.eval(ctx, right)?;
            self.set_location(expr.loc);
            result = self.compare(*op, &left_value, &right_value)?;
            if rest.len() > 1 && !self.truthy(&result)? {
                return Ok(result);
            }
            left_value = right_value;
        }
        Ok(result)
    }

    #[inline(never)]
    fn eval_if_exp(
        &mut self,
        ctx: &Ctx,
        test: &Expr,
        body: &Expr,
        orelse: &Expr,
    ) -> PyResult<Value> {
        let condition = self.eval(ctx, test)?;
        if self.truthy(&condition)? {
            self.eval(ctx, body)
        } else {
            self.eval(ctx, orelse)
        }
    }

    #[inline(never)]
    fn eval_set(&mut self, ctx: &Ctx, items: &[Expr]) -> PyResult<Value> {
        let mut set = Set::new();
        for item in self.eval_sequence(ctx, items)? {
            set.insert(self.hash_key(item)?);
        }
        // CPython folds a display of three or more constants into a
        // frozenset constant, which the compiler rebuilds in its own
        // iteration order before the set is made from it.
        if items.len() > 2 && items.iter().all(is_constant) {
            set = set.as_constant_display();
        }
        Ok(Value::Set(Rc::new(RefCell::new(set))))
    }

    #[inline(never)]
    fn eval_dict(&mut self, ctx: &Ctx, items: &[(Option<Expr>, Expr)]) -> PyResult<Value> {
        let mut dict = Dict::new();
        for (key, value) in items {
            match key {
                Some(key) => {
                    let key = self.eval(ctx, key)?;
                    let value = self.eval(ctx, value)?;
                    dict.insert(self.hash_key(key)?, value);
                }
                None => {
                    let mapping = self.eval(ctx, value)?;
                    for (key, value) in self.mapping_items(&mapping)? {
                        dict.insert(self.hash_key(key)?, value);
                    }
                }
            }
        }
        Ok(Value::Dict(Rc::new(RefCell::new(dict))))
    }

    #[inline(never)]
    fn eval_generator(
        &mut self,
        ctx: &Ctx,
        generators: &[crate::ast::Comprehension],
        elt: &Expr,
    ) -> PyResult<Value> {
        let items = self.eval_comprehension(ctx, generators, elt)?;
        Ok(Value::Iterator(Rc::new(RefCell::new(
            crate::value::PyIterator::Items {
                items: items.into(),
                index: 0,
            },
        ))))
    }

    #[inline(never)]
    fn eval_set_comprehension(
        &mut self,
        ctx: &Ctx,
        generators: &[crate::ast::Comprehension],
        elt: &Expr,
    ) -> PyResult<Value> {
        let mut set = Set::new();
        for item in self.eval_comprehension(ctx, generators, elt)? {
            set.insert(self.hash_key(item)?);
        }
        Ok(Value::Set(Rc::new(RefCell::new(set))))
    }

    #[inline(never)]
    fn eval_named(&mut self, ctx: &Ctx, target: &str, value: &Expr) -> PyResult<Value> {
        let value = self.eval(ctx, value)?;
        self.store_name(ctx, target, value.clone());
        Ok(value)
    }

    /// Evaluates list/tuple items, expanding `*iterable`.
    #[inline(never)]
    pub(crate) fn eval_sequence(&mut self, ctx: &Ctx, items: &[Expr]) -> PyResult<Vec<Value>> {
        let mut result = Vec::with_capacity(items.len());
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    let iterable = self.eval(ctx, inner)?;
                    result.extend(self.collect(&iterable)?);
                }
                _ => result.push(self.eval(ctx, item)?),
            }
        }
        self.check_collection_len(result.len())?;
        Ok(result)
    }

    #[inline(never)]
    fn eval_fstring(&mut self, ctx: &Ctx, parts: &[FStringPart]) -> PyResult<String> {
        let mut out = String::new();
        for part in parts {
            match part {
                FStringPart::Literal(text) => out.push_str(text),
                FStringPart::Field {
                    expr,
                    conversion,
                    spec,
                    debug_text,
                } => {
                    let value = self.eval(ctx, expr)?;
                    if let Some(text) = debug_text {
                        out.push_str(text);
                    }
                    let spec_text = match spec {
                        Some(spec) => self.eval_fstring(ctx, spec)?,
                        None => String::new(),
                    };
                    let conversion = conversion.or(if debug_text.is_some() && spec.is_none() {
                        Some('r')
                    } else {
                        None
                    });
                    let formatted = match conversion {
                        Some('r') | Some('a') => {
                            let text = self.repr_value(&value)?;
                            self.format_value(&Value::str(text), &spec_text)?
                        }
                        Some(_) => {
                            let text = self.str_value(&value)?;
                            self.format_value(&Value::str(text), &spec_text)?
                        }
                        None => self.format_value(&value, &spec_text)?,
                    };
                    out.push_str(&formatted);
                }
            }
            self.check_string_len(out.len())?;
        }
        Ok(out)
    }

    /// Fails with `MemoryError` when a collection would exceed the limit.
    pub(crate) fn check_collection_len(&self, len: usize) -> PyResult<()> {
        if len > self.limits.max_collection_len {
            return Err(PyErr::memory_error(format!(
                "a collection of {} items exceeds Retort's limit of {} items",
                crate::limits::with_thousands(len as u64),
                crate::limits::with_thousands(self.limits.max_collection_len as u64)
            )));
        }
        Ok(())
    }

    /// Counts bytes allocated by a large operation against the run's budget.
    pub(crate) fn charge_allocation(&mut self, bytes: usize) -> PyResult<()> {
        if bytes < 4096 {
            return Ok(());
        }
        self.allocated = self.allocated.saturating_add(bytes);
        if self.allocated > self.limits.max_total_allocation {
            return Err(PyErr::memory_error(format!(
                "the script allocated more than {} MB in large strings and lists, which exceeds Retort's limit",
                self.limits.max_total_allocation / (1024 * 1024)
            )));
        }
        Ok(())
    }

    /// Fails with `MemoryError` when a string would exceed the limit.
    pub(crate) fn check_string_len(&self, len: usize) -> PyResult<()> {
        if len > self.limits.max_string_len {
            return Err(PyErr::memory_error(format!(
                "a string of {} characters exceeds Retort's limit of {} characters",
                crate::limits::with_thousands(len as u64),
                crate::limits::with_thousands(self.limits.max_string_len as u64)
            )));
        }
        Ok(())
    }
}

/// Whether CPython's AST optimizer makes `expr` a constant: a literal, a
/// signed number, or a tuple of constants.
fn is_constant(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Literal(_) => true,
        ExprKind::Unary {
            op: crate::ast::UnaryOp::Neg | crate::ast::UnaryOp::Pos,
            operand,
        } => matches!(operand.kind, ExprKind::Literal(_)),
        ExprKind::Tuple(items) => items.iter().all(is_constant),
        _ => false,
    }
}

/// Where CPython 3.11 places an attribute access, or a method call on one
/// (`location`), whose `attribute` expression spans lines: at the line of
/// the attribute's name, so an error in the chain
/// `User.query\n    .filter(...)\n    .one()` is reported on the `.one()`
/// line, not the chain's first.
pub(crate) fn attribute_location(location: Loc, attribute: Loc, name: &str) -> Loc {
    if attribute.end_line == location.line {
        return location;
    }
    let width = u32::try_from(name.chars().count()).unwrap_or(0);
    Loc {
        line: attribute.end_line,
        col: attribute.end_col.saturating_sub(width),
        end_line: location.end_line,
        end_col: location.end_col,
    }
}
