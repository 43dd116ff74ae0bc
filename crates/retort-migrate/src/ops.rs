//! Autogenerate's result as Alembic's operation objects: table-level ops
//! (`create_table`, `drop_table`) and per-table groups (`ModifyTableOps`)
//! of column, index and constraint ops. Each op knows its reverse (the
//! downgrade is the reversed list of reversed ops) and its entry in
//! `flask db check`'s list of differences.

use crate::model::{Default, ForeignKey, MColumn, MConstraint, MIndex, MTable, Name};
use crate::types::{SaType, py_repr};

/// `alter_column` with what changes and what the column was.
#[derive(Debug, Clone, PartialEq)]
pub struct AlterColumn {
    pub column: String,
    pub existing_type: Option<SaType>,
    pub existing_nullable: Option<bool>,
    pub existing_server_default: Option<Default>,
    pub modify_type: Option<SaType>,
    pub modify_nullable: Option<bool>,
}

impl AlterColumn {
    /// Whether anything changes.
    pub fn has_changes(&self) -> bool {
        self.modify_type.is_some() || self.modify_nullable.is_some()
    }

    fn reverse(&self) -> AlterColumn {
        let mut out = self.clone();
        if let Some(new_type) = &self.modify_type {
            out.modify_type = self.existing_type.clone();
            out.existing_type = Some(new_type.clone());
        }
        if let Some(new_nullable) = self.modify_nullable {
            out.modify_nullable = self.existing_nullable;
            out.existing_nullable = Some(new_nullable);
        }
        out
    }
}

/// An op inside a table's group.
#[derive(Debug, Clone, PartialEq)]
pub enum TableOp {
    AddColumn(MColumn),
    /// Drops a column; carries its reflected definition for the reverse.
    DropColumn(MColumn),
    AlterColumn(AlterColumn),
    CreateIndex(MIndex),
    DropIndex(MIndex),
    /// `create_unique_constraint` / `create_foreign_key` /
    /// `create_check_constraint`.
    AddConstraint(MConstraint),
    DropConstraint(MConstraint),
}

impl TableOp {
    fn reverse(&self) -> TableOp {
        match self {
            TableOp::AddColumn(c) => TableOp::DropColumn(c.clone()),
            TableOp::DropColumn(c) => TableOp::AddColumn(c.clone()),
            TableOp::AlterColumn(a) => TableOp::AlterColumn(a.reverse()),
            TableOp::CreateIndex(i) => TableOp::DropIndex(i.clone()),
            TableOp::DropIndex(i) => TableOp::CreateIndex(i.clone()),
            TableOp::AddConstraint(c) => TableOp::DropConstraint(c.clone()),
            TableOp::DropConstraint(c) => TableOp::AddConstraint(c.clone()),
        }
    }
}

/// A top-level op.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    CreateTable(MTable),
    /// Drops a table; carries its reflected definition for the reverse.
    DropTable(MTable),
    Modify {
        table: String,
        ops: Vec<TableOp>,
    },
}

impl Op {
    fn reverse(&self) -> Op {
        match self {
            Op::CreateTable(t) => Op::DropTable(t.clone()),
            Op::DropTable(t) => Op::CreateTable(t.clone()),
            Op::Modify { table, ops } => Op::Modify {
                table: table.clone(),
                ops: ops.iter().rev().map(TableOp::reverse).collect(),
            },
        }
    }
}

/// The downgrade of an upgrade: reversed order, each op reversed.
pub fn reverse_all(ops: &[Op]) -> Vec<Op> {
    ops.iter().rev().map(Op::reverse).collect()
}

fn name_repr(name: &Option<Name>) -> String {
    match name {
        Some(n) => py_repr(&n.text),
        None => "None".into(),
    }
}

/// SQLAlchemy's `repr(Column)` inside a table.
fn column_repr(table: &str, column: &MColumn) -> String {
    let mut parts = vec![py_repr(&column.name), column.ty.repr()];
    parts.push(format!("table=<{table}>"));
    if column.primary_key {
        parts.push("primary_key=True".into());
    }
    if !column.nullable {
        parts.push("nullable=False".into());
    }
    if let Some(default) = &column.server_default {
        let arg = match default {
            Default::Literal(s) => py_repr(s),
            Default::Sql(s) => format!("<sqlalchemy.sql.elements.TextClause object> {s}"),
        };
        parts.push(format!(
            "server_default=DefaultClause({arg}, for_update=False)"
        ));
    }
    format!("Column({})", parts.join(", "))
}

fn columns_repr(table: &MTable, names: &[String]) -> String {
    names
        .iter()
        .map(|n| match table.column(n) {
            Some(c) => column_repr(&table.name, c),
            None => format!("Column({}, NullType(), table=<{}>)", py_repr(n), table.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn table_repr(table: &MTable) -> String {
    let mut parts = vec![py_repr(&table.name), "MetaData()".to_owned()];
    parts.extend(table.columns.iter().map(|c| column_repr(&table.name, c)));
    parts.push("schema=None".into());
    format!("Table({})", parts.join(", "))
}

fn constraint_repr(table: &MTable, constraint: &MConstraint) -> String {
    match constraint {
        MConstraint::Unique { name, columns } => format!(
            "UniqueConstraint({}, name={})",
            columns_repr(table, columns),
            name_repr(name)
        ),
        MConstraint::ForeignKey(fk) => foreign_key_repr(fk),
        MConstraint::Check { name, sql } => format!(
            "CheckConstraint(<sqlalchemy.sql.elements.TextClause object>, name={}) {sql}",
            name_repr(name)
        ),
    }
}

fn foreign_key_repr(fk: &ForeignKey) -> String {
    let targets: Vec<String> = fk
        .ref_columns
        .iter()
        .map(|c| format!("ForeignKey('{}.{c}')", fk.ref_table))
        .collect();
    format!(
        "ForeignKeyConstraint({}, name={})",
        targets.join(", "),
        name_repr(&fk.name)
    )
}

/// `UpgradeOps.as_diffs()`, as `flask db check` prints them.
pub fn diffs(ops: &[Op], metadata: &[MTable], reflected: &[MTable]) -> Vec<String> {
    let find = |tables: &[MTable], name: &str| tables.iter().find(|t| t.name == name).cloned();
    let mut out = Vec::new();
    for op in ops {
        match op {
            Op::CreateTable(t) => out.push(format!("('add_table', {})", table_repr(t))),
            Op::DropTable(t) => out.push(format!("('remove_table', {})", table_repr(t))),
            Op::Modify { table, ops } => {
                let meta = find(metadata, table).unwrap_or_else(|| MTable::new(table.clone()));
                let conn = find(reflected, table).unwrap_or_else(|| MTable::new(table.clone()));
                for op in ops {
                    match op {
                        TableOp::AddColumn(c) => out.push(format!(
                            "('add_column', None, {}, {})",
                            py_repr(table),
                            column_repr(table, c)
                        )),
                        TableOp::DropColumn(c) => out.push(format!(
                            "('remove_column', None, {}, {})",
                            py_repr(table),
                            column_repr(table, c)
                        )),
                        TableOp::AlterColumn(a) => {
                            if let Some(new_type) = &a.modify_type {
                                out.push(format!(
                                    "[('modify_type', None, {}, {}, {{'existing_nullable': {}, 'existing_server_default': {}, 'existing_comment': None}}, {}, {})]",
                                    py_repr(table),
                                    py_repr(&a.column),
                                    bool_repr(a.existing_nullable),
                                    default_repr(&a.existing_server_default),
                                    a.existing_type.as_ref().map_or("None".into(), SaType::repr),
                                    new_type.repr()
                                ));
                            }
                            if let Some(nullable) = a.modify_nullable {
                                out.push(format!(
                                    "[('modify_nullable', None, {}, {}, {{'existing_type': {}, 'existing_server_default': {}, 'existing_comment': None}}, {}, {})]",
                                    py_repr(table),
                                    py_repr(&a.column),
                                    a.existing_type.as_ref().map_or("None".into(), SaType::repr),
                                    default_repr(&a.existing_server_default),
                                    bool_repr(a.existing_nullable),
                                    bool_repr(Some(nullable))
                                ));
                            }
                        }
                        TableOp::CreateIndex(i) => {
                            out.push(format!("('add_index', {})", index_repr(&meta, i)))
                        }
                        TableOp::DropIndex(i) => {
                            out.push(format!("('remove_index', {})", index_repr(&conn, i)))
                        }
                        TableOp::AddConstraint(MConstraint::ForeignKey(fk)) => {
                            out.push(format!("('add_fk', {})", foreign_key_repr(fk)))
                        }
                        TableOp::AddConstraint(c) => {
                            out.push(format!("('add_constraint', {})", constraint_repr(&meta, c)))
                        }
                        TableOp::DropConstraint(MConstraint::ForeignKey(fk)) => {
                            out.push(format!("('remove_fk', {})", foreign_key_repr(fk)))
                        }
                        TableOp::DropConstraint(c) => out.push(format!(
                            "('remove_constraint', {})",
                            constraint_repr(&conn, c)
                        )),
                    }
                }
            }
        }
    }
    out
}

fn bool_repr(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "True",
        Some(false) => "False",
        None => "None",
    }
}

fn default_repr(default: &Option<Default>) -> String {
    match default {
        None => "None".into(),
        Some(Default::Literal(s)) => format!("DefaultClause({}, for_update=False)", py_repr(s)),
        Some(Default::Sql(_)) => {
            "DefaultClause(<sqlalchemy.sql.elements.TextClause object>, for_update=False)".into()
        }
    }
}

fn index_repr(table: &MTable, index: &MIndex) -> String {
    let mut parts = vec![
        py_repr(&index.name.text),
        columns_repr(table, &index.columns),
    ];
    if index.unique {
        parts.push("unique=True".into());
    }
    format!("Index({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_downgrade_reverses_every_op() {
        let column = MColumn::new("age", SaType::new("Integer"));
        let upgrade = vec![
            Op::CreateTable(MTable::new("categories")),
            Op::Modify {
                table: "articles".into(),
                ops: vec![
                    TableOp::AddColumn(column.clone()),
                    TableOp::AddConstraint(MConstraint::Unique {
                        name: None,
                        columns: vec!["age".into()],
                    }),
                ],
            },
        ];
        let downgrade = reverse_all(&upgrade);
        assert!(matches!(&downgrade[1], Op::DropTable(t) if t.name == "categories"));
        match &downgrade[0] {
            Op::Modify { ops, .. } => {
                assert!(matches!(ops[0], TableOp::DropConstraint(_)));
                assert_eq!(ops[1], TableOp::DropColumn(column));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn check_lists_added_columns() {
        let ops = vec![Op::Modify {
            table: "students".into(),
            ops: vec![TableOp::AddColumn(MColumn::new(
                "age",
                SaType::new("Integer"),
            ))],
        }];
        assert_eq!(
            diffs(&ops, &[], &[]),
            vec!["('add_column', None, 'students', Column('age', Integer(), table=<students>))"]
        );
    }
}
