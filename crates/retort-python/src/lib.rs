//! Retort's Python interpreter: a tree-walking evaluator for the Python
//! subset that tutorials use, with CPython-exact output and errors, bounded
//! execution that never overflows the native stack, and an extension API
//! through which host crates (the ORM emulation) add modules, classes and
//! objects. This crate knows nothing about SQLAlchemy.
//!
//! # Running a script
//!
//! ```
//! use std::cell::RefCell;
//! use std::rc::Rc;
//! use retort_python::{Interpreter, Limits};
//!
//! let mut interp = Interpreter::new(Limits::default());
//! let printed = Rc::new(RefCell::new(String::new()));
//! let sink = printed.clone();
//! interp.set_output(move |text| sink.borrow_mut().push_str(text));
//! interp.run("print(f'{1 / 3:.3f}', [x * x for x in range(4)])").unwrap();
//! assert_eq!(printed.borrow().as_str(), "0.333 [0, 1, 4, 9]\n");
//!
//! let error = interp.run("def f():\n    return 1 / 0\nf()\n").unwrap_err();
//! assert_eq!(error.summary(), "ZeroDivisionError: division by zero");
//! assert_eq!(error.line, 2);
//! assert!(error.format_traceback().starts_with("Traceback (most recent call last):\n"));
//! ```
//!
//! # Extension API (for `retort-orm`, `retort-flask`)
//!
//! * **Modules**: build with [`Interpreter::new_module`] and register with
//!   [`Interpreter::register_module`] (or lazily with
//!   [`Interpreter::register_module_factory`]); `from flask_sqlalchemy import
//!   SQLAlchemy` then resolves to host values. Unknown imports raise
//!   `ModuleNotFoundError` listing [`Interpreter::available_modules`].
//! * **Native objects**: implement [`NativeObject`] (only `type_name` is
//!   required) and wrap with [`Value::native`]. Hooks cover attributes, calls,
//!   `repr`/`str`/`format`, rich comparisons returning any value (so
//!   `User.id == 5` can build an expression), binary, reflected and unary
//!   operators, truthiness (may raise), `len`, iteration, items (slices arrive
//!   as slice values), `in`, dict-key hashing, `with` (`enter`/`exit`) and the
//!   descriptor protocol (`descriptor_get`, `is_data_descriptor`,
//!   `descriptor_set`, `descriptor_delete`) with CPython's precedence: data
//!   descriptors before the instance `__dict__`, non-data descriptors after.
//!   Downcast with [`Value::downcast_native`] (or [`native::native_as_any`]).
//!   [`Interpreter::register_native_class`] makes `type(obj)` and
//!   `isinstance` report a class for a native type name.
//! * **Native functions**: [`NativeFunction::function`] (plain),
//!   [`NativeFunction::method`] (binds the instance like a `def` when found in
//!   a class dict) and [`NativeFunction::class_method`] (binds the class).
//!   They receive [`CallArgs`] (positional plus ordered keywords) and return
//!   [`PyResult`]; raise with [`PyErr::new`] for built-in classes or
//!   [`PyErr::from_class`] for host exception classes.
//! * **Host classes**: [`Interpreter::new_class`] builds a class (with
//!   bases, ordered entries and optional [`ClassHooks`]). Users subclass it
//!   (`class User(db.Model)`); the nearest hooks along the MRO receive
//!   `subclass_created` for every new subclass (its dict is ordered, its
//!   `__annotations__` is an evaluated, ordered dict) and may rewrite the
//!   class dict. Hooks also give classes metaclass behaviour: `Class[key]`,
//!   iteration, `len`, `in`, custom construction and class attribute
//!   fallbacks (the `enum` module is built this way). Per-class and
//!   per-instance host state slots hold `Rc<dyn Any>`
//!   ([`Class::set_host_state`], [`Interpreter::set_instance_state`]).
//! * **Annotations**: `Optional[str]`, `str | None`, `List[int]` evaluate to
//!   [`stdlib::typing::TypeForm`] values; [`stdlib::typing::inspect_annotation`]
//!   reports the types and whether `None` is allowed.
//! * **Output and warnings**: [`Interpreter::set_output`] receives each
//!   `print`; [`Interpreter::warn`] and `warnings.warn` go to
//!   [`Interpreter::set_warning_handler`] with the current line.
//! * **Source tracking**: during any native call,
//!   [`Interpreter::current_location`] is the innermost executing position
//!   and [`Interpreter::current_statement_span`] the span of the running
//!   top-level statement; [`Interpreter::on_statement_complete`] runs after
//!   each top-level statement (to snapshot state for a timeline).
//! * **Console**: [`Interpreter::run_snippet`] runs `>>>`-style input in
//!   the same globals and returns the value of a trailing expression.
//! * **Calling back into Python**: [`Interpreter::call`],
//!   [`Interpreter::repr`], [`Interpreter::str`], [`Interpreter::get_attr`],
//!   [`Interpreter::set_attr`], [`Interpreter::call_method`],
//!   [`Interpreter::eval_expression`] (safe during a run, e.g. for string
//!   annotations), and Python semantics for host code: `is_truthy`,
//!   `equals`, `compare_values`, `apply_binary`, `iterate`, `length`, `item`,
//!   `format`, `make_dict`. Errors convert to [`ScriptError`] with
//!   [`Interpreter::script_error`]; a host that catches errors must let
//!   [`PyErr::is_execution_limit`] ones through.
//!
//! ```
//! use retort_python::{CallArgs, Interpreter, Limits, NativeFunction, NativeObject, PyResult, Value};
//!
//! #[derive(Debug)]
//! struct Greeter;
//!
//! impl NativeObject for Greeter {
//!     fn type_name(&self) -> &str {
//!         "Greeter"
//!     }
//!     fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
//!         Ok((name == "hello").then(|| {
//!             NativeFunction::function("hello", |interp, args: CallArgs| {
//!                 let who = interp.str(args.positional.first().unwrap_or(&Value::None))?;
//!                 Ok(Value::str(format!("hello {who}")))
//!             })
//!         }))
//!     }
//! }
//!
//! let mut interp = Interpreter::new(Limits::default());
//! interp.register_module("greetings", Interpreter::new_module("greetings", vec![("greeter", Value::native(Greeter))]));
//! interp.run("from greetings import greeter\nmessage = greeter.hello('world')\n").unwrap();
//! assert_eq!(interp.global("message").and_then(|v| v.as_str().map(str::to_string)), Some("hello world".into()));
//! ```
//!
//! # Limits
//!
//! [`Limits`] bounds steps (one per statement and loop iteration; exceeding
//! raises `ExecutionLimitError`, which `except` clauses cannot catch),
//! recursion depth, native stack bytes (checked on every expression and
//! call, so deep recursion or nesting raises `RecursionError` instead of
//! overflowing the ~1 MiB wasm stack), and collection and string sizes
//! (`MemoryError`), plus a total budget for large string and list
//! allocations. Containers and instances are freed iteratively, so long
//! chains (`a = [a]`, linked nodes) never overflow when dropped. Source
//! nesting beyond 200 brackets or 100 stacked unary
//! operators is a `SyntaxError`, like CPython's "too many nested parentheses".
//!
//! # Not supported (each gives a located error, never a crash)
//!
//! Generators and `yield`, `async`/`await`, `match`, integers beyond 64 bits
//! (`OverflowError`), complex numbers, bytes, relative imports, subclassing
//! built-in types other than exceptions and `object`, `__new__`, and
//! metaclasses written in Python (host [`ClassHooks`] cover that role).
//! Known differences: dict keys and set members that are instances use
//! identity even when the class defines `__hash__`/`__eq__`; sets of strings
//! iterate in insertion order (CPython's order is randomised per process);
//! generator expressions are evaluated eagerly.

pub mod ast;
pub mod builtins;
pub mod cpython_hash;
pub mod dict;
pub mod error;
pub mod eval;
pub mod format;
pub mod host;
pub mod interp;
pub mod limits;
mod module_source;
pub mod native;
pub mod parse;
pub mod scope;
pub mod stdlib;
pub mod value;

pub use ast::{BinOp, CmpOp, Loc, UnaryOp};
pub use dict::{Dict, HashKey, Set};
pub use error::{ErrorClass, PyErr, PyResult, Raised, ScriptError, TracebackEntry};
pub use interp::{Interpreter, Warning, local_now};
pub use limits::Limits;
pub use native::{Binding, CallArgs, ClassHooks, NativeFunction, NativeObject};
pub use value::{Class, Instance, Module, PyIterator, Value};
