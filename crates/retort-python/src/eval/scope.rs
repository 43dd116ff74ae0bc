//! Execution contexts ([`Ctx`]) and Python's name resolution rules: local,
//! enclosing, global, builtin; class bodies; comprehension scopes.

use std::collections::HashMap;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::value::{Function, Namespace, Scope, Value, release};

/// Where code is running and how its names resolve.
pub struct Ctx<'a> {
    pub globals: Namespace,
    pub kind: CtxKind<'a>,
}

pub enum CtxKind<'a> {
    Module,
    Function {
        scope: Rc<Scope>,
        function: Rc<Function>,
    },
    Class {
        namespace: Namespace,
        outer: &'a Ctx<'a>,
    },
    Comprehension {
        scope: Rc<Scope>,
        outer: &'a Ctx<'a>,
    },
}

impl<'a> Ctx<'a> {
    /// The module-level context.
    pub fn module(globals: Namespace) -> Ctx<'static> {
        Ctx {
            globals,
            kind: CtxKind::Module,
        }
    }

    /// The scope that functions defined here close over.
    pub fn closure(&self) -> Option<Rc<Scope>> {
        match &self.kind {
            CtxKind::Module => None,
            CtxKind::Function { scope, .. } | CtxKind::Comprehension { scope, .. } => {
                Some(scope.clone())
            }
            CtxKind::Class { outer, .. } => outer.closure(),
        }
    }

    /// A child context for a comprehension.
    pub fn comprehension(&'a self) -> Ctx<'a> {
        let scope = Rc::new(Scope {
            vars: Default::default(),
            parent: self.closure(),
        });
        Ctx {
            globals: self.globals.clone(),
            kind: CtxKind::Comprehension { scope, outer: self },
        }
    }

    /// The running function, if any.
    pub fn function(&self) -> Option<&Rc<Function>> {
        match &self.kind {
            CtxKind::Function { function, .. } => Some(function),
            CtxKind::Comprehension { outer, .. } => outer.function(),
            _ => None,
        }
    }

    /// The running function's local scope.
    pub fn function_scope(&self) -> Option<&Rc<Scope>> {
        match &self.kind {
            CtxKind::Function { scope, .. } => Some(scope),
            CtxKind::Comprehension { outer, .. } => outer.function_scope(),
            _ => None,
        }
    }
}

fn lookup_chain(mut scope: Option<&Rc<Scope>>, name: &str) -> Option<Value> {
    while let Some(current) = scope {
        if let Some(value) = current.vars.borrow().get(name) {
            return Some(value.clone());
        }
        scope = current.parent.as_ref();
    }
    None
}

impl Interpreter {
    /// Reads a name as Python would in `ctx`.
    pub(crate) fn load_name(&self, ctx: &Ctx, name: &str) -> PyResult<Value> {
        match &ctx.kind {
            CtxKind::Module => {}
            CtxKind::Function { scope, function } => {
                let info = &function.def.scope;
                if !info.globals.contains(name) {
                    if let Some(value) = scope.vars.borrow().get(name) {
                        return Ok(value.clone());
                    }
                    if info.locals.contains(name) {
                        return Err(PyErr::new(
                            "UnboundLocalError",
                            format!(
                                "cannot access local variable '{name}' where it is not associated with a value"
                            ),
                        ));
                    }
                    if let Some(value) = lookup_chain(scope.parent.as_ref(), name) {
                        return Ok(value);
                    }
                }
            }
            CtxKind::Class { namespace, outer } => {
                if let Some(value) = namespace.borrow().get(name) {
                    return Ok(value.clone());
                }
                return self.load_name(outer, name);
            }
            CtxKind::Comprehension { scope, outer } => {
                if let Some(value) = scope.vars.borrow().get(name) {
                    return Ok(value.clone());
                }
                return self.load_name(outer, name);
            }
        }
        self.load_global(&ctx.globals, name)
    }

    pub(crate) fn load_global(&self, globals: &Namespace, name: &str) -> PyResult<Value> {
        if let Some(value) = globals.borrow().get(name) {
            return Ok(value.clone());
        }
        if let Some(value) = self.builtins.borrow().get(name) {
            return Ok(value.clone());
        }
        Err(PyErr::new(
            "NameError",
            format!("name '{name}' is not defined"),
        ))
    }

    /// Binds a name in `ctx`.
    pub(crate) fn store_name(&self, ctx: &Ctx, name: &str, value: Value) {
        match &ctx.kind {
            CtxKind::Module => {
                ctx.globals
                    .borrow_mut()
                    .insert(name.to_string(), value)
                    .into_iter()
                    .for_each(|old| release(vec![old]));
            }
            CtxKind::Function { scope, function } => {
                let info = &function.def.scope;
                if info.globals.contains(name) {
                    ctx.globals
                        .borrow_mut()
                        .insert(name.to_string(), value)
                        .into_iter()
                        .for_each(|old| release(vec![old]));
                } else if info.nonlocals.contains(name) {
                    let mut current = scope.parent.as_ref();
                    while let Some(outer) = current {
                        if outer.vars.borrow().contains_key(name) || outer.parent.is_none() {
                            outer
                                .vars
                                .borrow_mut()
                                .insert(name.to_string(), value)
                                .into_iter()
                                .for_each(|old| release(vec![old]));
                            return;
                        }
                        current = outer.parent.as_ref();
                    }
                    scope
                        .vars
                        .borrow_mut()
                        .insert(name.to_string(), value)
                        .into_iter()
                        .for_each(|old| release(vec![old]));
                } else {
                    scope
                        .vars
                        .borrow_mut()
                        .insert(name.to_string(), value)
                        .into_iter()
                        .for_each(|old| release(vec![old]));
                }
            }
            CtxKind::Class { namespace, .. } => {
                namespace
                    .borrow_mut()
                    .insert(name.to_string(), value)
                    .into_iter()
                    .for_each(|old| release(vec![old]));
            }
            CtxKind::Comprehension { scope, .. } => {
                scope
                    .vars
                    .borrow_mut()
                    .insert(name.to_string(), value)
                    .into_iter()
                    .for_each(|old| release(vec![old]));
            }
        }
    }

    /// Removes a binding (`del name`).
    pub(crate) fn delete_name(&self, ctx: &Ctx, name: &str) -> PyResult<()> {
        let removed = match &ctx.kind {
            CtxKind::Module => ctx.globals.borrow_mut().shift_remove(name).is_some(),
            CtxKind::Function { scope, function } => {
                if function.def.scope.globals.contains(name) {
                    ctx.globals.borrow_mut().shift_remove(name).is_some()
                } else {
                    scope.vars.borrow_mut().remove(name).is_some()
                }
            }
            CtxKind::Class { namespace, .. } => namespace.borrow_mut().shift_remove(name).is_some(),
            CtxKind::Comprehension { scope, .. } => scope.vars.borrow_mut().remove(name).is_some(),
        };
        if removed {
            Ok(())
        } else {
            Err(PyErr::new(
                "NameError",
                format!("name '{name}' is not defined"),
            ))
        }
    }
}

/// A fresh local scope for a call.
pub fn new_scope(parent: Option<Rc<Scope>>, vars: HashMap<String, Value>) -> Rc<Scope> {
    Rc::new(Scope {
        vars: std::cell::RefCell::new(vars),
        parent,
    })
}
