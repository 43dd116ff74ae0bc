//! Dict keys and set members whose class defines `__hash__` and `__eq__`.
//! Python calls `__hash__` to place such a key and `__eq__` to compare it
//! with keys of the same hash; the containers here compare without calling
//! back into Python. So the interpreter sorts those objects into equality
//! classes when it hashes them (calling `__eq__` against one living member
//! of each class with the same hash), and a key carries a stand-in for its
//! class (a [`ClassMarker`]) that the containers compare instead. A class
//! that defines `__eq__` without `__hash__` is unhashable, as in Python; one
//! that defines neither hashes by identity.

use std::collections::HashMap;
use std::rc::{Rc, Weak};

use crate::dict::{HashKey, MAX_KEY_NESTING, hash_value};
use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeObject};
use crate::value::{Class, Instance, Value};

/// The equality classes of user-hashed objects, by hash.
#[derive(Default)]
pub(crate) struct KeyClasses {
    buckets: HashMap<u64, Vec<KeyClass>>,
    next_id: u64,
    members: usize,
    prune_at: usize,
}

struct KeyClass {
    marker: Value,
    id: u64,
    members: Vec<Weak<Instance>>,
}

/// The stand-in of an equality class inside a key: equal only to itself.
#[derive(Debug)]
pub(crate) struct ClassMarker {
    id: u64,
    hash: u64,
}

impl NativeObject for ClassMarker {
    fn type_name(&self) -> &str {
        "key class"
    }

    fn hash_key(&self) -> Option<u64> {
        Some(self.hash)
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        Some(
            other
                .downcast_native::<ClassMarker>()
                .is_some_and(|marker| marker.id == self.id),
        )
    }
}

/// How instances of a class hash.
enum Hashing {
    Identity,
    Unhashable,
    /// Through `__hash__`; `compares` when the class also defines `__eq__`.
    User {
        compares: bool,
    },
}

fn hashing_of(class: &Rc<Class>) -> Hashing {
    let user_classes = || class.mro_iter().take_while(|c| c.builtin.is_none());
    for c in user_classes() {
        let dict = c.dict.borrow();
        match dict.get("__hash__") {
            Some(Value::None) => return Hashing::Unhashable,
            Some(_) => {
                let compares = user_classes().any(|c| c.dict.borrow().contains_key("__eq__"));
                return Hashing::User { compares };
            }
            None if dict.contains_key("__eq__") => return Hashing::Unhashable,
            None => {}
        }
    }
    Hashing::Identity
}

fn unhashable(value: &Value) -> PyErr {
    PyErr::type_error(format!("unhashable type: '{}'", value.type_name()))
}

impl Interpreter {
    /// A dict key for `value`, raising `TypeError` for unhashable values.
    pub(crate) fn hash_key(&mut self, value: Value) -> PyResult<HashKey> {
        let shadow = self.key_shadow(&value, 0)?;
        let key = match shadow {
            Some(shadow) => HashKey::with_shadow(value, shadow),
            None => HashKey::new(value),
        };
        key.map_err(|unhashable| PyErr::type_error(format!("unhashable type: '{}'", unhashable.0)))
    }

    /// `hash(value)` for an instance whose class defines `__hash__`;
    /// `None` when it hashes by identity.
    pub(crate) fn user_hash(&mut self, value: &Value) -> PyResult<Option<i64>> {
        let Value::Instance(instance) = value else {
            return Ok(None);
        };
        match hashing_of(&instance.class) {
            Hashing::Identity => Ok(None),
            Hashing::Unhashable => Err(unhashable(value)),
            Hashing::User { .. } => self.call_hash(value).map(Some),
        }
    }

    fn call_hash(&mut self, value: &Value) -> PyResult<i64> {
        let method = self
            .special_method(value, "__hash__")
            .ok_or_else(|| unhashable(value))?;
        match self.call_value(&method, CallArgs::default())? {
            Value::Int(hash) => Ok(if hash == -1 { -2 } else { hash }),
            Value::Bool(flag) => Ok(i64::from(flag)),
            _ => Err(PyErr::type_error(
                "__hash__ method should return an integer",
            )),
        }
    }

    /// What stands for `value` in key comparisons when it is (or, in a
    /// tuple, holds) an object hashed by its class; `None` when the value
    /// is its own stand-in.
    fn key_shadow(&mut self, value: &Value, depth: usize) -> PyResult<Option<Value>> {
        match value {
            // A member of `class Status(str, Enum)` is the key its value is.
            Value::Instance(_) if let Some(v) = crate::stdlib::enums::data_type_value(value) => {
                Ok(Some(v))
            }
            Value::Instance(instance) => match hashing_of(&instance.class) {
                Hashing::Identity => Ok(None),
                Hashing::Unhashable => Err(unhashable(value)),
                Hashing::User { compares } => {
                    let hash = self.call_hash(value)?;
                    let hash = hash_value(&Value::Int(hash)).unwrap_or_default();
                    self.class_marker(instance, hash, compares).map(Some)
                }
            },
            Value::Tuple(items) if depth < MAX_KEY_NESTING => {
                let mut shadows = Vec::with_capacity(items.len());
                let mut any = false;
                for item in items.iter() {
                    match self.key_shadow(item, depth + 1)? {
                        Some(shadow) => {
                            any = true;
                            shadows.push(shadow);
                        }
                        None => shadows.push(item.clone()),
                    }
                }
                Ok(any.then(|| Value::tuple(shadows)))
            }
            _ => Ok(None),
        }
    }

    /// The marker of the equality class of `instance` among the objects
    /// hashed to `hash`: found by identity, else by `__eq__` against a
    /// living member of each class (when `compares`), else a new class.
    fn class_marker(
        &mut self,
        instance: &Rc<Instance>,
        hash: u64,
        compares: bool,
    ) -> PyResult<Value> {
        let this = Rc::as_ptr(instance);
        let candidates: Vec<(u64, Rc<Instance>)> = {
            let classes = &mut self.key_classes;
            let bucket = classes.buckets.entry(hash).or_default();
            bucket.retain_mut(|class| {
                class.members.retain(|member| member.strong_count() > 0);
                !class.members.is_empty()
            });
            if let Some(class) = bucket
                .iter()
                .find(|class| class.members.iter().any(|member| member.as_ptr() == this))
            {
                return Ok(class.marker.clone());
            }
            if compares {
                bucket
                    .iter()
                    .filter_map(|class| {
                        let member = class.members.iter().find_map(Weak::upgrade)?;
                        Some((class.id, member))
                    })
                    .collect()
            } else {
                Vec::new()
            }
        };
        let value = Value::Instance(instance.clone());
        for (id, member) in candidates {
            if self.eq_values(&Value::Instance(member), &value)? {
                let classes = &mut self.key_classes;
                let bucket = classes.buckets.entry(hash).or_default();
                if let Some(class) = bucket.iter_mut().find(|class| class.id == id) {
                    class.members.push(Rc::downgrade(instance));
                    classes.members += 1;
                    return Ok(class.marker.clone());
                }
            }
        }
        let classes = &mut self.key_classes;
        classes.next_id += 1;
        let id = classes.next_id;
        let marker = Value::native(ClassMarker { id, hash });
        classes.buckets.entry(hash).or_default().push(KeyClass {
            marker: marker.clone(),
            id,
            members: vec![Rc::downgrade(instance)],
        });
        classes.members += 1;
        classes.prune();
        Ok(marker)
    }
}

impl KeyClasses {
    /// Forgets dead objects once the table has doubled since the last time.
    fn prune(&mut self) {
        if self.members < self.prune_at.max(1024) {
            return;
        }
        let mut members = 0;
        self.buckets.retain(|_, bucket| {
            bucket.retain_mut(|class| {
                class.members.retain(|member| member.strong_count() > 0);
                members += class.members.len();
                !class.members.is_empty()
            });
            !bucket.is_empty()
        });
        self.members = members;
        self.prune_at = members * 2;
    }
}

#[cfg(test)]
mod tests {
    use crate::{Interpreter, Limits};

    fn run(source: &str) -> String {
        let mut interp = Interpreter::new(Limits::default());
        let output = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
        let sink = output.clone();
        interp.set_output(move |text| sink.borrow_mut().push_str(text));
        if let Err(error) = interp.run(source) {
            return format!("{}{}", output.borrow(), error.summary());
        }
        output.borrow().clone()
    }

    const POINT: &str = "class P:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n    def __eq__(self, other):\n        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)\n    def __hash__(self):\n        return hash((self.x, self.y))\n    def __lt__(self, other):\n        return (self.x, self.y) < (other.x, other.y)\n    def __repr__(self):\n        return f'P({self.x}, {self.y})'\n";

    #[test]
    fn equal_objects_are_one_dict_key_and_set_member() {
        let source = format!(
            "{POINT}d = {{P(1, 2): 'a'}}\nd[P(1, 2)] = 'b'\nprint(d, P(1, 2) in d, d.get(P(1, 2)), P(2, 1) in d)\ns = {{P(1, 2), P(1, 2), P(3, 4)}}\nprint(len(s), P(3, 4) in s)\ns.discard(P(3, 4))\nprint(s)\nprint(len({{(P(1, 2), 1), (P(1, 2), 1)}}))\nprint(hash(P(1, 2)) == hash((1, 2)))\n"
        );
        assert_eq!(
            run(&source),
            "{P(1, 2): 'b'} True b False\n2 True\n{P(1, 2)}\n1\nTrue\n"
        );
    }

    #[test]
    fn eq_without_hash_is_unhashable_and_default_is_identity() {
        let source = "class E:\n    def __eq__(self, other):\n        return True\nclass I:\n    pass\na, b = I(), I()\nprint(len({a, b, a}))\ntry:\n    {E()}\nexcept TypeError as e:\n    print(e)\ntry:\n    hash(E())\nexcept TypeError as e:\n    print(e)\nclass N:\n    __hash__ = None\ntry:\n    {N(): 1}\nexcept TypeError as e:\n    print(e)\n";
        assert_eq!(
            run(source),
            "2\nunhashable type: 'E'\nunhashable type: 'E'\nunhashable type: 'N'\n"
        );
    }

    #[test]
    fn hash_without_eq_keeps_identity_equality() {
        let source = "class H:\n    def __hash__(self):\n        return 7\nprint(len({H(), H()}), hash(H()))\nclass Bad:\n    def __hash__(self):\n        return 'x'\ntry:\n    {Bad()}\nexcept TypeError as e:\n    print(e)\n";
        assert_eq!(
            run(source),
            "2 7\n__hash__ method should return an integer\n"
        );
    }

    #[test]
    fn ordering_methods_drive_sorted_min_and_max() {
        let source = format!(
            "{POINT}ps = [P(2, 1), P(1, 5), P(1, 2)]\nprint(sorted(ps), min(ps), max(ps))\nprint(sorted(ps, reverse=True))\nps.sort()\nprint(ps)\n"
        );
        assert_eq!(
            run(&source),
            "[P(1, 2), P(1, 5), P(2, 1)] P(1, 2) P(2, 1)\n[P(2, 1), P(1, 5), P(1, 2)]\n[P(1, 2), P(1, 5), P(2, 1)]\n"
        );
    }

    #[test]
    fn a_key_equal_to_none_of_the_same_hash_is_new() {
        let source = "class C:\n    def __init__(self, v):\n        self.v = v\n    def __eq__(self, other):\n        return self.v == other.v\n    def __hash__(self):\n        return 1\n    def __repr__(self):\n        return f'C{self.v}'\nd = {}\nfor v in [1, 2, 1, 3, 2]:\n    d[C(v)] = d.get(C(v), 0) + 1\nprint(d)\n";
        assert_eq!(run(source), "{C1: 2, C2: 2, C3: 1}\n");
    }
}
