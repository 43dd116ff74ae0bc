//! `Row`: a result row with tuple and attribute access, a tuple's repr and
//! the named tuple's `_fields`, `_asdict()`, `_mapping`, `_t`,
//! and the conversion of ORM results into Python values.

use std::rc::Rc;

use retort_orm::{QueryResult, ResultRow};
use retort_python::{
    CmpOp, Dict, HashKey, Interpreter, NativeFunction, NativeObject, PyErr, PyResult, Value,
};

use crate::ctx::Ctx;

/// One row of a result.
#[derive(Debug, Clone)]
pub struct RowObject {
    pub keys: Rc<Vec<String>>,
    pub values: Vec<Value>,
    /// Whether the row is a `CursorResult`'s (a textual statement's, or a
    /// connection's): its metadata names a missing column in the error.
    pub from_cursor: bool,
}

impl RowObject {
    fn tuple(&self) -> Value {
        Value::tuple(self.values.clone())
    }

    /// `_mapping` and `_asdict()`: the keys and values as a dict (SQLAlchemy's
    /// `RowMapping` shows as one).
    fn mapping(&self) -> PyResult<Value> {
        let mut dict = Dict::new();
        for (key, value) in self.keys.iter().zip(&self.values) {
            if let Ok(key) = HashKey::new(Value::str(key.as_str())) {
                dict.insert(key, value.clone());
            }
        }
        Ok(Value::dict(dict))
    }
}

impl NativeObject for RowObject {
    fn type_name(&self) -> &str {
        "Row"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        interp.repr(&self.tuple())
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if let Some(i) = self.keys.iter().position(|k| k == name) {
            return Ok(self.values.get(i).cloned());
        }
        let row = self.clone();
        Ok(Some(match name {
            "_fields" => Value::tuple(self.keys.iter().map(|k| Value::str(k.as_str())).collect()),
            "_mapping" => self.mapping()?,
            "_asdict" => NativeFunction::function("_asdict", move |_, _| row.mapping()),
            "_t" => self.tuple(),
            "_tuple" => NativeFunction::function("_tuple", move |_, _| Ok(row.tuple())),
            // A row is a named tuple: `count` and `index` are the tuple's.
            "count" | "index" => interp.get_attr(&self.tuple(), name)?,
            // Special names are the object's own (`__class__`, ...).
            _ if name.starts_with("__") => return Ok(None),
            // SQLAlchemy's Row looks any other name up as a column and
            // raises the KeyError's argument as the AttributeError: a
            // cursor's metadata says which column, an ORM result's gives
            // the name alone.
            _ if self.from_cursor => {
                return Err(PyErr::attribute_error(format!(
                    "Could not locate column in row for column '{name}'"
                )));
            }
            _ => return Err(PyErr::attribute_error(name)),
        }))
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        // A Row is a tuple: `row["name"]` is a TypeError in SQLAlchemy 2.0
        // (`row.name` or `row._mapping["name"]` read by name).
        Ok(Some(interp.item(&self.tuple(), key)?))
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.values.len()))
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(self.tuple()))
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        let other = match other.downcast_native::<RowObject>() {
            Some(row) => row.tuple(),
            None => other.clone(),
        };
        Ok(Some(interp.compare_values(op, &self.tuple(), &other)?))
    }

    /// A Row hashes and compares as the tuple of its values
    /// (`hash(row) == hash((1, 'Oslo'))`).
    fn hash_key(&self) -> Option<u64> {
        retort_python::dict::hash_value(&Value::tuple(self.values.clone())).ok()
    }

    fn hash_as(&self) -> Option<Value> {
        Some(Value::tuple(self.values.clone()))
    }

    fn key_equals(&self, other: &Value) -> Option<bool> {
        let other_values = match (other.downcast_native::<RowObject>(), other) {
            (Some(row), _) => row.values.clone(),
            (None, Value::Tuple(items)) => items.to_vec(),
            _ => return Some(false),
        };
        Some(format!("{:?}", self.values) == format!("{other_values:?}"))
    }
}

/// A row as a Python value: the object for a single mapped entity,
/// otherwise a `Row`.
pub fn row_value(
    interp: &mut Interpreter,
    ctx: &Ctx,
    keys: &Rc<Vec<String>>,
    row: &ResultRow,
    single_object: bool,
) -> PyResult<Value> {
    if single_object && let Some(item) = row.items.first() {
        return ctx.item_value(interp, item);
    }
    Ok(Value::native(row_object(interp, ctx, keys, row, false)?))
}

/// `row` as a `Row`; `from_cursor` for a `CursorResult`'s.
pub fn row_object(
    interp: &mut Interpreter,
    ctx: &Ctx,
    keys: &Rc<Vec<String>>,
    row: &ResultRow,
    from_cursor: bool,
) -> PyResult<RowObject> {
    let mut values = Vec::new();
    for item in &row.items {
        values.push(ctx.item_value(interp, item)?);
    }
    Ok(RowObject {
        keys: keys.clone(),
        values,
        from_cursor,
    })
}

/// All rows of a result as Python values.
pub fn rows_value(
    interp: &mut Interpreter,
    ctx: &Ctx,
    result: &QueryResult,
    single_object: bool,
) -> PyResult<Vec<Value>> {
    let keys = Rc::new(result.keys.clone());
    result
        .rows
        .iter()
        .map(|row| row_value(interp, ctx, &keys, row, single_object))
        .collect()
}

/// The first item of each row (`scalars()`).
pub fn scalars_value(
    interp: &mut Interpreter,
    ctx: &Ctx,
    result: &QueryResult,
) -> PyResult<Vec<Value>> {
    result
        .rows
        .iter()
        .filter_map(|row| row.items.first())
        .map(|item| ctx.item_value(interp, item))
        .collect()
}
