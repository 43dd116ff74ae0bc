//! `db.Model`: the host base class whose subclass hook maps a class (its
//! `Table` and `Mapper` from the class dict in definition order), the
//! keyword constructor, column attributes as data descriptors, and the
//! class-level `Model.query` descriptor.

use std::rc::Rc;

use retort_orm::{
    ColumnDefault, HostCallable, Mapper, MapperId, ObjectStatus, camel_to_snake_case,
};
use retort_python::stdlib::typing::{TypeForm, inspect_annotation};
use retort_python::{Class, ClassHooks, Interpreter, NativeFunction, NativeObject};
use retort_python::{PyErr, PyResult, Value};
use retort_sql::{Autoincrement, Column, SqlType, Table};

use crate::column::ColumnSpec;
use crate::convert::{from_orm_in, to_orm};
use crate::ctx::{Ctx, ModelInfo};
use crate::declared_attr::DeclaredAttr;
use crate::expr::ExprObject;
use crate::query::QueryObject;
use crate::relationship::{PendingRelationship, RelationshipAttribute, RelationshipSpec};
use crate::schema::TableObject;
use crate::types::type_for_python;

/// The subclass hook of `db.Model`.
#[derive(Debug)]
pub struct ModelHooks {
    pub ctx: Rc<Ctx>,
}

/// A mapped column attribute (`User.name`): a data descriptor.
#[derive(Debug)]
pub struct ColumnAttribute {
    pub ctx: Rc<Ctx>,
    pub mapper: MapperId,
    pub attr: String,
    pub sql_type: SqlType,
    pub table: String,
    pub column: String,
    pub class_name: String,
}

impl ColumnAttribute {
    /// `User.name` as an expression object.
    pub fn expression(&self) -> ExprObject {
        ExprObject {
            expr: retort_sql::Expr::col(self.table.clone(), self.column.clone()),
            sql_type: Some(self.sql_type.clone()),
            name: self.attr.clone(),
            attribute: Some((self.mapper, self.attr.clone())),
            display: Some(format!("{}.{}", self.class_name, self.attr)),
            column: None,
            column_default: None,
            proxy_key: None,
            negation: None,
        }
    }
}

impl NativeObject for ColumnAttribute {
    fn type_name(&self) -> &str {
        "InstrumentedAttribute"
    }

    fn descriptor_get(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        let Some(instance) = instance else {
            return Ok(Some(Value::native(self.expression())));
        };
        let id = self.ctx.object_of(interp, instance)?;
        if let Some(kind) = crate::serialized::Serialization::of(&self.sql_type) {
            return crate::serialized::get(&self.ctx, interp, kind, id, &self.attr).map(Some);
        }
        let value = self.ctx.run(interp, |session, host| {
            session.read_attr(host, id, &self.attr)
        })?;
        Ok(Some(from_orm_in(interp, &value)?))
    }

    fn is_data_descriptor(&self) -> bool {
        true
    }

    fn descriptor_set(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        instance: &Value,
        value: Value,
    ) -> PyResult<()> {
        let id = self.ctx.object_of(interp, instance)?;
        let value = if self.ctx.has_listeners(self.mapper, &self.attr) {
            let old = self.ctx.peek(|s| {
                s.state(id)
                    .ok()
                    .and_then(|state| state.dict.get(self.attr.as_str()).cloned())
            })?;
            let oldvalue = match old {
                Some(old) => from_orm_in(interp, &old)?,
                None => Value::native(crate::events::Symbol("NO_VALUE")),
            };
            self.ctx
                .fire_set(interp, self.mapper, &self.attr, instance, value, oldvalue)?
        } else {
            value
        };
        if let Some(kind) = crate::serialized::Serialization::of(&self.sql_type) {
            return crate::serialized::set(&self.ctx, interp, kind, id, &self.attr, value);
        }
        let value = to_orm(interp, &value)?;
        self.ctx
            .run(interp, |session, _| session.set_attr(id, &self.attr, value))
    }
}

/// `Model.query`: a legacy `Query` for the class.
#[derive(Debug)]
pub struct QueryProperty {
    pub ctx: Rc<Ctx>,
}

impl NativeObject for QueryProperty {
    fn type_name(&self) -> &str {
        "_QueryProperty"
    }

    fn descriptor_get(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        let Some(mapper) = Ctx::mapper_of_class(owner) else {
            return Ok(None);
        };
        Ok(Some(Value::native(QueryObject::for_mapper(
            self.ctx.clone(),
            mapper,
        ))))
    }
}

/// The model constructor: keyword arguments set mapped attributes.
pub fn model_init(ctx: Rc<Ctx>) -> Value {
    NativeFunction::method("__init__", move |interp, mut args| {
        if args.positional.len() != 1 {
            return Err(PyErr::type_error(format!(
                "__init__() takes 1 positional argument but {} were given",
                args.positional.len()
            )));
        }
        let instance = args.positional.remove(0);
        let class = interp.class_of(&instance);
        ctx.object_of(interp, &instance)?;
        let keywords = ctx
            .fire_init(interp, &class, &instance, &[], &args.keywords)?
            .unwrap_or(args.keywords);
        for (key, value) in keywords {
            if class.lookup(&key).is_none() {
                return Err(PyErr::type_error(format!(
                    "'{key}' is an invalid keyword argument for {}",
                    class.name
                )));
            }
            interp.set_attr(&instance, &key, value)?;
        }
        Ok(Value::None)
    })
}

/// A mapped class's own `__init__`, instrumented as SQLAlchemy's class
/// manager does: the object gets its state and the `init` listeners run
/// with the constructor's arguments before the original body.
fn instrumented_init(ctx: Rc<Ctx>, original: Value) -> Value {
    NativeFunction::method("__init__", move |interp, args| {
        let Some(instance) = args.positional.first().cloned() else {
            return interp.call(&original, args);
        };
        let class = interp.class_of(&instance);
        ctx.object_of(interp, &instance)?;
        // Arguments that do not bind make the original raise TypeError.
        if let Value::Function(function) = &original
            && let Some((positional, keywords)) =
                init_event_arguments(function, &args.positional[1..], &args.keywords)
            && let Some(changed) =
                ctx.fire_init(interp, &class, &instance, &positional, &keywords)?
        {
            // The constructor gets the `kwargs` the listeners left, as
            // SQLAlchemy's `_initialize_instance` passes them on.
            let mut call = vec![instance];
            call.extend(positional);
            return interp.call(
                &original,
                retort_python::CallArgs::with_keywords(call, changed),
            );
        }
        interp.call(&original, args)
    })
}

/// The `args` and `kwargs` of an `init` event.
type InitArguments = (Vec<Value>, Vec<(String, Value)>);

/// The `(args, kwargs)` the `init` event gets for a call of a Python
/// `__init__`: SQLAlchemy's generated constructor passes the parameters
/// without defaults (and `*args`) positionally and those with defaults,
/// keyword-only ones and `**kwargs` by keyword, with their bound values.
/// `None` when the call does not bind.
fn init_event_arguments(
    function: &retort_python::value::Function,
    positional: &[Value],
    keywords: &[(String, Value)],
) -> Option<InitArguments> {
    let params = &function.def.params;
    let named = params.positional.get(1..).unwrap_or_default();
    let first_default = params
        .positional
        .len()
        .checked_sub(function.defaults.len())?;
    let mut used: Vec<&str> = Vec::new();
    let mut args = Vec::new();
    let mut kwargs = Vec::new();
    for (i, param) in named.iter().enumerate() {
        let index = i + 1;
        let keyword = keywords.iter().find(|(k, _)| **k == *param.name);
        let value = match (positional.get(i), keyword) {
            (Some(value), None) => value.clone(),
            (None, Some((key, value))) => {
                used.push(key);
                value.clone()
            }
            (None, None) if index >= first_default => {
                function.defaults.get(index - first_default)?.clone()
            }
            _ => return None,
        };
        if index < first_default {
            args.push(value);
        } else {
            kwargs.push((param.name.to_string(), value));
        }
    }
    let extra = positional.get(named.len()..).unwrap_or_default();
    if !extra.is_empty() {
        params.vararg.as_ref()?;
        args.extend(extra.iter().cloned());
    }
    for (param, default) in params.kwonly.iter().zip(&function.kw_defaults) {
        let value = match keywords.iter().find(|(k, _)| **k == *param.name) {
            Some((key, value)) => {
                used.push(key);
                value.clone()
            }
            None => default.clone()?,
        };
        kwargs.push((param.name.to_string(), value));
    }
    for (key, value) in keywords {
        if !used.contains(&key.as_str()) {
            params.kwarg.as_ref()?;
            kwargs.push((key.clone(), value.clone()));
        }
    }
    Some((args, kwargs))
}

/// Flask-SQLAlchemy's `Model.__repr__`: `<User 1>` once the object has an
/// identity, `<User (transient 1403...)>` / `(pending ...)` before.
pub fn model_repr(ctx: Rc<Ctx>) -> Value {
    NativeFunction::method("__repr__", move |interp, args| {
        let instance = args.positional.first().cloned().unwrap_or(Value::None);
        let class_name = interp.class_of(&instance).name.to_string();
        let id = ctx.object_of(interp, &instance)?;
        let (status, key) = ctx.peek(|s| {
            let state = s.state(id).ok();
            (s.status(id).ok(), state.and_then(|st| st.key.clone()))
        })?;
        let address = instance.identity().unwrap_or(0);
        let shown = match (status, key) {
            (Some(ObjectStatus::Pending), _) => format!("(pending {address})"),
            (_, Some(key)) => {
                let mut parts = Vec::new();
                for value in &key {
                    let value = from_orm_in(interp, value)?;
                    parts.push(interp.str(&value)?);
                }
                parts.join(", ")
            }
            _ => format!("(transient {address})"),
        };
        Ok(Value::str(format!("<{class_name} {shown}>")))
    })
}

/// SQLAlchemy passes the execution context to a `default=` function with
/// exactly one required positional parameter.
fn takes_context(value: &Value) -> bool {
    match value {
        Value::Function(function) => {
            function
                .def
                .params
                .positional
                .iter()
                .filter(|p| p.default.is_none())
                .count()
                == 1
        }
        _ => false,
    }
}

/// The type `T` of `Annotated[T, ...]`.
fn annotated_base(value: Option<&Value>) -> Option<Value> {
    match value?.downcast_native::<TypeForm>()? {
        TypeForm::Generic { name, args, .. } if name == "Annotated" => args.first().cloned(),
        _ => None,
    }
}

/// The `mapped_column(...)` of a `Mapped[Annotated[T, mapped_column(...)]]`
/// annotation (directly or through an alias such as `intpk`).
fn annotated_spec(annotation: &Value) -> Option<ColumnSpec> {
    let outer = inspect_annotation(annotation);
    let inner = outer.args.first()?;
    let info = inspect_annotation(inner);
    match info.types.first()?.downcast_native::<TypeForm>()? {
        TypeForm::Generic { name, args, .. } if name == "Annotated" => args
            .iter()
            .skip(1)
            .find_map(|arg| arg.downcast_native::<ColumnSpec>().cloned()),
        _ => None,
    }
}

/// What a `Mapped[...]` annotation says of its column.
pub(crate) struct MappedType {
    /// The SQL type its Python type implies.
    sql_type: Option<SqlType>,
    /// The Python enum class of `Mapped[SomeEnum]`.
    enum_class: Option<String>,
    /// A Python class SQLAlchemy's type map has no type for (`dict`).
    unresolved: Option<String>,
    /// `Optional[...]` / `... | None`.
    allows_none: bool,
}

/// The SQL type of a `Mapped[...]` annotation's Python type (an enum
/// class gives `Enum(cls)`) and whether it allows `None`.
fn mapped_annotation(interp: &mut Interpreter, annotation: &Value) -> PyResult<MappedType> {
    let mut mapped = MappedType {
        sql_type: None,
        enum_class: None,
        unresolved: None,
        allows_none: false,
    };
    let outer = inspect_annotation(annotation);
    let Some(inner) = outer.args.first() else {
        return Ok(mapped);
    };
    let mut info = inspect_annotation(inner);
    if let Some(base) = annotated_base(info.types.first()) {
        let optional = info.allows_none;
        info = inspect_annotation(&base);
        info.allows_none |= optional;
    }
    mapped.allows_none = info.allows_none;
    if let Some(value @ Value::Class(class)) = info.types.first() {
        if class.mro_iter().any(|c| c.name.as_ref() == "Enum") {
            let enum_type = crate::types::enum_type_of(interp, value)?;
            mapped.sql_type = Some(enum_type.sql_type);
            mapped.enum_class = enum_type.enum_class;
        } else {
            mapped.sql_type = type_for_python(&class.name);
            if mapped.sql_type.is_none() {
                mapped.unresolved = Some(class.name.to_string());
            }
        }
    }
    Ok(mapped)
}

impl ModelHooks {
    pub(crate) fn column_of(
        &self,
        attr: &str,
        spec: &ColumnSpec,
        mapped: Option<&MappedType>,
    ) -> PyResult<Column> {
        let (annotated_type, optional) = match mapped {
            Some(mapped) => {
                if spec.sql_type.is_none()
                    && let Some(class) = &mapped.unresolved
                {
                    let module =
                        if ["dict", "list", "set", "tuple", "object"].contains(&class.as_str()) {
                            String::new()
                        } else {
                            "__main__.".to_owned()
                        };
                    return Err(self.ctx.raise(
                        "MappedAnnotationError",
                        format!(
                            "Could not locate SQLAlchemy Core type when resolving for Python type \
                             indicated by '<class '{module}{class}'>' inside the Mapped[] \
                             annotation for the '{attr}' attribute; the type object is not \
                             resolvable by the registry"
                        ),
                    ));
                }
                (mapped.sql_type.clone(), mapped.allows_none)
            }
            None => (None, false),
        };
        let sql_type = match spec.sql_type.clone().or(annotated_type) {
            Some(sql_type) => sql_type,
            // `Column(ForeignKey('owner.id'))` without a type takes the type
            // of the column it refers to, once that table exists.
            None => spec
                .foreign_keys
                .first()
                .and_then(|fk| {
                    self.ctx
                        .peek(|session| {
                            session
                                .registry
                                .metadata
                                .table(&fk.table)
                                .and_then(|table| table.column(&fk.column))
                                .map(|column| column.sql_type.clone())
                        })
                        .ok()
                        .flatten()
                })
                .unwrap_or(SqlType::Null),
        };
        let name = spec.name.clone().unwrap_or_else(|| attr.to_string());
        let mut column = Column::new(name, sql_type);
        column.key = attr.to_string();
        if spec.primary_key {
            column = column.primary_key();
        }
        let nullable = match spec.nullable {
            Some(nullable) => nullable,
            None if spec.mapped && mapped.is_some() => optional,
            None => true,
        };
        if !nullable {
            column = column.not_null();
        }
        if spec.unique {
            column = column.unique();
        }
        if spec.index {
            column = column.index();
        }
        if let Some(default) = &spec.server_default {
            column = column.server_default(default.clone());
        }
        match spec.autoincrement {
            Some(true) => column.autoincrement = Autoincrement::True,
            Some(false) => column.autoincrement = Autoincrement::False,
            None => {}
        }
        for fk in &spec.foreign_keys {
            column = column.foreign_key(fk.clone());
        }
        column.constraints = spec.constraints.clone();
        if spec.sql_type.is_some() {
            column.type_spelling = spec.type_spelling.clone();
        }
        Ok(column)
    }

    pub(crate) fn default_of(
        &self,
        interp: &mut Interpreter,
        value: &Value,
    ) -> PyResult<ColumnDefault> {
        let callable = matches!(
            value,
            Value::Function(_) | Value::NativeFunction(_) | Value::BoundMethod(_) | Value::Class(_)
        );
        if callable {
            let mut callables = self.ctx.callables.borrow_mut();
            callables.push(value.clone());
            let index = u64::try_from(callables.len() - 1).unwrap_or(0);
            return Ok(ColumnDefault::Callable {
                callable: HostCallable(index),
                takes_context: takes_context(value),
            });
        }
        if let Some(expr) = value.downcast_native::<crate::expr::ExprObject>() {
            return Ok(ColumnDefault::Sql(expr.expr.clone()));
        }
        Ok(ColumnDefault::Scalar(to_orm(interp, value)?))
    }
}

impl ClassHooks for ModelHooks {
    fn instance_dict(&self, interp: &mut Interpreter, instance: &Value) -> PyResult<Option<Value>> {
        crate::inspection::instance_state::instance_dict(&self.ctx, interp, instance).map(Some)
    }

    fn subclass_created(
        &self,
        interp: &mut Interpreter,
        _base: &Rc<Class>,
        new_class: &Rc<Class>,
        _keywords: &[(String, Value)],
    ) -> PyResult<()> {
        let is_abstract = match new_class.dict.borrow().get("__abstract__") {
            Some(value) => matches!(value, Value::Bool(true)),
            None => false,
        };
        if is_abstract {
            return Ok(());
        }
        // `declared_attr` results: the class's own replace their functions;
        // a mixin's join the class, but its columns keep their place
        // among the inherited ones.
        let declared_attrs = crate::declared_attr::resolve(interp, new_class)?;
        for (name, value) in &declared_attrs {
            let mut dict = new_class.dict.borrow_mut();
            let own = dict
                .get(name)
                .is_some_and(|v| v.downcast_native::<DeclaredAttr>().is_some());
            if own || value.downcast_native::<ColumnSpec>().is_none() {
                dict.insert(name.clone(), value.clone());
            }
        }
        let entries: Vec<(String, Value)> = new_class
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let annotations = match new_class.dict.borrow().get("__annotations__") {
            Some(Value::Dict(dict)) => dict
                .borrow()
                .items()
                .into_iter()
                .filter_map(|(k, v)| k.as_str().map(|k| (k.to_string(), v)))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        let annotations = resolve_string_annotations(interp, annotations);
        let table_name = match entries.iter().find(|(k, _)| k == "__tablename__") {
            Some((_, value)) => Some(interp.str(value)?),
            // Flask-SQLAlchemy's `Model` (the one with `query`) names the
            // table; plain SQLAlchemy's declarative base does not.
            None if new_class.lookup("query").is_none()
                && new_class.lookup("__tablename__").is_none() =>
            {
                None
            }
            None => Some(camel_to_snake_case(&new_class.name)),
        };
        let mut columns = Vec::new();
        let mut defaults = Vec::new();
        let mut onupdates = Vec::new();
        let mut enum_classes = Vec::new();
        let mut deferred = Vec::new();
        let implicit = ColumnSpec {
            mapped: true,
            ..ColumnSpec::default()
        };
        let mut declared = declaration_order(&entries, &annotations);
        let mut annotations = annotations;
        for (attr, value, annotation) in inherited_columns(interp, new_class, &declared_attrs) {
            if declared.iter().all(|(k, _)| *k != attr) {
                if let Some(annotation) = annotation {
                    annotations.push((attr.clone(), annotation));
                }
                declared.push((attr, value));
            }
        }
        for (attr, value) in declared {
            let annotation = annotations.iter().find(|(k, _)| *k == attr).map(|(_, v)| v);
            // `Mapped[intpk]` with `intpk = Annotated[int, mapped_column(...)]`:
            // the annotation's column, under the attribute's own arguments.
            let from_annotation = annotation.and_then(annotated_spec);
            let merged;
            let spec = match (value.as_ref(), from_annotation) {
                (None, Some(annotated)) => {
                    merged = annotated;
                    &merged
                }
                (None, None) => &implicit,
                (Some(value), annotated) => {
                    let Some(own) = value.downcast_native::<ColumnSpec>() else {
                        continue;
                    };
                    match annotated {
                        Some(annotated) => {
                            merged = own.over(&annotated);
                            &merged
                        }
                        None => own,
                    }
                }
            };
            let mapped = match annotation {
                Some(annotation) => Some(mapped_annotation(interp, annotation)?),
                None => None,
            };
            columns.push(self.column_of(&attr, spec, mapped.as_ref())?);
            if let Some(class) = &spec.enum_class {
                enum_classes.push((attr.clone(), class.clone()));
            } else if spec.sql_type.is_none()
                && let Some(class) = mapped.and_then(|m| m.enum_class)
            {
                enum_classes.push((attr.clone(), class));
            }
            if spec.deferred {
                deferred.push((attr.clone(), spec.deferred_group.clone()));
            }
            if let Some(default) = &spec.default {
                let column = columns.last().map(|c| c.sql_type.clone());
                let default = match column
                    .as_ref()
                    .and_then(crate::serialized::Serialization::of)
                {
                    Some(kind) => kind.wrap_default(default),
                    None => default.clone(),
                };
                defaults.push((attr.clone(), self.default_of(interp, &default)?));
            }
            if let Some(onupdate) = &spec.onupdate {
                onupdates.push((attr.clone(), self.default_of(interp, onupdate)?));
            }
        }
        if columns.is_empty() {
            return Ok(());
        }
        let Some(table_name) = table_name else {
            return Err(self.ctx.raise(
                "InvalidRequestError",
                format!(
                    "Class <class '__main__.{}'> does not have a __table__ or __tablename__ \
                     specified and does not inherit from an existing table-mapped class.",
                    new_class.name
                ),
            ));
        };
        let table = Table::new(table_name.clone(), columns.clone());
        let table = match new_class.lookup("__table_args__") {
            Some(args) => {
                let (items, options) = crate::constraints::table_args(interp, &args)?;
                crate::constraints::apply(interp, table, items, &options)?
            }
            None => table,
        };
        let mut mapper = Mapper::new("__main__", new_class.name.to_string(), table);
        for (attr, default) in defaults {
            mapper = match mapper.with_default(&attr, default) {
                Ok(mapper) => mapper,
                Err(e) => return Err(self.ctx.error(interp, e)),
            };
        }
        for (attr, class) in enum_classes {
            mapper = match mapper.with_enum_class(&attr, &class) {
                Ok(mapper) => mapper,
                Err(e) => return Err(self.ctx.error(interp, e)),
            };
        }
        for (attr, group) in deferred {
            mapper = match mapper.with_deferred(&attr, group.as_deref()) {
                Ok(mapper) => mapper,
                Err(e) => return Err(self.ctx.error(interp, e)),
            };
        }
        for (attr, onupdate) in onupdates {
            mapper = match mapper.with_onupdate(&attr, onupdate) {
                Ok(mapper) => mapper,
                Err(e) => return Err(self.ctx.error(interp, e)),
            };
        }
        let declared_table = mapper.declared_table();
        let id = self.ctx.register_mapper(interp, mapper)?;
        new_class.set_host_state(Rc::new(ModelInfo { mapper: id }));
        self.ctx
            .classes
            .borrow_mut()
            .insert(id.0, new_class.clone());
        // A constructor written in Python (the class's or a mixin's) is
        // wrapped; the declarative base's fires `init` itself.
        let own_init = match new_class.lookup("__init__") {
            Some(original @ Value::Function(_)) => Some(original),
            _ => None,
        };
        let mut dict = new_class.dict.borrow_mut();
        for column in &columns {
            dict.insert(
                column.key.clone(),
                Value::native(ColumnAttribute {
                    ctx: self.ctx.clone(),
                    mapper: id,
                    attr: column.key.clone(),
                    sql_type: column.sql_type.clone(),
                    table: table_name.clone(),
                    column: column.name.clone(),
                    class_name: new_class.name.to_string(),
                }),
            );
        }
        for (attr, value) in &entries {
            let Some(spec) = value.downcast_native::<RelationshipSpec>() else {
                continue;
            };
            let annotation = annotations
                .iter()
                .find(|(k, _)| k == attr)
                .map(|(_, v)| v.clone());
            self.ctx
                .pending_relationships
                .borrow_mut()
                .push(PendingRelationship {
                    mapper: id,
                    class_name: new_class.name.to_string(),
                    key: attr.clone(),
                    spec: spec.clone(),
                    annotation,
                    column_specs: crate::column::spec_columns(&entries, &table_name, &columns),
                });
            dict.insert(
                attr.clone(),
                Value::native(RelationshipAttribute {
                    ctx: self.ctx.clone(),
                    mapper: id,
                    key: attr.clone(),
                    class_name: new_class.name.to_string(),
                    parent_alias: None,
                    target_alias: None,
                }),
            );
        }
        if !dict.contains_key("__tablename__") {
            dict.insert("__tablename__".to_string(), Value::str(table_name.as_str()));
        }
        if let Some(original) = own_init {
            dict.insert(
                "__init__".to_string(),
                instrumented_init(self.ctx.clone(), original),
            );
        }
        dict.insert(
            "__table__".to_string(),
            Value::native(TableObject {
                table: declared_table,
                ctx: self.ctx.clone(),
            }),
        );
        dict.insert(
            "__mapper__".to_string(),
            Value::native(crate::inspection::MapperInspection::of(
                &self.ctx, new_class, id,
            )),
        );
        drop(dict);
        let mapper_text = format!("Mapper[{}({table_name})]", new_class.name);
        crate::validates::register_validators(interp, &self.ctx, new_class, id, &mapper_text)
    }
}

/// The columns a model inherits from the unmapped classes of its MRO
/// (mixins and `__abstract__` bases), in MRO order and each class's
/// declaration order, with their `Mapped[...]` annotations: SQLAlchemy
/// copies them into the model's table after the model's own columns.
/// Mapped parents and the declarative base itself are not mixins.
fn inherited_columns(
    interp: &mut Interpreter,
    class: &Rc<Class>,
    declared: &[(String, Value)],
) -> Vec<(String, Option<Value>, Option<Value>)> {
    let mut found = Vec::new();
    for base in &class.mro {
        let mapped = base.host_state.borrow().is_some();
        if mapped || base.hooks.is_some() || base.builtin.is_some() {
            continue;
        }
        let dict = base.dict.borrow();
        let entries: Vec<(String, Value)> = dict
            .iter()
            .filter_map(|(k, v)| {
                let v = match v.downcast_native::<DeclaredAttr>() {
                    Some(_) => &declared.iter().find(|(name, _)| name == k)?.1,
                    None => v,
                };
                v.downcast_native::<ColumnSpec>()?;
                Some((k.clone(), v.clone()))
            })
            .collect();
        let annotations: Vec<(String, Value)> = match dict.get("__annotations__") {
            Some(Value::Dict(annotations)) => annotations
                .borrow()
                .items()
                .into_iter()
                .filter_map(|(k, v)| k.as_str().map(|k| (k.to_string(), v)))
                .collect(),
            _ => Vec::new(),
        };
        drop(dict);
        let annotations = resolve_string_annotations(interp, annotations);
        for (attr, value) in declaration_order(&entries, &annotations) {
            let annotation = annotations
                .iter()
                .find(|(k, _)| *k == attr)
                .map(|(_, v)| v.clone());
            if found.iter().all(|(k, _, _)| *k != attr) {
                found.push((attr, value, annotation));
            }
        }
    }
    found
}

/// A class's annotations, each through [`resolve_string_annotation`].
fn resolve_string_annotations(
    interp: &mut Interpreter,
    annotations: Vec<(String, Value)>,
) -> Vec<(String, Value)> {
    annotations
        .into_iter()
        .map(|(attr, annotation)| (attr, resolve_string_annotation(interp, annotation)))
        .collect()
}

/// A string annotation (`from __future__ import annotations`, or a quoted
/// `"Mapped[int]"`) evaluated in the script's globals, as SQLAlchemy's
/// declarative scan resolves it; any other annotation as it is. One that
/// does not evaluate yet (`Mapped[list[Address]]` naming a class defined
/// later) stays a string: relationships try again when mappers configure.
pub(crate) fn resolve_string_annotation(interp: &mut Interpreter, annotation: Value) -> Value {
    match &annotation {
        Value::Str(text) => interp.eval_expression(text.as_ref()).unwrap_or(annotation),
        _ => annotation,
    }
}

/// The class attributes in SQLAlchemy's column order: the class dict's,
/// with each `Mapped[...]` annotation without a value placed after the
/// annotated attribute before it. `None` marks an annotation-only column.
fn declaration_order(
    entries: &[(String, Value)],
    annotations: &[(String, Value)],
) -> Vec<(String, Option<Value>)> {
    let mut order: Vec<(String, Option<Value>)> = entries
        .iter()
        .map(|(k, v)| (k.clone(), Some(v.clone())))
        .collect();
    for (index, (attr, annotation)) in annotations.iter().enumerate() {
        let declared = entries.iter().any(|(k, _)| k == attr);
        let is_mapped = inspect_annotation(annotation)
            .origin
            .is_some_and(|o| o.type_name() == "Mapped");
        if declared || !is_mapped {
            continue;
        }
        let position = annotations[..index]
            .iter()
            .rev()
            .find_map(|(previous, _)| order.iter().position(|(k, _)| k == previous))
            .map_or(0, |p| p + 1);
        order.insert(position, (attr.clone(), None));
    }
    order
}

/// Builds the `Model` base class of one `SQLAlchemy` object.
pub fn model_class(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    bases: Vec<Rc<Class>>,
) -> PyResult<Rc<Class>> {
    let hooks: Rc<dyn ClassHooks> = Rc::new(ModelHooks { ctx: ctx.clone() });
    interp.new_class(
        "Model",
        bases,
        vec![
            ("__init__", model_init(ctx.clone())),
            ("__repr__", model_repr(ctx.clone())),
            ("query", Value::native(QueryProperty { ctx: ctx.clone() })),
            ("metadata", ctx.metadata_value()),
            ("__abstract__", Value::Bool(true)),
        ],
        Some(hooks),
    )
}

/// Calls `f` for a mapped class value, or fails like SQLAlchemy.
pub fn mapper_of_value(ctx: &Ctx, interp: &mut Interpreter, value: &Value) -> PyResult<MapperId> {
    if let Value::Class(class) = value
        && let Some(mapper) = Ctx::mapper_of_class(class)
    {
        return Ok(mapper);
    }
    let shown = interp.repr(value)?;
    Err(ctx.raise(
        "ArgumentError",
        format!("Expected mapped class or mapper, got: {shown}"),
    ))
}
