//! `aliased(Model, name=None)` (`sqlalchemy.orm.aliased`, `db.aliased`):
//! the `AliasedClass` object. Its column attributes read from an alias of
//! the model's table (`employee_1.name`, or the given name), its
//! relationships join from the alias; as an entity its rows are objects
//! of the real class (the identity map is shared), and as a join target
//! it is `JOIN employee AS employee_1`. An unnamed alias is anonymous: the
//! compiler numbers it per statement (`employee_1`, `employee_2`).

use std::rc::Rc;

use retort_orm::{Entity, MapperId};
use retort_python::{CallArgs, Class, Interpreter, NativeFunction, NativeObject, PyResult, Value};
use retort_sql::{AliasName, Expr, FromSource};

use crate::ctx::Ctx;
use crate::expr::ExprObject;
use crate::hybrid::{HybridMethod, HybridProperty};
use crate::relationship::RelationshipAttribute;

/// An aliased mapped class.
#[derive(Debug, Clone)]
pub struct AliasedClass {
    pub ctx: Rc<Ctx>,
    pub mapper: MapperId,
    pub alias: AliasName,
    pub class: Rc<Class>,
}

impl AliasedClass {
    /// The alias as a query entity.
    pub fn entity(&self) -> Entity {
        Entity::Aliased {
            mapper: self.mapper,
            alias: self.alias.clone(),
        }
    }

    /// What the alias's columns are qualified by.
    fn source(&self, table: &str) -> FromSource {
        FromSource::TableAlias {
            table: table.to_owned(),
            alias: self.alias.clone(),
        }
    }
}

/// `aliased(element, alias=None, name=None, flat=False, adapt_on_names=False)`.
pub fn aliased_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("aliased", move |interp, mut args: CallArgs| {
        let element = args.take(0, "element").unwrap_or(Value::None);
        let _alias = args.take(1, "alias");
        let name = match args.take(2, "name") {
            Some(Value::None) | None => None,
            Some(value) => Some(interp.str(&value)?),
        };
        let _ = (
            args.take_keyword("flat"),
            args.take_keyword("adapt_on_names"),
        );
        if let Some(existing) = element.downcast_native::<AliasedClass>() {
            return alias_of(interp, &ctx, existing.mapper, existing.class.clone(), name);
        }
        if let Value::Class(class) = &element
            && let Some(mapper) = Ctx::mapper_of_class(class)
        {
            return alias_of(interp, &ctx, mapper, class.clone(), name);
        }
        let type_name = element.type_name();
        Err(ctx.raise(
            "NoInspectionAvailable",
            format!("No inspection system is available for object of type <class '{type_name}'>"),
        ))
    })
}

fn alias_of(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    mapper: MapperId,
    class: Rc<Class>,
    name: Option<String>,
) -> PyResult<Value> {
    let table = ctx.peek(|s| s.registry.mapper(mapper).map(|m| m.table_name().to_owned()))?;
    let table = table.map_err(|e| ctx.error(interp, e))?;
    let alias = match name {
        Some(name) => AliasName::Named(name),
        None => {
            let id = ctx.run_unconfigured(interp, |s, _| Ok(s.next_anon_id()))?;
            AliasName::anon(id, table)
        }
    };
    Ok(Value::native(AliasedClass {
        ctx: ctx.clone(),
        mapper,
        alias,
        class,
    }))
}

impl NativeObject for AliasedClass {
    fn type_name(&self) -> &str {
        "AliasedClass"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(format!(
            "<AliasedClass at {:#x}; {}>",
            this.identity().unwrap_or(0),
            self.class.name
        ))
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!("aliased({})", self.class.name))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let found = self.ctx.peek(|s| {
            let mapper = s.registry.mapper(self.mapper).ok()?;
            let table = mapper.table_name().to_owned();
            if let Ok(prop) = mapper.property(name) {
                return Some(Ok((table, prop.column.clone(), prop.sql_type.clone())));
            }
            mapper.relationship(name).map(|_| Err(()))
        })?;
        match found {
            Some(Ok((table, column, sql_type))) => Ok(Some(Value::native(ExprObject {
                expr: Expr::aliased_col(self.source(&table), column),
                sql_type: Some(sql_type),
                name: name.to_owned(),
                attribute: Some((self.mapper, name.to_owned())),
                display: Some(format!("aliased({}).{name}", self.class.name)),
                column: None,
                column_default: None,
                proxy_key: None,
                negation: None,
            }))),
            Some(Err(())) => Ok(Some(Value::native(RelationshipAttribute {
                ctx: self.ctx.clone(),
                mapper: self.mapper,
                key: name.to_owned(),
                class_name: format!("aliased({})", self.class.name),
                parent_alias: Some(self.alias.clone()),
                target_alias: None,
            }))),
            None => match self.class.lookup(name) {
                Some(value) => {
                    // A hybrid runs its class-level function with the alias.
                    if let Some(hybrid) = value.downcast_native::<HybridProperty>() {
                        let shown = format!("aliased({})", self.class.name);
                        return hybrid
                            .on_class(interp, &value, this.clone(), &self.class, &shown)
                            .map(Some);
                    }
                    Ok(Some(match value.downcast_native::<HybridMethod>() {
                        Some(method) => method.on_class(this.clone()),
                        None => value,
                    }))
                }
                None if name == "__name__" => Ok(Some(Value::str(self.class.name.as_ref()))),
                None => {
                    let _ = interp;
                    Err(retort_python::PyErr::new(
                        "AttributeError",
                        format!(
                            "type object '{}' has no attribute '{name}'",
                            self.class.name
                        ),
                    ))
                }
            },
        }
    }
}
