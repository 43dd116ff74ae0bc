//! The Python objects event listeners receive besides the target: the
//! marker symbols (`NO_VALUE`, `symbol('APPEND')`), the `initiator` token,
//! the `Mapper`, the `Connection`, the flush context, the `Session`, and
//! the `sqlalchemy.orm.Session` class as an event target.

use retort_python::native::object_repr;
use std::rc::Rc;

use retort_python::{Class, CmpOp, Interpreter, NativeObject, PyResult, Value};

use crate::session::SessionObject;

/// SQLAlchemy's marker symbols (`symbol('NO_VALUE')`).
#[derive(Debug)]
pub struct Symbol(pub &'static str);

impl NativeObject for Symbol {
    fn type_name(&self) -> &str {
        "LoaderCallableStatus"
    }

    /// An `enum.Enum` member's repr (`<LoaderCallableStatus.NO_VALUE: 4>`).
    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!(
            "<LoaderCallableStatus.{}: {}>",
            self.0,
            self.value()
        ))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("LoaderCallableStatus.{}", self.0))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(self.0)),
            "value" => Some(Value::Int(self.value())),
            _ => None,
        })
    }

    fn truthy(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(false)
    }
}

impl Symbol {
    /// The member's value in SQLAlchemy's `LoaderCallableStatus`.
    fn value(&self) -> i64 {
        match self.0 {
            "PASSIVE_NO_RESULT" => 0,
            "PASSIVE_CLASS_MISMATCH" => 1,
            "ATTR_WAS_SET" => 2,
            "ATTR_EMPTY" => 3,
            _ => 4,
        }
    }
}

/// An attribute operation symbol (`attributes.OP_APPEND`).
#[derive(Debug)]
pub struct OpSymbol(pub &'static str);

impl NativeObject for OpSymbol {
    fn type_name(&self) -> &str {
        "symbol"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("symbol('{}')", self.0))
    }

    fn compare(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        let same = other
            .downcast_native::<OpSymbol>()
            .is_some_and(|o| o.0 == self.0);
        Ok(match op {
            CmpOp::Eq => Some(Value::Bool(same)),
            CmpOp::NotEq => Some(Value::Bool(!same)),
            _ => None,
        })
    }
}

/// The `initiator` argument: which attribute operation fired the event.
#[derive(Debug)]
pub struct EventToken {
    /// `APPEND`, `REMOVE`, `REPLACE` or `BULK_REPLACE`.
    pub op: &'static str,
    pub key: String,
}

impl NativeObject for EventToken {
    fn type_name(&self) -> &str {
        "AttributeEventToken"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            "sqlalchemy.orm.attributes.AttributeEventToken",
            this,
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "key" => Some(Value::str(self.key.as_str())),
            "op" => Some(Value::native(OpSymbol(self.op))),
            _ => None,
        })
    }
}

/// The `mapper` argument of mapper events.
#[derive(Debug)]
pub struct MapperObject {
    pub class: Rc<Class>,
    pub table: String,
}

impl NativeObject for MapperObject {
    fn type_name(&self) -> &str {
        "Mapper"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        let address = this.identity().unwrap_or_default();
        Ok(format!("<Mapper at {address:#x}; {}>", self.class.name))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("Mapper[{}({})]", self.class.name, self.table))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "class_" | "entity" => Some(Value::Class(self.class.clone())),
            _ => None,
        })
    }
}

/// An object that stands for what SQLAlchemy passes and Retort has no
/// Python form of (`Connection`, `UOWTransaction`, `SessionTransaction`).
#[derive(Debug)]
pub struct Opaque {
    pub type_name: &'static str,
    pub module: &'static str,
}

impl NativeObject for Opaque {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr(
            &format!("{}.{}", self.module, self.type_name),
            this,
        ))
    }
}

/// The `Session` a session event's listener receives (Flask-SQLAlchemy's
/// scoped session hands over the session it wraps).
#[derive(Debug)]
pub struct SessionInstance(pub SessionObject);

impl NativeObject for SessionInstance {
    fn type_name(&self) -> &str {
        "Session"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.orm.session.Session", this))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        self.0.get_attr(interp, this, name)
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        self.0.contains(interp, this, item)
    }
}

/// `sqlalchemy.orm.Session` / `sessionmaker` as event targets.
#[derive(Debug)]
pub struct SessionClass(pub &'static str);

impl NativeObject for SessionClass {
    fn type_name(&self) -> &str {
        "type"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("<class 'sqlalchemy.orm.session.{}'>", self.0))
    }
}
