//! Calls: evaluating call arguments, dispatching on the callee, binding
//! parameters of Python functions with CPython's error messages, and running
//! function bodies in a new frame.

use std::collections::HashMap;
use std::rc::Rc;

use crate::ast::{Arg, Expr, ExprKind};
use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::eval::scope::{Ctx, CtxKind, new_scope};
use crate::eval::stmt::Flow;
use crate::interp::{Frame, Interpreter};
use crate::native::CallArgs;
use crate::value::{Function, SuperValue, Value};

impl Interpreter {
    pub(crate) fn eval_call(
        &mut self,
        ctx: &Ctx,
        expr: &Expr,
        func: &Expr,
        args: &[Arg],
    ) -> PyResult<Value> {
        if args.is_empty()
            && let ExprKind::Name(name) = &func.kind
            && name.as_ref() == "super"
            && ctx.function().is_some()
        {
            return self.zero_arg_super(ctx);
        }
        let callee = self.eval(ctx, func)?;
        let call_args = self.eval_arguments(ctx, args)?;
        let location = match &func.kind {
            ExprKind::Attribute { attr, .. } => {
                super::expr::attribute_location(expr.loc, func.loc, attr)
            }
            _ => expr.loc,
        };
        self.set_location(location);
        self.call_value(&callee, call_args)
    }

    #[inline(never)]
    fn eval_arguments(&mut self, ctx: &Ctx, args: &[Arg]) -> PyResult<CallArgs> {
        let mut call_args = CallArgs::default();
        for arg in args {
            match arg {
                Arg::Positional(e) => call_args.positional.push(self.eval(ctx, e)?),
                Arg::Starred(e) => {
                    let iterable = self.eval(ctx, e)?;
                    call_args.positional.extend(self.collect(&iterable)?);
                }
                Arg::Keyword(name, e) => {
                    let value = self.eval(ctx, e)?;
                    call_args.keywords.push((name.to_string(), value));
                }
                Arg::DoubleStarred(e) => {
                    let mapping = self.eval(ctx, e)?;
                    for (key, value) in self.mapping_items(&mapping)? {
                        let Value::Str(key) = key else {
                            return Err(PyErr::type_error("keywords must be strings"));
                        };
                        call_args.keywords.push((key.to_string(), value));
                    }
                }
            }
        }
        Ok(call_args)
    }

    #[inline(never)]
    fn zero_arg_super(&mut self, ctx: &Ctx) -> PyResult<Value> {
        let no_class = || PyErr::new("RuntimeError", "super(): __class__ cell not found");
        let function = ctx.function().ok_or_else(no_class)?;
        let class = function
            .defining_class
            .borrow()
            .as_ref()
            .and_then(std::rc::Weak::upgrade)
            .ok_or_else(no_class)?;
        let first = function
            .def
            .params
            .positional
            .first()
            .ok_or_else(|| PyErr::new("RuntimeError", "super(): no arguments"))?;
        let receiver = ctx
            .function_scope()
            .and_then(|scope| scope.vars.borrow().get(first.name.as_ref()).cloned())
            .ok_or_else(|| PyErr::new("RuntimeError", "super(): arg[0] deleted"))?;
        Ok(Value::Super(Rc::new(SuperValue { class, receiver })))
    }

    /// Calls any callable value.
    pub(crate) fn call_value(&mut self, callee: &Value, args: CallArgs) -> PyResult<Value> {
        self.check_stack()?;
        match callee {
            Value::Function(function) => self.call_function(function, args),
            Value::NativeFunction(native) => {
                let func = native.func.clone();
                func.call(self, args)
            }
            Value::BoundMethod(bound) => self.call_bound(bound, args),
            Value::Class(class) => self.call_class(class, args),
            Value::Native(object) => match object.clone().call(self, callee, args)? {
                Some(value) => Ok(value),
                None => Err(PyErr::type_error(format!(
                    "'{}' object is not callable",
                    callee.error_type_name()
                ))),
            },
            Value::StaticMethod(inner) | Value::ClassMethod(inner) => {
                let inner = (**inner).clone();
                self.call_value(&inner, args)
            }
            Value::Instance(_) => match self.special_method(callee, "__call__") {
                Some(method) => self.call_value(&method, args),
                None => Err(PyErr::type_error(format!(
                    "'{}' object is not callable",
                    callee.error_type_name()
                ))),
            },
            other => Err(PyErr::type_error(format!(
                "'{}' object is not callable",
                other.error_type_name()
            ))),
        }
    }

    #[inline(never)]
    fn call_bound(
        &mut self,
        bound: &crate::value::BoundMethod,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        args.positional.insert(0, bound.receiver.clone());
        let function = bound.function.clone();
        self.call_value(&function, args)
    }

    #[inline(never)]
    fn call_function(&mut self, function: &Rc<Function>, args: CallArgs) -> PyResult<Value> {
        if self.call_depth >= self.limits.max_recursion_depth {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        let vars = bind_arguments(function, args)?;
        let scope = new_scope(function.closure.clone(), vars);
        let ctx = Ctx {
            globals: function.globals.clone(),
            kind: CtxKind::Function {
                scope,
                function: function.clone(),
            },
        };
        let source = function.source.clone().or_else(|| self.current_source());
        let Some(source) = source else {
            return Err(PyErr::new("RuntimeError", "function has no source"));
        };
        self.frames.push(Frame {
            function: function.def.name.clone(),
            loc: function.def.loc,
            source,
        });
        self.call_depth += 1;
        let result = self.exec_block(&ctx, &function.def.body);
        self.call_depth -= 1;
        self.frames.pop();
        match result? {
            Flow::Return(value) => Ok(value),
            _ => Ok(Value::None),
        }
    }
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// Binds call arguments to a function's parameters, as CPython does.
#[inline(never)]
fn bind_arguments(function: &Function, args: CallArgs) -> PyResult<HashMap<String, Value>> {
    let params = &function.def.params;
    let name = &function.qualname;
    let mut vars: HashMap<String, Value> = HashMap::new();
    let positional_count = params.positional.len();
    let given = args.positional.len();
    let mut positional = args.positional.into_iter();
    for param in params.positional.iter().take(given.min(positional_count)) {
        if let Some(value) = positional.next() {
            vars.insert(param.name.to_string(), value);
        }
    }
    let extra: Vec<Value> = positional.collect();
    if let Some(vararg) = &params.vararg {
        vars.insert(vararg.to_string(), Value::tuple(extra));
    } else if !extra.is_empty() {
        let required = positional_count - function.defaults.len();
        let expected = if function.defaults.is_empty() {
            plural(positional_count, "positional argument")
        } else {
            format!("from {required} to {positional_count} positional arguments")
        };
        let verb = if given == 1 { "was" } else { "were" };
        let takes = if function.defaults.is_empty() {
            expected
        } else {
            expected.to_string()
        };
        return Err(PyErr::type_error(format!(
            "{name}() takes {takes} but {given} {verb} given"
        )));
    }
    let mut extra_keywords = Dict::new();
    for (key, value) in args.keywords {
        let positional_match = params
            .positional
            .iter()
            .enumerate()
            .find(|(_, p)| p.name.as_ref() == key);
        let is_named_param = match positional_match {
            Some((index, _)) => index >= params.posonly_count,
            None => params.kwonly.iter().any(|p| p.name.as_ref() == key),
        };
        if is_named_param {
            if vars.contains_key(&key) {
                return Err(PyErr::type_error(format!(
                    "{name}() got multiple values for argument '{key}'"
                )));
            }
            vars.insert(key, value);
        } else if params.kwarg.is_some() {
            let hash_key = crate::dict::HashKey::new(Value::str(key.as_str()))
                .map_err(|_| PyErr::type_error("bad keyword"))?;
            extra_keywords.insert(hash_key, value);
        } else {
            return Err(PyErr::type_error(format!(
                "{name}() got an unexpected keyword argument '{key}'"
            )));
        }
    }
    if let Some(kwarg) = &params.kwarg {
        vars.insert(
            kwarg.to_string(),
            Value::Dict(Rc::new(std::cell::RefCell::new(extra_keywords))),
        );
    }
    let first_default = positional_count - function.defaults.len().min(positional_count);
    let mut missing = Vec::new();
    for (index, param) in params.positional.iter().enumerate() {
        if vars.contains_key(param.name.as_ref()) {
            continue;
        }
        match index
            .checked_sub(first_default)
            .and_then(|i| function.defaults.get(i))
        {
            Some(default) => {
                vars.insert(param.name.to_string(), default.clone());
            }
            None => missing.push(param.name.to_string()),
        }
    }
    if !missing.is_empty() {
        return Err(PyErr::type_error(format!(
            "{name}() missing {} required positional argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            quoted_list(&missing)
        )));
    }
    let mut missing_kwonly = Vec::new();
    for (param, default) in params.kwonly.iter().zip(function.kw_defaults.iter()) {
        if vars.contains_key(param.name.as_ref()) {
            continue;
        }
        match default {
            Some(default) => {
                vars.insert(param.name.to_string(), default.clone());
            }
            None => missing_kwonly.push(param.name.to_string()),
        }
    }
    if !missing_kwonly.is_empty() {
        return Err(PyErr::type_error(format!(
            "{name}() missing {} required keyword-only argument{}: {}",
            missing_kwonly.len(),
            if missing_kwonly.len() == 1 { "" } else { "s" },
            quoted_list(&missing_kwonly)
        )));
    }
    Ok(vars)
}
