//! Statement execution: control flow, loops, `try`, `with`, `raise`,
//! imports, `def`, `del`, `assert` and annotated assignments.

use std::rc::Rc;

use crate::ast::{Expr, Handler, ImportName, Stmt, StmtKind, WithItem};
use crate::dict::HashKey;
use crate::error::{PyErr, PyResult};
use crate::eval::scope::{Ctx, CtxKind};
use crate::interp::Interpreter;
use crate::value::{Function, Value, new_namespace};

/// How a block finished.
pub enum Flow {
    Normal,
    Return(Value),
    Break,
    Continue,
}

impl Interpreter {
    pub(crate) fn exec_block(&mut self, ctx: &Ctx, body: &[Stmt]) -> PyResult<Flow> {
        for stmt in body {
            match self.exec_stmt(ctx, stmt)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    pub(crate) fn exec_stmt(&mut self, ctx: &Ctx, stmt: &Stmt) -> PyResult<Flow> {
        self.set_location(stmt.loc);
        let result = self.tick().and_then(|()| self.exec_stmt_inner(ctx, stmt));
        result.map_err(|mut error| {
            error.fill_traceback(|| self.traceback_snapshot());
            error
        })
    }

    /// Dispatches on the statement kind; every arm lives in its own function
    /// so that this frame, which recursion repeats, stays small.
    fn exec_stmt_inner(&mut self, ctx: &Ctx, stmt: &Stmt) -> PyResult<Flow> {
        match &stmt.kind {
            StmtKind::Expr(expr) => self.eval(ctx, expr).map(|_| Flow::Normal),
            StmtKind::Assign { targets, value } => self.exec_assign(ctx, targets, value),
            StmtKind::AugAssign { target, op, value } => self
                .aug_assign(ctx, target, *op, value)
                .map(|()| Flow::Normal),
            StmtKind::AnnAssign {
                target,
                annotation,
                annotation_source,
                value,
                simple,
            } => self
                .ann_assign(
                    ctx,
                    target,
                    annotation,
                    annotation_source,
                    value.as_ref(),
                    *simple,
                )
                .map(|()| Flow::Normal),
            StmtKind::If { test, body, orelse } => self.exec_if(ctx, test, body, orelse),
            StmtKind::While { test, body, orelse } => {
                self.exec_while(ctx, stmt, test, body, orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.exec_for(ctx, stmt, target, iter, body, orelse),
            StmtKind::Break => Ok(Flow::Break),
            StmtKind::Continue => Ok(Flow::Continue),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(Flow::Normal),
            StmtKind::Return(value) => self.exec_return(ctx, value.as_ref()),
            StmtKind::FunctionDef(def) => self.exec_function_def(ctx, def),
            StmtKind::ClassDef(def) => self.exec_class_def(ctx, def).map(|()| Flow::Normal),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.exec_try(ctx, body, handlers, orelse, finalbody),
            StmtKind::Raise { exc, cause } => {
                Err(self.exec_raise(ctx, exc.as_ref(), cause.as_ref())?)
            }
            StmtKind::With { items, body } => self.exec_with(ctx, items, body),
            StmtKind::Assert { test, msg } => self.exec_assert(ctx, test, msg.as_ref()),
            StmtKind::Delete(targets) => {
                for target in targets {
                    self.delete_target(ctx, target)?;
                }
                Ok(Flow::Normal)
            }
            StmtKind::Import(names) => self.exec_import(ctx, names),
            StmtKind::ImportFrom { module, names } => self.exec_import_from(ctx, module, names),
        }
    }

    #[inline(never)]
    fn exec_assign(&mut self, ctx: &Ctx, targets: &[Expr], value: &Expr) -> PyResult<Flow> {
        let value = self.eval(ctx, value)?;
        for target in targets {
            self.assign(ctx, target, value.clone())?;
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_if(
        &mut self,
        ctx: &Ctx,
        test: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> PyResult<Flow> {
        let condition = self.eval(ctx, test)?;
        let branch = if self.truthy(&condition)? {
            body
        } else {
            orelse
        };
        self.exec_block(ctx, branch)
    }

    #[inline(never)]
    fn exec_while(
        &mut self,
        ctx: &Ctx,
        stmt: &Stmt,
        test: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> PyResult<Flow> {
        loop {
            let condition = self.eval(ctx, test)?;
            if !self.truthy(&condition)? {
                return self.exec_block(ctx, orelse);
            }
            self.tick()?;
            match self.exec_block(ctx, body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(value) => return Ok(Flow::Return(value)),
                Flow::Normal | Flow::Continue => {}
            }
            self.set_location(stmt.loc);
        }
    }

    #[inline(never)]
    fn exec_for(
        &mut self,
        ctx: &Ctx,
        stmt: &Stmt,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> PyResult<Flow> {
        let iterable = self.eval(ctx, iter)?;
        let iterator = self.get_iter(&iterable)?;
        loop {
            self.set_location(stmt.loc);
            let Some(item) = self.iter_next(&iterator)? else {
                return self.exec_block(ctx, orelse);
            };

            self.assign(ctx, target, item)?;
            match self.exec_block(ctx, body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(value) => return Ok(Flow::Return(value)),
                Flow::Normal | Flow::Continue => {}
            }
        }
    }

    #[inline(never)]
    fn exec_return(&mut self, ctx: &Ctx, value: Option<&Expr>) -> PyResult<Flow> {
        let value = match value {
            Some(expr) => self.eval(ctx, expr)?,
            None => Value::None,
        };
        Ok(Flow::Return(value))
    }

    #[inline(never)]
    fn exec_function_def(
        &mut self,
        ctx: &Ctx,
        def: &Rc<crate::ast::FunctionDef>,
    ) -> PyResult<Flow> {
        let mut decorated = self.make_function(ctx, def)?;
        for decorator in def.decorators.iter().rev() {
            let decorator = self.eval(ctx, decorator)?;
            decorated =
                self.call_value(&decorator, crate::native::CallArgs::new(vec![decorated]))?;
        }
        self.store_name(ctx, &def.name, decorated);
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_assert(&mut self, ctx: &Ctx, test: &Expr, msg: Option<&Expr>) -> PyResult<Flow> {
        let value = self.eval(ctx, test)?;
        if !self.truthy(&value)? {
            let args = match msg {
                Some(msg) => vec![self.eval(ctx, msg)?],
                None => Vec::new(),
            };
            return Err(PyErr::with_args(
                crate::error::ErrorClass::Builtin("AssertionError".into()),
                args,
            ));
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_import(&mut self, ctx: &Ctx, names: &[ImportName]) -> PyResult<Flow> {
        for name in names {
            let module = self.import_module(&name.name)?;
            match &name.asname {
                Some(alias) => self.store_name(ctx, alias, module),
                None => {
                    let top = name.name.split('.').next().unwrap_or_default();
                    let top_module = self.import_module(top)?;
                    self.store_name(ctx, top, top_module);
                }
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_import_from(
        &mut self,
        ctx: &Ctx,
        module: &str,
        names: &[ImportName],
    ) -> PyResult<Flow> {
        let module_value = self.import_module(module)?;
        if module == "__future__" && names.iter().any(|name| name.name == "annotations") {
            self.future_annotations = true;
        }
        for name in names {
            if name.name == "*" {
                if let Value::Module(m) = &module_value {
                    // A module's `__all__` names what `*` imports (through
                    // its `__getattr__` for names it makes on demand).
                    if let Some(all) = module_all(m) {
                        for key in all {
                            let value = self.get_attribute(&module_value, &key)?;
                            self.store_name(ctx, &key, value);
                        }
                        continue;
                    }
                    let entries: Vec<(String, Value)> = m
                        .dict
                        .borrow()
                        .iter()
                        .filter(|(k, _)| !k.starts_with('_'))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    for (key, value) in entries {
                        self.store_name(ctx, &key, value);
                    }
                }
                continue;
            }
            let value = match self.get_attribute(&module_value, &name.name) {
                Ok(value) => value,
                Err(_) => match self.import_module(&format!("{module}.{}", name.name)) {
                    Ok(value) => value,
                    Err(_) => {
                        // CPython names the module's file here; Retort says
                        // what its version of the module does offer.
                        let offered = match &module_value {
                            Value::Module(m) => {
                                let mut names: Vec<String> = module_all(m).unwrap_or_else(|| {
                                    m.dict
                                        .borrow()
                                        .iter()
                                        .map(|(k, _)| k.clone())
                                        .filter(|k| !k.starts_with('_'))
                                        .collect()
                                });
                                retort_sort::sort(&mut names);
                                format!(" (Retort's {module} has: {})", names.join(", "))
                            }
                            _ => String::new(),
                        };
                        return Err(PyErr::new(
                            "ImportError",
                            format!(
                                "cannot import name '{}' from '{module}'{offered}",
                                name.name
                            ),
                        ));
                    }
                },
            };
            self.store_name(ctx, name.asname.as_deref().unwrap_or(&name.name), value);
        }
        Ok(Flow::Normal)
    }

    pub(crate) fn make_function(
        &mut self,
        ctx: &Ctx,
        def: &Rc<crate::ast::FunctionDef>,
    ) -> PyResult<Value> {
        let mut defaults = Vec::new();
        for param in &def.params.positional {
            if let Some(default) = &param.default {
                defaults.push(self.eval(ctx, default)?);
            }
        }
        let mut kw_defaults = Vec::new();
        for param in &def.params.kwonly {
            kw_defaults.push(match &param.default {
                Some(default) => Some(self.eval(ctx, default)?),
                None => None,
            });
        }
        let qualname = match &ctx.kind {
            CtxKind::Class { namespace, .. } => {
                let class_name = namespace
                    .borrow()
                    .get("__qualname__")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                format!("{class_name}.{}", def.name)
            }
            CtxKind::Function { function, .. } => {
                format!("{}.<locals>.{}", function.qualname, def.name)
            }
            _ => def.name.to_string(),
        };
        Ok(Value::Function(Rc::new(Function {
            def: def.clone(),
            name: std::cell::RefCell::new(def.name.to_string()),
            qualname,
            defaults,
            kw_defaults,
            globals: ctx.globals.clone(),
            closure: ctx.closure(),
            defining_class: Default::default(),
            attributes: new_namespace(),
            source: self.current_source(),
        })))
    }

    #[inline(never)]
    fn ann_assign(
        &mut self,
        ctx: &Ctx,
        target: &crate::ast::Expr,
        annotation: &crate::ast::Expr,
        annotation_source: &str,
        value: Option<&crate::ast::Expr>,
        simple: bool,
    ) -> PyResult<()> {
        let in_class_or_module = matches!(ctx.kind, CtxKind::Class { .. } | CtxKind::Module);
        if in_class_or_module && simple {
            let annotation_value = if self.future_annotations {
                Value::str(annotation_source)
            } else {
                self.eval(ctx, annotation)?
            };
            if let crate::ast::ExprKind::Name(name) = &target.kind {
                let annotations = self.annotations_dict(ctx);
                annotations.borrow_mut().insert(
                    HashKey::new(Value::str(name.as_ref()))
                        .map_err(|_| PyErr::type_error("unhashable annotation name"))?,
                    annotation_value,
                );
            }
        }
        if let Some(value) = value {
            let value = self.eval(ctx, value)?;
            self.assign(ctx, target, value)?;
        }
        Ok(())
    }

    fn annotations_dict(&mut self, ctx: &Ctx) -> Rc<std::cell::RefCell<crate::dict::Dict>> {
        let namespace = match &ctx.kind {
            CtxKind::Class { namespace, .. } => namespace.clone(),
            _ => ctx.globals.clone(),
        };
        if let Some(Value::Dict(dict)) = namespace.borrow().get("__annotations__") {
            return dict.clone();
        }
        let dict = Rc::new(std::cell::RefCell::new(crate::dict::Dict::new()));
        namespace
            .borrow_mut()
            .insert("__annotations__".into(), Value::Dict(dict.clone()));
        dict
    }

    #[inline(never)]
    fn exec_try(
        &mut self,
        ctx: &Ctx,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let outcome = match self.exec_block(ctx, body) {
            Ok(Flow::Normal) => self.exec_block(ctx, orelse),
            Ok(flow) => Ok(flow),
            Err(error) if error.is_execution_limit() || handlers.is_empty() => Err(error),
            Err(mut error) => {
                let exception = self.exception_value(&mut error);
                let mut handled = None;
                for handler in handlers {
                    let matches = match &handler.kind {
                        None => true,
                        Some(kind) => {
                            let kind = self.eval(ctx, kind)?;
                            self.exception_matches(&exception, &kind)?
                        }
                    };
                    if matches {
                        if let Some(name) = &handler.name {
                            self.store_name(ctx, name, exception.clone());
                        }
                        self.handling.push(error.clone());
                        let result = self.exec_block(ctx, &handler.body).map_err(|mut raised| {
                            let same = matches!(raised.raised(), crate::error::Raised::Object(value) if value.is(&exception));
                            if !same && !raised.is_execution_limit() {
                                let mut context = error.clone();
                                context.trim_traceback(self.frames.len().saturating_sub(1));
                                raised.set_chained(context, false);
                            }
                            raised
                        });
                        self.handling.pop();
                        if let Some(name) = &handler.name {
                            let _ = self.delete_name(ctx, name);
                        }
                        handled = Some(result);
                        break;
                    }
                }
                handled.unwrap_or(Err(error))
            }
        };
        if finalbody.is_empty() || outcome.as_ref().is_err_and(PyErr::is_execution_limit) {
            return outcome;
        }
        match self.exec_block(ctx, finalbody)? {
            Flow::Normal => outcome,
            other => Ok(other),
        }
    }

    fn exec_raise(
        &mut self,
        ctx: &Ctx,
        exc: Option<&crate::ast::Expr>,
        cause: Option<&crate::ast::Expr>,
    ) -> PyResult<PyErr> {
        let Some(exc) = exc else {
            return Ok(match self.handling.last() {
                Some(error) => error.clone(),
                None => PyErr::new("RuntimeError", "No active exception to reraise"),
            });
        };
        let value = self.eval(ctx, exc)?;
        let exception = self.make_exception(value)?;
        let mut error = PyErr::from_value(exception.clone());
        if let Some(cause) = cause {
            let cause_value = self.eval(ctx, cause)?;
            let cause_value = if matches!(cause_value, Value::None) {
                Value::None
            } else {
                self.make_exception(cause_value)?
            };
            if let Value::Instance(instance) = &exception {
                instance
                    .dict
                    .borrow_mut()
                    .insert("__cause__".into(), cause_value.clone());
            }
            let cause_error = self
                .handling
                .iter()
                .rev()
                .find(|handled| matches!(handled.raised(), crate::error::Raised::Object(value) if value.is(&cause_value)))
                .cloned();
            if let Some(mut cause_error) = cause_error {
                cause_error.trim_traceback(self.frames.len().saturating_sub(1));
                error.set_chained(cause_error, true);
            }
            error.set_cause(cause_value);
        }
        Ok(error)
    }

    #[inline(never)]
    fn exec_with(&mut self, ctx: &Ctx, items: &[WithItem], body: &[Stmt]) -> PyResult<Flow> {
        let Some((first, rest)) = items.split_first() else {
            return self.exec_block(ctx, body);
        };
        let manager = self.eval(ctx, &first.context)?;
        let entered = self.context_enter(&manager)?;
        let result = match &first.target {
            Some(target) => self.assign(ctx, target, entered),
            None => Ok(()),
        }
        .and_then(|()| self.exec_with(ctx, rest, body));
        match result {
            Ok(flow) => {
                self.context_exit(&manager, None)?;
                Ok(flow)
            }
            Err(error) if error.is_execution_limit() => Err(error),
            Err(mut error) => {
                let exception = self.exception_value(&mut error);
                if self.context_exit(&manager, Some(&exception))? {
                    Ok(Flow::Normal)
                } else {
                    Err(error)
                }
            }
        }
    }
}

/// The names a module's `__all__` lists, when it has one.
fn module_all(module: &crate::value::Module) -> Option<Vec<String>> {
    let all = module.dict.borrow().get("__all__").cloned()?;
    let items = match &all {
        Value::List(items) => items.borrow().clone(),
        Value::Tuple(items) => items.to_vec(),
        _ => return None,
    };
    Some(
        items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_string))
            .collect(),
    )
}
