//! The runtime data model: [`Value`] and the heap objects it points to
//! (functions, classes, instances, modules). Clones are cheap (`Rc`), and
//! mutation goes through `RefCell` where Python mutates.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use indexmap::IndexMap;

use crate::ast::FunctionDef;
use crate::dict::{Dict, Set};
use crate::native::{NativeFunction, NativeObject};

/// An ordered attribute namespace (class dicts, instance dicts, module globals).
pub type Namespace = Rc<RefCell<IndexMap<String, Value>>>;

/// Creates an empty namespace.
pub fn new_namespace() -> Namespace {
    Rc::new(RefCell::new(IndexMap::new()))
}

/// A Python value.
#[derive(Clone)]
pub enum Value {
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    List(Rc<ListCell>),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Set>>),
    FrozenSet(Rc<Set>),
    Range(Rc<RangeValue>),
    Slice(Rc<SliceValue>),
    Function(Rc<Function>),
    NativeFunction(Rc<NativeFunction>),
    BoundMethod(Rc<BoundMethod>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Native(Rc<dyn NativeObject>),
    Iterator(Rc<RefCell<PyIterator>>),
    Property(Rc<Property>),
    StaticMethod(Rc<Value>),
    ClassMethod(Rc<Value>),
    Super(Rc<SuperValue>),
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{}", crate::format::float_repr::float_repr(*x)),
            Value::Str(s) => write!(f, "{}", crate::format::repr::str_repr(s)),
            Value::Class(class) => write!(f, "<class '{}'>", class.name),
            Value::Native(object) => write!(f, "<{} native>", object.type_name()),
            other => write!(f, "<{}>", other.type_name()),
        }
    }
}

impl Value {
    /// Makes a `str` value.
    pub fn str(text: impl Into<Rc<str>>) -> Value {
        Value::Str(text.into())
    }

    /// Makes a new `list` value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(ListCell(RefCell::new(items))))
    }

    /// Makes a `tuple` value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(items.into())
    }

    /// Wraps a host object.
    pub fn native(object: impl NativeObject) -> Value {
        Value::Native(Rc::new(object))
    }

    /// The Python type name as `type(x).__name__` prints it.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::NotImplemented => "NotImplementedType".into(),
            Value::Ellipsis => "ellipsis".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Str(_) => "str".into(),
            Value::List(_) => "list".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Dict(_) => "dict".into(),
            Value::Set(_) => "set".into(),
            Value::FrozenSet(_) => "frozenset".into(),
            Value::Range(_) => "range".into(),
            Value::Slice(_) => "slice".into(),
            Value::Function(_) => "function".into(),
            Value::NativeFunction(_) => "builtin_function_or_method".into(),
            Value::BoundMethod(_) => "method".into(),
            Value::Class(_) => "type".into(),
            Value::Instance(instance) => instance.class.name.to_string(),
            Value::Module(_) => "module".into(),
            Value::Native(object) => object.type_name().to_string(),
            Value::Iterator(_) => "iterator".into(),
            Value::Property(_) => "property".into(),
            Value::StaticMethod(_) => "staticmethod".into(),
            Value::ClassMethod(_) => "classmethod".into(),
            Value::Super(_) => "super".into(),
        }
    }

    /// The type's name as CPython's error messages write it (its
    /// `tp_name`): a type written in C in a module names the module too
    /// (`'datetime.datetime' object is not subscriptable`, `unsupported
    /// operand type(s) for +: 'decimal.Decimal' and 'float'`).
    pub fn error_type_name(&self) -> String {
        match self {
            Value::Native(object) => match object.error_type_name() {
                Some(name) => name.to_owned(),
                None => object.type_name().to_owned(),
            },
            other => other.type_name(),
        }
    }

    /// The text of a `str` value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(text) => Some(text),
            _ => None,
        }
    }

    /// An `int` (or `bool`) as i64.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(i64::from(*b)),
            _ => None,
        }
    }

    /// Whether this is `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// An `int`, `bool` or `float` as f64.
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(x) => Some(*x),
            other => other.as_int().map(|i| i as f64),
        }
    }

    /// Makes a `dict` value from already-hashed entries.
    pub fn dict(dict: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(dict)))
    }

    /// Downcasts a native value to the host type `T`.
    pub fn downcast_native<T: 'static>(&self) -> Option<&T> {
        match self {
            Value::Native(object) => crate::native::native_as_any(object).downcast_ref::<T>(),
            _ => None,
        }
    }

    /// Whether two values are the same object (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None)
            | (Value::NotImplemented, Value::NotImplemented)
            | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => {
                Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
            }
            (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
            (Value::Set(a), Value::Set(b)) => Rc::ptr_eq(a, b),
            _ => match (self.identity(), other.identity()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// A stable address for heap objects, used by `id()`, `is` and hashing by identity.
    pub fn identity(&self) -> Option<usize> {
        fn addr<T: ?Sized>(rc: &Rc<T>) -> usize {
            Rc::as_ptr(rc) as *const u8 as usize
        }
        Some(match self {
            Value::Str(x) => addr(x),
            Value::List(x) => addr(x),
            Value::Tuple(x) => addr(x),
            Value::Dict(x) => addr(x),
            Value::Set(x) => addr(x),
            Value::FrozenSet(x) => addr(x),
            Value::Range(x) => addr(x),
            Value::Slice(x) => addr(x),
            Value::Function(x) => addr(x),
            Value::NativeFunction(x) => addr(x),
            Value::BoundMethod(x) => addr(x),
            Value::Class(x) => addr(x),
            Value::Instance(x) => addr(x),
            Value::Module(x) => addr(x),
            Value::Native(x) => addr(x),
            Value::Iterator(x) => addr(x),
            Value::Property(x) => addr(x),
            Value::StaticMethod(x) => addr(x),
            Value::ClassMethod(x) => addr(x),
            Value::Super(x) => addr(x),
            _ => return None,
        })
    }
}

/// `range(start, stop, step)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeValue {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeValue {
    /// The number of elements.
    pub fn len(&self) -> usize {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let count = if step > 0 && start < stop {
            (stop - start + step - 1) / step
        } else if step < 0 && start > stop {
            (start - stop - step - 1) / (-step)
        } else {
            0
        };
        usize::try_from(count).unwrap_or(usize::MAX)
    }

    /// Whether the range is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The element at `index` (already normalised to be non-negative).
    pub fn get(&self, index: usize) -> Option<i64> {
        if index >= self.len() {
            return None;
        }
        (self.start as i128 + self.step as i128 * index as i128)
            .try_into()
            .ok()
    }
}

/// `slice(start, stop, step)`.
#[derive(Debug, Clone)]
pub struct SliceValue {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A user-defined function (or lambda) closed over its defining scopes.
pub struct Function {
    pub def: Rc<FunctionDef>,
    pub name: RefCell<String>,
    pub qualname: String,
    pub defaults: Vec<Value>,
    pub kw_defaults: Vec<Option<Value>>,
    pub globals: Namespace,
    pub closure: Option<Rc<Scope>>,
    /// The class whose body defined this function, for zero-argument `super()`.
    pub defining_class: RefCell<Option<std::rc::Weak<Class>>>,
    pub attributes: Namespace,
    pub(crate) source: Option<Rc<crate::interp::SourceFile>>,
}

/// The local variables of one running function, linked to the enclosing
/// function scope for closures.
pub struct Scope {
    pub vars: RefCell<std::collections::HashMap<String, Value>>,
    pub parent: Option<Rc<Scope>>,
}

/// A function bound to a receiver (`obj.method`).
pub struct BoundMethod {
    pub receiver: Value,
    pub function: Value,
}

/// `property(fget, fset, fdel)`.
#[derive(Clone)]
pub struct Property {
    pub getter: Option<Value>,
    pub setter: Option<Value>,
    pub deleter: Option<Value>,
}

/// `super()` bound to a class and a receiver.
pub struct SuperValue {
    pub class: Rc<Class>,
    pub receiver: Value,
}

/// The built-in type a class object stands for, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BaseException,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
}

/// A class object: user-defined, built-in, or created by the host.
pub struct Class {
    pub name: Rc<str>,
    pub qualname: String,
    pub module: String,
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order, excluding the class itself.
    pub mro: Vec<Rc<Class>>,
    pub dict: Namespace,
    pub builtin: Option<BuiltinType>,
    pub hooks: Option<Rc<dyn crate::native::ClassHooks>>,
    pub host_state: RefCell<Option<Rc<dyn Any>>>,
}

impl Class {
    /// Iterates over the class and then its MRO.
    pub fn mro_iter<'a>(self: &'a Rc<Self>) -> impl Iterator<Item = &'a Rc<Class>> + 'a {
        std::iter::once(self).chain(self.mro.iter())
    }

    /// Looks an attribute up along the MRO without descriptor handling.
    pub fn lookup(self: &Rc<Self>, name: &str) -> Option<Value> {
        self.mro_iter()
            .find_map(|class| class.dict.borrow().get(name).cloned())
    }

    /// Whether `self` is `other` or a subclass of it.
    pub fn is_subclass_of(self: &Rc<Self>, other: &Rc<Class>) -> bool {
        self.mro_iter().any(|class| Rc::ptr_eq(class, other))
    }

    /// The nearest class hooks along the MRO.
    pub fn find_hooks(self: &Rc<Self>) -> Option<(Rc<Class>, Rc<dyn crate::native::ClassHooks>)> {
        self.mro_iter()
            .find_map(|class| class.hooks.clone().map(|hooks| (class.clone(), hooks)))
    }

    /// The built-in type this class is or derives from.
    pub fn builtin_base(self: &Rc<Self>) -> Option<BuiltinType> {
        self.mro_iter()
            .find_map(|class| class.builtin.filter(|b| *b != BuiltinType::Object))
    }

    /// Reads the host state attached to this class.
    pub fn host_state(&self) -> Option<Rc<dyn Any>> {
        self.host_state.borrow().clone()
    }

    /// Attaches host state to this class.
    pub fn set_host_state(&self, state: Rc<dyn Any>) {
        *self.host_state.borrow_mut() = Some(state);
    }
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<class '{}'>", self.qualname)
    }
}

/// An instance of a user (or host) class.
pub struct Instance {
    pub class: Rc<Class>,
    pub dict: Namespace,
    pub host_state: RefCell<Option<Rc<dyn Any>>>,
}

impl Instance {
    /// Reads the per-instance host state slot.
    pub fn host_state(&self) -> Option<Rc<dyn Any>> {
        self.host_state.borrow().clone()
    }

    /// Writes the per-instance host state slot.
    pub fn set_host_state(&self, state: Rc<dyn Any>) {
        *self.host_state.borrow_mut() = Some(state);
    }
}

/// A module: a named namespace.
pub struct Module {
    pub name: String,
    pub dict: Namespace,
}

/// The state of an iterator value.
pub enum PyIterator {
    Items {
        items: Rc<[Value]>,
        index: usize,
    },
    List {
        list: Rc<ListCell>,
        index: usize,
    },
    Range {
        next: i64,
        remaining: usize,
        step: i64,
    },
    /// An iterator implemented by a user object's `__next__`.
    Object(Value),
}

thread_local! {
    static NEXT_CLASS_SERIAL: Cell<u64> = const { Cell::new(0) };
}

/// A counter for naming things uniquely within a thread.
pub fn next_serial() -> u64 {
    NEXT_CLASS_SERIAL.with(|serial| {
        let value = serial.get() + 1;
        serial.set(value);
        value
    })
}

/// The storage of a `list`. Dropping it releases nested containers
/// iteratively, so that a long chain (`a = [a]`, linked nodes) cannot
/// exhaust the native stack when it is freed.
#[derive(Default)]
pub struct ListCell(pub RefCell<Vec<Value>>);

impl std::ops::Deref for ListCell {
    type Target = RefCell<Vec<Value>>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Drop for ListCell {
    fn drop(&mut self) {
        release(std::mem::take(self.0.get_mut()));
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        release(std::mem::take(self.vars.get_mut()).into_values().collect());
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(dict) = Rc::get_mut(&mut self.dict) {
            release(std::mem::take(dict.get_mut()).into_values().collect());
        }
    }
}

/// Drops values without recursion: the children of every container that is
/// about to be freed are moved onto a work list first.
pub fn release(mut pending: Vec<Value>) {
    while let Some(value) = pending.pop() {
        match value {
            Value::List(list) => {
                if let Ok(cell) = Rc::try_unwrap(list) {
                    let mut cell = cell;
                    pending.append(cell.0.get_mut());
                }
            }
            Value::Instance(instance) => {
                if let Ok(mut instance) = Rc::try_unwrap(instance)
                    && let Some(dict) = Rc::get_mut(&mut instance.dict)
                {
                    pending.extend(std::mem::take(dict.get_mut()).into_values());
                }
            }
            Value::Tuple(mut items) => {
                if let Some(slots) = Rc::get_mut(&mut items) {
                    for slot in slots.iter_mut() {
                        pending.push(std::mem::replace(slot, Value::None));
                    }
                }
            }
            Value::Dict(dict) => {
                if let Ok(cell) = Rc::try_unwrap(dict) {
                    pending.extend(cell.into_inner().drain_values());
                }
            }
            other => drop(other),
        }
    }
}
