//! The `builtins` namespace: built-in classes, exceptions and functions,
//! plus the methods of built-in types.

pub mod bytes;
pub mod constructors;
pub mod dict_methods;
pub mod functions;
pub mod iteration;
pub mod list_methods;
pub mod methods;
pub mod namespace_view;
pub mod set_methods;
pub mod str_methods;
pub mod types;

use crate::error::PyErr;
use crate::eval::exceptions::exception_args;
use crate::interp::Interpreter;
use crate::native::NativeFunction;
use crate::value::{BuiltinType, Value};

/// Fills the interpreter's builtins namespace.
pub fn install(interp: &mut Interpreter) {
    let mut entries: Vec<(String, Value)> = Vec::new();
    for builtin in [
        BuiltinType::Object,
        BuiltinType::Type,
        BuiltinType::Bool,
        BuiltinType::Int,
        BuiltinType::Float,
        BuiltinType::Str,
        BuiltinType::List,
        BuiltinType::Tuple,
        BuiltinType::Dict,
        BuiltinType::Set,
        BuiltinType::FrozenSet,
        BuiltinType::Range,
        BuiltinType::Slice,
        BuiltinType::Property,
        BuiltinType::StaticMethod,
        BuiltinType::ClassMethod,
        BuiltinType::Super,
    ] {
        let class = interp.types.builtin(builtin);
        entries.push((class.name.to_string(), Value::Class(class)));
    }
    for class in interp.types.exception_classes() {
        entries.push((class.name.to_string(), Value::Class(class)));
    }
    interp.types.base_exception.dict.borrow_mut().insert(
        "__init__".into(),
        NativeFunction::method("__init__", |_, args| {
            let mut positional = args.positional.into_iter();
            if let Some(Value::Instance(instance)) = positional.next() {
                instance
                    .dict
                    .borrow_mut()
                    .insert("args".into(), Value::tuple(positional.collect()));
            }
            Ok(Value::None)
        }),
    );
    interp.types.base_exception.dict.borrow_mut().insert(
        "with_traceback".into(),
        NativeFunction::method("with_traceback", |_, args| {
            Ok(args.positional.first().cloned().unwrap_or(Value::None))
        }),
    );
    interp.types.object.dict.borrow_mut().insert(
        "__init__".into(),
        NativeFunction::method("__init__", |_, args| {
            if args.positional.len() > 1 || !args.keywords.is_empty() {
                return Err(PyErr::type_error(
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
            Ok(Value::None)
        }),
    );
    {
        let mut object_dict = interp.types.object.dict.borrow_mut();
        object_dict.insert(
            "__init_subclass__".into(),
            NativeFunction::class_method("__init_subclass__", |_, _| Ok(Value::None)),
        );
        object_dict.insert(
            "__setattr__".into(),
            NativeFunction::method("__setattr__", |_, args| {
                args.check("__setattr__", 3, 3)?;
                let (Some(Value::Instance(instance)), Some(Value::Str(name)), Some(value)) = (
                    args.positional.first(),
                    args.positional.get(1),
                    args.positional.get(2),
                ) else {
                    return Err(PyErr::type_error(
                        "object.__setattr__() needs an instance, a name and a value",
                    ));
                };
                instance
                    .dict
                    .borrow_mut()
                    .insert(name.to_string(), value.clone());
                Ok(Value::None)
            }),
        );
    }
    entries.push(("None".into(), Value::None));
    entries.push(("NotImplemented".into(), Value::NotImplemented));
    entries.push(("Ellipsis".into(), Value::Ellipsis));
    for (name, function) in functions::all().into_iter().chain(iteration::all()) {
        entries.push((name.to_string(), function));
    }
    {
        let mut builtins = interp.builtins.borrow_mut();
        for (name, value) in entries {
            builtins.insert(name, value);
        }
    }
    // Only fails if class creation does, which the builtins above cannot.
    let _ = bytes::install(interp);
}

/// `args` of an exception value (empty for non-exceptions).
pub fn args_of(value: &Value) -> Vec<Value> {
    match value {
        Value::Instance(instance) => exception_args(instance),
        _ => Vec::new(),
    }
}
