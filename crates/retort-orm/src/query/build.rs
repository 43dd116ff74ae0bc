//! Building an [`OrmQuery`] (the generative methods of `Query` and
//! `select()`) and turning it into a `retort_sql::Select`.

use retort_sql::{
    CompileOptions, Dialect, Expr, FromItem, FromSource, LabelStyle, ParamStyle, Select, Statement,
    Table, compile,
};

use super::{Entity, OrmQuery, QueryStyle};
use crate::error::OrmError;
use crate::mapper::{MapperId, Registry};
use crate::types::{OrmValue, to_param};

impl OrmQuery {
    /// `Model.query` / `select(Model)`.
    pub fn for_mapper(style: QueryStyle, mapper: MapperId) -> OrmQuery {
        OrmQuery::new(style, vec![Entity::Mapper(mapper)])
    }

    /// A query over any entities.
    pub fn new(style: QueryStyle, entities: Vec<Entity>) -> OrmQuery {
        OrmQuery {
            style,
            entities,
            from: Vec::new(),
            where_: Vec::new(),
            group_by: Vec::new(),
            having: Vec::new(),
            order_by: Vec::new(),
            limit: None,
            offset: None,
            distinct: false,
            loader_options: Vec::new(),
            column_options: Vec::new(),
            entity_alias: None,
            contains_eager: Vec::new(),
            compile_error: None,
            last_joined: None,
            params: Vec::new(),
            from_text: None,
        }
    }

    /// `params(name=value, ...)`: a later value for a name replaces the
    /// earlier.
    pub fn params(mut self, values: Vec<(String, retort_sql::Value)>) -> OrmQuery {
        for (name, value) in values {
            self.params.retain(|(n, _)| *n != name);
            self.params.push((name, value));
        }
        self
    }

    /// `filter(criterion)` / `where(criterion)`.
    pub fn filter(mut self, criterion: Expr) -> OrmQuery {
        self.where_.push(criterion);
        self
    }

    /// `filter_by(attr=value, ...)` against the first mapped entity:
    /// `None` becomes `IS NULL`, booleans render inline (`= 1`).
    pub fn filter_by(
        mut self,
        registry: &Registry,
        values: &[(String, OrmValue)],
    ) -> Result<OrmQuery, OrmError> {
        let (mapper_id, alias) = self.filter_by_entity().ok_or_else(|| {
            OrmError::InvalidRequestError(
                "Query has only expression-based entities; filter_by() needs a mapped entity"
                    .to_owned(),
            )
        })?;
        for (attr, value) in values {
            let column = column_expr(registry, mapper_id, attr)?;
            let criterion = compare(registry, mapper_id, attr, column, value)?;
            self.where_.push(match &alias {
                Some(alias) => super::alias::to_alias_source(
                    &criterion,
                    registry.mapper(mapper_id)?.table_name(),
                    &super::alias::source(registry.mapper(mapper_id)?.table_name(), Some(alias)),
                ),
                None => criterion,
            });
        }
        Ok(self)
    }

    /// The entity `filter_by()` filters: the last joined one, else the
    /// first mapped entity (with its alias).
    pub fn filter_by_entity(&self) -> Option<(MapperId, Option<retort_sql::AliasName>)> {
        if let Some(last) = &self.last_joined {
            return Some(last.clone());
        }
        self.entities.iter().find_map(|e| match e {
            Entity::Aliased { mapper, alias } => Some((*mapper, Some(alias.clone()))),
            other => other.mapper_id().map(|m| (m, None)),
        })
    }

    pub fn order_by(mut self, expr: Expr) -> OrmQuery {
        self.order_by.push(expr);
        self
    }

    pub fn group_by(mut self, expr: Expr) -> OrmQuery {
        self.group_by.push(expr);
        self
    }

    pub fn having(mut self, criterion: Expr) -> OrmQuery {
        self.having.push(criterion);
        self
    }

    pub fn limit(mut self, n: i64) -> OrmQuery {
        self.limit = Some(n);
        self
    }

    pub fn offset(mut self, n: i64) -> OrmQuery {
        self.offset = Some(n);
        self
    }

    /// `query[start:stop]` with non-negative bounds.
    pub fn slice(mut self, start: i64, stop: Option<i64>) -> OrmQuery {
        let start = start.max(0);
        if let Some(stop) = stop {
            self.limit = Some((stop - start).max(0));
        }
        if start > 0 {
            self.offset = Some(start);
        }
        self
    }

    pub fn distinct(mut self) -> OrmQuery {
        self.distinct = true;
        self
    }

    pub fn select_from(mut self, item: FromItem) -> OrmQuery {
        self.from.push(item);
        self
    }

    /// `with_entities(...)`: the same criteria over other entities.
    pub fn with_entities(mut self, entities: Vec<Entity>) -> OrmQuery {
        self.entities = entities;
        self
    }

    /// `join(Target)` / `join(Target, on)` from the first mapped entity;
    /// without `on`, the condition comes from the foreign key between the
    /// two tables (`category.id = goods.category_id`).
    pub fn join(
        self,
        registry: &Registry,
        target: MapperId,
        on: Option<Expr>,
        outer: bool,
    ) -> Result<OrmQuery, OrmError> {
        let target_table = registry.mapper(target)?.table.clone();
        let mut joined = self.join_to(registry, &target_table, None, on, outer)?;
        joined.last_joined = Some((target, None));
        Ok(joined)
    }

    /// `join(table, on)`: a join to a plain table (`db.Table`); without
    /// `on`, the condition comes from the foreign key.
    pub fn join_table(
        self,
        registry: &Registry,
        target_table: &retort_sql::Table,
        on: Option<Expr>,
        outer: bool,
    ) -> Result<OrmQuery, OrmError> {
        let mut joined = self.join_to(registry, target_table, None, on, outer)?;
        joined.last_joined = None;
        Ok(joined)
    }

    /// `join(subquery, on)`: a join to a subquery under its alias.
    pub fn join_subquery(
        mut self,
        registry: &Registry,
        subquery: FromItem,
        on: Expr,
        outer: bool,
    ) -> Result<OrmQuery, OrmError> {
        let left = match self.from.pop() {
            Some(item) => item,
            None => self.implicit_left(registry, &subquery, Some(&on))?,
        };
        self.from.push(if outer {
            left.outer_join(subquery, on)
        } else {
            left.join(subquery, on)
        });
        self.last_joined = None;
        Ok(self)
    }

    /// A join to `target_table`, under `alias` when given (`JOIN employee
    /// AS employee_1`); without `on`, the foreign key gives the condition,
    /// read from the alias.
    pub(super) fn join_to(
        mut self,
        registry: &Registry,
        target_table: &retort_sql::Table,
        alias: Option<&retort_sql::AliasName>,
        on: Option<Expr>,
        outer: bool,
    ) -> Result<OrmQuery, OrmError> {
        let left = match self.from.pop() {
            Some(item) => item,
            None => {
                let right = FromItem::Table {
                    name: target_table.name.clone(),
                    alias: alias.cloned(),
                };
                self.implicit_left(registry, &right, on.as_ref())?
            }
        };
        let on = match on {
            Some(on) => on,
            None => {
                let condition = foreign_key_condition(registry, &left, target_table)?;
                match alias {
                    Some(alias) => super::alias::to_alias_source(
                        &condition,
                        &target_table.name,
                        &super::alias::source(&target_table.name, Some(alias)),
                    ),
                    None => condition,
                }
            }
        };
        let right = FromItem::Table {
            name: target_table.name.clone(),
            alias: alias.cloned(),
        };
        self.from.push(if outer {
            left.outer_join(right, on)
        } else {
            left.join(right, on)
        });
        Ok(self)
    }

    /// The left side of a join with no explicit FROM, as SQLAlchemy's
    /// `_join_determine_implicit_left_side` picks it among the FROMs the
    /// entities bring (a column entity brings the tables and aliases its
    /// expression reads): with several, the one that joins to `right` —
    /// through the ON clause's columns when there is one, else through a
    /// foreign key. When that does not single one out, the first mapped
    /// entity's FROM.
    fn implicit_left(
        &self,
        registry: &Registry,
        right: &FromItem,
        on: Option<&Expr>,
    ) -> Result<FromItem, OrmError> {
        let mut candidates: Vec<FromItem> = Vec::new();
        for entity in &self.entities {
            let items = match entity {
                Entity::Mapper(mapper) => {
                    vec![FromItem::table(registry.mapper(*mapper)?.table_name())]
                }
                Entity::Aliased { mapper, alias } => vec![FromItem::Table {
                    name: registry.mapper(*mapper)?.table_name().to_owned(),
                    alias: Some(alias.clone()),
                }],
                Entity::Column { expr, .. } => retort_sql::column_sources([expr])
                    .into_iter()
                    .filter_map(|source| match source {
                        FromSource::Table(name) => Some(FromItem::table(name)),
                        FromSource::TableAlias { table, alias } => Some(FromItem::Table {
                            name: table,
                            alias: Some(alias),
                        }),
                        FromSource::Alias(_) => None,
                    })
                    .collect(),
            };
            for item in items {
                if !candidates.contains(&item) {
                    candidates.push(item);
                }
            }
        }
        let first = self.first_from(registry);
        if candidates.len() < 2 {
            return first.or_else(|error| candidates.pop().ok_or(error));
        }
        let right_table = match right {
            FromItem::Table { name, .. } => {
                registry.metadata.tables.iter().find(|t| &t.name == name)
            }
            _ => None,
        };
        let joinable: Vec<&FromItem> = candidates
            .iter()
            .filter(|left| *left != right)
            .filter(|left| match (on, right_table) {
                (Some(on), _) => retort_sql::column_sources([on])
                    .iter()
                    .all(|source| provides(left, source) || provides(right, source)),
                (None, Some(table)) => foreign_key_condition(registry, left, table).is_ok(),
                (None, None) => false,
            })
            .collect();
        match joinable.as_slice() {
            [only] => Ok((*only).clone()),
            _ => first,
        }
    }

    /// The FROM item of the first mapped entity (its alias for an aliased
    /// one), the left side of a join when nothing else is.
    pub(super) fn first_from(&self, registry: &Registry) -> Result<FromItem, OrmError> {
        let (mapper, alias) = self
            .entities
            .iter()
            .find_map(|e| match e {
                Entity::Aliased { mapper, alias } => Some((*mapper, Some(alias.clone()))),
                other => other.mapper_id().map(|m| (m, None)),
            })
            .ok_or_else(|| {
                OrmError::InvalidRequestError(
                    "Don't know how to join; please use select_from() to establish the left entity/selectable of this join".to_owned(),
                )
            })?;
        Ok(FromItem::Table {
            name: registry.mapper(mapper)?.table_name().to_owned(),
            alias,
        })
    }

    /// The text `str(query)` / `print(select)` shows: a legacy query in
    /// the SQLite dialect with `?` and `__[POSTCOMPILE_x]`, a 2.0 select
    /// in the default dialect with `:name` binds; `literal_binds` writes
    /// values inline.
    pub fn to_sql_string(
        &self,
        registry: &Registry,
        literal_binds: bool,
    ) -> Result<String, OrmError> {
        let statement = Statement::Select(self.to_select(registry)?);
        let dialect = match self.style {
            QueryStyle::Legacy => Dialect::Sqlite,
            QueryStyle::Select => Dialect::Default,
        };
        let param_style = match (literal_binds, self.style) {
            (true, _) => ParamStyle::LiteralBinds,
            (false, QueryStyle::Legacy) => ParamStyle::QmarkPostcompile,
            (false, QueryStyle::Select) => ParamStyle::Named,
        };
        Ok(compile(
            &statement,
            CompileOptions {
                dialect,
                param_style,
            },
        )?
        .sql)
    }

    /// The SELECT this query runs.
    pub fn to_select(&self, registry: &Registry) -> Result<Select, OrmError> {
        if let Some(message) = &self.compile_error {
            return Err(OrmError::InvalidRequestError(message.clone()));
        }
        let mut columns = Vec::new();
        for entity in &self.entities {
            match entity {
                Entity::Mapper(id) => {
                    let mapper = registry.mapper(*id)?;
                    let loaded = self.loaded_columns(*id, mapper);
                    for (index, c) in mapper.columns.iter().enumerate() {
                        if loaded.as_ref().is_none_or(|mask| mask[index]) {
                            columns.push(Expr::col(mapper.table_name(), c.column.clone()));
                        }
                    }
                }
                Entity::Aliased { mapper: id, alias } => {
                    let mapper = registry.mapper(*id)?;
                    let source = super::alias::source(mapper.table_name(), Some(alias));
                    let loaded = self.loaded_columns(*id, mapper);
                    for (index, c) in mapper.columns.iter().enumerate() {
                        if loaded.as_ref().is_none_or(|mask| mask[index]) {
                            columns.push(Expr::aliased_col(source.clone(), c.column.clone()));
                        }
                    }
                }
                Entity::Column { expr, .. } => columns.push(expr.clone()),
            }
        }
        self.add_contains_eager_columns(registry, &mut columns)?;
        if self.style == QueryStyle::Legacy {
            columns = columns
                .into_iter()
                .map(|c| deconflict_label(registry, c))
                .collect();
        }
        let style = match self.style {
            QueryStyle::Legacy => LabelStyle::TablenamePlusCol,
            QueryStyle::Select => LabelStyle::DisambiguateOnly,
        };
        let mut select = Select::new(columns).label_style(style);
        select.from = self.from.clone();
        let sources = retort_sql::column_sources(select.columns.iter().chain(&self.where_));
        for source in sources {
            let retort_sql::FromSource::Alias(alias) = &source else {
                continue;
            };
            if select.from.iter().any(|f| f.provides(&source)) {
                continue;
            }
            if let Some((_, item)) = registry.subqueries.iter().find(|(a, _)| a == alias) {
                select.from.push(item.clone());
            }
        }
        select.where_ = self.where_.clone();
        select.group_by = self.group_by.clone();
        select.having = self.having.clone();
        select.order_by = self.order_by.clone();
        select.distinct = self.distinct;
        select.params = self.params.clone();
        if let Some(limit) = self.limit {
            select = select.limit(limit);
        }
        if let Some(offset) = self.offset {
            select = select.offset(offset);
        }
        self.adapt_to_entity_alias(registry, select)
    }
}

/// A column whose `table_column` label is the name of another column of
/// its table gets `table_column_1` (the first free counter), as
/// `ColumnClause._gen_tq_label` does: `orders.id AS orders_id_1` when
/// `orders` has an `orders_id` column. An anonymous alias's name is only
/// known at compile time, and such a clash needs a column named after it.
fn deconflict_label(registry: &Registry, column: Expr) -> Expr {
    let Expr::Column(c) = &column else {
        return column;
    };
    let (table, qualifier) = match &c.source {
        retort_sql::FromSource::Table(t) => (t, t),
        retort_sql::FromSource::TableAlias {
            table,
            alias: retort_sql::AliasName::Named(name),
        } => (table, name),
        _ => return column,
    };
    let Some(table) = registry.metadata.tables.iter().find(|t| &t.name == table) else {
        return column;
    };
    let taken = |name: &str| table.columns.iter().any(|col| col.key == name);
    let label = format!("{qualifier}_{}", c.name);
    if !taken(&label) {
        return column;
    }
    let mut counter = 1;
    while taken(&format!("{label}_{counter}")) {
        counter += 1;
    }
    column.label(format!("{label}_{counter}"))
}

/// The ON clause of a join inferred from the one foreign key between the
/// tables, either way: `referred.col = referring.fk`.
fn foreign_key_condition(
    registry: &Registry,
    left: &FromItem,
    right: &Table,
) -> Result<Expr, OrmError> {
    let tables: Vec<&Table> = registry
        .metadata
        .tables
        .iter()
        .filter(|t| t.name != right.name && left.covers(&FromItem::table(t.name.clone())))
        .collect();
    let mut conditions = Vec::new();
    for left_table in tables {
        for (referring, referred) in [(left_table, right), (right, left_table)] {
            for column in &referring.columns {
                for fk in &column.foreign_keys {
                    if fk.table == referred.name {
                        conditions.push(
                            Expr::col(referred.name.clone(), fk.column.clone())
                                .eq(Expr::col(referring.name.clone(), column.name.clone())),
                        );
                    }
                }
            }
        }
    }
    match conditions.len() {
        1 => Ok(conditions.remove(0)),
        0 => Err(OrmError::InvalidRequestError(format!(
            "Don't know how to join to {}. Please use the .select_from() method to establish an explicit left side, as well as providing an explicit ON clause if not present already to help resolve the ambiguity.",
            right.name
        ))),
        _ => Err(OrmError::InvalidRequestError(format!(
            "Can't determine join between the left side and '{}'; tables have more than one foreign key constraint relationship between them. Please specify the 'onclause' of this join explicitly.",
            right.name
        ))),
    }
}

/// `Model.attr` as a column expression.
pub fn column_expr(registry: &Registry, mapper: MapperId, attr: &str) -> Result<Expr, OrmError> {
    let mapper = registry.mapper(mapper)?;
    let prop = mapper.property(attr)?;
    Ok(Expr::col(mapper.table_name(), prop.column.clone()))
}

/// `Model.attr == value` as SQLAlchemy renders it.
pub fn compare(
    registry: &Registry,
    mapper: MapperId,
    attr: &str,
    column: Expr,
    value: &OrmValue,
) -> Result<Expr, OrmError> {
    let prop = registry.mapper(mapper)?.property(attr)?;
    Ok(match value {
        OrmValue::None => column.is(Expr::Null),
        OrmValue::Bool(true) => column.eq(Expr::True),
        OrmValue::Bool(false) => column.eq(Expr::False),
        other => {
            let bind = column.value_bind(to_param(other, &prop.sql_type));
            column.eq(bind)
        }
    })
}

impl Entity {
    /// `Model.attr` as a selected column, typed by its mapping.
    pub fn attribute(
        registry: &Registry,
        mapper: MapperId,
        attr: &str,
    ) -> Result<Entity, OrmError> {
        let prop = registry.mapper(mapper)?.property(attr)?;
        Ok(Entity::Column {
            expr: column_expr(registry, mapper, attr)?,
            name: attr.to_owned(),
            sql_type: Some(prop.sql_type.clone()),
            enum_class: prop.enum_class.clone(),
            mapper: Some(mapper),
        })
    }

    /// Any expression, with its result key and no type conversion.
    pub fn expression(expr: Expr, name: impl Into<String>) -> Entity {
        Entity::Column {
            expr,
            name: name.into(),
            sql_type: None,
            enum_class: None,
            mapper: None,
        }
    }
}

/// Whether the FROM item `item` (a table or an alias of one) provides the
/// columns of `source`.
fn provides(item: &FromItem, source: &FromSource) -> bool {
    match (item, source) {
        (FromItem::Table { name, alias: None }, FromSource::Table(table)) => name == table,
        (FromItem::Table { alias: Some(a), .. }, FromSource::TableAlias { alias, .. }) => {
            a == alias
        }
        (FromItem::Subquery { alias: a, .. }, FromSource::Alias(alias)) => a == alias,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapper::Mapper;
    use retort_sql::{Column, ForeignKey, SqlType, compile_sqlite};

    fn registry() -> (Registry, MapperId, MapperId, MapperId) {
        let mut registry = Registry::new();
        let id = || Column::new("id", SqlType::Integer).primary_key();
        let parent = registry
            .register(Mapper::new("m", "Parent", Table::new("parent", vec![id()])))
            .unwrap();
        let fk = Column::new("parent_id", SqlType::Integer)
            .foreign_key(ForeignKey::parse("parent.id").unwrap());
        let child = registry
            .register(Mapper::new(
                "m",
                "Child",
                Table::new("child", vec![id(), fk]),
            ))
            .unwrap();
        let other = registry
            .register(Mapper::new("m", "Other", Table::new("other", vec![id()])))
            .unwrap();
        (registry, parent, child, other)
    }

    #[test]
    fn joins_infer_the_foreign_key_either_way() {
        let (registry, parent, child, other) = registry();
        let from_parent = OrmQuery::for_mapper(QueryStyle::Select, parent)
            .join(&registry, child, None, false)
            .unwrap();
        let sql = compile_sqlite(&Statement::Select(
            from_parent.to_select(&registry).unwrap(),
        ))
        .unwrap()
        .sql;
        assert_eq!(
            sql,
            "SELECT parent.id \nFROM parent JOIN child ON parent.id = child.parent_id"
        );
        let from_child = OrmQuery::for_mapper(QueryStyle::Select, child)
            .join(&registry, parent, None, true)
            .unwrap();
        let sql = compile_sqlite(&Statement::Select(from_child.to_select(&registry).unwrap()))
            .unwrap()
            .sql;
        assert!(sql.ends_with("FROM child LEFT OUTER JOIN parent ON parent.id = child.parent_id"));
        let error = OrmQuery::for_mapper(QueryStyle::Select, parent)
            .join(&registry, other, None, false)
            .unwrap_err();
        assert_eq!(error.class_name(), "InvalidRequestError");
    }

    #[test]
    fn a_label_naming_another_column_of_the_table_takes_a_counter() {
        let mut registry = Registry::new();
        let table = Table::new(
            "orders",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("orders_id", SqlType::Integer),
                Column::new("orders_id_1", SqlType::Integer),
            ],
        );
        let orders = registry.register(Mapper::new("m", "Order", table)).unwrap();
        let sql = |style| {
            let q = OrmQuery::for_mapper(style, orders);
            compile_sqlite(&Statement::Select(q.to_select(&registry).unwrap()))
                .unwrap()
                .sql
        };
        assert!(sql(QueryStyle::Legacy).starts_with(
            "SELECT orders.id AS orders_id_2, orders.orders_id AS orders_orders_id, "
        ));
        assert!(sql(QueryStyle::Select).starts_with("SELECT orders.id, orders.orders_id, "));
    }

    #[test]
    fn filter_by_after_a_join_filters_the_joined_entity() {
        let (registry, parent, child, _) = registry();
        let q = OrmQuery::for_mapper(QueryStyle::Legacy, parent);
        assert_eq!(q.filter_by_entity(), Some((parent, None)));
        let q = q.join(&registry, child, None, false).unwrap();
        assert_eq!(q.filter_by_entity(), Some((child, None)));
        let q = q
            .filter_by(&registry, &[("parent_id".into(), OrmValue::Int(1))])
            .unwrap();
        let sql = compile_sqlite(&Statement::Select(q.to_select(&registry).unwrap()))
            .unwrap()
            .sql;
        assert!(sql.ends_with("WHERE child.parent_id = ?"));
    }

    #[test]
    fn filter_by_renders_none_and_booleans_as_sqlalchemy_does() {
        let (registry, _, child, _) = registry();
        let q = OrmQuery::for_mapper(QueryStyle::Legacy, child)
            .filter_by(&registry, &[("parent_id".into(), OrmValue::None)])
            .unwrap()
            .slice(2, Some(5));
        let compiled = compile_sqlite(&Statement::Select(q.to_select(&registry).unwrap())).unwrap();
        assert!(compiled.sql.contains("WHERE child.parent_id IS NULL"));
        assert_eq!(
            compiled.params,
            vec![retort_sql::Value::Integer(3), retort_sql::Value::Integer(2)]
        );
        assert!(
            OrmQuery::for_mapper(QueryStyle::Legacy, child)
                .filter_by(&registry, &[("missing".into(), OrmValue::Int(1))])
                .is_err()
        );
    }
}
