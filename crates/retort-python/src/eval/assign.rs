//! Assignment targets: names, attributes, subscripts, and tuple/list
//! unpacking with one starred target; augmented assignment and `del`.

use crate::ast::{BinOp, Expr, ExprKind};
use crate::error::{PyErr, PyResult};
use crate::eval::scope::Ctx;
use crate::interp::Interpreter;
use crate::value::Value;

impl Interpreter {
    pub(crate) fn assign(&mut self, ctx: &Ctx, target: &Expr, value: Value) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(name) => {
                self.store_name(ctx, name, value);
                Ok(())
            }
            ExprKind::Attribute {
                value: object,
                attr,
            } => {
                let object = self.eval(ctx, object)?;
                self.set_attribute(&object, attr, value)
            }
            ExprKind::Subscript {
                value: object,
                index,
            } => {
                let object = self.eval(ctx, object)?;
                let key = self.eval(ctx, index)?;
                self.set_item(&object, key, value)
            }
            ExprKind::Tuple(targets) | ExprKind::List(targets) => self.unpack(ctx, targets, value),
            ExprKind::Starred(_) => Err(PyErr::new(
                "SyntaxError",
                "starred assignment target must be in a list or tuple",
            )),
            _ => Err(PyErr::new("SyntaxError", "cannot assign to expression")),
        }
    }

    fn unpack(&mut self, ctx: &Ctx, targets: &[Expr], value: Value) -> PyResult<()> {
        let items = self.collect(&value)?;
        let star = targets
            .iter()
            .position(|t| matches!(t.kind, ExprKind::Starred(_)));
        match star {
            None => {
                if items.len() > targets.len() {
                    return Err(PyErr::value_error(format!(
                        "too many values to unpack (expected {})",
                        targets.len()
                    )));
                }
                if items.len() < targets.len() {
                    return Err(PyErr::value_error(format!(
                        "not enough values to unpack (expected {}, got {})",
                        targets.len(),
                        items.len()
                    )));
                }
                for (target, item) in targets.iter().zip(items) {
                    self.assign(ctx, target, item)?;
                }
            }
            Some(star_index) => {
                let after = targets.len() - star_index - 1;
                if items.len() < targets.len() - 1 {
                    return Err(PyErr::value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        targets.len() - 1,
                        items.len()
                    )));
                }
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(star_index);
                for (target, item) in targets.iter().zip(items) {
                    self.assign(ctx, target, item)?;
                }
                if let Some(Expr {
                    kind: ExprKind::Starred(inner),
                    ..
                }) = targets.get(star_index)
                {
                    self.assign(ctx, inner, Value::list(middle))?;
                }
                for (target, item) in targets.iter().skip(star_index + 1).zip(tail) {
                    self.assign(ctx, target, item)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn aug_assign(
        &mut self,
        ctx: &Ctx,
        target: &Expr,
        op: BinOp,
        value: &Expr,
    ) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(name) => {
                let current = self.load_name(ctx, name)?;
                let operand = self.eval(ctx, value)?;
                let result = self.inplace_op(op, &current, &operand)?;
                self.store_name(ctx, name, result);
            }
            ExprKind::Attribute {
                value: object,
                attr,
            } => {
                let object = self.eval(ctx, object)?;
                let current = self.get_attribute(&object, attr)?;
                let operand = self.eval(ctx, value)?;
                let result = self.inplace_op(op, &current, &operand)?;
                self.set_attribute(&object, attr, result)?;
            }
            ExprKind::Subscript {
                value: object,
                index,
            } => {
                let object = self.eval(ctx, object)?;
                let key = self.eval(ctx, index)?;
                let current = self.get_item(&object, &key)?;
                let operand = self.eval(ctx, value)?;
                let result = self.inplace_op(op, &current, &operand)?;
                self.set_item(&object, key, result)?;
            }
            _ => {
                return Err(PyErr::new(
                    "SyntaxError",
                    "illegal expression for augmented assignment",
                ));
            }
        }
        Ok(())
    }

    /// `a op= b`: lists extend in place, everything else rebinds.
    fn inplace_op(&mut self, op: BinOp, current: &Value, operand: &Value) -> PyResult<Value> {
        if let (BinOp::Add, Value::List(list)) = (op, current) {
            let items = self.collect(operand)?;
            self.check_collection_len(list.borrow().len() + items.len())?;
            list.borrow_mut().extend(items);
            return Ok(current.clone());
        }
        self.binary_op(op, current, operand)
    }

    pub(crate) fn delete_target(&mut self, ctx: &Ctx, target: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(name) => self.delete_name(ctx, name),
            ExprKind::Attribute { value, attr } => {
                let object = self.eval(ctx, value)?;
                self.del_attribute(&object, attr)
            }
            ExprKind::Subscript { value, index } => {
                let object = self.eval(ctx, value)?;
                let key = self.eval(ctx, index)?;
                self.del_item(&object, &key)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for item in items {
                    self.delete_target(ctx, item)?;
                }
                Ok(())
            }
            _ => Err(PyErr::new("SyntaxError", "cannot delete expression")),
        }
    }
}
