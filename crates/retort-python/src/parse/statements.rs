//! Conversion of ruff statements (and parameters) into [`crate::ast`] statements.

use std::rc::Rc;

use ruff_python_ast as py;
use ruff_text_size::Ranged;

use crate::ast::{
    ClassDef, FunctionDef, Handler, ImportName, Param, Params, Stmt, StmtKind, WithItem,
};
use crate::scope;

use super::expressions::bin_op;
use super::{Converted, Converter};

impl Converter<'_> {
    pub(super) fn block(&self, body: impl IntoIterator<Item = py::Stmt>) -> Converted<Vec<Stmt>> {
        body.into_iter().map(|stmt| self.stmt(stmt)).collect()
    }

    pub(super) fn stmt(&self, stmt: py::Stmt) -> Converted<Stmt> {
        let range = stmt.range();
        let loc = self.loc(range);
        let kind = match stmt {
            py::Stmt::FunctionDef(def) => {
                if def.is_async {
                    return self.unsupported(range, "`async def` (coroutines)");
                }
                let params = self.params(*def.parameters)?;
                let body = self.block(def.body)?;
                let decorators = def
                    .decorator_list
                    .into_iter()
                    .map(|d| self.expr(d.expression, 0))
                    .collect::<Converted<_>>()?;
                let scope = scope::analyze(&params, &body);
                StmtKind::FunctionDef(Rc::new(FunctionDef {
                    name: def.name.id.as_str().into(),
                    params,
                    body,
                    decorators,
                    scope,
                    loc,
                    is_lambda: false,
                }))
            }
            py::Stmt::ClassDef(def) => {
                let mut bases = Vec::new();
                let mut keywords = Vec::new();
                if let Some(arguments) = def.arguments {
                    for base in arguments.args.into_vec() {
                        bases.push(self.expr(base, 0)?);
                    }
                    for keyword in arguments.keywords {
                        match keyword.arg {
                            Some(name) => {
                                keywords.push((name.id.to_string(), self.expr(keyword.value, 0)?))
                            }
                            None => {
                                return self
                                    .unsupported(keyword.range, "`**` in a class statement");
                            }
                        }
                    }
                }
                let decorators = def
                    .decorator_list
                    .into_iter()
                    .map(|d| self.expr(d.expression, 0))
                    .collect::<Converted<_>>()?;
                StmtKind::ClassDef(Rc::new(ClassDef {
                    name: def.name.id.as_str().into(),
                    bases,
                    keywords,
                    body: self.block(def.body)?,
                    decorators,
                }))
            }
            py::Stmt::Return(ret) => {
                StmtKind::Return(ret.value.map(|v| self.expr(*v, 0)).transpose()?)
            }
            py::Stmt::Delete(del) => StmtKind::Delete(
                del.targets
                    .into_iter()
                    .map(|t| self.expr(t, 0))
                    .collect::<Converted<_>>()?,
            ),
            py::Stmt::Assign(assign) => StmtKind::Assign {
                targets: assign
                    .targets
                    .into_iter()
                    .map(|t| self.expr(t, 0))
                    .collect::<Converted<_>>()?,
                value: self.expr(*assign.value, 0)?,
            },
            py::Stmt::AugAssign(aug) => StmtKind::AugAssign {
                target: self.expr(*aug.target, 0)?,
                op: bin_op(aug.op),
                value: self.expr(*aug.value, 0)?,
            },
            py::Stmt::AnnAssign(ann) => StmtKind::AnnAssign {
                target: self.expr(*ann.target, 0)?,
                annotation_source: {
                    let range = ann.annotation.range();
                    self.source
                        .get(range.start().to_usize()..range.end().to_usize())
                        .unwrap_or_default()
                        .into()
                },
                annotation: self.expr(*ann.annotation, 0)?,
                value: ann.value.map(|v| self.expr(*v, 0)).transpose()?,
                simple: ann.simple,
            },
            py::Stmt::For(stmt) => {
                if stmt.is_async {
                    return self.unsupported(range, "`async for`");
                }
                StmtKind::For {
                    target: self.expr(*stmt.target, 0)?,
                    iter: self.expr(*stmt.iter, 0)?,
                    body: self.block(stmt.body)?,
                    orelse: self.block(stmt.orelse)?,
                }
            }
            py::Stmt::While(stmt) => StmtKind::While {
                test: self.expr(*stmt.test, 0)?,
                body: self.block(stmt.body)?,
                orelse: self.block(stmt.orelse)?,
            },
            py::Stmt::If(stmt) => {
                // `elif` chains become nested `if` statements in the else branch.
                let mut orelse: Vec<Stmt> = Vec::new();
                for clause in stmt.elif_else_clauses.into_iter().rev() {
                    let clause_loc = self.loc(clause.range);
                    let body = self.block(clause.body)?;
                    orelse = match clause.test {
                        Some(test) => vec![Stmt {
                            loc: clause_loc,
                            kind: StmtKind::If {
                                test: self.expr(test, 0)?,
                                body,
                                orelse,
                            },
                        }],
                        None => body,
                    };
                }
                StmtKind::If {
                    test: self.expr(*stmt.test, 0)?,
                    body: self.block(stmt.body)?,
                    orelse,
                }
            }
            py::Stmt::With(stmt) => {
                if stmt.is_async {
                    return self.unsupported(range, "`async with`");
                }
                let mut items = Vec::new();
                for item in stmt.items {
                    items.push(WithItem {
                        context: self.expr(item.context_expr, 0)?,
                        target: item.optional_vars.map(|v| self.expr(*v, 0)).transpose()?,
                    });
                }
                StmtKind::With {
                    items,
                    body: self.block(stmt.body)?,
                }
            }
            py::Stmt::Match(_) => return self.unsupported(range, "the `match` statement"),
            py::Stmt::TypeAlias(_) => return self.unsupported(range, "the `type` statement"),
            py::Stmt::Raise(raise) => StmtKind::Raise {
                exc: raise.exc.map(|v| self.expr(*v, 0)).transpose()?,
                cause: raise.cause.map(|v| self.expr(*v, 0)).transpose()?,
            },
            py::Stmt::Try(stmt) => {
                if stmt.is_star {
                    return self.unsupported(range, "`except*`");
                }
                let mut handlers = Vec::new();
                for handler in stmt.handlers {
                    let py::ExceptHandler::ExceptHandler(handler) = handler;
                    handlers.push(Handler {
                        loc: self.loc(handler.range),
                        kind: handler.type_.map(|t| self.expr(*t, 0)).transpose()?,
                        name: handler.name.map(|n| n.id.to_string()),
                        body: self.block(handler.body)?,
                    });
                }
                StmtKind::Try {
                    body: self.block(stmt.body)?,
                    handlers,
                    orelse: self.block(stmt.orelse)?,
                    finalbody: self.block(stmt.finalbody)?,
                }
            }
            py::Stmt::Assert(stmt) => StmtKind::Assert {
                test: self.expr(*stmt.test, 0)?,
                msg: stmt.msg.map(|v| self.expr(*v, 0)).transpose()?,
            },
            py::Stmt::Import(import) => StmtKind::Import(
                import
                    .names
                    .into_iter()
                    .map(|alias| ImportName {
                        name: alias.name.id.to_string(),
                        asname: alias.asname.map(|a| a.id.to_string()),
                    })
                    .collect(),
            ),
            py::Stmt::ImportFrom(import) => {
                if import.level > 0 {
                    return self.unsupported(range, "relative imports");
                }
                StmtKind::ImportFrom {
                    module: import.module.map(|m| m.id.to_string()).unwrap_or_default(),
                    names: import
                        .names
                        .into_iter()
                        .map(|alias| ImportName {
                            name: alias.name.id.to_string(),
                            asname: alias.asname.map(|a| a.id.to_string()),
                        })
                        .collect(),
                }
            }
            py::Stmt::Global(stmt) => {
                StmtKind::Global(stmt.names.into_iter().map(|n| n.id.to_string()).collect())
            }
            py::Stmt::Nonlocal(stmt) => {
                StmtKind::Nonlocal(stmt.names.into_iter().map(|n| n.id.to_string()).collect())
            }
            py::Stmt::Expr(stmt) => StmtKind::Expr(self.expr(*stmt.value, 0)?),
            py::Stmt::Pass(_) => StmtKind::Pass,
            py::Stmt::Break(_) => StmtKind::Break,
            py::Stmt::Continue(_) => StmtKind::Continue,
            py::Stmt::IpyEscapeCommand(_) => {
                return self.unsupported(range, "IPython escape commands");
            }
        };
        Ok(Stmt { loc, kind })
    }

    pub(super) fn params(&self, params: py::Parameters) -> Converted<Params> {
        let mut result = Params {
            posonly_count: params.posonlyargs.len(),
            ..Params::default()
        };
        for param in params.posonlyargs.into_iter().chain(params.args) {
            result.positional.push(self.param(param)?);
        }
        for param in params.kwonlyargs {
            result.kwonly.push(self.param(param)?);
        }
        result.vararg = params.vararg.map(|p| p.name.id.as_str().into());
        result.kwarg = params.kwarg.map(|p| p.name.id.as_str().into());
        Ok(result)
    }

    pub(super) fn param(&self, param: py::ParameterWithDefault) -> Converted<Param> {
        Ok(Param {
            name: param.parameter.name.id.as_str().into(),
            default: param.default.map(|d| self.expr(*d, 0)).transpose()?,
        })
    }
}
