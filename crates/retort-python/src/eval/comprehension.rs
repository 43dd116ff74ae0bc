//! List, set, dict and generator comprehensions, evaluated eagerly in their
//! own scope.

use crate::ast::{Comprehension, Expr};
use crate::dict::Dict;
use crate::error::PyResult;
use crate::eval::scope::Ctx;
use crate::interp::Interpreter;
use crate::value::Value;

impl Interpreter {
    pub(crate) fn eval_comprehension(
        &mut self,
        ctx: &Ctx,
        generators: &[Comprehension],
        elt: &Expr,
    ) -> PyResult<Vec<Value>> {
        let inner = ctx.comprehension();
        let mut out = Vec::new();
        self.comprehension_level(&inner, generators, &mut |interp, scope| {
            let value = interp.eval(scope, elt)?;
            out.push(value);
            interp.check_collection_len(out.len())
        })?;
        Ok(out)
    }

    pub(crate) fn eval_dict_comprehension(
        &mut self,
        ctx: &Ctx,
        generators: &[Comprehension],
        key: &Expr,
        value: &Expr,
    ) -> PyResult<Dict> {
        let inner = ctx.comprehension();
        let mut out = Dict::new();
        self.comprehension_level(&inner, generators, &mut |interp, scope| {
            let k = interp.eval(scope, key)?;
            let v = interp.eval(scope, value)?;
            out.insert(interp.hash_key(k)?, v);
            interp.check_collection_len(out.len())
        })?;
        Ok(out)
    }

    fn comprehension_level(
        &mut self,
        scope: &Ctx,
        generators: &[Comprehension],
        emit: &mut dyn FnMut(&mut Interpreter, &Ctx) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some((first, rest)) = generators.split_first() else {
            return emit(self, scope);
        };
        let iterable = self.eval(scope, &first.iter)?;
        let iterator = self.get_iter(&iterable)?;
        'items: while let Some(item) = self.iter_next(&iterator)? {
            self.assign(scope, &first.target, item)?;
            for condition in &first.ifs {
                let test = self.eval(scope, condition)?;
                if !self.truthy(&test)? {
                    continue 'items;
                }
            }
            self.comprehension_level(scope, rest, emit)?;
        }
        Ok(())
    }
}
