//! A loaded collection of a `relationship(..., collection_class=set)`
//! (`tag.posts`): SQLAlchemy's `InstrumentedSet`, a live view of the ORM's
//! collection with `add`, `discard`, `remove`, `pop`, `clear` and `update`
//! firing the collection's events; every other set operation works on a
//! plain `set` of the objects. It shows its objects in the order the
//! collection was filled (CPython's order for a set of instances follows
//! their addresses, which no two runs share).

use std::rc::Rc;

use retort_orm::{AttributeOp, ObjectId};
use retort_python::{CallArgs, CmpOp, Interpreter, NativeObject, PyErr, PyResult, Value};

use crate::ctx::Ctx;
use crate::method::bound_method;
use crate::relationship::InstrumentedList;

/// `parent.tags` of a set collection: the list view's live collection
/// behind set methods.
#[derive(Debug, Clone)]
pub struct InstrumentedSet {
    pub view: InstrumentedList,
}

/// The methods that change the collection; the others a copy answers.
const SET_METHODS: &[&str] = &[
    "add",
    "discard",
    "remove",
    "pop",
    "clear",
    "update",
    "copy",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
];

impl InstrumentedSet {
    /// The collection `key` of the object `owner`.
    pub fn new(ctx: Rc<Ctx>, owner: ObjectId, key: String) -> InstrumentedSet {
        InstrumentedSet {
            view: InstrumentedList { ctx, owner, key },
        }
    }

    /// A plain Python `set` of the collection's objects.
    fn plain(&self, interp: &mut Interpreter) -> PyResult<Value> {
        let values = Value::list(self.view.values(interp)?);
        let class = interp
            .builtin_class("set")
            .ok_or_else(|| PyErr::new("RuntimeError", "the set type is missing"))?;
        interp.call(&Value::Class(class), CallArgs::new(vec![values]))
    }

    /// Adds `value` unless the collection has it (a set holds an object
    /// once, and adding it again fires nothing).
    fn add(&self, interp: &mut Interpreter, value: &Value) -> PyResult<()> {
        let view = &self.view;
        let item = view.ctx.expect_related(interp, value)?;
        if view.items(interp)?.contains(&item) {
            return Ok(());
        }
        let (owner, key) = (view.owner, view.key.clone());
        view.ctx
            .run(interp, |s, h| s.rel_append(h, owner, &key, item))
    }

    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let ctx = self.view.ctx.clone();
        let (owner, key) = (self.view.owner, self.view.key.clone());
        match name {
            "add" => {
                args.check("add", 1, 1)?;
                let value = args.take(0, "element").unwrap_or(Value::None);
                self.add(interp, &value)?;
                Ok(Value::None)
            }
            "update" => {
                for iterable in std::mem::take(&mut args.positional) {
                    for element in interp.iterate(&iterable)? {
                        self.add(interp, &element)?;
                    }
                }
                Ok(Value::None)
            }
            "discard" | "remove" => {
                args.check(name, 1, 1)?;
                let value = args.take(0, "element").unwrap_or(Value::None);
                let item = ctx.expect_related(interp, &value)?;
                let removed = ctx.run(interp, |s, h| s.rel_remove(h, owner, &key, item))?;
                if !removed && name == "remove" {
                    return Err(PyErr::key_error(value));
                }
                Ok(Value::None)
            }
            "pop" => {
                let Some(item) = self.view.items(interp)?.first().copied() else {
                    return Err(PyErr::key_error(Value::str("pop from an empty set")));
                };
                ctx.run(interp, |s, h| s.rel_remove(h, owner, &key, item))?;
                ctx.peek(|s| ctx.instance(s, item))?
            }
            "clear" => {
                ctx.run(interp, |s, h| {
                    s.rel_replace_as(h, owner, &key, Vec::new(), AttributeOp::Remove)
                })?;
                Ok(Value::None)
            }
            _ => {
                let set = self.plain(interp)?;
                interp.call_method(&set, name, args)
            }
        }
    }
}

impl NativeObject for InstrumentedSet {
    fn type_name(&self) -> &str {
        "InstrumentedSet"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let values = self.view.values(interp)?;
        if values.is_empty() {
            return Ok("InstrumentedSet()".to_owned());
        }
        let mut shown = Vec::with_capacity(values.len());
        for value in &values {
            shown.push(interp.repr(value)?);
        }
        Ok(format!("InstrumentedSet({{{}}})", shown.join(", ")))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !SET_METHODS.contains(&name) {
            return Ok(None);
        }
        Ok(Some(bound_method(self.clone(), name, Self::call_method)))
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        let set = self.plain(interp)?;
        let other = match other.downcast_native::<InstrumentedSet>() {
            Some(view) => view.plain(interp)?,
            None => other.clone(),
        };
        Ok(Some(interp.compare_values(op, &set, &other)?))
    }

    fn truthy(&self, interp: &mut Interpreter, this: &Value) -> PyResult<bool> {
        self.view.truthy(interp, this)
    }

    fn len(&self, interp: &mut Interpreter, this: &Value) -> PyResult<Option<usize>> {
        self.view.len(interp, this)
    }

    fn iter(&self, interp: &mut Interpreter, this: &Value) -> PyResult<Option<Value>> {
        self.view.iter(interp, this)
    }

    /// `|`, `&`, `-` and `^` give plain sets (`|=` then assigns the union
    /// back, which adds the new objects).
    fn binary_op(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: retort_python::BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        use retort_python::BinOp;
        if !matches!(
            op,
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
        ) {
            return Ok(None);
        }
        let set = self.plain(interp)?;
        let other = match other.downcast_native::<InstrumentedSet>() {
            Some(view) => view.plain(interp)?,
            None => other.clone(),
        };
        let (left, right) = if reflected {
            (other, set)
        } else {
            (set, other)
        };
        interp.apply_binary(op, &left, &right).map(Some)
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        self.view.holds(interp, item).map(Some)
    }
}
