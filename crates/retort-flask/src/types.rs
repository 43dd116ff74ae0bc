//! Column types (`db.Integer`, `db.String(64)`, `Numeric(10, 2)`, ...) as
//! Python objects: usable bare or called with their arguments.

use retort_python::format::repr::str_repr;
use retort_python::stdlib::enums;
use retort_python::{CallArgs, Interpreter, NativeObject, PyErr, PyResult, Value};
use retort_sql::{EnumObject, SqlType};

use crate::convert::to_param;

/// A column type object.
#[derive(Debug, Clone)]
pub struct TypeObject {
    pub name: &'static str,
    pub sql_type: SqlType,
    /// The Python enum class of `Enum(SomeEnum)`.
    pub enum_class: Option<String>,
}

/// The type names a script can use, with their argument-less types.
pub const TYPE_NAMES: &[&str] = &[
    "Integer",
    "SmallInteger",
    "BigInteger",
    "String",
    "Text",
    "Unicode",
    "UnicodeText",
    "Float",
    "Numeric",
    "Boolean",
    "Date",
    "DateTime",
    "Time",
    "Interval",
    "LargeBinary",
    "PickleType",
    "JSON",
    "Enum",
    "Uuid",
    "UUID",
    "Double",
];

/// SQLAlchemy's uppercase SQL-standard type classes: each behaves as a
/// generic type and keeps its own DDL spelling.
pub const SPELLED_TYPE_NAMES: &[&str] = &[
    "INTEGER",
    "INT",
    "SMALLINT",
    "BIGINT",
    "VARCHAR",
    "CHAR",
    "NVARCHAR",
    "NCHAR",
    "TEXT",
    "CLOB",
    "FLOAT",
    "REAL",
    "DOUBLE",
    "DOUBLE_PRECISION",
    "NUMERIC",
    "DECIMAL",
    "BOOLEAN",
    "DATE",
    "DATETIME",
    "TIMESTAMP",
    "TIME",
    "BLOB",
    "BINARY",
    "VARBINARY",
];

/// Whether a type object's class name is one of [`SPELLED_TYPE_NAMES`].
pub fn is_spelled(name: &str) -> bool {
    SPELLED_TYPE_NAMES.contains(&name)
}

/// The static name of an uppercase type class.
pub fn spelled_name(name: &str) -> &'static str {
    SPELLED_TYPE_NAMES
        .iter()
        .copied()
        .find(|n| *n == name)
        .unwrap_or("NullType")
}

/// The bare type called `name`.
pub fn bare_type(name: &str) -> Option<TypeObject> {
    let (name, sql_type) = match name {
        "Integer" => ("Integer", SqlType::Integer),
        "SmallInteger" => ("SmallInteger", SqlType::SmallInteger),
        "BigInteger" => ("BigInteger", SqlType::BigInteger),
        "String" => ("String", SqlType::String(None)),
        "Text" => ("Text", SqlType::Text),
        "Unicode" => ("Unicode", SqlType::Unicode(None)),
        "UnicodeText" => ("UnicodeText", SqlType::UnicodeText),
        "Float" => ("Float", SqlType::Float(None)),
        "Numeric" => ("Numeric", SqlType::Numeric(None, None)),
        "Boolean" => ("Boolean", SqlType::Boolean),
        "Date" => ("Date", SqlType::Date),
        "DateTime" => ("DateTime", SqlType::DateTime),
        "Time" => ("Time", SqlType::Time),
        "Interval" => ("Interval", SqlType::Interval),
        "LargeBinary" => ("LargeBinary", SqlType::LargeBinary),
        "PickleType" => ("PickleType", SqlType::PickleType),
        "JSON" => ("JSON", SqlType::Json),
        "Enum" => ("Enum", SqlType::enum_of(Vec::<String>::new())),
        "Uuid" => ("Uuid", SqlType::uuid()),
        "Double" => ("Double", SqlType::Float(None)),
        "INTEGER" | "INT" => (spelled_name(name), SqlType::Integer),
        "SMALLINT" => ("SMALLINT", SqlType::SmallInteger),
        "BIGINT" => ("BIGINT", SqlType::BigInteger),
        "VARCHAR" | "CHAR" => (spelled_name(name), SqlType::String(None)),
        "NVARCHAR" | "NCHAR" => (spelled_name(name), SqlType::Unicode(None)),
        "TEXT" | "CLOB" => (spelled_name(name), SqlType::Text),
        "FLOAT" | "REAL" | "DOUBLE" | "DOUBLE_PRECISION" => {
            (spelled_name(name), SqlType::Float(None))
        }
        "NUMERIC" | "DECIMAL" => (spelled_name(name), SqlType::Numeric(None, None)),
        "BOOLEAN" => ("BOOLEAN", SqlType::Boolean),
        "DATE" => ("DATE", SqlType::Date),
        "DATETIME" | "TIMESTAMP" => (spelled_name(name), SqlType::DateTime),
        "TIME" => ("TIME", SqlType::Time),
        "BLOB" | "BINARY" | "VARBINARY" => (spelled_name(name), SqlType::LargeBinary),
        "UUID" => (
            "UUID",
            SqlType::Uuid {
                as_uuid: true,
                native_uuid: true,
                uppercase: true,
            },
        ),
        _ => return None,
    };
    Some(TypeObject {
        name,
        sql_type,
        enum_class: None,
    })
}

/// The type object of a column's SQL type (`Column.type`).
pub fn type_object_for(sql_type: &SqlType) -> TypeObject {
    if let SqlType::Uuid { uppercase, .. } = sql_type {
        return TypeObject {
            name: if *uppercase { "UUID" } else { "Uuid" },
            sql_type: sql_type.clone(),
            enum_class: None,
        };
    }
    let name = TYPE_NAMES
        .iter()
        .copied()
        .find(|name| {
            bare_type(name).is_some_and(|bare| {
                std::mem::discriminant(&bare.sql_type) == std::mem::discriminant(sql_type)
            })
        })
        .unwrap_or("NullType");
    TypeObject {
        name,
        sql_type: sql_type.clone(),
        enum_class: None,
    }
}

/// All bare types as `(name, value)` pairs for modules and `db`.
pub fn type_entries() -> Vec<(&'static str, Value)> {
    TYPE_NAMES
        .iter()
        .chain(SPELLED_TYPE_NAMES)
        .filter_map(|name| bare_type(name).map(|t| (*name, Value::native(t))))
        .collect()
}

fn length_arg(interp: &mut Interpreter, value: Option<Value>) -> PyResult<Option<u32>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(value) => match value.as_int() {
            Some(n) => Ok(u32::try_from(n).ok()),
            None => {
                let shown = interp.repr(&value)?;
                Err(PyErr::type_error(format!("invalid length {shown}")))
            }
        },
    }
}

impl TypeObject {
    /// The type's DDL, in its own spelling for an uppercase type class.
    pub fn ddl(&self) -> String {
        if is_spelled(self.name) {
            self.sql_type.spelled_ddl(self.name)
        } else {
            self.sql_type.ddl()
        }
    }

    /// The uppercase type class a column declared with this type keeps.
    pub fn spelling(&self) -> Option<String> {
        is_spelled(self.name).then(|| self.name.to_owned())
    }
}

impl NativeObject for TypeObject {
    fn type_name(&self) -> &str {
        self.name
    }

    /// `str(type)`: the type's DDL (`VARCHAR(30)`, `INTEGER`).
    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.ddl())
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(match &self.sql_type {
            SqlType::String(Some(n)) | SqlType::Unicode(Some(n)) => {
                format!("{}(length={n})", self.name)
            }
            SqlType::Numeric(Some(p), Some(s)) => {
                format!("{}(precision={p}, scale={s})", self.name)
            }
            SqlType::Float(Some(p)) => format!("{}(precision={p})", self.name),
            SqlType::Enum { members, name, .. } => {
                let mut args: Vec<String> = members.iter().map(|m| str_repr(m)).collect();
                if let Some(name) = name {
                    args.push(format!("name={}", str_repr(name)));
                }
                format!("Enum({})", args.join(", "))
            }
            SqlType::Uuid {
                as_uuid,
                native_uuid,
                ..
            } => {
                let mut args = Vec::new();
                if !as_uuid {
                    args.push("as_uuid=False");
                }
                if !native_uuid {
                    args.push("native_uuid=False");
                }
                format!("{}({})", self.name, args.join(", "))
            }
            _ => format!("{}()", self.name),
        })
    }

    /// The type's arguments as attributes (`Enum.enums`, `String.length`).
    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let number = |n: &Option<u32>| n.map_or(Value::None, |n| Value::Int(i64::from(n)));
        Ok(match (&self.sql_type, name) {
            (SqlType::Enum { members, .. }, "enums") => Some(Value::list(
                members.iter().map(|m| Value::str(m.as_str())).collect(),
            )),
            (SqlType::Enum { name, .. }, "name") => {
                Some(name.as_deref().map_or(Value::None, Value::str))
            }
            (
                SqlType::Enum {
                    length, members, ..
                },
                "length",
            ) => Some(Value::Int(
                length
                    .map(i64::from)
                    .or_else(|| members.iter().map(|m| m.chars().count() as i64).max())
                    .unwrap_or(0),
            )),
            (SqlType::Enum { .. }, "enum_class") => Some(match &self.enum_class {
                Some(class) => interp.global(class).unwrap_or(Value::None),
                None => Value::None,
            }),
            (SqlType::String(length) | SqlType::Unicode(length), "length") => Some(number(length)),
            (SqlType::Float(precision), "precision") => Some(number(precision)),
            (SqlType::Numeric(precision, _), "precision") => Some(number(precision)),
            (SqlType::Numeric(_, scale), "scale") => Some(number(scale)),
            (SqlType::Uuid { as_uuid, .. }, "as_uuid") => Some(Value::Bool(*as_uuid)),
            // The type class's name (`db.Integer` stands for the class and
            // for its instance alike).
            (_, "__name__" | "__qualname__") => Some(Value::str(self.name)),
            _ => None,
        })
    }

    fn call(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        mut args: CallArgs,
    ) -> PyResult<Option<Value>> {
        if self.name == "Enum" {
            return enum_type(interp, args).map(Some);
        }
        let sql_type = match &self.sql_type {
            SqlType::String(_) => SqlType::String(length_arg(interp, args.take(0, "length"))?),
            SqlType::Unicode(_) => SqlType::Unicode(length_arg(interp, args.take(0, "length"))?),
            SqlType::Float(_) => SqlType::Float(length_arg(interp, args.take(0, "precision"))?),
            SqlType::Numeric(..) => {
                let precision = length_arg(interp, args.take(0, "precision"))?;
                let scale = length_arg(interp, args.take(1, "scale"))?;
                SqlType::Numeric(precision, scale)
            }
            SqlType::Uuid { uppercase, .. } => {
                let mut flag = |index: usize, name: &str| match args.take(index, name) {
                    Some(value) => interp.is_truthy(&value),
                    None => Ok(true),
                };
                SqlType::Uuid {
                    as_uuid: flag(0, "as_uuid")?,
                    native_uuid: flag(1, "native_uuid")?,
                    uppercase: *uppercase,
                }
            }
            other => other.clone(),
        };
        Ok(Some(Value::native(TypeObject {
            name: self.name,
            sql_type,
            enum_class: None,
        })))
    }
}

/// The SQL type of a value passed where a type is expected: a type object,
/// bare or called.
pub fn sql_type_of(value: &Value) -> Option<SqlType> {
    value
        .downcast_native::<TypeObject>()
        .map(|t| t.sql_type.clone())
}

/// The type a `Mapped[...]` annotation's Python type implies.
pub fn type_for_python(name: &str) -> Option<SqlType> {
    Some(match name {
        "int" => SqlType::Integer,
        "str" => SqlType::String(None),
        "float" => SqlType::Float(None),
        "bool" => SqlType::Boolean,
        "bytes" => SqlType::LargeBinary,
        "datetime" => SqlType::DateTime,
        "date" => SqlType::Date,
        "time" => SqlType::Time,
        "timedelta" => SqlType::Interval,
        "Decimal" => SqlType::Numeric(None, None),
        "UUID" => SqlType::uuid(),
        _ => return None,
    })
}

/// `Enum(PythonEnumClass)`, the type `Mapped[PythonEnumClass]` implies.
pub fn enum_type_of(interp: &mut Interpreter, class: &Value) -> PyResult<TypeObject> {
    let value = enum_type(interp, CallArgs::new(vec![class.clone()]))?;
    value
        .downcast_native::<TypeObject>()
        .cloned()
        .ok_or_else(|| PyErr::type_error("Enum() made no type"))
}

/// `Enum('a', 'b', name=...)` or `Enum(PythonEnumClass)`: members by name.
fn enum_type(interp: &mut Interpreter, mut args: CallArgs) -> PyResult<Value> {
    let mut members = Vec::new();
    let mut objects = Vec::new();
    let mut enum_class = None;
    let mut type_name = None;
    let values_callable = args.take_keyword("values_callable");
    for value in std::mem::take(&mut args.positional) {
        match &value {
            Value::Class(class) => {
                enum_class = Some(class.name.to_string());
                type_name = Some(class.name.to_lowercase());
                for member in interp.iterate(&value)? {
                    let name = interp.get_attr(&member, "name")?;
                    let name = interp.str(&name)?;
                    let data_value = match enums::data_type_value(&member) {
                        Some(value) => Some(to_param(interp, &value)?),
                        None => None,
                    };
                    members.push(name.clone());
                    objects.push(EnumObject { name, data_value });
                }
                // `values_callable(EnumClass)` gives the stored value of
                // each member, in order, instead of its name.
                if let Some(callable) = &values_callable {
                    let stored = interp.call(callable, CallArgs::new(vec![value.clone()]))?;
                    members = interp
                        .iterate(&stored)?
                        .iter()
                        .map(|v| interp.str(v))
                        .collect::<PyResult<_>>()?;
                    if members.len() != objects.len() {
                        return Err(PyErr::value_error(format!(
                            "values_callable gave {} values for the {} members of {}",
                            members.len(),
                            objects.len(),
                            class.name
                        )));
                    }
                }
            }
            other => members.push(interp.str(other)?),
        }
    }
    if let Some(name) = args.take_keyword("name") {
        type_name = Some(interp.str(&name)?);
    }
    let length = match args.take_keyword("length") {
        Some(value) => value.as_int().and_then(|n| u32::try_from(n).ok()),
        None => None,
    };
    Ok(Value::native(TypeObject {
        name: "Enum",
        sql_type: SqlType::Enum {
            members,
            length,
            name: type_name,
            objects,
        },
        enum_class,
    }))
}
