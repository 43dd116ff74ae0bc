//! The extension API for host code: [`NativeObject`] (objects implemented in
//! Rust), [`NativeFunction`] (callables, optionally binding `self` like Python
//! methods), [`ClassHooks`] (metaclass-like class behaviour) and [`CallArgs`].

use std::any::Any;
use std::fmt::{self, Debug};
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::value::{BuiltinType, Class, Value};

/// Positional and ordered keyword arguments of a call.
#[derive(Debug, Clone, Default)]
pub struct CallArgs {
    pub positional: Vec<Value>,
    pub keywords: Vec<(String, Value)>,
}

impl CallArgs {
    /// Positional arguments only.
    pub fn new(positional: Vec<Value>) -> CallArgs {
        CallArgs {
            positional,
            keywords: Vec::new(),
        }
    }

    /// Positional and keyword arguments.
    pub fn with_keywords(positional: Vec<Value>, keywords: Vec<(String, Value)>) -> CallArgs {
        CallArgs {
            positional,
            keywords,
        }
    }

    /// Removes and returns a keyword argument.
    pub fn take_keyword(&mut self, name: &str) -> Option<Value> {
        let index = self.keywords.iter().position(|(key, _)| key == name)?;
        Some(self.keywords.remove(index).1)
    }

    /// The positional argument at `index`.
    pub fn arg(&self, index: usize) -> Option<&Value> {
        self.positional.get(index)
    }

    /// Reads a parameter that may be passed by position or by keyword.
    pub fn take(&mut self, index: usize, name: &str) -> Option<Value> {
        self.take_keyword(name)
            .or_else(|| self.positional.get(index).cloned())
    }

    /// Fails with CPython's message unless the positional count is in `min..=max`
    /// and no keyword arguments remain.
    pub fn check(&self, function: &str, min: usize, max: usize) -> PyResult<()> {
        if let Some((name, _)) = self.keywords.first() {
            return Err(PyErr::type_error(format!(
                "{function}() got an unexpected keyword argument '{name}'"
            )));
        }
        let count = self.positional.len();
        if count < min || count > max {
            let expected = if min == max {
                format!("exactly {min} argument{}", if min == 1 { "" } else { "s" })
            } else if count < min {
                format!("at least {min} argument{}", if min == 1 { "" } else { "s" })
            } else {
                format!("at most {max} argument{}", if max == 1 { "" } else { "s" })
            };
            return Err(PyErr::type_error(format!(
                "{function}() takes {expected} ({count} given)"
            )));
        }
        Ok(())
    }
}

/// A native callable: any Rust closure or function with this signature.
/// A trait of its own rather than `dyn Fn`, whose vtable would carry a
/// `call_once` shim for every one of the hundreds of closures the builtins,
/// stdlib and ORM modules register (about 25 KB of the browser engine).
pub trait NativeCall {
    fn call(&self, interp: &mut Interpreter, args: CallArgs) -> PyResult<Value>;
}

impl<F: Fn(&mut Interpreter, CallArgs) -> PyResult<Value>> NativeCall for F {
    #[inline]
    fn call(&self, interp: &mut Interpreter, args: CallArgs) -> PyResult<Value> {
        self(interp, args)
    }
}

/// The Rust signature of a native callable.
pub type NativeFn = dyn NativeCall;

/// How a native function behaves when found in a class dict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// Never binds (like a built-in function stored on a class).
    Plain,
    /// Binds the instance as the first argument, like a Python `def`.
    Method,
    /// Binds the class as the first argument, like `@classmethod`.
    ClassMethod,
}

/// A callable implemented in Rust.
pub struct NativeFunction {
    pub name: String,
    pub binding: Binding,
    pub func: Rc<NativeFn>,
}

impl NativeFunction {
    /// A plain function value (for modules and builtins).
    pub fn function(
        name: &str,
        func: impl Fn(&mut Interpreter, CallArgs) -> PyResult<Value> + 'static,
    ) -> Value {
        Self::with_binding(name, Binding::Plain, func)
    }

    /// A method for a class dict: `self` arrives as the first positional argument.
    pub fn method(
        name: &str,
        func: impl Fn(&mut Interpreter, CallArgs) -> PyResult<Value> + 'static,
    ) -> Value {
        Self::with_binding(name, Binding::Method, func)
    }

    /// A class method for a class dict: the class arrives as the first positional argument.
    pub fn class_method(
        name: &str,
        func: impl Fn(&mut Interpreter, CallArgs) -> PyResult<Value> + 'static,
    ) -> Value {
        Self::with_binding(name, Binding::ClassMethod, func)
    }

    fn with_binding(
        name: &str,
        binding: Binding,
        func: impl Fn(&mut Interpreter, CallArgs) -> PyResult<Value> + 'static,
    ) -> Value {
        Value::NativeFunction(Rc::new(NativeFunction {
            name: name.to_string(),
            binding,
            func: Rc::new(func),
        }))
    }
}

/// An object implemented by the host. Every method has a default that
/// behaves like a plain Python object; override what the object supports.
/// `this` is the value wrapping `self`, handy for returning or binding it.
/// Returning `Ok(None)` means "not supported", which makes the interpreter
/// fall back (e.g. to reflected operators) or raise CPython's `TypeError`.
pub trait NativeObject: Any {
    /// The name `type(x).__name__` reports.
    fn type_name(&self) -> &str;

    /// The name CPython's error messages give the type (its `tp_name`)
    /// when it differs from `type_name`: `datetime.datetime` for a type
    /// written in C in a module.
    fn error_type_name(&self) -> Option<&str> {
        None
    }

    /// Attribute read; `Ok(None)` raises `AttributeError`.
    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// Attribute write; `Ok(false)` raises `AttributeError`.
    fn set_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _name: &str,
        _value: Value,
    ) -> PyResult<bool> {
        Ok(false)
    }

    /// Attribute deletion; `Ok(false)` raises `AttributeError`.
    fn del_attr(&self, _interp: &mut Interpreter, _this: &Value, _name: &str) -> PyResult<bool> {
        Ok(false)
    }

    /// Calling the object; `Ok(None)` raises "object is not callable".
    fn call(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _args: CallArgs,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `repr(x)`.
    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(self.type_name(), this))
    }

    /// `str(x)`; defaults to `repr`.
    fn str(&self, interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        self.repr(interp, this)
    }

    /// `format(x, spec)` and f-string fields; `Ok(None)` uses `str(x)` for an
    /// empty spec and raises `TypeError` otherwise.
    fn format(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _spec: &str,
    ) -> PyResult<Option<String>> {
        Ok(None)
    }

    /// Rich comparison (`==`, `!=`, `<`, ...); may return any value, e.g. an
    /// expression object. `Ok(None)` is `NotImplemented`.
    fn compare(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _op: CmpOp,
        _other: &Value,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// A binary operator; `reflected` is true for `other <op> self`.
    fn binary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _op: BinOp,
        _other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// A unary operator (`-x`, `+x`, `~x`; `not` uses [`NativeObject::truthy`]).
    fn unary_op(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _op: UnaryOp,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `bool(x)`; may raise.
    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(true)
    }

    /// `len(x)`.
    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(None)
    }

    /// `iter(x)`: return any iterable value (a list is simplest).
    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `x[key]` (the key may be a slice value).
    fn get_item(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _key: &Value,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `x[key] = value`.
    fn set_item(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _key: &Value,
        _value: Value,
    ) -> PyResult<bool> {
        Ok(false)
    }

    /// `del x[key]`.
    fn del_item(&self, _interp: &mut Interpreter, _this: &Value, _key: &Value) -> PyResult<bool> {
        Ok(false)
    }

    /// `item in x`.
    fn contains(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _item: &Value,
    ) -> PyResult<Option<bool>> {
        Ok(None)
    }

    /// A hash for use as a dict key; `None` hashes by identity.
    fn hash_key(&self) -> Option<u64> {
        None
    }

    /// The value whose `hash()` this object's is (a `Row` hashes as the
    /// tuple of its values); `None` for the object's own.
    fn hash_as(&self) -> Option<Value> {
        None
    }

    /// Key equality for dicts and sets; `None` compares by identity.
    fn key_equals(&self, _other: &Value) -> Option<bool> {
        None
    }

    /// `with x as y:` entry; `Ok(None)` means not a context manager.
    fn enter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `with` exit; `exception` is the exception being propagated, if any.
    /// Return `true` to suppress it.
    fn exit(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _exception: Option<&Value>,
    ) -> PyResult<bool> {
        Ok(false)
    }

    /// Descriptor `__get__`, for objects stored in a class dict. `instance` is
    /// `None` for class access (`User.name`). `Ok(None)` means "not a descriptor":
    /// the object itself is returned.
    fn descriptor_get(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// Whether this is a data descriptor (has `__set__`), which takes precedence over the instance dict.
    fn is_data_descriptor(&self) -> bool {
        false
    }

    /// Descriptor `__set__`.
    fn descriptor_set(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        _instance: &Value,
        _value: Value,
    ) -> PyResult<()> {
        Err(refused_by_descriptor(this, "assignment"))
    }

    /// Descriptor `__delete__`.
    fn descriptor_delete(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        _instance: &Value,
    ) -> PyResult<()> {
        Err(refused_by_descriptor(this, "deletion"))
    }
}

/// The error of a descriptor without `__set__` or `__delete__`. The
/// default methods call it with the descriptor value rather than format
/// `self.type_name()` themselves, so that every native type's copy of them
/// is the same code (merged in the browser build) instead of a copy each.
#[inline(never)]
fn refused_by_descriptor(descriptor: &Value, operation: &str) -> PyErr {
    PyErr::attribute_error(format!(
        "'{}' descriptor does not support {operation}",
        descriptor.type_name()
    ))
}

/// Class-level behaviour a metaclass provides in CPython. Hooks are found
/// along the MRO, so subclasses of a hooked class share them.
pub trait ClassHooks {
    /// The class that stands in for the built-in data type `builtin` when
    /// a class statement lists both (`class Status(str, Enum)`): CPython
    /// mixes the data type in; here it is replaced by a host class that
    /// behaves as the mixture. `None`: such a subclass is not supported.
    fn data_type_mixin(&self, _builtin: BuiltinType) -> Option<Rc<Class>> {
        None
    }

    /// `instance.__dict__` (and `vars(instance)`) for an instance of a
    /// hooked class; `Ok(None)` gives the instance's own namespace.
    fn instance_dict(
        &self,
        _interp: &mut Interpreter,
        _instance: &Value,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// Called after a subclass of `base` (the class carrying these hooks) is
    /// created, with the keywords of the `class` statement, like `__init_subclass__`.
    fn subclass_created(
        &self,
        _interp: &mut Interpreter,
        _base: &Rc<Class>,
        _new_class: &Rc<Class>,
        _keywords: &[(String, Value)],
    ) -> PyResult<()> {
        Ok(())
    }

    /// Calling the class; `Ok(None)` performs normal instance construction.
    fn call(
        &self,
        _interp: &mut Interpreter,
        _class: &Rc<Class>,
        _args: &CallArgs,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `Class[key]`.
    fn get_item(
        &self,
        _interp: &mut Interpreter,
        _class: &Rc<Class>,
        _key: &Value,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `iter(Class)`.
    fn iter(&self, _interp: &mut Interpreter, _class: &Rc<Class>) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `len(Class)`.
    fn len(&self, _interp: &mut Interpreter, _class: &Rc<Class>) -> PyResult<Option<usize>> {
        Ok(None)
    }

    /// `x in Class`.
    fn contains(
        &self,
        _interp: &mut Interpreter,
        _class: &Rc<Class>,
        _item: &Value,
    ) -> PyResult<Option<bool>> {
        Ok(None)
    }

    /// Attribute lookup on the class after the class dict and MRO found nothing.
    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _class: &Rc<Class>,
        _name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// Assignment of a class attribute; `Ok(false)` stores it in the class dict as usual.
    fn set_attr(
        &self,
        _interp: &mut Interpreter,
        _class: &Rc<Class>,
        _name: &str,
        _value: &Value,
    ) -> PyResult<bool> {
        Ok(false)
    }
}

/// Views a native object as `Any` for downcasting.
pub fn native_as_any(object: &Rc<dyn NativeObject>) -> &dyn Any {
    let object: &dyn NativeObject = object.as_ref();
    object
}

/// Python's default `repr` of an object: `<qualified.Name object at 0x...>`
/// (the name as `type(x)` would print it, module included where Python
/// shows one).
pub fn object_repr(qualified_name: &str, this: &Value) -> String {
    format!(
        "<{qualified_name} object at {:#x}>",
        this.identity().unwrap_or(0)
    )
}

/// A native object shows as its Python type name. The traits do not ask
/// for `Debug`: a supertrait would put every native type's derived
/// `Debug` (and that of everything it holds) into each vtable, and so
/// into the browser worker's wasm, though only tests print them.
impl Debug for dyn NativeObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<native {}>", self.type_name())
    }
}

/// Class hooks show as what they are; see [`NativeObject`]'s `Debug`.
impl Debug for dyn ClassHooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<class hooks>")
    }
}
