//! Schema objects and `MetaData`: tables in definition order, and the two
//! dependency orders SQLAlchemy uses (`sorted_tables`, ties by name; and
//! `create_all`'s, ties by definition order).

mod naming;
mod table;

use serde::{Deserialize, Serialize};

use crate::SqlType;

pub use naming::{
    ConventionSubject, NamingConvention, UNNAMED_CONSTRAINT, convention_name,
    default_naming_convention, with_naming_convention,
};
pub use table::{Autoincrement, Column, Constraint, ForeignKey, Index, ServerDefault, Table};

/// A collection of tables in definition order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MetaData {
    pub tables: Vec<Table>,
    /// `MetaData(naming_convention=...)` beyond SQLAlchemy's default (which
    /// names only the indexes `index=True` makes): applied when a table's
    /// DDL is written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub naming_convention: NamingConvention,
}

impl MetaData {
    pub fn new() -> MetaData {
        MetaData::default()
    }

    /// Adds (or replaces, keeping its place) a table. A column declared
    /// without a type but with a foreign key takes the referred column's
    /// type once both tables are known, as SQLAlchemy's `ForeignKey` does
    /// when it resolves its target.
    pub fn add_table(&mut self, table: Table) {
        match self.tables.iter_mut().find(|t| t.name == table.name) {
            Some(existing) => *existing = table,
            None => self.tables.push(table),
        }
        self.resolve_foreign_key_types();
    }

    fn resolve_foreign_key_types(&mut self) {
        for t in 0..self.tables.len() {
            for c in 0..self.tables[t].columns.len() {
                let column = &self.tables[t].columns[c];
                if column.sql_type != SqlType::Null {
                    continue;
                }
                let referred = column.foreign_keys.first().and_then(|fk| {
                    let target = self.table(&fk.table)?;
                    let target = target.columns.iter().find(|c| c.name == fk.column)?;
                    Some(target.sql_type.clone())
                });
                if let Some(sql_type) = referred {
                    self.tables[t].columns[c].sql_type = sql_type;
                }
            }
        }
    }

    /// The table with this name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// `MetaData.sorted_tables`: dependencies first, ties broken by name.
    pub fn sorted_tables(&self) -> Vec<&Table> {
        let mut by_name: Vec<&Table> = self.tables.iter().collect();
        retort_sort::sort_by(&mut by_name, |a, b| a.name.cmp(&b.name));
        layered_sort(by_name)
    }

    /// The order `create_all` creates tables in: dependencies first, ties in
    /// definition order. `drop_all` uses the reverse.
    pub fn create_order(&self) -> Vec<&Table> {
        layered_sort(self.tables.iter().collect())
    }
}

/// SQLAlchemy's `topological.sort_as_subsets`: repeatedly emit, in the given
/// order, every table whose referenced tables are already emitted. Tables in
/// a cycle are emitted last in the given order, as SQLAlchemy does once it
/// has set the cycle's constraints aside.
fn layered_sort(todo: Vec<&Table>) -> Vec<&Table> {
    let known: Vec<&str> = todo.iter().map(|t| t.name.as_str()).collect();
    let mut done: Vec<&str> = Vec::new();
    let mut out: Vec<&Table> = Vec::new();
    let mut remaining = todo;
    while !remaining.is_empty() {
        let ready: Vec<&Table> = remaining
            .iter()
            .copied()
            .filter(|t| {
                t.referenced_tables()
                    .iter()
                    .all(|r| done.contains(r) || !known.contains(r))
            })
            .collect();
        if ready.is_empty() {
            out.append(&mut remaining);
            break;
        }
        for t in &ready {
            done.push(t.name.as_str());
        }
        remaining.retain(|t| !done.contains(&t.name.as_str()));
        out.extend(ready);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, refs: &[&str]) -> Table {
        let mut cols = vec![Column::new("id", SqlType::Integer).primary_key()];
        for r in refs {
            cols.push(
                Column::new(format!("{r}_id"), SqlType::Integer)
                    .foreign_key(ForeignKey::parse(&format!("{r}.id")).unwrap()),
            );
        }
        Table::new(name, cols)
    }

    #[test]
    fn sorted_tables_put_parents_first_and_break_ties_by_name() {
        let mut m = MetaData::new();
        m.add_table(table("tags", &["tag", "page"]));
        m.add_table(table("page", &[]));
        m.add_table(table("tag", &[]));
        let names: Vec<&str> = m.sorted_tables().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, vec!["page", "tag", "tags"]);
    }

    #[test]
    fn create_order_breaks_ties_by_definition() {
        let mut m = MetaData::new();
        m.add_table(table("teacher", &[]));
        m.add_table(table("course", &["teacher", "classroom"]));
        m.add_table(table("classroom", &[]));
        let names: Vec<&str> = m.create_order().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, vec!["teacher", "classroom", "course"]);
    }

    #[test]
    fn cycles_do_not_hang() {
        let mut m = MetaData::new();
        m.add_table(table("a", &["b"]));
        m.add_table(table("b", &["a"]));
        assert_eq!(m.sorted_tables().len(), 2);
    }

    #[test]
    fn an_untyped_foreign_key_column_takes_its_target_type_when_it_appears() {
        let mut m = MetaData::new();
        let link = Column::new("post_id", SqlType::Null)
            .foreign_key(ForeignKey::parse("post.id").unwrap());
        m.add_table(Table::new("post_tags", vec![link]));
        assert_eq!(m.tables[0].columns[0].sql_type, SqlType::Null);
        m.add_table(table("post", &[]));
        assert_eq!(m.tables[0].columns[0].sql_type, SqlType::Integer);
    }
}
