//! Classes: executing `class` bodies, C3 method resolution order, host
//! subclass hooks, and instance construction (`Class(...)`).

use std::rc::Rc;

use crate::ast::ClassDef;
use crate::error::{PyErr, PyResult};
use crate::eval::exceptions::{exception_instance, is_exception_class};
use crate::eval::scope::{Ctx, CtxKind};
use crate::interp::Interpreter;
use crate::native::{CallArgs, ClassHooks};
use crate::value::{BuiltinType, Class, Namespace, Value, new_namespace};

impl Interpreter {
    pub(crate) fn exec_class_def(&mut self, ctx: &Ctx, def: &Rc<ClassDef>) -> PyResult<()> {
        let class_loc = self.current_location();
        let mut bases = Vec::new();
        for base in &def.bases {
            match self.eval(ctx, base)? {
                Value::Class(class) => bases.push(class),
                other => {
                    return Err(PyErr::type_error(format!(
                        "class bases must be classes, not '{}'",
                        other.type_name()
                    )));
                }
            }
        }
        let mut keywords = Vec::new();
        for (name, value) in &def.keywords {
            keywords.push((name.clone(), self.eval(ctx, value)?));
        }
        let namespace = new_namespace();
        let qualname = match &ctx.kind {
            CtxKind::Class {
                namespace: outer, ..
            } => {
                let outer_name = outer
                    .borrow()
                    .get("__qualname__")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                format!("{outer_name}.{}", def.name)
            }
            _ => def.name.to_string(),
        };
        let module_name = ctx
            .globals
            .borrow()
            .get("__name__")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "__main__".into());
        namespace
            .borrow_mut()
            .insert("__module__".into(), Value::str(module_name.as_str()));
        namespace
            .borrow_mut()
            .insert("__qualname__".into(), Value::str(qualname.as_str()));
        {
            let body_ctx = Ctx {
                globals: ctx.globals.clone(),
                kind: CtxKind::Class {
                    namespace: namespace.clone(),
                    outer: ctx,
                },
            };
            self.exec_block(&body_ctx, &def.body)?;
        }
        // Making the class (its metaclass hooks) happens on the `class`
        // line, as a traceback of an error there shows it.
        if let Some(loc) = class_loc {
            self.set_location(loc);
        }
        let class = self.build_class_with_keywords(
            &def.name,
            bases,
            namespace,
            None,
            &module_name,
            &keywords,
        )?;
        let mut decorated = Value::Class(class);
        for decorator in def.decorators.iter().rev() {
            let decorator = self.eval(ctx, decorator)?;
            decorated = self.call_value(&decorator, CallArgs::new(vec![decorated]))?;
        }
        self.store_name(ctx, &def.name, decorated);
        Ok(())
    }

    pub(crate) fn build_class(
        &mut self,
        name: &str,
        bases: Vec<Rc<Class>>,
        namespace: Namespace,
        hooks: Option<Rc<dyn ClassHooks>>,
        module: &str,
    ) -> PyResult<Rc<Class>> {
        self.build_class_with_keywords(name, bases, namespace, hooks, module, &[])
    }

    fn build_class_with_keywords(
        &mut self,
        name: &str,
        bases: Vec<Rc<Class>>,
        namespace: Namespace,
        hooks: Option<Rc<dyn ClassHooks>>,
        module: &str,
        keywords: &[(String, Value)],
    ) -> PyResult<Rc<Class>> {
        let bases = if bases.is_empty() {
            vec![self.types.object.clone()]
        } else {
            bases
        };
        // A data type beside a hooked class (`class Status(str, Enum)`)
        // becomes the mixin class the hooks provide.
        let bases: Vec<Rc<Class>> = bases
            .iter()
            .map(|base| {
                let builtin = base.builtin.filter(|b| *b != BuiltinType::Object);
                builtin
                    .and_then(|builtin| {
                        bases
                            .iter()
                            .find_map(|other| other.find_hooks()?.1.data_type_mixin(builtin))
                    })
                    .unwrap_or_else(|| base.clone())
            })
            .collect();
        for base in &bases {
            if let Some(builtin) = base.builtin_base()
                && !matches!(builtin, BuiltinType::BaseException)
            {
                return Err(PyErr::type_error(format!(
                    "Retort does not support subclassing the built-in type '{}'",
                    base.name
                )));
            }
        }
        let mro = c3_merge(&bases).map_err(|()| {
            let names: Vec<&str> = bases.iter().map(|b| b.name.as_ref()).collect();
            PyErr::type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ))
        })?;
        let qualname = namespace
            .borrow()
            .get("__qualname__")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| name.to_string());
        let class = Rc::new(Class {
            name: name.into(),
            qualname,
            module: module.to_string(),
            bases,
            mro,
            dict: namespace,
            builtin: None,
            hooks,
            host_state: Default::default(),
        });
        let members: Vec<Value> = class.dict.borrow().values().cloned().collect();
        for member in members {
            attach_defining_class(&member, &class);
        }
        let named: Vec<(String, Value)> = class
            .dict
            .borrow()
            .iter()
            .filter(|(_, value)| matches!(value, Value::Instance(instance) if instance.class.lookup("__set_name__").is_some()))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        for (name, descriptor) in named {
            let set_name = self.get_attribute(&descriptor, "__set_name__")?;
            self.call_value(
                &set_name,
                CallArgs::new(vec![Value::Class(class.clone()), Value::str(name.as_str())]),
            )?;
        }
        let parent_hooks = class.bases.iter().find_map(|base| base.find_hooks());
        if let Some((owner, hooks)) = parent_hooks {
            hooks.subclass_created(self, &owner, &class, keywords)?;
        }
        let init_subclass = class
            .mro
            .iter()
            .find_map(|c| c.dict.borrow().get("__init_subclass__").cloned());
        if let Some(init_subclass) = init_subclass {
            let function = match init_subclass {
                Value::ClassMethod(inner) => (*inner).clone(),
                other => other,
            };
            self.call_value(
                &function,
                CallArgs::with_keywords(vec![Value::Class(class.clone())], keywords.to_vec()),
            )?;
        }
        Ok(class)
    }

    /// `Class(*args, **kwargs)`.
    pub(crate) fn call_class(&mut self, class: &Rc<Class>, args: CallArgs) -> PyResult<Value> {
        if let Some((_, hooks)) = class.find_hooks()
            && let Some(value) = hooks.call(self, class, &args)?
        {
            return Ok(value);
        }
        if let Some(builtin) = class.builtin
            && builtin != BuiltinType::BaseException
            && builtin != BuiltinType::Object
        {
            return crate::builtins::constructors::construct(self, builtin, args);
        }
        let instance = if is_exception_class(class) {
            exception_instance(class, args.positional.clone())
        } else {
            Interpreter::new_instance(class)
        };
        let init_owner_is_object = class
            .mro_iter()
            .find(|c| c.dict.borrow().contains_key("__init__"))
            .is_none_or(|owner| Rc::ptr_eq(owner, &self.types.object));
        let init = if init_owner_is_object {
            None
        } else {
            class.lookup("__init__")
        };
        match init {
            Some(init) => {
                let bound = self.bind_class_member(&init, Some(&instance), class)?;
                let result = self.call_value(&bound, args)?;
                if !matches!(result, Value::None) {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        result.type_name()
                    )));
                }
            }
            None => {
                if !args.positional.is_empty() || !args.keywords.is_empty() {
                    return Err(PyErr::type_error(format!(
                        "{}() takes no arguments",
                        class.name
                    )));
                }
            }
        }
        Ok(instance)
    }
}

/// Lets zero-argument `super()` find the class a method was defined in.
fn attach_defining_class(member: &Value, class: &Rc<Class>) {
    match member {
        Value::Function(function) => {
            *function.defining_class.borrow_mut() = Some(Rc::downgrade(class))
        }
        Value::StaticMethod(inner) | Value::ClassMethod(inner) => {
            attach_defining_class(inner, class)
        }
        Value::Property(property) => {
            for accessor in [&property.getter, &property.setter, &property.deleter]
                .into_iter()
                .flatten()
            {
                attach_defining_class(accessor, class);
            }
        }
        _ => {}
    }
}

/// C3 linearisation of the bases' MROs (the result excludes the new class).
fn c3_merge(bases: &[Rc<Class>]) -> Result<Vec<Rc<Class>>, ()> {
    let mut sequences: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|base| base.mro_iter().cloned().collect())
        .collect();
    sequences.push(bases.to_vec());
    let mut result: Vec<Rc<Class>> = Vec::new();
    loop {
        sequences.retain(|sequence| !sequence.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences.iter().find_map(|sequence| {
            let head = sequence.first()?;
            let in_tail = sequences
                .iter()
                .any(|other| other.iter().skip(1).any(|c| Rc::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(candidate) = candidate else {
            return Err(());
        };
        for sequence in &mut sequences {
            if sequence
                .first()
                .is_some_and(|head| Rc::ptr_eq(head, &candidate))
            {
                sequence.remove(0);
            }
        }
        result.push(candidate);
    }
}
