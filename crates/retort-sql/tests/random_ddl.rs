//! Differential test of DDL against SQLAlchemy: random tables described in
//! `tests/oracle/random_ddl.json` (recorded by `random_ddl.py`) are built
//! with [`Table::new`] and compared as CREATE TABLE (SQLite and default
//! dialect), CREATE INDEX and `sorted_tables`.

use retort_sql::{
    Column, Constraint, DdlStatement, Dialect, ForeignKey, MetaData, ServerDefault, SqlType, Table,
    compile_ddl,
};
use serde_json::Value as Json;

const CASES: &str = include_str!("oracle/random_ddl.json");

fn column(tree: &Json) -> Column {
    let sql_type: SqlType = serde_json::from_value(tree["type"].clone()).expect("a type");
    let mut c = Column::new(tree["name"].as_str().unwrap_or_default(), sql_type);
    if tree["primary_key"].as_bool() == Some(true) {
        c = c.primary_key();
    }
    if tree["nullable"].as_bool() == Some(false) {
        c = c.not_null();
    }
    if tree.get("unique").is_some() {
        c = c.unique();
    }
    if tree.get("index").is_some() {
        c = c.index();
    }
    if let Some(default) = tree.get("server_default") {
        let default: ServerDefault = serde_json::from_value(default.clone()).expect("a default");
        c = c.server_default(default);
    }
    if let Some(fk) = tree.get("fk") {
        let fk: ForeignKey = serde_json::from_value(fk.clone()).expect("a foreign key");
        c = c.foreign_key(fk);
    }
    c
}

#[test]
fn random_tables_render_as_sqlalchemy_does() {
    let cases: Vec<Json> = serde_json::from_str(CASES).expect("valid fixture");
    assert!(cases.len() >= 100);
    for (i, case) in cases.iter().enumerate() {
        let spec = &case["table"];
        let columns = spec["columns"]
            .as_array()
            .map(|a| a.iter().map(column).collect())
            .unwrap_or_default();
        let extra: Vec<Constraint> =
            serde_json::from_value(spec["extra"].clone()).expect("constraints");
        let table =
            Table::new(spec["name"].as_str().unwrap_or_default(), columns).with_table_args(extra);

        let create = DdlStatement::CreateTable(table.clone());
        assert_eq!(
            compile_ddl(Dialect::Sqlite, &create).unwrap(),
            case["sqlite"].as_str().unwrap_or_default(),
            "case {i}"
        );
        assert_eq!(
            compile_ddl(Dialect::Default, &create).unwrap(),
            case["default"].as_str().unwrap_or_default(),
            "case {i} default"
        );

        let mut indexes = table.indexes.clone();
        indexes.sort_by(|a, b| a.name.cmp(&b.name));
        let rendered: Vec<String> = indexes
            .into_iter()
            .map(|ix| compile_ddl(Dialect::Sqlite, &DdlStatement::CreateIndex(ix)).unwrap())
            .collect();
        let expected: Vec<String> =
            serde_json::from_value(case["indexes"].clone()).expect("index list");
        assert_eq!(rendered, expected, "case {i} indexes");

        let mut metadata = MetaData::new();
        metadata.add_table(Table::new(
            "parent",
            vec![Column::new("id", SqlType::Integer).primary_key()],
        ));
        metadata.add_table(table);
        let sorted: Vec<&str> = metadata
            .sorted_tables()
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        let expected: Vec<String> =
            serde_json::from_value(case["sorted_tables"].clone()).expect("names");
        assert_eq!(sorted, expected, "case {i} sorted_tables");
    }
}
