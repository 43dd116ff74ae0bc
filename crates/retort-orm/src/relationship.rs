//! Relationship configuration (SQLAlchemy's `RelationshipProperty` and the
//! part of `configure_mappers` that resolves it): what a declaration says
//! ([`RelationshipDecl`]), what configuration makes of it
//! ([`RelationshipProperty`]: direction, the column pairs that synchronise
//! foreign keys, the secondary table, the reverse attribute), the loader
//! strategies and the cascade rules.

use retort_sql::{Expr, Table};
use serde::{Deserialize, Serialize};

use crate::error::OrmError;
use crate::join_condition;
use crate::mapper::{MapperId, Registry};

/// Which side holds the foreign key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// The target table refers to the parent (`Author.books`).
    OneToMany,
    /// The parent table refers to the target (`Book.author`).
    ManyToOne,
    /// Through a secondary (association) table.
    ManyToMany,
}

/// `lazy=`: how the attribute is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lazy {
    Select,
    Joined,
    Subquery,
    Selectin,
    Immediate,
    Dynamic,
    WriteOnly,
    NoLoad,
    Raise,
    RaiseOnSql,
}

impl Lazy {
    /// The strategy a `lazy=` string names (`True` is `select`, `False`
    /// `joined`, `None` `noload`).
    pub fn parse(text: &str) -> Result<Lazy, OrmError> {
        Ok(match text {
            "select" | "True" => Lazy::Select,
            "joined" | "False" => Lazy::Joined,
            "subquery" => Lazy::Subquery,
            "selectin" => Lazy::Selectin,
            "immediate" => Lazy::Immediate,
            "dynamic" => Lazy::Dynamic,
            "write_only" => Lazy::WriteOnly,
            "noload" | "None" => Lazy::NoLoad,
            "raise" => Lazy::Raise,
            "raise_on_sql" => Lazy::RaiseOnSql,
            other => {
                return Err(OrmError::ArgumentError(format!(
                    "Can't locate strategy for <class 'sqlalchemy.orm.relationships.RelationshipProperty'> (('lazy', '{other}'),)"
                )));
            }
        })
    }

    /// Whether the attribute is a query (`dynamic`, `write_only`) that is
    /// never loaded into the object.
    pub fn is_dynamic(self) -> bool {
        matches!(self, Lazy::Dynamic | Lazy::WriteOnly)
    }

    /// The spelling shown in the page's load trace.
    pub fn as_str(self) -> &'static str {
        match self {
            Lazy::Select => "select",
            Lazy::Joined => "joined",
            Lazy::Subquery => "subquery",
            Lazy::Selectin => "selectin",
            Lazy::Immediate => "immediate",
            Lazy::Dynamic => "dynamic",
            Lazy::WriteOnly => "write_only",
            Lazy::NoLoad => "noload",
            Lazy::Raise => "raise",
            Lazy::RaiseOnSql => "raise_on_sql",
        }
    }
}

/// `cascade=`: which session operations follow the relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cascade {
    pub save_update: bool,
    pub merge: bool,
    pub expunge: bool,
    pub refresh_expire: bool,
    pub delete: bool,
    pub delete_orphan: bool,
}

impl Cascade {
    /// SQLAlchemy's default, `"save-update, merge"`.
    pub fn default_rules() -> Cascade {
        Cascade {
            save_update: true,
            merge: true,
            ..Cascade::default()
        }
    }

    /// Parses a cascade string such as `"all, delete-orphan"`.
    pub fn parse(text: &str) -> Result<Cascade, OrmError> {
        let mut cascade = Cascade::default();
        let mut unknown = Vec::new();
        for word in text.split(|c: char| c == ',' || c.is_whitespace()) {
            match word.trim() {
                "" | "none" => {}
                "all" => {
                    cascade.save_update = true;
                    cascade.merge = true;
                    cascade.expunge = true;
                    cascade.refresh_expire = true;
                    cascade.delete = true;
                }
                "save-update" => cascade.save_update = true,
                "merge" => cascade.merge = true,
                "expunge" => cascade.expunge = true,
                "refresh-expire" => cascade.refresh_expire = true,
                "delete" => cascade.delete = true,
                "delete-orphan" => cascade.delete_orphan = true,
                other => unknown.push(format!("'{other}'")),
            }
        }
        if !unknown.is_empty() {
            return Err(OrmError::ArgumentError(format!(
                "Invalid cascade option(s): {}",
                unknown.join(", ")
            )));
        }
        Ok(cascade)
    }
}

/// The options a `relationship()` or `backref()` call gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationshipOptions {
    pub uselist: Option<bool>,
    pub lazy: Lazy,
    pub cascade: Cascade,
    pub order_by: Vec<Expr>,
    pub passive_deletes: bool,
    pub viewonly: bool,
    /// `post_update=True`: the foreign key is set by an UPDATE after both
    /// rows exist, which breaks a cycle between two tables.
    #[serde(default)]
    pub post_update: bool,
    /// `collection_class=set`: the collection is a set (no duplicates,
    /// `add`/`discard`); the session keeps it in the order it was filled.
    #[serde(default)]
    pub set_collection: bool,
    /// `single_parent=True`: a related object belongs to one parent at a
    /// time (what delete-orphan on a many-to-one needs).
    #[serde(default)]
    pub single_parent: bool,
}

impl Default for RelationshipOptions {
    fn default() -> Self {
        RelationshipOptions {
            uselist: None,
            lazy: Lazy::Select,
            cascade: Cascade::default_rules(),
            order_by: Vec::new(),
            passive_deletes: false,
            viewonly: false,
            post_update: false,
            set_collection: false,
            single_parent: false,
        }
    }
}

/// A declared relationship, its target resolved by the host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationshipDecl {
    pub key: String,
    pub target: MapperId,
    /// The association table's name (`secondary=`).
    pub secondary: Option<String>,
    /// `foreign_keys=`: the columns (`table.column`) that count as
    /// referring.
    pub foreign_keys: Vec<(String, String)>,
    /// `remote_side=`: columns (`table.column`) on the remote side of a
    /// self-referential relationship.
    pub remote_side: Vec<(String, String)>,
    pub options: RelationshipOptions,
    pub back_populates: Option<String>,
    /// `backref=`: the reverse attribute to create on the target.
    pub backref: Option<(String, RelationshipOptions)>,
    /// `primaryjoin=`: the condition joining the parent to the target (or
    /// to the secondary table), columns named by their tables.
    pub primaryjoin: Option<Expr>,
    /// `secondaryjoin=`: the condition joining the secondary table to the
    /// target.
    pub secondaryjoin: Option<Expr>,
}

/// The association table of a many-to-many relationship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Secondary {
    pub table: String,
    /// (parent column, secondary column) pairs.
    pub parent_pairs: Vec<(String, String)>,
    /// (target column, secondary column) pairs.
    pub target_pairs: Vec<(String, String)>,
}

/// A configured relationship attribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationshipProperty {
    pub key: String,
    pub parent: MapperId,
    pub target: MapperId,
    pub direction: Direction,
    /// (referred column, referring column) by name: for one-to-many the
    /// referred column is the parent's and the referring one the target's;
    /// for many-to-one the other way round.
    pub pairs: Vec<(String, String)>,
    pub secondary: Option<Secondary>,
    pub uselist: bool,
    pub options: RelationshipOptions,
    /// The attribute on the target that mirrors this one.
    pub reverse: Option<String>,
    /// `primaryjoin=` as given; `None` when it comes from the pairs (see
    /// [`RelationshipProperty::primaryjoin`]).
    pub primaryjoin: Option<Expr>,
    /// `secondaryjoin=` as given.
    pub secondaryjoin: Option<Expr>,
    /// Created by the other side's `backref=` at configuration: in
    /// SQLAlchemy's property order it comes after the mapper's columns,
    /// where a relationship of the class body comes before them.
    #[serde(default)]
    pub from_backref: bool,
}

impl RelationshipProperty {
    /// `Parent.attr`, as SQLAlchemy names a relationship in messages.
    pub fn display(&self, registry: &Registry) -> String {
        let class = registry
            .mapper(self.parent)
            .map(|m| m.class_name.clone())
            .unwrap_or_default();
        format!("{class}.{}", self.key)
    }

    pub fn lazy(&self) -> Lazy {
        self.options.lazy
    }

    pub fn cascade(&self) -> Cascade {
        self.options.cascade
    }
}

/// Foreign-key column pairs `(referred, referring)` from `from` to `to`.
fn fk_pairs(from: &Table, to: &Table, only: &[(String, String)]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for column in &from.columns {
        if !only.is_empty()
            && !only
                .iter()
                .any(|(t, c)| t == &from.name && c == &column.name)
        {
            continue;
        }
        for fk in &column.foreign_keys {
            if fk.table == to.name {
                pairs.push((fk.column.clone(), column.name.clone()));
            }
        }
    }
    pairs
}

/// SQLAlchemy's check of a relationship's cascade: delete-orphan belongs on
/// the "one" side of a one-to-many, unless `single_parent=True` says each
/// related object has one parent.
fn check_delete_orphan(
    options: &RelationshipOptions,
    direction: Direction,
    display: &str,
    parent: &crate::mapper::Mapper,
    target: &crate::mapper::Mapper,
) -> Result<(), OrmError> {
    let direction = match direction {
        Direction::ManyToOne => "many-to-one",
        Direction::ManyToMany => "many-to-many",
        Direction::OneToMany => return Ok(()),
    };
    if !options.cascade.delete_orphan || options.single_parent {
        return Ok(());
    }
    Err(OrmError::ArgumentError(format!(
        "For {direction} relationship {display}, delete-orphan cascade is normally configured only on the \"one\" side of a one-to-many relationship, and not on the \"many\" side of a many-to-one or many-to-many relationship.  To force this relationship to allow a particular \"{}\" object to be referenced by only a single \"{}\" object at a time via the {display} relationship, which would allow delete-orphan cascade to take place in this direction, set the single_parent=True flag. (Background on this error at: https://sqlalche.me/e/20/bbf0)",
        target.class_name, parent.class_name
    )))
}

impl Registry {
    /// Adds a configured relationship (and its backref) to the mappers,
    /// working out direction and columns from the foreign keys as
    /// SQLAlchemy does.
    pub fn configure_relationship(
        &mut self,
        parent: MapperId,
        decl: RelationshipDecl,
    ) -> Result<(), OrmError> {
        let parent_mapper = self.mapper(parent)?.clone();
        let target_mapper = self.mapper(decl.target)?.clone();
        let display = format!("{}.{}", parent_mapper.class_name, decl.key);
        let (direction, pairs, secondary) = match &decl.secondary {
            Some(name) => {
                let Some(table) = self.metadata.tables.iter().find(|t| &t.name == name) else {
                    return Err(OrmError::InvalidRequestError(format!(
                        "When initializing mapper Mapper[{}({})], expression '{name}' failed to locate a name ('{name}'). If this is a class name, consider adding this relationship() to the <class '__main__.{}'> class after both dependent classes have been defined.",
                        parent_mapper.class_name,
                        parent_mapper.table_name(),
                        parent_mapper.class_name
                    )));
                };
                let parent_pairs: Vec<(String, String)> = match &decl.primaryjoin {
                    Some(condition) => join_condition::secondary_pairs(
                        condition,
                        &parent_mapper.table.name,
                        name,
                        &display,
                        "primary",
                    )?,
                    None => fk_pairs(table, &parent_mapper.table, &decl.foreign_keys),
                };
                let target_pairs: Vec<(String, String)> = match &decl.secondaryjoin {
                    Some(condition) => join_condition::secondary_pairs(
                        condition,
                        &target_mapper.table.name,
                        name,
                        &display,
                        "secondary",
                    )?,
                    None => fk_pairs(table, &target_mapper.table, &decl.foreign_keys),
                };
                if parent_pairs.is_empty() || target_pairs.is_empty() {
                    return Err(no_foreign_keys(&display, Some(name)));
                }
                let secondary = Secondary {
                    table: name.clone(),
                    parent_pairs,
                    target_pairs,
                };
                (Direction::ManyToMany, Vec::new(), Some(secondary))
            }
            None if decl.primaryjoin.is_some() => {
                let (direction, pairs) = join_condition::pairs_from_primaryjoin(
                    &decl,
                    decl.primaryjoin.as_ref().expect("checked"),
                    &parent_mapper.table,
                    &target_mapper.table,
                    &display,
                )?;
                (direction, pairs, None)
            }
            None => {
                let self_referential = parent_mapper.table.name == target_mapper.table.name;
                let to_target = fk_pairs(
                    &parent_mapper.table,
                    &target_mapper.table,
                    &decl.foreign_keys,
                );
                let to_parent = if self_referential {
                    Vec::new()
                } else {
                    fk_pairs(
                        &target_mapper.table,
                        &parent_mapper.table,
                        &decl.foreign_keys,
                    )
                };
                if self_referential {
                    if to_target.is_empty() {
                        return Err(no_foreign_keys(&display, None));
                    }
                    let remote_is_referred = decl
                        .remote_side
                        .iter()
                        .any(|(_, c)| to_target.iter().any(|(referred, _)| referred == c));
                    let direction = if remote_is_referred {
                        Direction::ManyToOne
                    } else {
                        Direction::OneToMany
                    };
                    (direction, to_target, None)
                } else {
                    match (to_target.is_empty(), to_parent.is_empty()) {
                        (true, true) => return Err(no_foreign_keys(&display, None)),
                        (false, false) => return Err(ambiguous(&display)),
                        (false, true) => {
                            if distinct_referring(&to_target) > 1 {
                                return Err(ambiguous(&display));
                            }
                            (Direction::ManyToOne, to_target, None)
                        }
                        (true, false) => {
                            if distinct_referring(&to_parent) > 1 {
                                return Err(ambiguous(&display));
                            }
                            (Direction::OneToMany, to_parent, None)
                        }
                    }
                }
            }
        };
        check_delete_orphan(
            &decl.options,
            direction,
            &display,
            &parent_mapper,
            &target_mapper,
        )?;
        let uselist = decl
            .options
            .uselist
            .unwrap_or(direction != Direction::ManyToOne);
        let property = RelationshipProperty {
            key: decl.key.clone(),
            parent,
            target: decl.target,
            direction,
            pairs: pairs.clone(),
            secondary: secondary.clone(),
            uselist,
            options: decl.options.clone(),
            reverse: decl
                .back_populates
                .clone()
                .or_else(|| decl.backref.as_ref().map(|(name, _)| name.clone())),
            primaryjoin: decl.primaryjoin.clone(),
            secondaryjoin: decl.secondaryjoin.clone(),
            from_backref: false,
        };
        if let Some((name, options)) = &decl.backref {
            if self.mapper(decl.target)?.relationship(name).is_some()
                || self.mapper(decl.target)?.property(name).is_ok()
            {
                return Err(OrmError::ArgumentError(format!(
                    "Error creating backref '{name}' on relationship '{display}': property of that name exists on mapper 'Mapper[{}({})]'",
                    target_mapper.class_name,
                    target_mapper.table_name()
                )));
            }
            let reverse_direction = match direction {
                Direction::OneToMany => Direction::ManyToOne,
                Direction::ManyToOne => Direction::OneToMany,
                Direction::ManyToMany => Direction::ManyToMany,
            };
            check_delete_orphan(
                options,
                reverse_direction,
                &format!("{}.{name}", target_mapper.class_name),
                &target_mapper,
                &parent_mapper,
            )?;
            let reverse_uselist = options.uselist.unwrap_or(match direction {
                Direction::OneToMany => false,
                Direction::ManyToOne => true,
                Direction::ManyToMany => true,
            });
            let reverse = RelationshipProperty {
                key: name.clone(),
                parent: decl.target,
                target: parent,
                direction: reverse_direction,
                pairs,
                secondary: secondary.map(|s| Secondary {
                    table: s.table,
                    parent_pairs: s.target_pairs,
                    target_pairs: s.parent_pairs,
                }),
                uselist: reverse_uselist,
                options: options.clone(),
                reverse: Some(decl.key.clone()),
                // The reverse of a many-to-many swaps the two conditions;
                // otherwise it joins on the same one.
                primaryjoin: if direction == Direction::ManyToMany {
                    decl.secondaryjoin.clone()
                } else {
                    decl.primaryjoin.clone()
                },
                secondaryjoin: if direction == Direction::ManyToMany {
                    decl.primaryjoin.clone()
                } else {
                    None
                },
                from_backref: true,
            };
            self.mappers[parent.0].relationships.push(property);
            self.mappers[decl.target.0].relationships.push(reverse);
            return Ok(());
        }
        self.mappers[parent.0].relationships.push(property);
        Ok(())
    }

    /// Checks every `back_populates` names a relationship that points back.
    pub fn check_back_populates(&self) -> Result<(), OrmError> {
        for mapper in &self.mappers {
            for rel in &mapper.relationships {
                let Some(reverse) = &rel.reverse else {
                    continue;
                };
                let target = self.mapper(rel.target)?;
                if target.relationship(reverse).is_none() {
                    return Err(OrmError::InvalidRequestError(format!(
                        "Mapper 'Mapper[{}({})]' has no property '{reverse}'.  If this property was indicated from other mappers or configure events, ensure registry.configure() has been called.",
                        target.class_name,
                        target.table_name()
                    )));
                }
            }
        }
        Ok(())
    }

    /// The relationship `key` of a mapper.
    pub fn relationship(
        &self,
        mapper: MapperId,
        key: &str,
    ) -> Result<&RelationshipProperty, OrmError> {
        let m = self.mapper(mapper)?;
        m.relationship(key).ok_or_else(|| {
            OrmError::InvalidRequestError(format!(
                "Entity namespace for \"{}\" has no property \"{key}\"",
                m.table_name()
            ))
        })
    }

    /// The reverse relationship of `rel`, if it has one.
    pub fn reverse_of(&self, rel: &RelationshipProperty) -> Option<&RelationshipProperty> {
        let reverse = rel.reverse.as_deref()?;
        self.mappers.get(rel.target.0)?.relationship(reverse)
    }
}

fn distinct_referring(pairs: &[(String, String)]) -> usize {
    let mut referring: Vec<&String> = pairs.iter().map(|(_, r)| r).collect();
    retort_sort::sort(&mut referring);
    referring.dedup();
    referring.len()
}

fn no_foreign_keys(display: &str, secondary: Option<&str>) -> OrmError {
    let between = match secondary {
        Some(name) => format!(
            "Could not determine join condition between parent/child tables on relationship {display} - there are no foreign keys linking these tables via secondary table '{name}'.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or specify 'primaryjoin' and 'secondaryjoin' expressions."
        ),
        None => format!(
            "Could not determine join condition between parent/child tables on relationship {display} - there are no foreign keys linking these tables.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or specify a 'primaryjoin' expression."
        ),
    };
    OrmError::NoForeignKeysError(between)
}

fn ambiguous(display: &str) -> OrmError {
    OrmError::AmbiguousForeignKeysError(format!(
        "Could not determine join condition between parent/child tables on relationship {display} - there are multiple foreign key paths linking the tables.  Specify the 'foreign_keys' argument, providing a list of those columns which should be counted as containing a foreign key reference to the parent table."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cascade_strings_parse_as_sqlalchemy_does() {
        let c = Cascade::parse("all, delete-orphan").unwrap();
        assert!(c.save_update && c.delete && c.delete_orphan && c.merge);
        let c = Cascade::parse("save-update, merge, delete").unwrap();
        assert!(c.delete && !c.delete_orphan && !c.expunge);
        assert_eq!(
            Cascade::parse("save-update, bogus")
                .unwrap_err()
                .to_string(),
            "Invalid cascade option(s): 'bogus'"
        );
    }

    #[test]
    fn lazy_strings() {
        assert_eq!(Lazy::parse("True").unwrap(), Lazy::Select);
        assert_eq!(Lazy::parse("dynamic").unwrap(), Lazy::Dynamic);
        assert!(Lazy::parse("eager").is_err());
    }
}
