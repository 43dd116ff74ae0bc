//! Rendering of compound selects (`visit_compound_select`): members joined
//! by the set operator, a member with its own ORDER BY or LIMIT in
//! parentheses, then the compound's ORDER BY and LIMIT/OFFSET.

use super::Compiler;
use super::expr::Ctx;
use crate::compound::CompoundSelect;
use crate::error::CompileError;

impl Compiler {
    pub(crate) fn compound(
        &mut self,
        compound: &CompoundSelect,
        asfrom: bool,
    ) -> Result<String, CompileError> {
        if compound.selects.is_empty() {
            return Err(CompileError::new(
                "a compound select needs at least one SELECT",
            ));
        }
        let mut members = Vec::with_capacity(compound.selects.len());
        for select in &compound.selects {
            let rendered = self.select(select, asfrom)?;
            let needs_parens =
                !select.order_by.is_empty() || select.limit.is_some() || select.offset.is_some();
            members.push(if needs_parens {
                format!("({rendered})")
            } else {
                rendered
            });
        }
        let mut text = members.join(&format!(" {} ", compound.op.keyword()));
        if !compound.order_by.is_empty() {
            text.push_str(" ORDER BY ");
            text.push_str(&self.expr_list(&compound.order_by, Ctx::Free)?);
        }
        text.push_str(&self.limit_clause(compound.limit.as_ref(), compound.offset.as_ref())?);
        Ok(text)
    }
}
