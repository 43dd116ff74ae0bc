//! DDL of the corpus: CREATE TABLE (types, NOT NULL, UNIQUE, foreign keys,
//! composite keys, quoted `"order"`), CREATE INDEX, and the PRAGMA checks.

use retort_sql::ddl::{SQLITE_TABLE_NAMES, pragma_table_info};
use retort_sql::{
    Column, DdlStatement, Dialect, ForeignKey, MetaData, SqlType, Table, compile_ddl,
    compile_sqlite,
};

fn sqlite(stmt: DdlStatement) -> String {
    let compiled = compile_sqlite(&stmt.into()).expect("compiles");
    assert!(compiled.params.is_empty());
    compiled.sql
}

fn users() -> Table {
    Table::new(
        "users",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("username", SqlType::String(Some(64)))
                .unique()
                .index(),
            Column::new("email", SqlType::String(Some(120))).unique(),
        ],
    )
}

#[test]
fn s01_users_table_and_unique_index() {
    let t = users();
    assert_eq!(
        sqlite(DdlStatement::CreateTable(t.clone())),
        "\nCREATE TABLE users (\n\tid INTEGER NOT NULL, \n\tusername VARCHAR(64), \n\temail VARCHAR(120), \n\tPRIMARY KEY (id), \n\tUNIQUE (email)\n)\n\n"
    );
    assert_eq!(
        sqlite(DdlStatement::CreateIndex(t.indexes[0].clone())),
        "CREATE UNIQUE INDEX ix_users_username ON users (username)"
    );
    assert_eq!(
        pragma_table_info("main", "users"),
        "PRAGMA main.table_info(\"users\")"
    );
    assert_eq!(
        pragma_table_info("temp", "users"),
        "PRAGMA temp.table_info(\"users\")"
    );
    assert!(SQLITE_TABLE_NAMES.starts_with("SELECT name FROM sqlite_master"));
}

#[test]
fn s02_note_table_with_every_type_in_both_dialects() {
    let t = Table::new(
        "note",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("title", SqlType::String(Some(100)))
                .not_null()
                .index(),
            Column::new("body", SqlType::Text),
            Column::new("views", SqlType::BigInteger),
            Column::new("stars", SqlType::SmallInteger),
            Column::new("score", SqlType::Float(None)),
            Column::new("price", SqlType::Numeric(Some(8), Some(2))),
            Column::new("pinned", SqlType::Boolean),
            Column::new("due", SqlType::Date),
            Column::new("created_at", SqlType::DateTime),
            Column::new("remind_at", SqlType::Time),
            Column::new("attachment", SqlType::LargeBinary),
            Column::new("mood", SqlType::enum_of(["happy", "sad"])),
            Column::new("status", SqlType::enum_of(["draft", "published"])),
        ],
    );
    let expected = "\nCREATE TABLE note (\n\tid INTEGER NOT NULL, \n\ttitle VARCHAR(100) NOT NULL, \n\tbody TEXT, \n\tviews BIGINT, \n\tstars SMALLINT, \n\tscore FLOAT, \n\tprice NUMERIC(8, 2), \n\tpinned BOOLEAN, \n\tdue DATE, \n\tcreated_at DATETIME, \n\tremind_at TIME, \n\tattachment BLOB, \n\tmood VARCHAR(5), \n\tstatus VARCHAR(9), \n\tPRIMARY KEY (id)\n)\n\n";
    assert_eq!(sqlite(DdlStatement::CreateTable(t.clone())), expected);
    // `print(CreateTable(t))` uses the default dialect: identical here.
    assert_eq!(
        compile_ddl(Dialect::Default, &DdlStatement::CreateTable(t.clone())).unwrap(),
        expected
    );
    assert_eq!(
        sqlite(DdlStatement::CreateIndex(t.indexes[0].clone())),
        "CREATE INDEX ix_note_title ON note (title)"
    );
}

#[test]
fn s17_unique_foreign_key_and_unquoted_user() {
    let profile = Table::new(
        "profile",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("bio", SqlType::String(Some(100))),
            Column::new("user_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("user.id").unwrap())
                .unique(),
        ],
    );
    assert_eq!(
        sqlite(DdlStatement::CreateTable(profile)),
        "\nCREATE TABLE profile (\n\tid INTEGER NOT NULL, \n\tbio VARCHAR(100), \n\tuser_id INTEGER, \n\tPRIMARY KEY (id), \n\tUNIQUE (user_id), \n\tFOREIGN KEY(user_id) REFERENCES user (id)\n)\n\n"
    );
}

#[test]
fn s18_composite_primary_key() {
    let tags = Table::new(
        "tags",
        vec![
            Column::new("tag_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("tag.id").unwrap())
                .primary_key(),
            Column::new("page_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("page.id").unwrap())
                .primary_key(),
        ],
    );
    assert_eq!(
        sqlite(DdlStatement::CreateTable(tags)),
        "\nCREATE TABLE tags (\n\ttag_id INTEGER NOT NULL, \n\tpage_id INTEGER NOT NULL, \n\tPRIMARY KEY (tag_id, page_id), \n\tFOREIGN KEY(tag_id) REFERENCES tag (id), \n\tFOREIGN KEY(page_id) REFERENCES page (id)\n)\n\n"
    );
}

#[test]
fn s19_reserved_table_name_is_quoted() {
    let order = Table::new(
        "order",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("customer", SqlType::String(Some(20))),
        ],
    );
    assert_eq!(
        sqlite(DdlStatement::CreateTable(order)),
        "\nCREATE TABLE \"order\" (\n\tid INTEGER NOT NULL, \n\tcustomer VARCHAR(20), \n\tPRIMARY KEY (id)\n)\n\n"
    );
    let item = Table::new(
        "order_item",
        vec![
            Column::new("order_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("order.id").unwrap())
                .primary_key(),
        ],
    );
    assert!(
        sqlite(DdlStatement::CreateTable(item))
            .contains("FOREIGN KEY(order_id) REFERENCES \"order\" (id)")
    );
}

#[test]
fn s30_varchar_without_length() {
    let user = Table::new(
        "user",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("username", SqlType::String(None))
                .not_null()
                .unique(),
            Column::new("email", SqlType::String(None)).not_null(),
        ],
    );
    assert_eq!(
        sqlite(DdlStatement::CreateTable(user)),
        "\nCREATE TABLE user (\n\tid INTEGER NOT NULL, \n\tusername VARCHAR NOT NULL, \n\temail VARCHAR NOT NULL, \n\tPRIMARY KEY (id), \n\tUNIQUE (username)\n)\n\n"
    );
}

#[test]
fn s20_create_all_order_follows_foreign_keys_then_definition() {
    let simple = |name: &str| {
        Table::new(
            name,
            vec![Column::new("id", SqlType::Integer).primary_key()],
        )
    };
    let mut m = MetaData::new();
    m.add_table(simple("teacher"));
    m.add_table(Table::new(
        "course",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("teacher_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("teacher.id").unwrap()),
            Column::new("classroom_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("classroom.id").unwrap()),
            Column::new("term_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("term.id").unwrap()),
        ],
    ));
    m.add_table(simple("classroom"));
    m.add_table(simple("term"));
    let order: Vec<&str> = m.create_order().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(order, vec!["teacher", "classroom", "term", "course"]);
    let sorted: Vec<&str> = m.sorted_tables().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(sorted, vec!["classroom", "teacher", "term", "course"]);
}

#[test]
fn drop_statements() {
    assert_eq!(
        sqlite(DdlStatement::DropTable("order".into())),
        "\nDROP TABLE \"order\""
    );
    assert_eq!(
        sqlite(DdlStatement::DropIndex("ix_users_username".into())),
        "\nDROP INDEX ix_users_username"
    );
    assert_eq!(
        compile_ddl(Dialect::Default, &DdlStatement::DropTable("user".into())).unwrap(),
        "\nDROP TABLE \"user\""
    );
}
