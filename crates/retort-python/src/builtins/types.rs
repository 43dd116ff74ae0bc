//! The class objects of built-in types and the built-in exception hierarchy.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::value::{BuiltinType, Class, Value, new_namespace};

/// Built-in classes the evaluator needs quick access to.
pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub base_exception: Rc<Class>,
    pub key_error: Rc<Class>,
    by_type: HashMap<BuiltinType, Rc<Class>>,
    by_name: HashMap<String, Rc<Class>>,
    exceptions: HashMap<String, Rc<Class>>,
    natives: RefCell<HashMap<String, Rc<Class>>>,
}

/// Makes a built-in class with single inheritance.
pub fn make_builtin_class(
    name: &str,
    base: Option<&Rc<Class>>,
    builtin: Option<BuiltinType>,
) -> Rc<Class> {
    let (bases, mro) = match base {
        Some(base) => (vec![base.clone()], base.mro_iter().cloned().collect()),
        None => (Vec::new(), Vec::new()),
    };
    Rc::new(Class {
        name: name.into(),
        qualname: name.to_string(),
        module: "builtins".into(),
        bases,
        mro,
        dict: new_namespace(),
        builtin,
        hooks: None,
        host_state: Default::default(),
    })
}

/// The built-in exception tree: (name, parent).
pub const EXCEPTION_TREE: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ExecutionLimitError", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("PermissionError", "OSError"),
    ("TimeoutError", "OSError"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("FutureWarning", "Warning"),
];

impl Types {
    /// Creates every built-in class.
    pub fn new() -> Types {
        let object = make_builtin_class("object", None, Some(BuiltinType::Object));
        let mut by_type = HashMap::new();
        let mut by_name = HashMap::new();
        by_type.insert(BuiltinType::Object, object.clone());
        by_name.insert("object".to_string(), object.clone());
        let simple = [
            ("type", BuiltinType::Type),
            ("NoneType", BuiltinType::NoneType),
            ("int", BuiltinType::Int),
            ("float", BuiltinType::Float),
            ("str", BuiltinType::Str),
            ("list", BuiltinType::List),
            ("tuple", BuiltinType::Tuple),
            ("dict", BuiltinType::Dict),
            ("set", BuiltinType::Set),
            ("frozenset", BuiltinType::FrozenSet),
            ("range", BuiltinType::Range),
            ("slice", BuiltinType::Slice),
            ("function", BuiltinType::Function),
            ("property", BuiltinType::Property),
            ("staticmethod", BuiltinType::StaticMethod),
            ("classmethod", BuiltinType::ClassMethod),
            ("super", BuiltinType::Super),
        ];
        for (name, builtin) in simple {
            let class = make_builtin_class(name, Some(&object), Some(builtin));
            by_type.insert(builtin, class.clone());
            by_name.insert(name.to_string(), class);
        }
        let int = by_type
            .get(&BuiltinType::Int)
            .cloned()
            .unwrap_or_else(|| object.clone());
        let bool_class = make_builtin_class("bool", Some(&int), Some(BuiltinType::Bool));
        by_type.insert(BuiltinType::Bool, bool_class.clone());
        by_name.insert("bool".into(), bool_class);
        for name in [
            "builtin_function_or_method",
            "method",
            "module",
            "ellipsis",
            "NotImplementedType",
            "iterator",
        ] {
            by_name.insert(
                name.to_string(),
                make_builtin_class(name, Some(&object), None),
            );
        }
        let base_exception = make_builtin_class(
            "BaseException",
            Some(&object),
            Some(BuiltinType::BaseException),
        );
        let mut exceptions = HashMap::new();
        exceptions.insert("BaseException".to_string(), base_exception.clone());
        for (name, parent) in EXCEPTION_TREE {
            let parent = exceptions
                .get(*parent)
                .cloned()
                .unwrap_or_else(|| base_exception.clone());
            exceptions.insert(
                name.to_string(),
                make_builtin_class(name, Some(&parent), None),
            );
        }
        let key_error = exceptions
            .get("KeyError")
            .cloned()
            .unwrap_or_else(|| base_exception.clone());
        let type_ = by_type
            .get(&BuiltinType::Type)
            .cloned()
            .unwrap_or_else(|| object.clone());
        Types {
            object,
            type_,
            base_exception,
            key_error,
            by_type,
            by_name,
            exceptions,
            natives: RefCell::new(HashMap::new()),
        }
    }

    /// A built-in exception class by name.
    pub fn exception(&self, name: &str) -> Option<Rc<Class>> {
        self.exceptions.get(name).cloned()
    }

    /// Every built-in exception class, for installing into builtins.
    pub fn exception_classes(&self) -> Vec<Rc<Class>> {
        let mut classes: Vec<Rc<Class>> = self.exceptions.values().cloned().collect();
        retort_sort::sort_by(&mut classes, |a, b| a.name.cmp(&b.name));
        classes
    }

    /// The class of a built-in type.
    pub fn builtin(&self, builtin: BuiltinType) -> Rc<Class> {
        self.by_type
            .get(&builtin)
            .cloned()
            .unwrap_or_else(|| self.object.clone())
    }

    /// Any built-in class by name.
    pub fn by_name(&self, name: &str) -> Option<Rc<Class>> {
        self.by_name
            .get(name)
            .cloned()
            .or_else(|| self.exception(name))
    }

    /// A class standing for a native object type, created on first use.
    pub fn native_class(&self, name: &str) -> Rc<Class> {
        if let Some(class) = self.natives.borrow().get(name) {
            return class.clone();
        }
        let class = make_builtin_class(name, Some(&self.object), None);
        self.natives
            .borrow_mut()
            .insert(name.to_string(), class.clone());
        class
    }

    /// Declares the class that native objects named `name` report as their type.
    pub fn set_native_class(&self, name: &str, class: Rc<Class>) {
        self.natives.borrow_mut().insert(name.to_string(), class);
    }

    /// The class of a non-instance value.
    pub fn for_value(&self, value: &Value) -> Rc<Class> {
        let builtin = match value {
            Value::None => BuiltinType::NoneType,
            Value::Bool(_) => BuiltinType::Bool,
            Value::Int(_) => BuiltinType::Int,
            Value::Float(_) => BuiltinType::Float,
            Value::Str(_) => BuiltinType::Str,
            Value::List(_) => BuiltinType::List,
            Value::Tuple(_) => BuiltinType::Tuple,
            Value::Dict(_) => BuiltinType::Dict,
            Value::Set(_) => BuiltinType::Set,
            Value::FrozenSet(_) => BuiltinType::FrozenSet,
            Value::Range(_) => BuiltinType::Range,
            Value::Slice(_) => BuiltinType::Slice,
            Value::Function(_) => BuiltinType::Function,
            Value::Class(_) => BuiltinType::Type,
            Value::Property(_) => BuiltinType::Property,
            Value::StaticMethod(_) => BuiltinType::StaticMethod,
            Value::ClassMethod(_) => BuiltinType::ClassMethod,
            Value::Super(_) => BuiltinType::Super,
            Value::Instance(instance) => return instance.class.clone(),
            other => {
                return self
                    .by_name(&other.type_name())
                    .unwrap_or_else(|| self.object.clone());
            }
        };
        self.builtin(builtin)
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}
