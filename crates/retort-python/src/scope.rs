//! Static scope analysis: which names a function body binds locally, and
//! which it declares `global` or `nonlocal`, as Python decides at compile time.

use std::collections::HashSet;

use crate::ast::{Expr, ExprKind, Params, Stmt, StmtKind};

/// The binding facts for one function body.
#[derive(Debug, Default, Clone)]
pub struct ScopeInfo {
    pub locals: HashSet<String>,
    pub globals: HashSet<String>,
    pub nonlocals: HashSet<String>,
}

/// Computes the scope of a function from its parameters and body.
pub fn analyze(params: &Params, body: &[Stmt]) -> ScopeInfo {
    let mut info = ScopeInfo::default();
    let mut assigned = HashSet::new();
    for param in params.positional.iter().chain(params.kwonly.iter()) {
        assigned.insert(param.name.to_string());
    }
    if let Some(name) = &params.vararg {
        assigned.insert(name.to_string());
    }
    if let Some(name) = &params.kwarg {
        assigned.insert(name.to_string());
    }
    collect_block(body, &mut assigned, &mut info);
    for name in assigned {
        if !info.globals.contains(&name) && !info.nonlocals.contains(&name) {
            info.locals.insert(name);
        }
    }
    info
}

fn collect_block(body: &[Stmt], assigned: &mut HashSet<String>, info: &mut ScopeInfo) {
    for stmt in body {
        collect_stmt(stmt, assigned, info);
    }
}

fn collect_stmt(stmt: &Stmt, assigned: &mut HashSet<String>, info: &mut ScopeInfo) {
    match &stmt.kind {
        StmtKind::Assign { targets, value } => {
            for target in targets {
                collect_target(target, assigned);
            }
            collect_walrus(value, assigned);
        }
        StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => {
            collect_target(target, assigned)
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            collect_walrus(test, assigned);
            collect_block(body, assigned, info);
            collect_block(orelse, assigned, info);
        }
        StmtKind::For {
            target,
            body,
            orelse,
            ..
        } => {
            collect_target(target, assigned);
            collect_block(body, assigned, info);
            collect_block(orelse, assigned, info);
        }
        StmtKind::FunctionDef(def) => {
            assigned.insert(def.name.to_string());
        }
        StmtKind::ClassDef(def) => {
            assigned.insert(def.name.to_string());
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            collect_block(body, assigned, info);
            for handler in handlers {
                if let Some(name) = &handler.name {
                    assigned.insert(name.clone());
                }
                collect_block(&handler.body, assigned, info);
            }
            collect_block(orelse, assigned, info);
            collect_block(finalbody, assigned, info);
        }
        StmtKind::With { items, body } => {
            for item in items {
                if let Some(target) = &item.target {
                    collect_target(target, assigned);
                }
            }
            collect_block(body, assigned, info);
        }
        StmtKind::Delete(targets) => {
            for target in targets {
                collect_target(target, assigned);
            }
        }
        StmtKind::Import(names) => {
            for name in names {
                let bound = match &name.asname {
                    Some(alias) => alias.clone(),
                    None => name.name.split('.').next().unwrap_or_default().to_string(),
                };
                assigned.insert(bound);
            }
        }
        StmtKind::ImportFrom { names, .. } => {
            for name in names {
                assigned.insert(name.asname.clone().unwrap_or_else(|| name.name.clone()));
            }
        }
        StmtKind::Global(names) => info.globals.extend(names.iter().cloned()),
        StmtKind::Nonlocal(names) => info.nonlocals.extend(names.iter().cloned()),
        StmtKind::Expr(expr) | StmtKind::Return(Some(expr)) => collect_walrus(expr, assigned),
        _ => {}
    }
}

fn collect_target(target: &Expr, assigned: &mut HashSet<String>) {
    match &target.kind {
        ExprKind::Name(name) => {
            assigned.insert(name.to_string());
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for item in items {
                collect_target(item, assigned);
            }
        }
        ExprKind::Starred(inner) => collect_target(inner, assigned),
        _ => {}
    }
}

/// Finds `name := value` bindings at the top of an expression statement.
fn collect_walrus(expr: &Expr, assigned: &mut HashSet<String>) {
    if let ExprKind::Named { target, .. } = &expr.kind {
        assigned.insert(target.to_string());
    }
}
