//! `inspect(Model)`, `Model.__mapper__` and `inspect(obj).mapper`: the
//! model's `Mapper` and its properties by key.

use std::rc::Rc;

use retort_python::native::object_repr;
use retort_python::{Interpreter, NativeFunction, NativeObject, PyResult, Value};

use crate::ctx::Ctx;

/// `inspect(Model)` (and `inspect(obj).mapper`): the model's `Mapper` —
/// `class_`, `entity`, `local_table`, `tables`, `columns`/`c`,
/// `primary_key`, and its properties by key (`attrs`, `column_attrs`,
/// `relationships`, `get_property`), each the class's instrumented
/// attribute.
#[derive(Debug)]
pub struct MapperInspection {
    pub ctx: Rc<Ctx>,
    /// Weak: the class's `__mapper__` holds this object.
    pub class: std::rc::Weak<retort_python::Class>,
    pub class_name: String,
    pub mapper: retort_orm::MapperId,
}

impl MapperInspection {
    /// The mapper of `class` (mapped as `mapper`).
    pub fn of(
        ctx: &Rc<Ctx>,
        class: &Rc<retort_python::Class>,
        mapper: retort_orm::MapperId,
    ) -> Self {
        MapperInspection {
            ctx: ctx.clone(),
            class: Rc::downgrade(class),
            class_name: class.name.to_string(),
            mapper,
        }
    }

    fn class(&self) -> PyResult<Rc<retort_python::Class>> {
        self.class
            .upgrade()
            .ok_or_else(|| retort_python::PyErr::new("ReferenceError", "the mapped class is gone"))
    }

    /// The table name, and the property keys: all in `Mapper.attrs`
    /// order, the columns', the relationships'.
    fn layout(&self) -> PyResult<MapperLayout> {
        self.ctx.peek(|s| {
            let Ok(mapper) = s.mapper(self.mapper) else {
                return MapperLayout::default();
            };
            let columns: Vec<String> = mapper
                .columns
                .iter()
                .map(|c| c.attr.as_ref().to_string())
                .collect();
            let declared = mapper.relationships.iter().filter(|r| !r.from_backref);
            let backrefs = mapper.relationships.iter().filter(|r| r.from_backref);
            let mut all: Vec<String> = declared.map(|r| r.key.clone()).collect();
            all.extend(columns.iter().cloned());
            all.extend(backrefs.map(|r| r.key.clone()));
            let relationships = mapper.relationships.iter().map(|r| r.key.clone()).collect();
            MapperLayout {
                table: mapper.table.name.clone(),
                all,
                columns,
                relationships,
            }
        })
    }

    fn class_attribute(&self, interp: &mut Interpreter, key: &str) -> PyResult<Value> {
        interp.get_attr(&Value::Class(self.class()?), key)
    }

    fn properties(&self, interp: &mut Interpreter, keys: Vec<String>) -> PyResult<Value> {
        let mut values = Vec::new();
        for key in &keys {
            values.push(self.class_attribute(interp, key)?);
        }
        Ok(Value::native(PropertiesObject::new(keys, values)))
    }
}

impl NativeObject for MapperInspection {
    fn type_name(&self) -> &str {
        "Mapper"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        let address = this.identity().unwrap_or_default();
        Ok(format!("<Mapper at {address:#x}; {}>", self.class_name))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let table = self.layout()?.table;
        Ok(format!("Mapper[{}({table})]", self.class_name))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let class = Value::Class(self.class()?);
        Ok(Some(match name {
            "class_" | "entity" => class.clone(),
            "local_table" | "persist_selectable" | "mapped_table" => interp_table(interp, &class)?,
            "tables" => Value::list(vec![interp_table(interp, &class)?]),
            // Keyed by attribute, not by column name as the table's are.
            "columns" | "c" => {
                let table = self
                    .ctx
                    .peek(|s| s.mapper(self.mapper).map(|m| m.table.clone()))?
                    .map_err(|e| self.ctx.error(interp, e))?;
                Value::native(crate::schema::ColumnCollection {
                    table,
                    ctx: self.ctx.clone(),
                })
            }
            "primary_key" => {
                let primary: Vec<String> = self.ctx.peek(|s| {
                    s.mapper(self.mapper)
                        .map(|m| {
                            m.columns
                                .iter()
                                .filter(|c| c.primary_key)
                                .map(|c| c.column.clone())
                                .collect()
                        })
                        .unwrap_or_default()
                })?;
                let table = interp_table(interp, &class)?;
                let columns = interp.get_attr(&table, "c")?;
                let mut values = Vec::new();
                for column in primary {
                    values.push(interp.get_attr(&columns, &column)?);
                }
                Value::tuple(values)
            }
            "attrs" => {
                let all = self.layout()?.all;
                self.properties(interp, all)?
            }
            "column_attrs" => {
                let columns = self.layout()?.columns;
                self.properties(interp, columns)?
            }
            "relationships" => {
                let relationships = self.layout()?.relationships;
                self.properties(interp, relationships)?
            }
            "get_property" => {
                let class = self.class()?;
                NativeFunction::function("get_property", move |interp, args| {
                    let key = args.positional.first().cloned().unwrap_or(Value::None);
                    let key = interp.str(&key)?;
                    interp.get_attr(&Value::Class(class.clone()), &key)
                })
            }
            _ => return Ok(None),
        }))
    }
}

/// A mapper's table name and property keys: all of them in
/// `Mapper.attrs` order, the columns', the relationships'.
#[derive(Default)]
struct MapperLayout {
    table: String,
    all: Vec<String>,
    columns: Vec<String>,
    relationships: Vec<String>,
}

/// `Model.__table__`.
fn interp_table(interp: &mut Interpreter, class: &Value) -> PyResult<Value> {
    interp.get_attr(class, "__table__")
}

/// Properties by key, SQLAlchemy's `ReadOnlyProperties` (`Mapper.attrs`,
/// `inspect(obj).attrs`, ...): attribute access, `keys()`, `values()`,
/// `items()`, `[key]`, `in`, iteration over the values.
#[derive(Debug)]
pub(super) struct PropertiesObject {
    keys: Vec<String>,
    values: Vec<Value>,
}

impl PropertiesObject {
    /// `values[i]` is the property called `keys[i]`.
    pub(super) fn new(keys: Vec<String>, values: Vec<Value>) -> Self {
        PropertiesObject { keys, values }
    }
}

impl NativeObject for PropertiesObject {
    fn type_name(&self) -> &str {
        "ReadOnlyProperties"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "sqlalchemy.util._collections.ReadOnlyProperties",
            this,
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if let Some(at) = self.keys.iter().position(|k| k == name) {
            return Ok(Some(self.values[at].clone()));
        }
        let keys: Vec<Value> = self.keys.iter().map(|k| Value::str(k.as_str())).collect();
        let values = self.values.clone();
        Ok(match name {
            "keys" => Some(NativeFunction::function("keys", move |_, _| {
                Ok(Value::list(keys.clone()))
            })),
            "values" => Some(NativeFunction::function("values", move |_, _| {
                Ok(Value::list(values.clone()))
            })),
            "items" => Some(NativeFunction::function("items", move |_, _| {
                Ok(Value::list(
                    keys.iter()
                        .zip(values.iter())
                        .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                        .collect(),
                ))
            })),
            _ => None,
        })
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let name = interp.str(key)?;
        match self.keys.iter().position(|k| *k == name) {
            Some(at) => Ok(Some(self.values[at].clone())),
            None => Err(retort_python::PyErr::new("KeyError", interp.repr(key)?)),
        }
    }

    fn iter(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.values.clone())))
    }

    fn len(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.keys.len()))
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        let name = interp.str(item)?;
        Ok(Some(self.keys.contains(&name)))
    }
}
