//! Mappers: a mapped class (its `"module.ClassName"`, its table, its
//! attribute ↔ column mapping, primary key and defaults) and the
//! [`Registry`] of all mappers with their `MetaData`.

use retort_sql::{Autoincrement, Column, MetaData, SqlType, Table};
use serde::{Deserialize, Serialize};

use crate::error::OrmError;
use crate::host::HostCallable;
use crate::types::OrmValue;

/// A mapper, by its index in the [`Registry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MapperId(pub usize);

/// A column's Python-side `default=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ColumnDefault {
    /// A constant, bound as a parameter at INSERT.
    Scalar(OrmValue),
    /// A host callable invoked once per INSERT row.
    Callable {
        callable: HostCallable,
        takes_context: bool,
    },
    /// A SQL expression (`default=func.now()`): rendered in the INSERT (or,
    /// as `onupdate=`, the UPDATE) in place of a parameter; the row's value
    /// comes back through RETURNING after an INSERT and is loaded on next
    /// access after an UPDATE.
    Sql(retort_sql::Expr),
}

/// One mapped column attribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProperty {
    /// The attribute name on the class (the column's `key`), shared with
    /// every object's state.
    pub attr: crate::state::AttrKey,
    /// The column's name in the table.
    pub column: String,
    pub sql_type: SqlType,
    /// The Python enum class of an `Enum(SomeEnum)` column.
    pub enum_class: Option<String>,
    pub default: Option<ColumnDefault>,
    /// `onupdate=`: applied to every UPDATE that does not set the column.
    pub onupdate: Option<ColumnDefault>,
    pub has_server_default: bool,
    pub primary_key: bool,
    /// Whether SQLite generates the value when it is not given (an integer
    /// primary key that is the table's only one, not `autoincrement=False`).
    pub autoincrement: bool,
    /// `deferred(Column(...))` / `mapped_column(deferred=True)`: left out
    /// of every query unless an `undefer` option names it.
    #[serde(default)]
    pub deferred: bool,
    /// `deferred(..., group="name")`: the columns loaded together when
    /// one of them is read, and undeferred by `undefer_group("name")`.
    #[serde(default)]
    pub deferred_group: Option<String>,
}

/// A mapped class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapper {
    /// The Python module of the class (`__main__` for a script's models).
    pub module: String,
    pub class_name: String,
    pub table: Table,
    /// Column attributes in table column order.
    pub columns: Vec<ColumnProperty>,
    /// Relationship attributes in configuration order (declared ones,
    /// then backrefs other mappers created).
    pub relationships: Vec<crate::relationship::RelationshipProperty>,
}

impl Mapper {
    /// Maps every column of `table` to an attribute named after the
    /// column's key (`db.Column('user_name', ...)` assigned to `name` has
    /// the key `name`).
    pub fn new(module: impl Into<String>, class_name: impl Into<String>, table: Table) -> Mapper {
        let single_pk = table.primary_key.len() == 1;
        let columns = table
            .columns
            .iter()
            .map(|c| ColumnProperty::for_column(c, single_pk))
            .collect();
        Mapper {
            module: module.into(),
            class_name: class_name.into(),
            table,
            columns,
            relationships: Vec::new(),
        }
    }

    /// The relationship attribute named `key`.
    pub fn relationship(&self, key: &str) -> Option<&crate::relationship::RelationshipProperty> {
        self.relationships.iter().find(|r| r.key == key)
    }

    /// Sets the Python-side `default=` of an attribute.
    pub fn with_default(mut self, attr: &str, default: ColumnDefault) -> Result<Mapper, OrmError> {
        self.property_mut(attr)?.default = Some(default);
        Ok(self)
    }

    /// Sets the Python-side `onupdate=` of an attribute.
    pub fn with_onupdate(
        mut self,
        attr: &str,
        onupdate: ColumnDefault,
    ) -> Result<Mapper, OrmError> {
        self.property_mut(attr)?.onupdate = Some(onupdate);
        Ok(self)
    }

    /// Defers a column attribute by mapping (`deferred(Column(...))`).
    pub fn with_deferred(mut self, attr: &str, group: Option<&str>) -> Result<Mapper, OrmError> {
        let property = self.property_mut(attr)?;
        property.deferred = true;
        property.deferred_group = group.map(str::to_owned);
        Ok(self)
    }

    /// Records that an `Enum` attribute holds members of a Python enum class.
    pub fn with_enum_class(mut self, attr: &str, class: &str) -> Result<Mapper, OrmError> {
        self.property_mut(attr)?.enum_class = Some(class.to_owned());
        Ok(self)
    }

    fn property_mut(&mut self, attr: &str) -> Result<&mut ColumnProperty, OrmError> {
        let class = self.class_name.clone();
        self.columns
            .iter_mut()
            .find(|c| c.attr == attr)
            .ok_or_else(|| no_attribute(&class, attr))
    }

    /// `"module.ClassName"`, the unit of work's tie-breaker between mappers.
    pub fn sort_key(&self) -> String {
        format!("{}.{}", self.module, self.class_name)
    }

    /// The column attribute named `attr`.
    pub fn property(&self, attr: &str) -> Result<&ColumnProperty, OrmError> {
        self.columns
            .iter()
            .find(|c| c.attr == attr)
            .ok_or_else(|| no_attribute(&self.class_name, attr))
    }

    /// The primary key attributes, in primary key order.
    pub fn primary_key(&self) -> Vec<&ColumnProperty> {
        self.primary_key_iter().collect()
    }

    /// [`Mapper::primary_key`] without collecting it.
    pub fn primary_key_iter(&self) -> impl Iterator<Item = &ColumnProperty> {
        self.table
            .primary_key
            .iter()
            .filter_map(|name| self.columns.iter().find(|c| &c.column == name))
    }

    /// The mapped table as its class declared it: the mapper keys each
    /// column by its attribute (`ColumnProperty::for_column`), the table
    /// by the column's name, as SQLAlchemy's declarative columns are
    /// (`id = Column('customer_id', ...)` is `table.c.customer_id`).
    pub fn declared_table(&self) -> Table {
        let mut table = self.table.clone();
        for column in &mut table.columns {
            column.key.clone_from(&column.name);
        }
        table
    }

    /// The table's name.
    pub fn table_name(&self) -> &str {
        &self.table.name
    }
}

fn no_attribute(class: &str, attr: &str) -> OrmError {
    OrmError::InvalidRequestError(format!(
        "Entity namespace for \"{class}\" has no property \"{attr}\""
    ))
}

impl ColumnProperty {
    fn for_column(column: &Column, single_pk: bool) -> ColumnProperty {
        let autoincrement = column.primary_key
            && match column.autoincrement {
                Autoincrement::True => true,
                Autoincrement::False => false,
                Autoincrement::Auto => single_pk && column.sql_type.is_integer(),
            };
        ColumnProperty {
            attr: column.key.as_str().into(),
            column: column.name.clone(),
            sql_type: column.sql_type.clone(),
            enum_class: None,
            default: None,
            onupdate: None,
            has_server_default: column.server_default.is_some(),
            primary_key: column.primary_key,
            autoincrement,
            deferred: false,
            deferred_group: None,
        }
    }
}

/// All mappers and the `MetaData` holding their tables (and plain tables).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    pub mappers: Vec<Mapper>,
    pub metadata: MetaData,
    /// The subqueries the script made (`query.subquery()`), by alias: a
    /// statement selecting one of their columns without naming them in
    /// its FROM gets them there, as SQLAlchemy's does.
    #[serde(default)]
    pub subqueries: Vec<(retort_sql::AliasName, retort_sql::FromItem)>,
    /// The `default=` of plain tables' columns (`db.Table(...,
    /// Column("n", Integer, default=0))`), by table and column name; a
    /// mapped table's are its mapper's.
    #[serde(default)]
    pub table_defaults: Vec<(String, String, ColumnDefault)>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Registers a mapper, adding its table to the metadata.
    pub fn register(&mut self, mapper: Mapper) -> Result<MapperId, OrmError> {
        if self
            .mappers
            .iter()
            .any(|m| m.class_name == mapper.class_name && m.module == mapper.module)
        {
            return Err(OrmError::InvalidRequestError(format!(
                "Class '{}.{}' already has a primary mapper defined.",
                mapper.module, mapper.class_name
            )));
        }
        if mapper.table.primary_key.is_empty() {
            return Err(OrmError::ArgumentError(format!(
                "Mapper Mapper[{}({})] could not assemble any primary key columns for mapped table '{}'",
                mapper.class_name, mapper.table.name, mapper.table.name
            )));
        }
        // SQLAlchemy names a constraint as it joins the table: a template
        // that needs a name the constraint lacks fails the class.
        retort_sql::with_naming_convention(&mapper.table, &self.metadata.naming_convention)
            .map_err(OrmError::InvalidRequestError)?;
        self.metadata.add_table(mapper.declared_table());
        self.mappers.push(mapper);
        Ok(MapperId(self.mappers.len() - 1))
    }

    /// Adds a table that no class maps (`db.Table(...)`).
    pub fn add_table(&mut self, table: Table) {
        self.metadata.add_table(table);
    }

    /// Records a plain table column's `default=`.
    pub fn set_table_default(&mut self, table: &str, column: &str, default: ColumnDefault) {
        self.table_defaults
            .retain(|(t, c, _)| !(t == table && c == column));
        self.table_defaults
            .push((table.to_owned(), column.to_owned(), default));
    }

    /// The Python-side `default=` of a table's column: its mapper's when
    /// the table is mapped, otherwise the one the plain table declared.
    pub fn column_default(&self, table: &str, column: &str) -> Option<&ColumnDefault> {
        match self.by_table(table) {
            Some(id) => self
                .mappers
                .get(id.0)?
                .columns
                .iter()
                .find(|c| c.column == column)?
                .default
                .as_ref(),
            None => self
                .table_defaults
                .iter()
                .find(|(t, c, _)| t == table && c == column)
                .map(|(_, _, default)| default),
        }
    }

    /// The mapper behind an id.
    pub fn mapper(&self, id: MapperId) -> Result<&Mapper, OrmError> {
        self.mappers
            .get(id.0)
            .ok_or_else(|| OrmError::UnmappedInstanceError(format!("no mapper #{}", id.0)))
    }

    /// The mapper of a class name.
    pub fn by_class(&self, class_name: &str) -> Option<MapperId> {
        self.mappers
            .iter()
            .position(|m| m.class_name == class_name)
            .map(MapperId)
    }

    /// The mapper of a table.
    pub fn by_table(&self, table: &str) -> Option<MapperId> {
        self.mappers
            .iter()
            .position(|m| m.table.name == table)
            .map(MapperId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names_follow_column_keys() {
        let mut name = Column::new("user_name", SqlType::String(Some(20)));
        name.key = "name".into();
        let table = Table::new(
            "users",
            vec![Column::new("id", SqlType::Integer).primary_key(), name],
        );
        let mapper = Mapper::new("__main__", "User", table)
            .with_default("name", ColumnDefault::Scalar(OrmValue::from("x")))
            .unwrap();
        assert_eq!(mapper.property("name").unwrap().column, "user_name");
        assert!(mapper.property("user_name").is_err());
        assert!(mapper.primary_key()[0].autoincrement);
        assert_eq!(mapper.sort_key(), "__main__.User");
        let mut registry = Registry::new();
        let id = registry.register(mapper.clone()).unwrap();
        assert_eq!(registry.by_table("users"), Some(id));
        assert!(registry.register(mapper).is_err());
    }

    #[test]
    fn composite_and_text_keys_are_not_autoincrement() {
        let table = Table::new(
            "link",
            vec![
                Column::new("a", SqlType::Integer).primary_key(),
                Column::new("b", SqlType::Integer).primary_key(),
            ],
        );
        let mapper = Mapper::new("__main__", "Link", table);
        assert!(mapper.primary_key().iter().all(|c| !c.autoincrement));
        let table = Table::new(
            "code",
            vec![Column::new("code", SqlType::String(Some(4))).primary_key()],
        );
        assert!(!Mapper::new("m", "Code", table).primary_key()[0].autoincrement);
    }
}
