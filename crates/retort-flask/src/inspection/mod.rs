//! `inspect(...)` of the ORM: [`instance_state`] for a model instance
//! (SQLAlchemy's `InstanceState`, its `AttributeState`s), [`history`] for
//! an attribute's `History`, [`mapper`] for a model class (its `Mapper`,
//! also `Model.__mapper__`).

mod history;
mod instance_state;
mod mapper;

pub use instance_state::InstanceStateObject;
pub use mapper::MapperInspection;
