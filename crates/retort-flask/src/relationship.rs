//! `db.relationship(...)` / `relationship(...)` and `db.backref(...)`: the
//! declaration a class body holds ([`RelationshipSpec`]), its resolution at
//! first use (target classes named by string, `order_by` strings,
//! `secondary` tables, `Mapped[list["X"]]` annotations) into the ORM's
//! configuration, and the class attribute it becomes
//! ([`RelationshipAttribute`]): the instance value (an object, an
//! [`InstrumentedList`] or an `AppenderQuery`) and the class-level
//! comparisons `==`, `has()`, `any()`, `contains()`.

use std::rc::Rc;

use retort_orm::{
    AttributeOp, Cascade, Direction, Lazy, MapperId, ObjectId, OrmError, RelationshipDecl,
    RelationshipOptions, RelationshipProperty,
};
use retort_python::stdlib::typing::{TypeForm, inspect_annotation};
use retort_python::{CallArgs, Class, CmpOp, Interpreter, NativeFunction, NativeObject};
use retort_python::{PyErr, PyResult, Value};
use retort_sql::{Expr, Select};

use crate::ctx::Ctx;
use crate::expr::{ExprObject, criterion};
use crate::method::bound_method;
use crate::query::QueryObject;
use crate::schema::TableObject;

/// A `relationship()` call as written in a class body.
#[derive(Debug, Clone, Default)]
pub struct RelationshipSpec {
    /// The target: a class or its name.
    pub argument: Option<Value>,
    pub secondary: Option<Value>,
    pub backref: Option<Value>,
    pub back_populates: Option<String>,
    pub lazy: Option<Value>,
    pub uselist: Option<bool>,
    pub cascade: Option<String>,
    pub order_by: Option<Value>,
    pub foreign_keys: Option<Value>,
    pub remote_side: Option<Value>,
    pub passive_deletes: bool,
    pub viewonly: bool,
    pub post_update: bool,
    /// `primaryjoin=`: an expression, a callable returning one, or a
    /// string evaluated at configuration.
    pub primaryjoin: Option<Value>,
    /// `secondaryjoin=`, the same forms.
    pub secondaryjoin: Option<Value>,
    /// `collection_class=set`.
    pub set_collection: bool,
    /// `single_parent=True`: a related object has one parent at a time,
    /// which allows delete-orphan on a many-to-one.
    pub single_parent: bool,
}

impl NativeObject for RelationshipSpec {
    fn type_name(&self) -> &str {
        "RelationshipProperty"
    }
}

/// `backref("name", **options)`.
#[derive(Debug, Clone)]
pub struct BackrefSpec {
    pub name: String,
    pub options: RelationshipSpec,
}

impl NativeObject for BackrefSpec {
    fn type_name(&self) -> &str {
        "tuple"
    }
}

fn take_options(interp: &mut Interpreter, args: &mut CallArgs) -> PyResult<RelationshipSpec> {
    let mut spec = RelationshipSpec {
        secondary: args.take_keyword("secondary"),
        backref: args.take_keyword("backref"),
        lazy: args.take_keyword("lazy"),
        order_by: args.take_keyword("order_by"),
        foreign_keys: args.take_keyword("foreign_keys"),
        remote_side: args.take_keyword("remote_side"),
        primaryjoin: args.take_keyword("primaryjoin"),
        secondaryjoin: args.take_keyword("secondaryjoin"),
        ..RelationshipSpec::default()
    };
    if let Some(value) = args.take_keyword("back_populates") {
        spec.back_populates = Some(interp.str(&value)?);
    }
    if let Some(value) = args.take_keyword("uselist") {
        spec.uselist = Some(interp.is_truthy(&value)?);
    }
    if let Some(value) = args.take_keyword("cascade") {
        spec.cascade = Some(interp.str(&value)?);
    }
    if let Some(value) = args.take_keyword("passive_deletes") {
        spec.passive_deletes = interp.is_truthy(&value)?;
    }
    if let Some(value) = args.take_keyword("viewonly") {
        spec.viewonly = interp.is_truthy(&value)?;
    }
    if let Some(value) = args.take_keyword("post_update") {
        spec.post_update = interp.is_truthy(&value)?;
    }
    if let Some(value) = args.take_keyword("collection_class") {
        spec.set_collection = match &value {
            Value::Class(class) if class.name.as_ref() == "set" => true,
            Value::Class(class) if class.name.as_ref() == "list" => false,
            other => {
                let shown = interp.repr(other)?;
                return Err(PyErr::new(
                    "NotImplementedError",
                    format!(
                        "Retort's relationship() supports collection_class=list or set, not {shown}"
                    ),
                ));
            }
        };
    }
    if let Some(value) = args.take_keyword("single_parent") {
        spec.single_parent = interp.is_truthy(&value)?;
    }
    for ignored in ["cascade_backrefs", "innerjoin", "info"] {
        args.take_keyword(ignored);
    }
    if let Some((key, _)) = args.keywords.first() {
        return Err(PyErr::type_error(format!(
            "relationship() got an unexpected keyword argument '{key}'"
        )));
    }
    Ok(spec)
}

/// `relationship(argument=None, secondary=None, **options)`.
pub fn relationship_function() -> Value {
    NativeFunction::function("relationship", |interp, mut args| {
        let argument = args.take(0, "argument");
        let secondary = args.take(1, "secondary");
        let mut spec = take_options(interp, &mut args)?;
        spec.argument = argument;
        if secondary.is_some() {
            spec.secondary = secondary;
        }
        Ok(Value::native(spec))
    })
}

/// `backref(name, **options)`.
pub fn backref_function() -> Value {
    NativeFunction::function("backref", |interp, mut args| {
        let name = args.take(0, "name").unwrap_or(Value::None);
        let name = interp.str(&name)?;
        let options = take_options(interp, &mut args)?;
        Ok(Value::native(BackrefSpec { name, options }))
    })
}

/// A relationship waiting for the mappers to be configured.
#[derive(Debug, Clone)]
pub struct PendingRelationship {
    pub mapper: MapperId,
    pub class_name: String,
    pub key: String,
    pub spec: RelationshipSpec,
    pub annotation: Option<Value>,
    /// The class body's `Column(...)` declarations as `(identity, table,
    /// column)`: what placeholder columns in a join condition become.
    pub column_specs: Vec<(u64, String, String)>,
}

/// A value of `lazy=` as its string.
fn lazy_of(interp: &mut Interpreter, value: Option<&Value>) -> PyResult<Lazy> {
    let text = match value {
        None => return Ok(Lazy::Select),
        Some(Value::Bool(true)) => "True".to_string(),
        Some(Value::Bool(false)) => "False".to_string(),
        Some(Value::None) => "None".to_string(),
        Some(other) => interp.str(other)?,
    };
    Lazy::parse(&text).map_err(|e| PyErr::new("ArgumentError", e.to_string()))
}

/// Whether a `Mapped[...]` annotation of a relationship makes it a set
/// collection (`Mapped[set["Tag"]]`, `Mapped[Set["Tag"]]`).
fn annotated_set(annotation: Option<&Value>) -> bool {
    let Some(inner) = annotation.and_then(|a| inspect_annotation(a).args.first().cloned()) else {
        return false;
    };
    inspect_annotation(&inner).origin.as_ref().is_some_and(|o| {
        match (o, o.downcast_native::<TypeForm>()) {
            (Value::Class(class), _) => class.name.as_ref() == "set",
            (_, Some(TypeForm::Special(special))) => *special == "Set",
            _ => false,
        }
    })
}

/// The target class named by a relationship's argument or annotation, and
/// whether the annotation says it is a collection.
fn target_name(
    spec: &RelationshipSpec,
    annotation: Option<&Value>,
) -> (Option<Value>, Option<bool>) {
    if let Some(argument) = &spec.argument {
        return (Some(argument.clone()), None);
    }
    let Some(annotation) = annotation else {
        return (None, None);
    };
    let outer = inspect_annotation(annotation);
    let Some(inner) = outer.args.first() else {
        return (None, None);
    };
    if annotation_lazy(annotation).is_some() {
        return (Some(inner.clone()), Some(true));
    }
    let info = inspect_annotation(inner);
    let collection = info.origin.as_ref().is_some_and(|o| {
        let name = match (o, o.downcast_native::<TypeForm>()) {
            (Value::Class(class), _) => class.name.to_string(),
            // `typing.List` / `typing.Set`: the special form's own name.
            (_, Some(TypeForm::Special(special))) => (*special).to_string(),
            (other, _) => other.type_name(),
        };
        matches!(name.as_str(), "list" | "List" | "set" | "Set")
    });
    if collection {
        let item = info.args.first().cloned();
        return (item, Some(true));
    }
    let target = info.types.first().cloned().or_else(|| Some(inner.clone()));
    (target, Some(false))
}

/// The loader a `WriteOnlyMapped[...]` or `DynamicMapped[...]`
/// annotation implies (its argument is the item class of a collection).
fn annotation_lazy(annotation: &Value) -> Option<Lazy> {
    let origin = inspect_annotation(annotation).origin?;
    match origin
        .downcast_native::<crate::modules::MappedMarker>()?
        .name
    {
        "WriteOnlyMapped" => Some(Lazy::WriteOnly),
        "DynamicMapped" => Some(Lazy::Dynamic),
        _ => None,
    }
}

impl Ctx {
    /// Configures every pending relationship (SQLAlchemy's
    /// `configure_mappers`, run at the first use of the models). A failure
    /// is raised again at every later use, as in SQLAlchemy.
    pub fn configure(&self, interp: &mut Interpreter) -> PyResult<()> {
        if self.pending_relationships.borrow().is_empty() {
            return Ok(());
        }
        let pending: Vec<PendingRelationship> = self.pending_relationships.borrow().clone();
        let mut decls = Vec::new();
        for item in &pending {
            decls.push((item.mapper, self.resolve(interp, item)?));
        }
        let outcome = {
            let Ok(mut session) = self.session.try_borrow_mut() else {
                return Err(PyErr::new("RuntimeError", "the session is busy"));
            };
            let mut registry = session.registry.clone();
            let mut outcome = Ok(());
            for (mapper, decl) in &decls {
                if let Err(e) = registry.configure_relationship(*mapper, decl.clone()) {
                    outcome = Err(e);
                    break;
                }
            }
            if outcome.is_ok() {
                outcome = registry.check_back_populates();
            }
            if outcome.is_ok() {
                session.registry = registry;
            }
            outcome
        };
        if let Err(error) = outcome {
            return Err(self.error(interp, error));
        }
        self.pending_relationships.borrow_mut().clear();
        for (_, decl) in decls {
            if let Some((name, _)) = &decl.backref {
                self.install_attribute(decl.target, name);
            }
        }
        Ok(())
    }

    /// Puts the class attribute of relationship `key` on a mapped class.
    pub fn install_attribute(&self, mapper: MapperId, key: &str) {
        let Some(class) = self.classes.borrow().get(&mapper.0).cloned() else {
            return;
        };
        let Some(ctx) = self.self_rc() else {
            return;
        };
        let attribute = RelationshipAttribute {
            ctx,
            mapper,
            key: key.to_string(),
            class_name: class.name.to_string(),
            parent_alias: None,
            target_alias: None,
        };
        class
            .dict
            .borrow_mut()
            .insert(key.to_string(), Value::native(attribute));
    }

    fn class_named(&self, name: &str) -> Option<(MapperId, Rc<Class>)> {
        self.classes
            .borrow()
            .iter()
            .find(|(_, c)| c.name.as_ref() == name)
            .map(|(m, c)| (MapperId(*m), c.clone()))
    }

    fn resolve(
        &self,
        interp: &mut Interpreter,
        item: &PendingRelationship,
    ) -> PyResult<RelationshipDecl> {
        let owner_display = self.peek(|s| {
            let table = s
                .registry
                .mapper(item.mapper)
                .map(|m| m.table_name().to_string())
                .unwrap_or_default();
            format!("Mapper[{}({table})]", item.class_name)
        })?;
        // A string annotation (`from __future__ import annotations`) that
        // named a class defined later evaluates now that every class is.
        let annotation = item
            .annotation
            .clone()
            .map(|annotation| crate::model::resolve_string_annotation(interp, annotation));
        let (target, collection) = target_name(&item.spec, annotation.as_ref());
        let target = match target {
            Some(Value::Class(class)) => match Ctx::mapper_of_class(&class) {
                Some(m) => m,
                None => {
                    return Err(self.raise(
                        "ArgumentError",
                        format!(
                            "relationship '{}' expects a class or a mapper argument (received: <class '{}'>)",
                            item.key, class.name
                        ),
                    ));
                }
            },
            Some(Value::Str(name)) => {
                let name = name.trim().to_string();
                match self.class_named(&name) {
                    Some((m, _)) => m,
                    None => {
                        return Err(self.raise(
                            "InvalidRequestError",
                            format!(
                                "When initializing mapper {owner_display}, expression '{name}' failed to locate a name ('{name}'). If this is a class name, consider adding this relationship() to the <class '__main__.{}'> class after both dependent classes have been defined.",
                                item.class_name
                            ),
                        ));
                    }
                }
            }
            _ => {
                return Err(self.raise(
                    "ArgumentError",
                    format!(
                        "relationship '{}' expects a class or a mapper argument",
                        item.key
                    ),
                ));
            }
        };
        let mut options = self.options_of(interp, &item.spec, target, &item.column_specs)?;
        options.set_collection |= annotated_set(annotation.as_ref());
        if options.uselist.is_none() {
            options.uselist = collection;
        }
        if item.spec.lazy.is_none()
            && let Some(lazy) = annotation.as_ref().and_then(annotation_lazy)
        {
            options.lazy = lazy;
        }
        let secondary = match &item.spec.secondary {
            None => None,
            Some(value) => Some(match value.downcast_native::<TableObject>() {
                Some(table) => table.table.name.clone(),
                None => interp.str(value)?,
            }),
        };
        let foreign_keys =
            self.column_list(interp, item.spec.foreign_keys.as_ref(), &item.column_specs)?;
        let remote_side =
            self.column_list(interp, item.spec.remote_side.as_ref(), &item.column_specs)?;
        let backref = match &item.spec.backref {
            None => None,
            Some(value) => match value.downcast_native::<BackrefSpec>() {
                Some(spec) => Some((
                    spec.name.clone(),
                    self.options_of(interp, &spec.options, item.mapper, &item.column_specs)?,
                )),
                None => Some((interp.str(value)?, RelationshipOptions::default())),
            },
        };
        let primaryjoin = self.join_condition(interp, item, item.spec.primaryjoin.as_ref())?;
        let secondaryjoin = self.join_condition(interp, item, item.spec.secondaryjoin.as_ref())?;
        Ok(RelationshipDecl {
            primaryjoin,
            secondaryjoin,
            key: item.key.clone(),
            target,
            secondary,
            foreign_keys,
            remote_side,
            options,
            back_populates: item.spec.back_populates.clone(),
            backref,
        })
    }

    /// `primaryjoin=` / `secondaryjoin=` as an expression: given as one,
    /// returned by a callable, or a string evaluated now with the mapped
    /// classes and tables in scope (SQLAlchemy's `_resolver`); columns
    /// declared in the class body become the mapped table's.
    fn join_condition(
        &self,
        interp: &mut Interpreter,
        item: &PendingRelationship,
        value: Option<&Value>,
    ) -> PyResult<Option<Expr>> {
        let Some(value) = value else {
            return Ok(None);
        };
        let value = match value {
            Value::Str(text) => interp.eval_expression(text.as_ref())?,
            Value::Function(_) | Value::NativeFunction(_) => {
                interp.call(value, CallArgs::new(Vec::new()))?
            }
            other => other.clone(),
        };
        let expr = match crate::column::spec_expr(&value) {
            Some(placeholder) => placeholder,
            None => criterion(interp, &value)?,
        };
        Ok(Some(crate::column::resolve_specs(
            &expr,
            &item.column_specs,
        )))
    }

    fn options_of(
        &self,
        interp: &mut Interpreter,
        spec: &RelationshipSpec,
        target: MapperId,
        specs: &[(u64, String, String)],
    ) -> PyResult<RelationshipOptions> {
        let cascade = match &spec.cascade {
            Some(text) => {
                Cascade::parse(text).map_err(|e| self.raise("ArgumentError", e.to_string()))?
            }
            None => Cascade::default_rules(),
        };
        let order_by = match &spec.order_by {
            None | Some(Value::Bool(false)) | Some(Value::None) => Vec::new(),
            Some(value) => self.order_by_exprs(interp, value, target, specs)?,
        };
        Ok(RelationshipOptions {
            uselist: spec.uselist,
            lazy: lazy_of(interp, spec.lazy.as_ref())?,
            cascade,
            order_by,
            passive_deletes: spec.passive_deletes,
            viewonly: spec.viewonly,
            post_update: spec.post_update,
            set_collection: spec.set_collection,
            single_parent: spec.single_parent,
        })
    }

    /// `order_by=` as expressions: a column (one declared in the class
    /// body too, `order_by=name`), a list, a callable returning them, or a
    /// string of Python evaluated with the mapped classes in scope
    /// (`'Room.floor, Room.number'`, `'[A.x, A.y.desc()]'`).
    fn order_by_exprs(
        &self,
        interp: &mut Interpreter,
        value: &Value,
        target: MapperId,
        specs: &[(u64, String, String)],
    ) -> PyResult<Vec<Expr>> {
        let value = match value {
            Value::Function(_) | Value::NativeFunction(_) => {
                interp.call(value, CallArgs::new(Vec::new()))?
            }
            other => other.clone(),
        };
        let values = match &value {
            Value::List(_) | Value::Tuple(_) => interp.iterate(&value)?,
            other => vec![other.clone()],
        };
        let mut out = Vec::new();
        for value in values {
            let evaluated = match &value {
                Value::Str(text) => {
                    let text = text.to_string();
                    if let Some(expr) = self.column_by_name(target, &text) {
                        out.push(expr);
                        continue;
                    }
                    interp.eval_expression(&text)?
                }
                other => other.clone(),
            };
            let items = match &evaluated {
                Value::List(_) | Value::Tuple(_) => interp.iterate(&evaluated)?,
                other => vec![other.clone()],
            };
            for item in items {
                let expr = match crate::column::spec_expr(&item) {
                    Some(placeholder) => placeholder,
                    None => criterion(interp, &item)?,
                };
                out.push(crate::column::resolve_specs(&expr, specs));
            }
        }
        Ok(out)
    }

    fn column_by_name(&self, mapper: MapperId, name: &str) -> Option<Expr> {
        self.peek(|s| retort_orm::column_expr(&s.registry, mapper, name).ok())
            .ok()
            .flatten()
    }

    /// `foreign_keys=` / `remote_side=` as `(table, column)` names; a
    /// column of the class body (`foreign_keys=[author_id]`) through
    /// `specs`.
    fn column_list(
        &self,
        interp: &mut Interpreter,
        value: Option<&Value>,
        specs: &[(u64, String, String)],
    ) -> PyResult<Vec<(String, String)>> {
        let Some(value) = value else {
            return Ok(Vec::new());
        };
        let values = match value {
            Value::List(_) | Value::Tuple(_) => interp.iterate(value)?,
            Value::Str(text) => {
                let text = text.trim_matches(|c| c == '[' || c == ']').to_string();
                text.split(',')
                    .map(|part| interp.eval_expression(part.trim()))
                    .collect::<PyResult<Vec<Value>>>()?
            }
            other => vec![other.clone()],
        };
        let mut out = Vec::new();
        for value in values {
            if let Some(placeholder) = crate::column::spec_expr(&value)
                && let Expr::Column(column) = crate::column::resolve_specs(&placeholder, specs)
                && let retort_sql::FromSource::Table(table) = &column.source
            {
                out.push((table.clone(), column.name.clone()));
                continue;
            }
            if let Some(object) = value.downcast_native::<ExprObject>()
                && let Expr::Column(column) = &object.expr
                && let retort_sql::FromSource::Table(table) = &column.source
            {
                out.push((table.clone(), column.name.clone()));
            }
        }
        Ok(out)
    }
}

/// A relationship as a class attribute (`Author.books`).
#[derive(Debug, Clone)]
pub struct RelationshipAttribute {
    pub ctx: Rc<Ctx>,
    pub mapper: MapperId,
    pub key: String,
    pub class_name: String,
    /// Read from an alias of the parent (`aliased(User).posts`).
    pub parent_alias: Option<retort_sql::AliasName>,
    /// `of_type(alias)`: the target read from an alias.
    pub target_alias: Option<retort_sql::AliasName>,
}

impl RelationshipAttribute {
    fn property(&self, interp: &mut Interpreter) -> PyResult<RelationshipProperty> {
        self.ctx.configure(interp)?;
        let found = self
            .ctx
            .peek(|s| s.registry.relationship(self.mapper, &self.key).cloned())?;
        found.map_err(|e| self.ctx.error(interp, e))
    }

    /// The parent's and the target's table names.
    fn tables(&self, rel: &RelationshipProperty) -> PyResult<(String, String)> {
        self.ctx.peek(|s| {
            let name = |m| {
                s.registry
                    .mapper(m)
                    .map(|m| m.table_name().to_string())
                    .unwrap_or_default()
            };
            (name(rel.parent), name(rel.target))
        })
    }

    /// `filter_by(author=obj)`: the same as `Book.author == obj`.
    pub fn equals(&self, interp: &mut Interpreter, value: &Value) -> PyResult<Expr> {
        let rel = self.property(interp)?;
        self.compare_object(interp, &rel, value, false)
    }

    /// `query.join(Parent.rel)` (and `join(alias, Parent.rel)` with
    /// `target_alias`): the join along the relationship, adapted to the
    /// aliases of either side, through the secondary table of a
    /// many-to-many.
    pub fn join_query(
        &self,
        interp: &mut Interpreter,
        query: &retort_orm::OrmQuery,
        target_alias: Option<retort_sql::AliasName>,
        outer: bool,
    ) -> PyResult<retort_orm::OrmQuery> {
        let rel = self.property(interp)?;
        let target_alias = target_alias.or_else(|| self.target_alias.clone());
        let parent_alias = self.parent_alias.clone();
        let query = query.clone();
        let result = self.ctx.run(interp, |s, _| {
            let base = match &rel.secondary {
                Some(secondary) => secondary.table.clone(),
                None => String::new(),
            };
            let secondary_alias = retort_sql::AliasName::anon(s.next_anon_id(), base);
            Ok(query.join_relationship(
                &s.registry,
                retort_orm::RelationshipJoin {
                    rel: &rel,
                    parent_alias,
                    target_alias,
                    secondary_alias,
                    outer,
                },
            ))
        })?;
        result.map_err(|e| self.ctx.error(interp, e))
    }

    /// `Post.tags.contains(tag)` on a many-to-many relationship: the
    /// parent joined to an anonymous alias of the association table, and
    /// the object's key bound against it (`post.id = post_tags_1.post_id
    /// AND ? = post_tags_1.tag_id`).
    fn contains_through(
        &self,
        interp: &mut Interpreter,
        (parent, target): (&str, &str),
        secondary: &retort_orm::relationship::Secondary,
        item: retort_orm::ObjectId,
    ) -> PyResult<Value> {
        let target_pairs = secondary.target_pairs.clone();
        let table = secondary.table.clone();
        let (alias, values) = self.ctx.run(interp, |s, _| {
            let alias = retort_sql::AliasName::anon(s.next_anon_id(), table.clone());
            let values = target_pairs
                .iter()
                .map(|(target, _)| s.column_param(item, target))
                .collect::<Result<Vec<_>, OrmError>>()?;
            Ok((alias, values))
        })?;
        let link = retort_sql::FromSource::TableAlias { table, alias };
        let mut parts: Vec<Expr> = secondary
            .parent_pairs
            .iter()
            .map(|(parent_column, link_column)| {
                Expr::col(parent.to_owned(), parent_column.clone())
                    .eq(Expr::aliased_col(link.clone(), link_column.clone()))
            })
            .collect();
        let mut criteria = Vec::new();
        for ((target_column, link_column), value) in secondary.target_pairs.iter().zip(values) {
            let column = Expr::aliased_col(link.clone(), link_column.clone());
            parts.push(column.value_bind(value.clone()).eq(column));
            let target_column = Expr::col(target.to_owned(), target_column.clone());
            let bind = target_column.value_bind(value);
            criteria.push(target_column.eq(bind));
        }
        // `~` gives `NOT (EXISTS (SELECT 1 FROM target, link WHERE ...
        // AND target.id = ?))`, SQLAlchemy's negated contains.
        let criterion = Value::native(ExprObject::plain(retort_sql::and_(criteria), "contains"));
        let exists = self.exists(interp, CallArgs::new(vec![criterion]), true)?;
        let negation = exists
            .downcast_native::<ExprObject>()
            .map(|object| Box::new(retort_sql::not_(object.expr.clone())));
        Ok(Value::native(ExprObject {
            negation,
            ..ExprObject::plain(retort_sql::and_(parts), "contains")
        }))
    }

    /// `Book.author == obj`: the parameter first, as SQLAlchemy renders it.
    fn compare_object(
        &self,
        interp: &mut Interpreter,
        rel: &RelationshipProperty,
        other: &Value,
        negate: bool,
    ) -> PyResult<Expr> {
        let ctx = &self.ctx;
        let parent_table = ctx.peek(|s| {
            s.registry
                .mapper(rel.parent)
                .map(|m| m.table_name().to_string())
                .unwrap_or_default()
        })?;
        let scalar_one_to_many =
            rel.direction == Direction::OneToMany && !rel.uselist && rel.secondary.is_none();
        if scalar_one_to_many {
            return self.compare_scalar_one_to_many(interp, other, negate);
        }
        if rel.direction != Direction::ManyToOne {
            return Err(ctx.raise(
                "InvalidRequestError",
                "Can't compare a collection to an object or collection; use contains() to test for membership.",
            ));
        }
        if matches!(other, Value::None) {
            let parts: Vec<Expr> = rel
                .pairs
                .iter()
                .map(|(_, referring)| {
                    let col = Expr::col(parent_table.clone(), referring.clone());
                    if negate {
                        col.is_not(Expr::Null)
                    } else {
                        col.is(Expr::Null)
                    }
                })
                .collect();
            return Ok(retort_sql::and_(parts));
        }
        let target = ctx.expect_object(interp, other)?;
        let pairs = rel.pairs.clone();
        let values = ctx.run(interp, |s, _| {
            pairs
                .iter()
                .map(|(referred, _)| s.column_param(target, referred))
                .collect::<Result<Vec<_>, OrmError>>()
        })?;
        let mut parts = Vec::new();
        for ((_, referring), value) in rel.pairs.iter().zip(values) {
            let col = Expr::col(parent_table.clone(), referring.clone());
            if negate {
                parts.push(retort_sql::or_([
                    col.clone().ne(col.value_bind(value)),
                    col.is(Expr::Null),
                ]));
            } else {
                parts.push(Expr::param(value).eq(col));
            }
        }
        Ok(retort_sql::and_(parts))
    }

    /// `Person.passport == x` for a one-to-one held by the other side
    /// (`uselist=False` one-to-many): `None` is `NOT (EXISTS (...))` (`!=`
    /// the `EXISTS`), an object `person.id = ?` with the object's foreign
    /// key, as `contains()` renders it.
    fn compare_scalar_one_to_many(
        &self,
        interp: &mut Interpreter,
        other: &Value,
        negate: bool,
    ) -> PyResult<Expr> {
        let made = if other.is_none() {
            self.exists(interp, CallArgs::default(), false)?
        } else {
            self.call_method(interp, "contains", CallArgs::new(vec![other.clone()]))?
        };
        let expr = made
            .downcast_native::<ExprObject>()
            .map(|object| object.expr.clone())
            .unwrap_or(Expr::True);
        Ok(match (other.is_none(), negate) {
            (true, false) | (false, true) => retort_sql::not_(expr),
            _ => expr,
        })
    }

    /// `has()` / `any()`: `EXISTS (SELECT 1 FROM target WHERE join AND ...)`.
    fn exists(&self, interp: &mut Interpreter, args: CallArgs, any: bool) -> PyResult<Value> {
        let ctx = self.ctx.clone();
        let rel = self.property(interp)?;
        let is_collection = rel.uselist;
        if any != is_collection {
            let (name, hint) = if any {
                ("any()", "has()")
            } else {
                ("has()", "any()")
            };
            return Err(ctx.raise(
                "InvalidRequestError",
                format!(
                    "'{name}' not implemented for {} attributes.  Use {hint}.",
                    if any { "scalar" } else { "collections" }
                ),
            ));
        }
        let (_, target) = self.tables(&rel)?;
        let join = ctx.run(interp, |s, _| s.exists_join(&rel))?;
        let mut criteria = join.criteria.clone();
        for value in &args.positional {
            criteria.push(join.adapt(&criterion(interp, value)?, &target));
        }
        for (key, value) in &args.keywords {
            let column = ctx
                .peek(|s| crate::query::attribute_expr(s, rel.target, key))?
                .map_err(|e| ctx.error(interp, e))?;
            let compared = column.compare_with(interp, CmpOp::Eq, value)?;
            criteria.push(join.adapt(&compared, &target));
        }
        let from = join.from;
        let mut select = Select::new(vec![Expr::Raw("1".into())]);
        select.from = from;
        for criterion in criteria {
            select = select.where_(criterion);
        }
        Ok(Value::native(ExprObject::plain(
            Expr::exists(select),
            "exists",
        )))
    }

    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        match name {
            "of_type" => {
                let target = args.positional.first().cloned().unwrap_or(Value::None);
                let mut next = self.clone();
                if let Some(alias) = target.downcast_native::<crate::aliased::AliasedClass>() {
                    next.target_alias = Some(alias.alias.clone());
                }
                Ok(Value::native(next))
            }
            "any" => self.exists(interp, args, true),
            "has" => self.exists(interp, args, false),
            "contains" => {
                let rel = self.property(interp)?;
                let other = args.positional.first().cloned().unwrap_or(Value::None);
                let item = self.ctx.expect_object(interp, &other)?;
                let (parent, target) = self.tables(&rel)?;
                if let Some(secondary) = &rel.secondary {
                    return self.contains_through(interp, (&parent, &target), secondary, item);
                }
                let pairs = rel.pairs.clone();
                let values = self.ctx.run(interp, |s, _| {
                    pairs
                        .iter()
                        .map(|(_, referring)| s.column_param(item, referring))
                        .collect::<Result<Vec<_>, OrmError>>()
                })?;
                let parts: Vec<Expr> = rel
                    .pairs
                    .iter()
                    .zip(values)
                    .map(|((referred, _), value)| {
                        let col = Expr::col(parent.clone(), referred.clone());
                        let bind = col.value_bind(value);
                        col.eq(bind)
                    })
                    .collect();
                Ok(Value::native(ExprObject::plain(
                    retort_sql::and_(parts),
                    "contains",
                )))
            }
            _ => Err(PyErr::attribute_error(format!(
                "'InstrumentedAttribute' object has no attribute '{name}'"
            ))),
        }
    }
}

impl NativeObject for RelationshipAttribute {
    fn type_name(&self) -> &str {
        "InstrumentedAttribute"
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("{}.{}", self.class_name, self.key))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        match name {
            "key" => Ok(Some(Value::str(self.key.as_str()))),
            "any" | "has" | "contains" | "of_type" => {
                Ok(Some(bound_method(self.clone(), name, Self::call_method)))
            }
            _ => Ok(None),
        }
    }

    fn compare(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: CmpOp,
        other: &Value,
    ) -> PyResult<Option<Value>> {
        let negate = match op {
            CmpOp::Eq => false,
            CmpOp::NotEq => true,
            _ => return Ok(None),
        };
        let rel = self.property(interp)?;
        let expr = self.compare_object(interp, &rel, other, negate)?;
        Ok(Some(Value::native(ExprObject::plain(
            expr,
            self.key.clone(),
        ))))
    }

    fn descriptor_get(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> PyResult<Option<Value>> {
        let Some(instance) = instance else {
            return Ok(Some(this.clone()));
        };
        let rel = self.property(interp)?;
        let ctx = self.ctx.clone();
        let id = ctx.object_of(interp, instance)?;
        if rel.lazy() == Lazy::WriteOnly {
            return Ok(Some(Value::native(
                crate::write_only::WriteOnlyCollection {
                    ctx: ctx.clone(),
                    parent: id,
                    key: rel.key.clone(),
                },
            )));
        }
        if rel.lazy().is_dynamic() {
            return Ok(Some(Value::native(QueryObject::dynamic(
                ctx.clone(),
                rel.target,
                id,
                rel.key.clone(),
            ))));
        }
        if rel.uselist && rel.options.set_collection {
            ctx.run(interp, |s, h| s.rel_get(h, id, &rel.key))?;
            return Ok(Some(Value::native(
                crate::instrumented_set::InstrumentedSet::new(ctx.clone(), id, rel.key.clone()),
            )));
        }
        if rel.uselist {
            ctx.run(interp, |s, h| s.rel_get(h, id, &rel.key))?;
            return Ok(Some(Value::native(InstrumentedList {
                ctx: ctx.clone(),
                owner: id,
                key: rel.key.clone(),
            })));
        }
        let value = ctx.run(interp, |s, h| s.rel_get(h, id, &rel.key))?;
        match value.first() {
            Some(target) => Ok(Some(ctx.peek(|s| ctx.instance(s, *target))??)),
            None => Ok(Some(Value::None)),
        }
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
        let rel = self.property(interp)?;
        let ctx = self.ctx.clone();
        let id = ctx.object_of(interp, instance)?;
        if rel.uselist {
            let items = ctx.expect_related_all(interp, &value)?;
            return ctx.run(interp, |s, h| s.rel_replace(h, id, &rel.key, items));
        }
        let target = match value {
            Value::None => None,
            other => Some(ctx.expect_related(interp, &other)?),
        };
        ctx.run(interp, |s, h| s.rel_set(h, id, &rel.key, target))
    }
}

/// A loaded collection (`author.books`): a live view of the ORM's list.
#[derive(Debug, Clone)]
pub struct InstrumentedList {
    pub ctx: Rc<Ctx>,
    pub owner: ObjectId,
    pub key: String,
}

const LIST_METHODS: &[&str] = &[
    "append", "remove", "extend", "pop", "clear", "index", "count", "insert", "copy", "sort",
    "reverse",
];

impl InstrumentedList {
    /// The collection's objects, loading it if needed.
    pub(crate) fn items(&self, interp: &mut Interpreter) -> PyResult<Vec<ObjectId>> {
        self.ctx
            .run(interp, |s, h| s.rel_get(h, self.owner, &self.key))
    }

    /// The collection's objects as Python values.
    pub(crate) fn values(&self, interp: &mut Interpreter) -> PyResult<Vec<Value>> {
        let ids = self.items(interp)?;
        let ctx = &self.ctx;
        ctx.peek(|s| {
            ids.iter()
                .map(|id| ctx.instance(s, *id))
                .collect::<PyResult<Vec<_>>>()
        })?
    }

    /// Makes the collection the objects of `list` (a Python list of
    /// them): what changed fires its events, as assigning the collection
    /// does.
    fn replace_with(&self, interp: &mut Interpreter, list: &Value) -> PyResult<()> {
        let items = self.ctx.expect_related_all(interp, list)?;
        let (owner, key) = (self.owner, self.key.clone());
        self.ctx
            .run(interp, |s, h| s.rel_replace(h, owner, &key, items))
    }

    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let ctx = self.ctx.clone();
        let (owner, key) = (self.owner, self.key.clone());
        match name {
            // Reordering is not a change SQLAlchemy records.
            "sort" | "reverse" => {
                let list = Value::list(self.values(interp)?);
                interp.call_method(&list, name, args)?;
                let items = ctx.expect_related_all(interp, &list)?;
                ctx.run(interp, |s, _| s.rel_reorder(owner, &key, items))?;
                Ok(Value::None)
            }
            "append" => {
                let value = args.take(0, "object").unwrap_or(Value::None);
                let item = ctx.expect_related(interp, &value)?;
                ctx.run(interp, |s, h| s.rel_append(h, owner, &key, item))?;
                Ok(Value::None)
            }
            "extend" => {
                let value = args.take(0, "iterable").unwrap_or(Value::None);
                for element in interp.iterate(&value)? {
                    let item = ctx.expect_related(interp, &element)?;
                    ctx.run(interp, |s, h| s.rel_append(h, owner, &key, item))?;
                }
                Ok(Value::None)
            }
            "remove" => {
                let value = args.take(0, "value").unwrap_or(Value::None);
                let item = ctx.expect_related(interp, &value)?;
                if !ctx.run(interp, |s, h| s.rel_remove(h, owner, &key, item))? {
                    return Err(PyErr::new("ValueError", "list.remove(x): x not in list"));
                }
                Ok(Value::None)
            }
            "pop" => {
                let items = self.items(interp)?;
                if items.is_empty() {
                    return Err(PyErr::index_error("pop from empty list"));
                }
                let index = match args.take(0, "index") {
                    Some(value) => value.as_int().unwrap_or(-1),
                    None => -1,
                };
                let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
                let position = if index < 0 { len + index } else { index };
                let Some(item) = usize::try_from(position)
                    .ok()
                    .and_then(|p| items.get(p))
                    .copied()
                else {
                    return Err(PyErr::index_error("pop index out of range"));
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
            "insert" => {
                let index = args.take(0, "index").and_then(|v| v.as_int()).unwrap_or(0);
                let value = args.take(1, "object").unwrap_or(Value::None);
                let item = ctx.expect_related(interp, &value)?;
                let mut items = self.items(interp)?;
                let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
                let position = if index < 0 {
                    (len + index).max(0)
                } else {
                    index.min(len)
                };
                items.insert(usize::try_from(position).unwrap_or(0), item);
                ctx.run(interp, |s, h| {
                    s.rel_replace_as(h, owner, &key, items, AttributeOp::Append)
                })?;
                Ok(Value::None)
            }
            _ => {
                let list = Value::list(self.values(interp)?);
                interp.call_method(&list, name, args)
            }
        }
    }
}

impl NativeObject for InstrumentedList {
    fn type_name(&self) -> &str {
        "InstrumentedList"
    }

    fn repr(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        let list = Value::list(self.values(interp)?);
        interp.repr(&list)
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if !LIST_METHODS.contains(&name) {
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
        let list = Value::list(self.values(interp)?);
        let other = match other.downcast_native::<InstrumentedList>() {
            Some(view) => Value::list(view.values(interp)?),
            None => other.clone(),
        };
        Ok(Some(interp.compare_values(op, &list, &other)?))
    }

    fn truthy(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<bool> {
        Ok(!self.items(interp)?.is_empty())
    }

    fn len(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<usize>> {
        Ok(Some(self.items(interp)?.len()))
    }

    fn iter(&self, interp: &mut Interpreter, _this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(Value::list(self.values(interp)?)))
    }

    fn get_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        let list = Value::list(self.values(interp)?);
        Ok(Some(interp.item(&list, key)?))
    }

    fn set_item(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        key: &Value,
        value: Value,
    ) -> PyResult<bool> {
        let list = Value::list(self.values(interp)?);
        interp.store_item(&list, key, value)?;
        self.replace_with(interp, &list)?;
        Ok(true)
    }

    fn del_item(&self, interp: &mut Interpreter, _this: &Value, key: &Value) -> PyResult<bool> {
        let list = Value::list(self.values(interp)?);
        interp.delete_item(&list, key)?;
        self.replace_with(interp, &list)?;
        Ok(true)
    }

    /// `+` and `*` give plain lists (`+=` then assigns the sum back, which
    /// appends the new objects).
    fn binary_op(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        op: retort_python::BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if !matches!(op, retort_python::BinOp::Add | retort_python::BinOp::Mul) {
            return Ok(None);
        }
        let list = Value::list(self.values(interp)?);
        let other = match other.downcast_native::<InstrumentedList>() {
            Some(view) => Value::list(view.values(interp)?),
            None => other.clone(),
        };
        let (left, right) = if reflected {
            (other, list)
        } else {
            (list, other)
        };
        interp.apply_binary(op, &left, &right).map(Some)
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        self.holds(interp, item).map(Some)
    }
}

impl InstrumentedList {
    /// Whether `item` is one of the collection's objects (`in`).
    pub(crate) fn holds(&self, interp: &mut Interpreter, item: &Value) -> PyResult<bool> {
        let items = self.items(interp)?;
        if !matches!(item, Value::Instance(_)) {
            return Ok(false);
        }
        let Ok(id) = self.ctx.object_of(interp, item) else {
            return Ok(false);
        };
        Ok(items.contains(&id))
    }
}

/// `with_parent(instance, Parent.rel)` and `Query.with_parent(instance)`:
/// the criteria selecting the instance's targets. Without a property the
/// relationship from the instance's class to `target` is found.
pub fn with_parent_criteria(
    interp: &mut Interpreter,
    ctx: &Ctx,
    instance: &Value,
    property: Option<&Value>,
    target: Option<MapperId>,
) -> PyResult<Vec<Expr>> {
    ctx.configure(interp)?;
    let parent = ctx.expect_object(interp, instance)?;
    let key = match property {
        Some(value) => match value.downcast_native::<RelationshipAttribute>() {
            Some(attribute) => attribute.key.clone(),
            None => interp.str(value)?,
        },
        None => {
            let found = ctx.peek(|s| {
                let mapper = s.state(parent).ok()?.mapper;
                let rels: Vec<String> = s
                    .registry
                    .mapper(mapper)
                    .ok()?
                    .relationships
                    .iter()
                    .filter(|r| Some(r.target) == target)
                    .map(|r| r.key.clone())
                    .collect();
                (rels.len() == 1).then(|| rels[0].clone())
            })?;
            match found {
                Some(key) => key,
                None => {
                    return Err(ctx.raise(
                        "InvalidRequestError",
                        "Could not locate a property which relates instances of class to instances of the query's class",
                    ));
                }
            }
        }
    };
    ctx.run(interp, |s, _| s.with_parent_criteria(parent, &key))
}

/// The standalone `with_parent(instance, prop)`.
pub fn with_parent_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("with_parent", move |interp, mut args| {
        let instance = args.take(0, "instance").unwrap_or(Value::None);
        let property = args.take(1, "prop");
        let criteria = with_parent_criteria(interp, &ctx, &instance, property.as_ref(), None)?;
        Ok(Value::native(ExprObject::plain(
            retort_sql::and_(criteria),
            "with_parent",
        )))
    })
}

/// `joinedload(A.b)`, `selectinload(...)`, `raiseload('*')`, ...: a loader
/// strategy for one relationship of one query.
#[derive(Debug, Clone)]
pub struct LoaderOptionObject {
    /// `None` with key `*` until the query supplies its class.
    pub mapper: Option<MapperId>,
    pub key: String,
    pub lazy: Lazy,
    /// Column options chained on it (`selectinload(A.b).load_only(B.c)`)
    /// for the relationship's target.
    pub columns: Vec<retort_orm::ColumnOption>,
    /// The strategies further along its path
    /// (`selectinload(A.b).joinedload(B.c)`, `selectinload(A.b, B.c)`).
    pub chained: Vec<retort_orm::LoaderOption>,
}

impl NativeObject for LoaderOptionObject {
    fn type_name(&self) -> &str {
        "_AbstractLoad"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if let Some(lazy) = chained_strategy(name) {
            let option = self.clone();
            return Ok(Some(NativeFunction::function(
                name,
                move |interp, mut args| {
                    let target = args.take(0, "attr").unwrap_or(Value::None);
                    let mut next = option.clone();
                    next.chained.push(path_option(interp, &target, lazy)?);
                    Ok(Value::native(next))
                },
            )));
        }
        Ok(crate::deferral::chained_method(self, name))
    }
}

/// The strategy a loader option function sets; `None` in the result's
/// inner option for `defaultload` (the relationship's own).
fn chained_strategy(name: &str) -> Option<Option<Lazy>> {
    if name == "defaultload" {
        return Some(None);
    }
    LOADER_OPTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, lazy)| Some(*lazy))
}

/// One relationship along a loader option's path with its strategy (its
/// configured one for `defaultload`).
fn path_option(
    interp: &mut Interpreter,
    target: &Value,
    lazy: Option<Lazy>,
) -> PyResult<retort_orm::LoaderOption> {
    let Some(attribute) = target.downcast_native::<RelationshipAttribute>() else {
        let shown = interp.repr(target)?;
        return Err(PyErr::new(
            "ArgumentError",
            format!("expected ORM mapped attribute for loader strategy argument, got {shown}"),
        ));
    };
    let lazy = match lazy {
        Some(lazy) => lazy,
        None => attribute.property(interp)?.options.lazy,
    };
    Ok(retort_orm::LoaderOption {
        mapper: attribute.mapper,
        key: attribute.key.clone(),
        lazy,
    })
}

/// The loader option functions of `sqlalchemy.orm` and their strategies.
const LOADER_OPTIONS: &[(&str, Lazy)] = &[
    ("joinedload", Lazy::Joined),
    ("selectinload", Lazy::Selectin),
    ("subqueryload", Lazy::Subquery),
    ("lazyload", Lazy::Select),
    ("immediateload", Lazy::Immediate),
    ("noload", Lazy::NoLoad),
    ("raiseload", Lazy::Raise),
];

/// Every loader option function (for the `sqlalchemy.orm` module).
pub fn loader_option_functions() -> Vec<(&'static str, Value)> {
    LOADER_OPTIONS
        .iter()
        .map(|(name, lazy)| (*name, loader_option_function(name, *lazy)))
        .chain(std::iter::once(("defaultload", defaultload_function())))
        .collect()
}

/// The loader option function named `name` (`db.joinedload`), if any.
pub fn loader_option(name: &str) -> Option<Value> {
    if name == "defaultload" {
        return Some(defaultload_function());
    }
    LOADER_OPTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(name, lazy)| loader_option_function(name, *lazy))
}

/// `defaultload(A.b)`: the relationship keeps its strategy; options
/// chained on it (`.selectinload(B.c)`) reach further along the path.
fn defaultload_function() -> Value {
    NativeFunction::function("defaultload", |interp, mut args| {
        let target = args.take(0, "attr").unwrap_or(Value::None);
        let first = path_option(interp, &target, None)?;
        Ok(Value::native(LoaderOptionObject {
            mapper: Some(first.mapper),
            key: first.key,
            lazy: first.lazy,
            columns: Vec::new(),
            chained: Vec::new(),
        }))
    })
}

fn loader_option_function(name: &'static str, lazy: Lazy) -> Value {
    NativeFunction::function(name, move |interp, mut args| {
        let target = args.take(0, "attr").unwrap_or(Value::None);
        let sql_only = match args.take_keyword("sql_only") {
            Some(value) => interp.is_truthy(&value)?,
            None => false,
        };
        let lazy = if lazy == Lazy::Raise && sql_only {
            Lazy::RaiseOnSql
        } else {
            lazy
        };
        if let Some(attribute) = target.downcast_native::<RelationshipAttribute>() {
            // `selectinload(A.b, B.c)`: the strategy is the last
            // attribute's; the ones before it keep their own.
            let rest: Vec<Value> = args.positional.drain(..).collect();
            let Some(last) = rest.last() else {
                return Ok(Value::native(LoaderOptionObject {
                    mapper: Some(attribute.mapper),
                    key: attribute.key.clone(),
                    lazy,
                    columns: Vec::new(),
                    chained: Vec::new(),
                }));
            };
            let first = path_option(interp, &target, None)?;
            let mut chained = Vec::new();
            for middle in &rest[..rest.len() - 1] {
                chained.push(path_option(interp, middle, None)?);
            }
            chained.push(path_option(interp, last, Some(lazy))?);
            return Ok(Value::native(LoaderOptionObject {
                mapper: Some(first.mapper),
                key: first.key,
                lazy: first.lazy,
                columns: Vec::new(),
                chained,
            }));
        }
        if target.as_str() == Some("*") {
            return Ok(Value::native(LoaderOptionObject {
                mapper: None,
                key: "*".to_string(),
                lazy,
                columns: Vec::new(),
                chained: Vec::new(),
            }));
        }
        let shown = interp.repr(&target)?;
        Err(PyErr::new(
            "ArgumentError",
            format!("expected ORM mapped attribute for loader strategy argument, got {shown}"),
        ))
    })
}

/// `query.options(...)` / `select.options(...)`: the options as the ORM's.
pub fn loader_options(
    interp: &mut Interpreter,
    values: &[Value],
    first_mapper: Option<MapperId>,
) -> PyResult<Vec<retort_orm::LoaderOption>> {
    let mut out = Vec::new();
    for value in values {
        if value
            .downcast_native::<crate::contains_eager::ContainsEagerOption>()
            .is_some()
            || value
                .downcast_native::<crate::deferral::ColumnLoadOption>()
                .is_some()
        {
            continue;
        }
        let Some(option) = value.downcast_native::<LoaderOptionObject>() else {
            let shown = interp.repr(value)?;
            return Err(PyErr::new(
                "ArgumentError",
                format!(
                    "Retort supports loader options (joinedload, selectinload, ...) in options(); got {shown}"
                ),
            ));
        };
        let Some(mapper) = option.mapper.or(first_mapper) else {
            continue;
        };
        out.push(retort_orm::LoaderOption {
            mapper,
            key: option.key.clone(),
            lazy: option.lazy,
        });
        out.extend(option.chained.iter().cloned());
    }
    Ok(out)
}
