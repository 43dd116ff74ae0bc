//! Autogenerate's comparison of the models with the database, in Alembic's
//! order: added tables (in `sorted_tables` order, with their indexes),
//! removed tables, then each existing table by name — added columns,
//! changed columns (type with `compare_type`, nullability), indexes and
//! unique constraints, foreign keys, removed columns. Each detection is
//! logged as Alembic logs it. Server defaults are not compared (Alembic's
//! default), and neither is anything a rename would need.

use std::collections::BTreeSet;

use crate::model::{MConstraint, MIndex, MTable};
use crate::ops::{AlterColumn, Op, TableOp};

/// A detection line: the logger and the message.
pub type Detection = (&'static str, String);

const TABLES: &str = "alembic.autogenerate.compare.tables";
const TYPES: &str = "alembic.autogenerate.compare.types";
const CONSTRAINTS: &str = "alembic.autogenerate.compare.constraints";

/// The comparison's result.
#[derive(Debug, Default)]
pub struct Comparison {
    pub ops: Vec<Op>,
    pub detections: Vec<Detection>,
}

/// Python's `repr` of a tuple of column names: `('name',)`.
fn tuple_repr(columns: &[String]) -> String {
    let items: Vec<String> = columns.iter().map(|c| crate::types::py_repr(c)).collect();
    if items.len() == 1 {
        format!("({},)", items[0])
    } else {
        format!("({})", items.join(", "))
    }
}

/// Compares the models' tables (`metadata`, in `sorted_tables` order) with
/// the reflected ones (`database`, without `alembic_version`).
pub fn compare(metadata: &[MTable], database: &[MTable], compare_type: bool) -> Comparison {
    let mut out = Comparison::default();
    let in_db = |name: &str| database.iter().any(|t| t.name == name);
    let in_models = |name: &str| metadata.iter().any(|t| t.name == name);

    for table in metadata.iter().filter(|t| !in_db(&t.name)) {
        out.ops.push(Op::CreateTable(table.clone()));
        out.detections
            .push((TABLES, format!("Detected added table '{}'", table.name)));
        let mut ops = Vec::new();
        compare_indexes(table, None, &mut ops, &mut out.detections);
        if !ops.is_empty() {
            out.ops.push(Op::Modify {
                table: table.name.clone(),
                ops,
            });
        }
    }

    let mut removed: Vec<&MTable> = database.iter().filter(|t| !in_models(&t.name)).collect();
    removed.sort_by(|a, b| a.name.cmp(&b.name));
    for table in removed {
        let mut ops = Vec::new();
        for index in &table.indexes {
            ops.push(TableOp::DropIndex(index.clone()));
            out.detections.push((
                CONSTRAINTS,
                format!(
                    "Detected removed index '{}' on '{}'",
                    index.name.text, table.name
                ),
            ));
        }
        if !ops.is_empty() {
            out.ops.push(Op::Modify {
                table: table.name.clone(),
                ops,
            });
        }
        out.ops.push(Op::DropTable(table.clone()));
        out.detections
            .push((TABLES, format!("Detected removed table '{}'", table.name)));
    }

    let mut existing: Vec<&MTable> = metadata.iter().filter(|t| in_db(&t.name)).collect();
    existing.sort_by(|a, b| a.name.cmp(&b.name));
    for model in existing {
        let Some(db) = database.iter().find(|t| t.name == model.name) else {
            continue;
        };
        let ops = compare_table(model, db, compare_type, &mut out.detections);
        if !ops.is_empty() {
            out.ops.push(Op::Modify {
                table: model.name.clone(),
                ops,
            });
        }
    }
    out
}

fn compare_table(
    model: &MTable,
    db: &MTable,
    compare_type: bool,
    detections: &mut Vec<Detection>,
) -> Vec<TableOp> {
    let mut ops = Vec::new();
    let name = &model.name;
    for column in &model.columns {
        if db.column(&column.name).is_none() {
            ops.push(TableOp::AddColumn(column.clone()));
            detections.push((
                TABLES,
                format!("Detected added column '{name}.{}'", column.name),
            ));
        }
    }
    for column in &model.columns {
        let Some(db_column) = db.column(&column.name) else {
            continue;
        };
        let mut alter = AlterColumn {
            column: column.name.clone(),
            // `compare_type=False` stops before Alembic records the type.
            existing_type: compare_type.then(|| db_column.ty.clone()),
            existing_nullable: Some(db_column.nullable),
            existing_server_default: db_column.server_default.clone(),
            modify_type: None,
            modify_nullable: None,
        };
        if compare_type && db_column.ty.differs_from_model(&column.ty) {
            alter.modify_type = Some(column.ty.clone());
            detections.push((
                TYPES,
                format!(
                    "Detected type change from {} to {} on '{name}.{}'",
                    db_column.ty.repr(),
                    column.ty.repr(),
                    column.name
                ),
            ));
        }
        if db_column.nullable != column.nullable {
            alter.modify_nullable = Some(column.nullable);
            detections.push((
                CONSTRAINTS,
                format!(
                    "Detected {} on column '{name}.{}'",
                    if column.nullable { "NULL" } else { "NOT NULL" },
                    column.name
                ),
            ));
        }
        if alter.has_changes() {
            ops.push(TableOp::AlterColumn(alter));
        }
    }
    compare_indexes(model, Some(db), &mut ops, detections);
    compare_foreign_keys(model, db, &mut ops, detections);
    for column in &db.columns {
        if model.column(&column.name).is_none() {
            ops.push(TableOp::DropColumn(column.clone()));
            detections.push((
                TABLES,
                format!("Detected removed column '{name}.{}'", column.name),
            ));
        }
    }
    ops
}

/// A named index or unique constraint.
#[derive(Debug, Clone)]
enum Named {
    Index(MIndex),
    Unique(Option<crate::model::Name>, Vec<String>),
}

fn uniques(table: &MTable) -> Vec<(Option<crate::model::Name>, Vec<String>)> {
    table
        .constraints
        .iter()
        .filter_map(|c| match c {
            MConstraint::Unique { name, columns } => Some((name.clone(), columns.clone())),
            _ => None,
        })
        .collect()
}

fn compare_indexes(
    model: &MTable,
    db: Option<&MTable>,
    ops: &mut Vec<TableOp>,
    detections: &mut Vec<Detection>,
) {
    let table = &model.name;
    let model_uniques = uniques(model);
    let mut model_names: Vec<(String, Named)> = model
        .indexes
        .iter()
        .map(|i| (i.name.text.clone(), Named::Index(i.clone())))
        .collect();
    for (name, columns) in &model_uniques {
        if let Some(name) = name {
            model_names.push((
                name.text.clone(),
                Named::Unique(Some(name.clone()), columns.clone()),
            ));
        }
    }
    let db_uniques = db.map(uniques).unwrap_or_default();
    let mut db_names: Vec<(String, Named)> = Vec::new();
    if let Some(db) = db {
        for index in &db.indexes {
            db_names.push((index.name.text.clone(), Named::Index(index.clone())));
        }
        for (name, columns) in &db_uniques {
            if let Some(name) = name {
                db_names.push((
                    name.text.clone(),
                    Named::Unique(Some(name.clone()), columns.clone()),
                ));
            }
        }
    }
    let unnamed_model_uniques: Vec<&Vec<String>> = model_uniques
        .iter()
        .filter(|(n, _)| n.is_none())
        .map(|(_, c)| c)
        .collect();
    let model_set: BTreeSet<&String> = model_names.iter().map(|(n, _)| n).collect();
    let db_set: BTreeSet<&String> = db_names.iter().map(|(n, _)| n).collect();
    let is_create = db.is_none();

    let add = |obj: &Named, ops: &mut Vec<TableOp>, detections: &mut Vec<Detection>| match obj {
        Named::Index(index) => {
            ops.push(TableOp::CreateIndex(index.clone()));
            detections.push((
                CONSTRAINTS,
                format!(
                    "Detected added index '{}' on '{}'",
                    index.name.text,
                    tuple_repr(&index.columns)
                ),
            ));
        }
        Named::Unique(name, columns) => {
            if is_create {
                return;
            }
            ops.push(TableOp::AddConstraint(MConstraint::Unique {
                name: name.clone(),
                columns: columns.clone(),
            }));
            let shown = match name {
                Some(n) => crate::types::py_repr(&n.text),
                None => "None".into(),
            };
            detections.push((
                CONSTRAINTS,
                format!(
                    "Detected added unique constraint {shown} on '{}'",
                    tuple_repr(columns)
                ),
            ));
        }
    };
    let remove = |obj: &Named, ops: &mut Vec<TableOp>, detections: &mut Vec<Detection>| match obj {
        Named::Index(index) => {
            ops.push(TableOp::DropIndex(index.clone()));
            detections.push((
                CONSTRAINTS,
                format!("Detected removed index '{}' on '{table}'", index.name.text),
            ));
        }
        Named::Unique(name, columns) => {
            ops.push(TableOp::DropConstraint(MConstraint::Unique {
                name: name.clone(),
                columns: columns.clone(),
            }));
            let shown = name
                .as_ref()
                .map_or("None".into(), |n| crate::types::py_repr(&n.text));
            detections.push((
                CONSTRAINTS,
                format!("Detected removed unique constraint {shown} on '{table}'"),
            ));
        }
    };

    for name in db_set.difference(&model_set) {
        let Some((_, obj)) = db_names.iter().find(|(n, _)| &n == name) else {
            continue;
        };
        if let Named::Unique(_, columns) = obj
            && unnamed_model_uniques.contains(&columns)
        {
            continue;
        }
        remove(obj, ops, detections);
    }
    for name in model_set.intersection(&db_set) {
        let (Some((_, model_obj)), Some((_, db_obj))) = (
            model_names.iter().find(|(n, _)| &n == name),
            db_names.iter().find(|(n, _)| &n == name),
        ) else {
            continue;
        };
        match (model_obj, db_obj) {
            (Named::Index(m), Named::Index(d)) => {
                if m.columns != d.columns || m.unique != d.unique {
                    let message = if m.unique != d.unique {
                        format!(
                            "unique={} to unique={}",
                            py_bool(d.unique),
                            py_bool(m.unique)
                        )
                    } else {
                        format!(
                            "expression {} to {}",
                            tuple_repr(&d.columns),
                            tuple_repr(&m.columns)
                        )
                    };
                    detections.push((
                        CONSTRAINTS,
                        format!(
                            "Detected changed index '{}' on '{table}': {message}",
                            d.name.text
                        ),
                    ));
                    ops.push(TableOp::DropIndex(d.clone()));
                    ops.push(TableOp::CreateIndex(m.clone()));
                }
            }
            (Named::Unique(mn, mc), Named::Unique(dn, dc)) => {
                if mc != dc {
                    detections.push((
                        CONSTRAINTS,
                        format!(
                            "Detected changed unique constraint '{}' on '{table}': expression {} to {}",
                            name,
                            tuple_repr(dc),
                            tuple_repr(mc)
                        ),
                    ));
                    ops.push(TableOp::DropConstraint(MConstraint::Unique {
                        name: dn.clone(),
                        columns: dc.clone(),
                    }));
                    ops.push(TableOp::AddConstraint(MConstraint::Unique {
                        name: mn.clone(),
                        columns: mc.clone(),
                    }));
                }
            }
            (m, d) => {
                remove(d, ops, detections);
                add(m, ops, detections);
            }
        }
    }
    for name in model_set.difference(&db_set) {
        if let Some((_, obj)) = model_names.iter().find(|(n, _)| &n == name) {
            add(obj, ops, detections);
        }
    }
    for columns in unnamed_model_uniques {
        if !db_uniques.iter().any(|(_, c)| c == columns) {
            add(&Named::Unique(None, columns.clone()), ops, detections);
        }
    }
}

fn py_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

fn compare_foreign_keys(
    model: &MTable,
    db: &MTable,
    ops: &mut Vec<TableOp>,
    detections: &mut Vec<Detection>,
) {
    let fks = |t: &MTable| -> Vec<crate::model::ForeignKey> {
        t.constraints
            .iter()
            .filter_map(|c| match c {
                MConstraint::ForeignKey(fk) => Some(fk.clone()),
                _ => None,
            })
            .collect()
    };
    let signature = |fk: &crate::model::ForeignKey| {
        (
            fk.columns.clone(),
            fk.ref_table.clone(),
            fk.ref_columns.clone(),
            fk.ondelete.clone().map(|a| a.to_ascii_uppercase()),
            fk.onupdate.clone().map(|a| a.to_ascii_uppercase()),
        )
    };
    let model_fks = fks(model);
    let db_fks = fks(db);
    let describe = |fk: &crate::model::ForeignKey| {
        format!(
            "({})({}) on table {}",
            fk.columns.join(", "),
            fk.ref_columns.join(", "),
            model.name
        )
    };
    for fk in &db_fks {
        if !model_fks.iter().any(|m| signature(m) == signature(fk)) {
            ops.push(TableOp::DropConstraint(MConstraint::ForeignKey(fk.clone())));
            detections.push((
                CONSTRAINTS,
                format!("Detected removed foreign key {}", describe(fk)),
            ));
        }
    }
    for fk in &model_fks {
        if !db_fks.iter().any(|d| signature(d) == signature(fk)) {
            ops.push(TableOp::AddConstraint(MConstraint::ForeignKey(fk.clone())));
            detections.push((
                CONSTRAINTS,
                format!("Detected added foreign key {}", describe(fk)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MColumn, Name, PrimaryKey};
    use crate::types::SaType;

    fn users(extra: bool) -> MTable {
        let mut t = MTable::new("users");
        let mut id = MColumn::new("id", SaType::new("Integer"));
        id.nullable = false;
        id.primary_key = true;
        t.columns.push(id);
        t.columns.push(MColumn::new(
            "name",
            SaType::with_length("String", Some(20)),
        ));
        if extra {
            t.columns.push(MColumn::new("age", SaType::new("Integer")));
        }
        t.primary_key = PrimaryKey {
            name: None,
            columns: vec!["id".into()],
        };
        t
    }

    #[test]
    fn detects_added_tables_and_columns() {
        let result = compare(&[users(false)], &[], true);
        assert!(matches!(result.ops[0], Op::CreateTable(_)));
        assert_eq!(result.detections[0].1, "Detected added table 'users'");

        let db = {
            let mut t = users(false);
            t.columns[1].ty = SaType::reflected("VARCHAR(20)");
            t.columns[0].ty = SaType::reflected("INTEGER");
            t
        };
        let result = compare(&[users(true)], std::slice::from_ref(&db), true);
        assert_eq!(result.detections.len(), 1);
        assert_eq!(result.detections[0].1, "Detected added column 'users.age'");
        let result = compare(&[users(false)], &[db], true);
        assert!(result.ops.is_empty());
    }

    #[test]
    fn unnamed_uniques_and_named_indexes() {
        let mut model = users(false);
        model.indexes.push(MIndex {
            name: Name::conv("ix_users_name"),
            columns: vec!["name".into()],
            unique: false,
        });
        model.constraints.push(MConstraint::Unique {
            name: None,
            columns: vec!["id".into()],
        });
        let result = compare(&[model], &[users(false)], true);
        let lines: Vec<&str> = result.detections.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            lines,
            vec![
                "Detected added index 'ix_users_name' on '('name',)'",
                "Detected added unique constraint None on '('id',)'"
            ]
        );
    }
}
