//! The `typing` module and annotation objects: `Optional[X]`, `Union[...]`,
//! `X | None`, `List[int]`, `list[int]`, `Any`. Hosts inspect annotations
//! through [`TypeForm`] and [`inspect_annotation`].

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{NativeFunction, NativeObject};
use crate::value::{BuiltinType, Value};

/// An annotation object.
#[derive(Debug, Clone)]
pub enum TypeForm {
    /// A bare special form such as `typing.Optional` or `typing.Any`.
    Special(&'static str),
    /// `Union[A, B]`, `Optional[A]`, `A | B`; `pipe` records the `|` spelling.
    Union { members: Vec<Value>, pipe: bool },
    /// `List[int]`, `dict[str, int]`, `Mapped[int]`-like generic forms.
    Generic {
        origin: Value,
        name: String,
        args: Vec<Value>,
        typing_prefix: bool,
    },
}

/// What a host needs to know about an annotation.
#[derive(Debug, Clone)]
pub struct AnnotationInfo {
    /// The non-None types of the annotation (one for `Optional[str]`).
    pub types: Vec<Value>,
    /// Whether `None` is allowed (`Optional[X]`, `X | None`).
    pub allows_none: bool,
    /// For generics: the origin (`list`, a host class, ...).
    pub origin: Option<Value>,
    /// For generics: the arguments.
    pub args: Vec<Value>,
}

fn is_none_type(value: &Value) -> bool {
    match value {
        Value::None => true,
        Value::Class(class) => class.builtin == Some(BuiltinType::NoneType),
        _ => false,
    }
}

/// Describes an annotation value: plain classes, unions and generics.
pub fn inspect_annotation(value: &Value) -> AnnotationInfo {
    match value.downcast_native::<TypeForm>() {
        Some(TypeForm::Union { members, .. }) => AnnotationInfo {
            types: members
                .iter()
                .filter(|m| !is_none_type(m))
                .cloned()
                .collect(),
            allows_none: members.iter().any(is_none_type),
            origin: None,
            args: Vec::new(),
        },
        Some(TypeForm::Generic { origin, args, .. }) => AnnotationInfo {
            types: vec![value.clone()],
            allows_none: false,
            origin: Some(origin.clone()),
            args: args.clone(),
        },
        _ => AnnotationInfo {
            types: if is_none_type(value) {
                Vec::new()
            } else {
                vec![value.clone()]
            },
            allows_none: is_none_type(value),
            origin: None,
            args: Vec::new(),
        },
    }
}

/// The members of a union annotation, if `value` is one.
pub fn union_members(value: &Value) -> Option<Vec<Value>> {
    match value.downcast_native::<TypeForm>() {
        Some(TypeForm::Union { members, .. }) => Some(members.clone()),
        _ => None,
    }
}

fn flatten(members: &mut Vec<Value>, value: &Value) {
    match union_members(value) {
        Some(inner) => {
            for member in inner {
                flatten(members, &member);
            }
        }
        None => {
            let value = if matches!(value, Value::None) {
                Value::None
            } else {
                value.clone()
            };
            if !members
                .iter()
                .any(|m| m.is(&value) || (is_none_type(m) && is_none_type(&value)))
            {
                members.push(value);
            }
        }
    }
}

/// `a | b` between annotation values.
pub fn union_of(_interp: &mut Interpreter, a: &Value, b: &Value) -> Value {
    let mut members = Vec::new();
    flatten(&mut members, a);
    flatten(&mut members, b);
    Value::native(TypeForm::Union {
        members,
        pipe: true,
    })
}

/// `list[int]` and friends on built-in classes.
pub fn generic_alias(_interp: &mut Interpreter, origin: &Value, key: &Value) -> Value {
    let args = match key {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    let name = match origin {
        Value::Class(class) => class.name.to_string(),
        other => other.type_name(),
    };
    Value::native(TypeForm::Generic {
        origin: origin.clone(),
        name,
        args,
        typing_prefix: false,
    })
}

fn annotation_repr(interp: &mut Interpreter, value: &Value) -> PyResult<String> {
    match value {
        Value::Class(class) if class.module == "builtins" => Ok(class.name.to_string()),
        Value::Class(class) => Ok(format!("{}.{}", class.module, class.qualname)),
        Value::None => Ok("None".into()),
        other => interp.repr_value(other),
    }
}

impl NativeObject for TypeForm {
    fn type_name(&self) -> &str {
        match self {
            TypeForm::Union { pipe: true, .. } => "UnionType",
            TypeForm::Generic {
                typing_prefix: false,
                ..
            } => "GenericAlias",
            _ => "_SpecialForm",
        }
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        match self {
            TypeForm::Special(name) => Ok(format!("typing.{name}")),
            TypeForm::Union { members, pipe } => {
                let mut parts = Vec::new();
                for member in members {
                    parts.push(if is_none_type(member) {
                        "None".to_string()
                    } else {
                        annotation_repr(interp, member)?
                    });
                }
                if *pipe {
                    return Ok(parts.join(" | "));
                }
                if members.len() == 2 && members.iter().any(is_none_type) {
                    let inner = parts
                        .iter()
                        .find(|p| *p != "None")
                        .cloned()
                        .unwrap_or_default();
                    return Ok(format!("typing.Optional[{inner}]"));
                }
                Ok(format!("typing.Union[{}]", parts.join(", ")))
            }
            TypeForm::Generic {
                name,
                args,
                typing_prefix,
                ..
            } => {
                let mut parts = Vec::new();
                for arg in args {
                    parts.push(annotation_repr(interp, arg)?);
                }
                let prefix = if *typing_prefix { "typing." } else { "" };
                Ok(format!("{prefix}{name}[{}]", parts.join(", ")))
            }
        }
    }

    fn get_item(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let args = match key {
            Value::Tuple(items) => items.to_vec(),
            other => vec![other.clone()],
        };
        let form = match self {
            TypeForm::Special("Optional") => {
                let mut members = Vec::new();
                for arg in &args {
                    flatten(&mut members, arg);
                }
                flatten(&mut members, &Value::None);
                TypeForm::Union {
                    members,
                    pipe: false,
                }
            }
            TypeForm::Special("Union") => {
                let mut members = Vec::new();
                for arg in &args {
                    flatten(&mut members, arg);
                }
                if members.len() == 1 {
                    return Ok(members.pop());
                }
                TypeForm::Union {
                    members,
                    pipe: false,
                }
            }
            TypeForm::Special("Any") => {
                return Err(PyErr::type_error("typing.Any is not subscriptable"));
            }
            TypeForm::Special(name) => TypeForm::Generic {
                origin: this.clone(),
                name: name.to_string(),
                args,
                typing_prefix: true,
            },
            _ => return Ok(None),
        };
        Ok(Some(Value::native(form)))
    }

    fn binary_op(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        op: crate::ast::BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if op != crate::ast::BinOp::BitOr {
            return Ok(None);
        }
        Ok(Some(if reflected {
            union_of(interp, other, this)
        } else {
            union_of(interp, this, other)
        }))
    }
}

/// Builds the `typing` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    let mut entries: Vec<(&str, Value)> = Vec::new();
    for name in [
        "Optional",
        "Union",
        "Any",
        "List",
        "Dict",
        "Set",
        "FrozenSet",
        "Tuple",
        "Type",
        "Iterable",
        "Iterator",
        "Sequence",
        "Mapping",
        "Callable",
        "ClassVar",
        "Literal",
        "Annotated",
        "Final",
    ] {
        entries.push((name, Value::native(TypeForm::Special(name))));
    }
    entries.push(("TYPE_CHECKING", Value::Bool(false)));
    entries.push((
        "cast",
        NativeFunction::function("cast", |_, args| {
            Ok(args.positional.get(1).cloned().unwrap_or(Value::None))
        }),
    ));
    entries.push((
        "TypeVar",
        NativeFunction::function("TypeVar", |_, args| {
            Ok(args.positional.first().cloned().unwrap_or(Value::None))
        }),
    ));
    Ok(Interpreter::new_module("typing", entries))
}

/// Whether a value is an annotation form made by this module.
pub fn is_type_form(value: &Value) -> bool {
    value.downcast_native::<TypeForm>().is_some()
}
