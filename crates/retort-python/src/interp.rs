//! The [`Interpreter`]: its state (globals, modules, limits, frames, host
//! sinks and hooks) and the public entry points the host calls.

use std::any::Any;
use std::rc::Rc;

use indexmap::IndexMap;

use crate::ast::{Loc, StmtKind};
use crate::builtins::types::Types;
use crate::error::{PyErr, PyResult, ScriptError, TracebackEntry};
use crate::eval::scope::Ctx;
use crate::limits::{Limits, with_thousands};
use crate::native::{CallArgs, ClassHooks};
use crate::value::{Class, Instance, Module, Namespace, Value, new_namespace};

/// A warning emitted by `warnings.warn` or by host code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub category: String,
    pub message: String,
    pub line: u32,
}

/// A source text the interpreter has run, kept for tracebacks.
#[derive(Debug)]
pub(crate) struct SourceFile {
    pub name: String,
    pub lines: Vec<String>,
}

/// One active Python call frame.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub function: Rc<str>,
    pub loc: Loc,
    pub source: Rc<SourceFile>,
}

/// Builds the value of an importable module on first import.
pub type ModuleFactory = Rc<dyn Fn(&mut Interpreter) -> PyResult<Value>>;

type StatementHook = Box<dyn FnMut(&mut Interpreter, Loc)>;

/// A Python interpreter instance: one module namespace plus host extensions.
pub struct Interpreter {
    pub(crate) limits: Limits,
    pub(crate) steps: u64,
    pub(crate) call_depth: usize,
    pub(crate) stack_base: Option<usize>,
    pub(crate) builtins: Namespace,
    pub(crate) globals: Namespace,
    pub(crate) types: Types,
    pub(crate) modules: IndexMap<String, Value>,
    pub(crate) module_factories: IndexMap<String, ModuleFactory>,
    output: Box<dyn FnMut(&str)>,
    error_output: Box<dyn FnMut(&str)>,
    warning_sink: Box<dyn FnMut(&Warning)>,
    pub(crate) frames: Vec<Frame>,
    current_statement: Option<Loc>,
    after_statement: Option<StatementHook>,
    pub(crate) handling: Vec<PyErr>,
    snippet_counter: usize,
    clock: Option<Rc<dyn Fn() -> chrono::NaiveDateTime>>,
    pub(crate) repr_active: Vec<usize>,
    pub(crate) allocated: usize,
    pub(crate) future_annotations: bool,
    pub(crate) key_classes: crate::eval::hashing::KeyClasses,
    /// Exception classes the host defines (SQLAlchemy's), by name: what a
    /// `PyErr::new("ArgumentError", ...)` raised from host code becomes.
    pub(crate) host_exceptions: std::collections::HashMap<String, Rc<Class>>,
}

impl Interpreter {
    /// A fresh interpreter with builtins and the standard modules importable.
    pub fn new(limits: Limits) -> Interpreter {
        let types = Types::new();
        let mut interp = Interpreter {
            limits,
            steps: 0,
            call_depth: 0,
            stack_base: None,
            builtins: new_namespace(),
            globals: new_namespace(),
            types,
            modules: IndexMap::new(),
            module_factories: IndexMap::new(),
            output: Box::new(|_| {}),
            error_output: Box::new(|_| {}),
            warning_sink: Box::new(|_| {}),
            frames: Vec::new(),
            current_statement: None,
            after_statement: None,
            handling: Vec::new(),
            snippet_counter: 0,
            clock: None,
            repr_active: Vec::new(),
            allocated: 0,
            future_annotations: false,
            key_classes: Default::default(),
            host_exceptions: Default::default(),
        };
        crate::builtins::install(&mut interp);
        crate::stdlib::register_all(&mut interp);
        interp
            .globals
            .borrow_mut()
            .insert("__name__".into(), Value::str("__main__"));
        interp
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Steps used so far.
    pub fn steps_used(&self) -> u64 {
        self.steps
    }

    /// Starts a new step budget: each console input gets the whole of
    /// [`Limits::max_steps`], as a run does, however many the script used.
    pub fn reset_steps(&mut self) {
        self.steps = 0;
    }

    /// Sends `print` output to `sink` (called once per `print` call with the full text).
    pub fn set_output(&mut self, sink: impl FnMut(&str) + 'static) {
        self.output = Box::new(sink);
    }

    /// Receives warnings from `warnings.warn` and [`Interpreter::warn`].
    pub fn set_warning_handler(&mut self, handler: impl FnMut(&Warning) + 'static) {
        self.warning_sink = Box::new(handler);
    }

    /// Writes text to the output sink.
    pub fn write_output(&mut self, text: &str) {
        (self.output)(text);
    }

    /// Sends what the script writes to `sys.stderr` to `sink`.
    pub fn set_error_output(&mut self, sink: impl FnMut(&str) + 'static) {
        self.error_output = Box::new(sink);
    }

    /// Writes text to the error sink (`sys.stderr`).
    pub fn write_error_output(&mut self, text: &str) {
        (self.error_output)(text);
    }

    /// Emits a warning at the current line.
    pub fn warn(&mut self, category: &str, message: &str) {
        let line = self.current_location().map_or(0, |loc| loc.line);
        let warning = Warning {
            category: category.to_string(),
            message: message.to_string(),
            line,
        };
        (self.warning_sink)(&warning);
    }

    /// Sets a variable in the script's global namespace.
    pub fn set_global(&mut self, name: &str, value: Value) {
        self.globals.borrow_mut().insert(name.to_string(), value);
    }

    /// Reads a variable of the script's global namespace.
    pub fn global(&self, name: &str) -> Option<Value> {
        self.globals.borrow().get(name).cloned()
    }

    /// Looks up a built-in such as `len` or `ValueError`.
    pub fn builtin(&self, name: &str) -> Option<Value> {
        self.builtins.borrow().get(name).cloned()
    }

    /// A built-in class (`"int"`, `"object"`, `"ValueError"`, ...).
    pub fn builtin_class(&self, name: &str) -> Option<Rc<Class>> {
        match self.builtin(name) {
            Some(Value::Class(class)) => Some(class),
            _ => self.types.by_name(name),
        }
    }

    /// Makes a module value from named entries.
    pub fn new_module(name: &str, entries: Vec<(&str, Value)>) -> Value {
        let dict = new_namespace();
        dict.borrow_mut()
            .insert("__name__".into(), Value::str(name));
        for (key, value) in entries {
            dict.borrow_mut().insert(key.to_string(), value);
        }
        Value::Module(Rc::new(Module {
            name: name.to_string(),
            dict,
        }))
    }

    /// Makes `module` importable under `name` (dotted names allowed: `flask_sqlalchemy`, `sqlalchemy.orm`).
    pub fn register_module(&mut self, name: &str, module: Value) {
        self.modules.insert(name.to_string(), module);
    }

    /// Makes `class` what an error raised by name (`PyErr::new(name, ...)`)
    /// becomes when no built-in exception has that name.
    pub fn register_exception_class(&mut self, name: &str, class: Rc<Class>) {
        self.host_exceptions.insert(name.to_string(), class);
    }

    /// Makes a module importable that is built on first import.
    pub fn register_module_factory(
        &mut self,
        name: &str,
        factory: impl Fn(&mut Interpreter) -> PyResult<Value> + 'static,
    ) {
        self.module_factories
            .insert(name.to_string(), Rc::new(factory));
    }

    /// The names of every importable module, sorted.
    pub fn available_modules(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .modules
            .keys()
            .chain(self.module_factories.keys())
            .cloned()
            .collect();
        retort_sort::sort(&mut names);
        names.dedup();
        names
    }

    /// Creates a class from Rust: `bases` empty means `object`. Entries keep
    /// their order. `hooks` give the class (and its subclasses) metaclass-like behaviour.
    pub fn new_class(
        &mut self,
        name: &str,
        bases: Vec<Rc<Class>>,
        entries: Vec<(&str, Value)>,
        hooks: Option<Rc<dyn ClassHooks>>,
    ) -> PyResult<Rc<Class>> {
        let namespace = new_namespace();
        for (key, value) in entries {
            namespace.borrow_mut().insert(key.to_string(), value);
        }
        self.build_class(name, bases, namespace, hooks, "builtins")
    }

    /// Makes `type(x)` and `isinstance` report `class` for native objects whose
    /// [`crate::NativeObject::type_name`] is `type_name`.
    pub fn register_native_class(&mut self, type_name: &str, class: Rc<Class>) {
        self.types.set_native_class(type_name, class);
    }

    /// Declares that native objects named `type_name` are instances of a
    /// subclass of the built-in class `base` (`isinstance(x, list)` holds
    /// for a host's list view); their behaviour stays the native object's.
    pub fn register_native_subclass(&mut self, type_name: &str, base: &str) {
        if let Some(base) = self.builtin_class(base) {
            let class = crate::builtins::types::make_builtin_class(type_name, Some(&base), None);
            self.types.set_native_class(type_name, class);
        }
    }

    /// Names the module of the class of native objects named `type_name`
    /// (what `type(x)` shows: `<class 'sqlalchemy.engine.row.Row'>`),
    /// keeping a base [`Interpreter::register_native_subclass`] gave it.
    pub fn register_native_module(&mut self, type_name: &str, module: &str) {
        let existing = self.types.native_class(type_name);
        let base = existing.bases.first().cloned();
        let mut class = crate::builtins::types::make_builtin_class(type_name, base.as_ref(), None);
        if let Some(class) = Rc::get_mut(&mut class) {
            class.module = module.to_owned();
        }
        self.types.set_native_class(type_name, class);
    }

    /// Replaces the clock behind `datetime.now()`, `today()` and `utcnow()`
    /// (local wall-clock time by default), e.g. to make runs reproducible.
    pub fn set_clock(&mut self, clock: impl Fn() -> chrono::NaiveDateTime + 'static) {
        self.clock = Some(Rc::new(clock));
    }

    /// The current time as the script sees it.
    pub fn now(&self) -> chrono::NaiveDateTime {
        match &self.clock {
            Some(clock) => clock(),
            None => local_now(),
        }
    }

    /// Runs a whole script as the `__main__` module.
    pub fn run(&mut self, source: &str) -> Result<(), Box<ScriptError>> {
        self.run_named("<script>", source)
    }

    /// Runs a script, naming it `file_name` in tracebacks.
    pub fn run_named(&mut self, file_name: &str, source: &str) -> Result<(), Box<ScriptError>> {
        self.execute(file_name, source, false).map(|_| ())
    }

    /// Runs an interactive snippet in the same globals, like one `>>>` line.
    /// Returns the value of a trailing expression statement (`None` values
    /// are reported as `Some(Value::None)`; statements give `None`).
    pub fn run_snippet(&mut self, source: &str) -> Result<Option<Value>, Box<ScriptError>> {
        self.snippet_counter += 1;
        let name = format!("<console-{}>", self.snippet_counter);
        self.execute(&name, source, true)
    }

    /// Evaluates one expression (e.g. a string annotation) in the script's
    /// globals. Safe to call from native code while a script is running.
    pub fn eval_expression(&mut self, source: &str) -> PyResult<Value> {
        match self.run_snippet(source) {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(PyErr::new("SyntaxError", "expected an expression")),
            Err(error) => Err(match error.exception {
                Some(exception) => PyErr::from_value(exception),
                None => PyErr::new(&error.class_name, error.message),
            }),
        }
    }

    /// Registers a callback run after each top-level statement completes.
    pub fn on_statement_complete(&mut self, hook: impl FnMut(&mut Interpreter, Loc) + 'static) {
        self.after_statement = Some(Box::new(hook));
    }

    /// Runs host code that only inspects the script's state (a run
    /// report's `repr` calls) on a step budget of its own, `max_steps`:
    /// the script's step and allocation counters are put back afterwards,
    /// so inspecting never changes what the script can still do. A
    /// `__repr__` that loops ends with `ExecutionLimitError` after
    /// `max_steps`, inside `f`.
    pub fn isolated<T>(&mut self, max_steps: u64, f: impl FnOnce(&mut Interpreter) -> T) -> T {
        let (steps, budget, allocated) = (self.steps, self.limits.max_steps, self.allocated);
        self.steps = 0;
        self.limits.max_steps = max_steps;
        let result = f(self);
        self.steps = steps;
        self.limits.max_steps = budget;
        self.allocated = allocated;
        result
    }

    /// The innermost executing location (line and column, 1-based).
    pub fn current_location(&self) -> Option<Loc> {
        self.frames.last().map(|frame| frame.loc)
    }

    /// The span of the top-level statement being executed.
    pub fn current_statement_span(&self) -> Option<Loc> {
        self.current_statement
    }

    /// Native stack bytes in use by the evaluator right now (0 outside a run).
    /// Useful to measure the cost of a Python frame on a given build.
    pub fn native_stack_used(&self) -> usize {
        self.stack_base
            .map_or(0, |base| base.abs_diff(stack_position()))
    }

    /// Calls any callable value with arguments.
    pub fn call(&mut self, callable: &Value, args: CallArgs) -> PyResult<Value> {
        self.with_stack_base(|interp| interp.call_value(callable, args))
    }

    /// `repr(value)`, running user `__repr__` methods.
    pub fn repr(&mut self, value: &Value) -> PyResult<String> {
        self.with_stack_base(|interp| interp.repr_value(value))
    }

    /// `str(value)`, running user `__str__` methods.
    pub fn str(&mut self, value: &Value) -> PyResult<String> {
        self.with_stack_base(|interp| interp.str_value(value))
    }

    /// `getattr(value, name)`.
    pub fn get_attr(&mut self, value: &Value, name: &str) -> PyResult<Value> {
        self.with_stack_base(|interp| interp.get_attribute(value, name))
    }

    /// `setattr(value, name, new)`.
    pub fn set_attr(&mut self, value: &Value, name: &str, new: Value) -> PyResult<()> {
        self.with_stack_base(|interp| interp.set_attribute(value, name, new))
    }

    /// The class of a value (`type(value)`).
    pub fn class_of(&self, value: &Value) -> Rc<Class> {
        self.type_of(value)
    }

    /// `isinstance(value, class)`.
    pub fn is_instance(&self, value: &Value, class: &Rc<Class>) -> bool {
        self.type_of(value).is_subclass_of(class) || self.builtin_matches(value, class)
    }

    /// The per-instance host slot of a Python instance.
    pub fn instance_state(value: &Value) -> Option<Rc<dyn Any>> {
        match value {
            Value::Instance(instance) => instance.host_state(),
            _ => None,
        }
    }

    /// Sets the per-instance host slot; fails for values that are not instances.
    pub fn set_instance_state(value: &Value, state: Rc<dyn Any>) -> PyResult<()> {
        match value {
            Value::Instance(instance) => {
                instance.set_host_state(state);
                Ok(())
            }
            other => Err(PyErr::type_error(format!(
                "'{}' object has no host state slot",
                other.type_name()
            ))),
        }
    }

    /// Creates a bare instance of `class` without running `__init__`.
    pub fn new_instance(class: &Rc<Class>) -> Value {
        Value::Instance(Rc::new(Instance {
            class: class.clone(),
            dict: new_namespace(),
            host_state: Default::default(),
        }))
    }

    /// Turns a raised error into the host's structured form.
    pub fn script_error(&mut self, mut error: PyErr) -> ScriptError {
        let exception = self.exception_value(&mut error);
        let class_name = exception.type_name();
        let message = self.exception_message(&exception);
        let traceback = error
            .traceback()
            .map(<[TracebackEntry]>::to_vec)
            .unwrap_or_default();
        // The line is the innermost one in the script itself (the
        // outermost frame's file), as the recorder reports it: an error
        // raised inside an imported module's code points at the script's
        // line that called into it.
        let script_file = traceback.first().map(|entry| entry.file.clone());
        let (line, col) = traceback
            .iter()
            .rev()
            .find(|entry| Some(&entry.file) == script_file.as_ref())
            .map_or((0, 0), |entry| (entry.line, entry.col));
        ScriptError {
            class_name,
            message,
            line,
            col,
            traceback,
            exception: Some(exception),
            is_execution_limit: error.is_execution_limit(),
            syntax_source_line: None,
            syntax_end: None,
            chained: error
                .chained()
                .map(|(previous, direct)| (Box::new(self.script_error(previous.clone())), direct)),
        }
    }

    /// `str(exception)`, falling back to an empty message if `__str__` raises.
    pub(crate) fn exception_message(&mut self, exception: &Value) -> String {
        self.str_value(exception).unwrap_or_default()
    }

    fn execute(
        &mut self,
        file_name: &str,
        source: &str,
        want_value: bool,
    ) -> Result<Option<Value>, Box<ScriptError>> {
        let body = crate::parse::parse_module(source)
            .map_err(|failure| ScriptError::from_parse_failure(failure, file_name, source))?;
        let file = Rc::new(SourceFile {
            name: file_name.to_string(),
            lines: source.lines().map(str::to_string).collect(),
        });
        let globals = self.globals.clone();
        let ctx = Ctx::module(globals);
        let outer_frames = self.frames.len();
        let outer_statement = self.current_statement;
        let outer_depth = self.call_depth;
        let outer_base = self.stack_base;
        let nested = outer_frames > 0;
        self.frames.push(Frame {
            function: "<module>".into(),
            loc: Loc::default(),
            source: file,
        });
        if self.stack_base.is_none() {
            self.stack_base = Some(stack_position());
        }
        let mut last_value = None;
        let count = body.len();
        let mut result = Ok(());
        for (index, stmt) in body.iter().enumerate() {
            self.current_statement = Some(stmt.loc);
            let outcome = match (&stmt.kind, want_value && index + 1 == count) {
                (StmtKind::Expr(expr), true) => {
                    self.set_location(stmt.loc);
                    self.tick()
                        .and_then(|()| self.eval(&ctx, expr))
                        .map(|value| last_value = Some(value))
                }
                _ => self.exec_stmt(&ctx, stmt).map(|_| ()),
            };
            if let Err(mut error) = outcome {
                error.fill_traceback(|| self.traceback_snapshot());
                result = Err(error);
                break;
            }
            if nested {
                continue;
            }
            if let Some(mut hook) = self.after_statement.take() {
                hook(self, stmt.loc);
                if self.after_statement.is_none() {
                    self.after_statement = Some(hook);
                }
            }
        }
        self.frames.truncate(outer_frames);
        self.stack_base = outer_base;
        self.current_statement = outer_statement;
        self.call_depth = outer_depth;
        match result {
            Ok(()) => Ok(last_value),
            Err(error) => Err(Box::new(self.script_error(error))),
        }
    }

    pub(crate) fn with_stack_base<T>(&mut self, action: impl FnOnce(&mut Interpreter) -> T) -> T {
        if self.stack_base.is_some() {
            return action(self);
        }
        self.stack_base = Some(stack_position());
        let result = action(self);
        self.stack_base = None;
        result
    }

    /// Counts one step and fails when the budget is spent.
    pub(crate) fn tick(&mut self) -> PyResult<()> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            return Err(PyErr::execution_limit(format!(
                "the script ran more than {} steps — is there an endless loop?",
                with_thousands(self.limits.max_steps)
            )));
        }
        Ok(())
    }

    /// Fails with `RecursionError` when the native stack budget is spent.
    pub(crate) fn check_stack(&self) -> PyResult<()> {
        if let Some(base) = self.stack_base
            && base.abs_diff(stack_position()) > self.limits.native_stack_budget
        {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        Ok(())
    }

    /// Records the location being executed in the innermost frame.
    pub(crate) fn set_location(&mut self, loc: Loc) {
        if let Some(frame) = self.frames.last_mut() {
            frame.loc = loc;
        }
    }

    pub(crate) fn traceback_snapshot(&self) -> Vec<TracebackEntry> {
        self.frames
            .iter()
            .map(|frame| TracebackEntry {
                file: frame.source.name.clone(),
                function: frame.function.to_string(),
                line: frame.loc.line,
                col: frame.loc.col,
                source_line: frame
                    .source
                    .lines
                    .get(frame.loc.line.saturating_sub(1) as usize)
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect()
    }

    pub(crate) fn current_source(&self) -> Option<Rc<SourceFile>> {
        self.frames.last().map(|frame| frame.source.clone())
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        let globals: Vec<Value> = std::mem::take(&mut *self.globals.borrow_mut())
            .into_values()
            .collect();
        crate::value::release(globals);
    }
}

/// An address on the native stack, used to measure stack depth without `unsafe`.
#[inline(never)]
pub(crate) fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The local wall-clock time, the default clock of `datetime.now()`, for
/// hosts that need the time outside a call (a log's timestamps).
pub fn local_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}
