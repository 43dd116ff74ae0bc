//! `sqlalchemy.orm.validates`: the decorator marks a model method as the
//! validator of the named attributes (`__sa_validators__`,
//! `__sa_validation_opts__` on the function, as SQLAlchemy does), and
//! mapping the class turns each marked method of its MRO into listeners
//! on those attributes, as SQLAlchemy's `_validator_events` does: `set`
//! (columns and scalar relationships) and `append` (collections) with
//! `retval=True`, `validator(self, key, value)` returning the value to
//! keep; with `include_removes=True` a fourth argument says whether the
//! value is being removed, and `remove` is validated too; with
//! `include_backrefs=False` a change made by the other side of a backref
//! is let through unvalidated.

use std::rc::Rc;

use retort_orm::MapperId;
use retort_python::{CallArgs, Class, Interpreter, NativeFunction, PyErr, PyResult, Value};

use crate::ctx::Ctx;
use crate::events::{EventToken, Listener, ListenerTarget};

/// The function attribute naming the validated attributes.
const VALIDATORS: &str = "__sa_validators__";
/// The function attribute holding the options.
const OPTIONS: &str = "__sa_validation_opts__";

/// `validates(*names, include_removes=False, include_backrefs=True)`.
pub fn validates_function() -> Value {
    NativeFunction::function("validates", |interp, mut args| {
        let include_removes = keyword_flag(interp, &mut args, "include_removes", false)?;
        let include_backrefs = keyword_flag(interp, &mut args, "include_backrefs", true)?;
        if let Some((name, _)) = args.keywords.first() {
            return Err(PyErr::new(
                "TypeError",
                format!("validates() got an unexpected keyword argument '{name}'"),
            ));
        }
        let names = args.positional.clone();
        Ok(NativeFunction::function(
            "validates.<locals>.wrap",
            move |_, args| {
                let function = args.positional.first().cloned().unwrap_or(Value::None);
                let Value::Function(f) = &function else {
                    return Err(PyErr::new(
                        "TypeError",
                        "validates() decorates a function defined with def",
                    ));
                };
                let mut attributes = f.attributes.borrow_mut();
                attributes.insert(VALIDATORS.to_string(), Value::tuple(names.clone()));
                attributes.insert(
                    OPTIONS.to_string(),
                    Value::tuple(vec![
                        Value::Bool(include_removes),
                        Value::Bool(include_backrefs),
                    ]),
                );
                drop(attributes);
                Ok(function)
            },
        ))
    })
}

fn keyword_flag(
    interp: &mut Interpreter,
    args: &mut CallArgs,
    name: &str,
    default: bool,
) -> PyResult<bool> {
    match args.keywords.iter().position(|(k, _)| k == name) {
        Some(at) => {
            let (_, value) = args.keywords.remove(at);
            interp.is_truthy(&value)
        }
        None => Ok(default),
    }
}

/// One validator found on a mapped class.
struct Validator {
    method: Value,
    names: Vec<String>,
    include_removes: bool,
    include_backrefs: bool,
}

/// The validators of `class`'s MRO, the nearest definition of each name
/// winning, in the order SQLAlchemy's mapper meets them.
fn validators_of(interp: &mut Interpreter, class: &Rc<Class>) -> PyResult<Vec<Validator>> {
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::new();
    for klass in class.mro_iter() {
        let entries: Vec<(String, Value)> = klass
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (key, value) in entries {
            if !seen.insert(key) {
                continue;
            }
            let Value::Function(f) = &value else {
                continue;
            };
            let (names, options) = {
                let attributes = f.attributes.borrow();
                match (attributes.get(VALIDATORS), attributes.get(OPTIONS)) {
                    (Some(Value::Tuple(names)), Some(Value::Tuple(options))) => {
                        (names.clone(), options.clone())
                    }
                    _ => continue,
                }
            };
            let mut keys = Vec::new();
            for name in names.iter() {
                keys.push(interp.str(name)?);
            }
            found.push(Validator {
                method: value.clone(),
                names: keys,
                include_removes: matches!(options.first(), Some(Value::Bool(true))),
                include_backrefs: !matches!(options.get(1), Some(Value::Bool(false))),
            });
        }
    }
    Ok(found)
}

/// Registers the validators of the model `class`, mapped as `mapper`
/// (`mapper_text`: `Mapper[User(user)]`), as listeners on its attributes.
/// A second validator for one attribute is SQLAlchemy's
/// `InvalidRequestError`.
pub fn register_validators(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    class: &Rc<Class>,
    mapper: MapperId,
    mapper_text: &str,
) -> PyResult<()> {
    let mut validated: Vec<String> = Vec::new();
    for validator in validators_of(interp, class)? {
        for name in &validator.names {
            if validated.contains(name) {
                return Err(ctx.raise(
                    "InvalidRequestError",
                    format!(
                        "A validation function for mapped attribute '{name}' on mapper {mapper_text} already exists."
                    ),
                ));
            }
            validated.push(name.clone());
            let mut events = vec!["set", "append"];
            if validator.include_removes {
                events.push("remove");
            }
            for event in events {
                ctx.listeners.borrow_mut().push(Listener {
                    target: ListenerTarget::Attribute {
                        mapper,
                        attr: name.clone(),
                    },
                    target_text: format!("{}.{name}", class.name),
                    event: event.to_string(),
                    function: listener_for(&validator, name, event == "remove"),
                    reported_as: validator.method.clone(),
                    retval: event != "remove",
                    named: false,
                });
            }
        }
    }
    Ok(())
}

/// The listener that calls the validator: `(target, value, ...,
/// initiator)` in, the value to keep out.
fn listener_for(validator: &Validator, key: &str, removing: bool) -> Value {
    let method = validator.method.clone();
    let key = key.to_string();
    let include_removes = validator.include_removes;
    let include_backrefs = validator.include_backrefs;
    NativeFunction::function("validator", move |interp, args| {
        let target = args.positional.first().cloned().unwrap_or(Value::None);
        let value = args.positional.get(1).cloned().unwrap_or(Value::None);
        let by_backref = args
            .positional
            .last()
            .and_then(|i| i.downcast_native::<EventToken>())
            .is_some_and(|initiator| initiator.key != key);
        if by_backref && !include_backrefs {
            return Ok(value);
        }
        let mut call = vec![target, Value::str(key.as_str()), value.clone()];
        if include_removes {
            call.push(Value::Bool(removing));
        }
        let returned = interp.call(&method, CallArgs::new(call))?;
        Ok(if removing { value } else { returned })
    })
}
