//! Core shapes the corpus lacks, recorded with the reference SQLAlchemy:
//! `tests/oracle/core_shapes.py`, output in `tests/oracle/core_shapes.out`.
//! Each test names its recorded case; both the SQLite rendering (with
//! positional params) and the default dialect's `str()` are checked.

mod common;

use common::*;
use retort_sql::{
    AliasName, BinaryOp, Column, CompileOptions, Constraint, DdlStatement, Dialect, Expr,
    ForeignKey, FromItem, FromSource, Insert, ParamStyle, Select, ServerDefault, SqlType,
    Statement, Table, Update, Value, and_, compile, compile_ddl, not_, or_,
};

fn u(c: &str) -> Expr {
    Expr::col("user", c)
}

fn o(c: &str) -> Expr {
    Expr::col("order", c)
}

/// `u.c.<col> <op> value` with the bind named after the column.
fn ub(c: &str, op: BinaryOp, v: impl Into<Value>) -> Expr {
    let col = u(c);
    let b = col.value_bind(v);
    col.binary(op, b)
}

fn check(stmt: impl Into<Statement>, sqlite_sql: &str, params: Vec<Value>, default_sql: &str) {
    let stmt = stmt.into();
    let compiled = retort_sql::compile_sqlite(&stmt).expect("compiles");
    assert_eq!(compiled.sql, sqlite_sql, "sqlite");
    assert_eq!(compiled.params, params, "params");
    assert_eq!(default_str(stmt), default_sql, "default");
}

fn literal_binds(stmt: impl Into<Statement>, dialect: Dialect) -> String {
    compile(
        &stmt.into(),
        CompileOptions {
            dialect,
            param_style: ParamStyle::LiteralBinds,
        },
    )
    .expect("compiles")
    .sql
}

#[test]
fn ddl_user_types_defaults_and_named_constraints() {
    let t = Table::new(
        "user",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(20)))
                .index()
                .unique(),
            Column::new("age", SqlType::Integer).server_default(ServerDefault::Literal("0".into())),
            Column::new("n", SqlType::Numeric(Some(10), Some(2)))
                .server_default(ServerDefault::Sql("CURRENT_TIMESTAMP".into())),
            Column::new("iv", SqlType::Interval),
            Column::new("pk", SqlType::PickleType),
            Column::new("j", SqlType::Json),
            Column::new("e", SqlType::enum_of(["a", "bbb"])),
            Column::new("u", SqlType::Unicode(Some(10))),
            Column::new("ut", SqlType::UnicodeText),
            Column::new("lb", SqlType::LargeBinary),
            Column::new("s", SqlType::String(None)),
        ],
    )
    .with_table_args(vec![
        Constraint::Check {
            name: Some("ck_age".into()),
            sql: "age > 0".into(),
        },
        Constraint::Unique {
            name: Some("uq_na".into()),
            columns: vec!["name".into(), "age".into()],
        },
    ]);
    let body = "(\n\tid INTEGER NOT NULL, \n\tname VARCHAR(20), \n\tage INTEGER DEFAULT '0', \n\tn NUMERIC(10, 2) DEFAULT CURRENT_TIMESTAMP, \n\tiv DATETIME, \n\tpk BLOB, \n\tj JSON, \n\te VARCHAR(3), \n\tu VARCHAR(10), \n\tut TEXT, \n\tlb BLOB, \n\ts VARCHAR, \n\tPRIMARY KEY (id), \n\tCONSTRAINT ck_age CHECK (age > 0), \n\tCONSTRAINT uq_na UNIQUE (name, age)\n)\n\n";
    let stmt = DdlStatement::CreateTable(t);
    assert_eq!(
        compile_ddl(Dialect::Sqlite, &stmt).unwrap(),
        format!("\nCREATE TABLE user {body}")
    );
    assert_eq!(
        compile_ddl(Dialect::Default, &stmt).unwrap(),
        format!("\nCREATE TABLE \"user\" {body}")
    );
}

#[test]
fn ddl_order_and_fk2_constraint_order_and_default_parentheses() {
    let order = Table::new(
        "order",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("uid", SqlType::Integer)
                .foreign_key(ForeignKey::parse("user.id").unwrap().ondelete("CASCADE"))
                .not_null()
                .unique(),
        ],
    );
    assert_eq!(
        compile_ddl(Dialect::Default, &DdlStatement::CreateTable(order)).unwrap(),
        "\nCREATE TABLE \"order\" (\n\tid INTEGER NOT NULL, \n\tuid INTEGER NOT NULL, \n\tPRIMARY KEY (id), \n\tUNIQUE (uid), \n\tFOREIGN KEY(uid) REFERENCES \"user\" (id) ON DELETE CASCADE\n)\n\n"
    );
    let fk2 = DdlStatement::CreateTable(Table::new(
        "fk2",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("a", SqlType::Integer).foreign_key(ForeignKey::parse("user.id").unwrap()),
            Column::new("b", SqlType::Integer).unique(),
            Column::new("d", SqlType::Integer).server_default(ServerDefault::Sql("1 + 2".into())),
        ],
    ));
    let sqlite = compile_ddl(Dialect::Sqlite, &fk2).unwrap();
    assert_eq!(
        sqlite,
        "\nCREATE TABLE fk2 (\n\tid INTEGER NOT NULL, \n\ta INTEGER, \n\tb INTEGER, \n\td INTEGER DEFAULT (1 + 2), \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(a) REFERENCES user (id), \n\tUNIQUE (b)\n)\n\n"
    );
    assert!(
        compile_ddl(Dialect::Default, &fk2)
            .unwrap()
            .contains("\td INTEGER DEFAULT 1 + 2, \n")
    );
}

#[test]
fn arith() {
    let left = ub("age", BinaryOp::Sub, 1);
    let minus = left.binary(BinaryOp::Sub, Expr::param(2));
    let c1 = minus.gt(Expr::param(3));
    let plus = ub("id", BinaryOp::Add, 1);
    let c2 = u("age").binary(BinaryOp::Mul, plus).eq(-u("id"));
    check(
        Select::new(vec![u("id")]).where_(c1).where_(c2),
        "SELECT user.id \nFROM user \nWHERE (user.age - ?) - ? > ? AND user.age * (user.id + ?) = -user.id",
        vec![int(1), int(2), int(3), int(1)],
        "SELECT \"user\".id \nFROM \"user\" \nWHERE (\"user\".age - :age_1) - :param_1 > :param_2 AND \"user\".age * (\"user\".id + :id_1) = -\"user\".id",
    );
}

#[test]
fn bool_nesting() {
    let c1 = ub("age", BinaryOp::Add, 1)
        .binary(BinaryOp::Add, Expr::param(2))
        .gt(Expr::param(3));
    let c2 = or_([
        ub("id", BinaryOp::Eq, 1),
        and_([ub("id", BinaryOp::Eq, 2), ub("age", BinaryOp::Eq, 3)]),
    ]);
    let c3 = not_(and_([
        ub("id", BinaryOp::Eq, 1),
        ub("age", BinaryOp::Eq, 2),
    ]));
    check(
        Select::new(vec![u("id")]).where_(c1).where_(c2).where_(c3),
        "SELECT user.id \nFROM user \nWHERE user.age + ? + ? > ? AND (user.id = ? OR user.id = ? AND user.age = ?) AND NOT (user.id = ? AND user.age = ?)",
        [1, 2, 3, 1, 2, 3, 1, 2].into_iter().map(int).collect(),
        "SELECT \"user\".id \nFROM \"user\" \nWHERE \"user\".age + :age_1 + :param_1 > :param_2 AND (\"user\".id = :id_1 OR \"user\".id = :id_2 AND \"user\".age = :age_2) AND NOT (\"user\".id = :id_3 AND \"user\".age = :age_3)",
    );
}

#[test]
fn labels() {
    let q = Select::new(vec![
        u("id"),
        o("id"),
        Expr::count_star(),
        Expr::func("count", vec![u("id")]),
        ub("age", BinaryOp::Add, 1),
        Expr::param(5),
        u("name").label("x"),
    ])
    .select_from(FromItem::table("user").join(FromItem::table("order"), u("id").eq(o("uid"))));
    check(
        q,
        "SELECT user.id, \"order\".id AS id_1, count(*) AS count_1, count(user.id) AS count_2, user.age + ? AS anon_1, ? AS anon_2, user.name AS x \nFROM user JOIN \"order\" ON user.id = \"order\".uid",
        vec![int(1), int(5)],
        "SELECT \"user\".id, \"order\".id AS id_1, count(*) AS count_1, count(\"user\".id) AS count_2, \"user\".age + :age_1 AS anon_1, :param_1 AS anon_2, \"user\".name AS x \nFROM \"user\" JOIN \"order\" ON \"user\".id = \"order\".uid",
    );
}

#[test]
fn operators() {
    let q = Select::new(vec![u("id")])
        .where_(not_(u("id").in_values(vec![int(1), int(2)])))
        .where_(ub("name", BinaryOp::EndsWith, "x"))
        .where_(ub("name", BinaryOp::ILike, "a"))
        .where_(ub("name", BinaryOp::NotILike, "b"))
        .where_(u("id").between(u("id").value_bind(1), u("id").value_bind(2)))
        .where_(not_(
            u("id").between(u("id").value_bind(1), u("id").value_bind(2)),
        ))
        .where_(u("id").is_not(Expr::Null))
        .where_(u("id").ne(Expr::Null));
    check(
        q,
        "SELECT user.id \nFROM user \nWHERE (user.id NOT IN (?, ?)) AND (user.name LIKE '%' || ?) AND lower(user.name) LIKE lower(?) AND lower(user.name) NOT LIKE lower(?) AND user.id BETWEEN ? AND ? AND user.id NOT BETWEEN ? AND ? AND user.id IS NOT NULL AND user.id IS NOT NULL",
        vec![
            int(1),
            int(2),
            text("x"),
            text("a"),
            text("b"),
            int(1),
            int(2),
            int(1),
            int(2),
        ],
        "SELECT \"user\".id \nFROM \"user\" \nWHERE (\"user\".id NOT IN (__[POSTCOMPILE_id_1])) AND (\"user\".name LIKE '%' || :name_1) AND lower(\"user\".name) LIKE lower(:name_2) AND lower(\"user\".name) NOT LIKE lower(:name_3) AND \"user\".id BETWEEN :id_2 AND :id_3 AND \"user\".id NOT BETWEEN :id_4 AND :id_5 AND \"user\".id IS NOT NULL AND \"user\".id IS NOT NULL",
    );
}

#[test]
fn empty_in() {
    check(
        Select::new(vec![u("id")])
            .where_(u("id").in_values(vec![]))
            .where_(u("age").not_in_values(vec![])),
        "SELECT user.id \nFROM user \nWHERE user.id IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1) AND (user.age NOT IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1))",
        vec![],
        "SELECT \"user\".id \nFROM \"user\" \nWHERE \"user\".id IN (__[POSTCOMPILE_id_1]) AND (\"user\".age NOT IN (__[POSTCOMPILE_age_1]))",
    );
}

#[test]
fn limit_only_and_offset_only() {
    check(
        Select::new(vec![u("id")]).limit(3),
        "SELECT user.id \nFROM user\n LIMIT ? OFFSET ?",
        vec![int(3), int(0)],
        "SELECT \"user\".id \nFROM \"user\"\n LIMIT :param_1",
    );
    check(
        Select::new(vec![u("id")]).offset(3),
        "SELECT user.id \nFROM user\n LIMIT ? OFFSET ?",
        vec![int(-1), int(3)],
        "SELECT \"user\".id \nFROM \"user\"\n LIMIT -1 OFFSET :param_1",
    );
}

#[test]
fn booleans_literal() {
    let q = Select::new(vec![u("id")])
        .where_(u("age").eq(Expr::True))
        .where_(u("age").is(Expr::False))
        .where_(u("age").eq(Expr::Null))
        .where_(Expr::True);
    assert_eq!(
        literal_binds(q.clone(), Dialect::Sqlite),
        "SELECT user.id \nFROM user \nWHERE user.age = 1 AND user.age IS 0 AND user.age IS NULL"
    );
    assert_eq!(
        literal_binds(q, Dialect::Default),
        "SELECT \"user\".id \nFROM \"user\" \nWHERE \"user\".age = true AND \"user\".age IS false AND \"user\".age IS NULL"
    );
}

#[test]
fn literals_and_in_literal() {
    let q = Select::new(vec![u("id")])
        .where_(ub("name", BinaryOp::Eq, "it's"))
        .where_(ub("age", BinaryOp::Eq, 1.5))
        .where_(ub("age", BinaryOp::Eq, 1e20))
        .where_(ub("age", BinaryOp::Eq, 1e-7))
        .limit(3)
        .offset(2);
    assert_eq!(
        literal_binds(q, Dialect::Sqlite),
        "SELECT user.id \nFROM user \nWHERE user.name = 'it''s' AND user.age = 1.5 AND user.age = 1e+20 AND user.age = 1e-07\n LIMIT 3 OFFSET 2"
    );
    let q = Select::new(vec![u("id")]).where_(u("name").in_values(vec![text("a"), text("b")]));
    assert_eq!(
        literal_binds(q, Dialect::Default),
        "SELECT \"user\".id \nFROM \"user\" \nWHERE \"user\".name IN ('a', 'b')"
    );
}

#[test]
fn unary_cast_case() {
    let case = Expr::Case {
        whens: vec![
            (ub("age", BinaryOp::Gt, 1), Expr::param("x")),
            (ub("age", BinaryOp::Lt, 0), Expr::param("y")),
        ],
        else_: Some(Box::new(Expr::param("z"))),
    };
    let q = Select::new(vec![
        u("id").distinct(),
        u("age").desc(),
        u("age").cast(SqlType::String(None)),
        u("age").cast(SqlType::Numeric(Some(10), Some(2))),
        case,
    ])
    .distinct();
    check(
        q,
        "SELECT DISTINCT DISTINCT user.id, user.age DESC, CAST(user.age AS VARCHAR) AS age, CAST(user.age AS NUMERIC(10, 2)) AS age__1, CASE WHEN (user.age > ?) THEN ? WHEN (user.age < ?) THEN ? ELSE ? END AS anon_1 \nFROM user",
        vec![int(1), text("x"), int(0), text("y"), text("z")],
        "SELECT DISTINCT DISTINCT \"user\".id, \"user\".age DESC, CAST(\"user\".age AS VARCHAR) AS age, CAST(\"user\".age AS NUMERIC(10, 2)) AS age__1, CASE WHEN (\"user\".age > :age_1) THEN :param_1 WHEN (\"user\".age < :age_2) THEN :param_2 ELSE :param_3 END AS anon_1 \nFROM \"user\"",
    );
}

#[test]
fn exists_scalar_having() {
    let exists = Expr::exists(Select::new(vec![]).where_(o("uid").eq(u("id"))));
    let max = Expr::scalar_subquery(Select::new(vec![Expr::func("max", vec![o("id")])]));
    let count = Expr::count_star();
    let having = count.clone().gt(count.value_bind(1));
    let q = Select::new(vec![u("id")])
        .where_(exists)
        .where_(u("id").eq(max))
        .order_by(u("id").desc().nulls_last())
        .group_by(u("age"))
        .having(having);
    check(
        q,
        "SELECT user.id \nFROM user \nWHERE (EXISTS (SELECT * \nFROM \"order\" \nWHERE \"order\".uid = user.id)) AND user.id = (SELECT max(\"order\".id) AS max_1 \nFROM \"order\") GROUP BY user.age \nHAVING count(*) > ? ORDER BY user.id DESC NULLS LAST",
        vec![int(1)],
        "SELECT \"user\".id \nFROM \"user\" \nWHERE (EXISTS (SELECT * \nFROM \"order\" \nWHERE \"order\".uid = \"user\".id)) AND \"user\".id = (SELECT max(\"order\".id) AS max_1 \nFROM \"order\") GROUP BY \"user\".age \nHAVING count(*) > :count_1 ORDER BY \"user\".id DESC NULLS LAST",
    );
}

#[test]
fn subquery_label_order_and_order_by_label() {
    let anon = AliasName::anon(1, "anon");
    let sq = Select::new(vec![u("id"), u("name")])
        .where_(ub("id", BinaryOp::Gt, 5))
        .subquery(anon.clone());
    let sq_id = || Expr::aliased_col(FromSource::Alias(anon.clone()), "id");
    let q = Select::new(vec![sq_id(), Expr::count_star().label("cnt")])
        .select_from(sq)
        .group_by(sq_id())
        .order_by(Expr::LabelReference("cnt".into()));
    check(
        q,
        "SELECT anon_1.id, count(*) AS cnt \nFROM (SELECT user.id AS id, user.name AS name \nFROM user \nWHERE user.id > ?) AS anon_1 GROUP BY anon_1.id ORDER BY cnt",
        vec![int(5)],
        "SELECT anon_1.id, count(*) AS cnt \nFROM (SELECT \"user\".id AS id, \"user\".name AS name \nFROM \"user\" \nWHERE \"user\".id > :id_1) AS anon_1 GROUP BY anon_1.id ORDER BY cnt",
    );
    // A label that is not the selected object renders its expression.
    let q = Select::new(vec![u("age"), Expr::count_star().label("cnt")])
        .group_by(u("age"))
        .order_by(Expr::count_star().label("cnt").desc());
    check(
        q,
        "SELECT user.age, count(*) AS cnt \nFROM user GROUP BY user.age ORDER BY count(*) DESC",
        vec![],
        "SELECT \"user\".age, count(*) AS cnt \nFROM \"user\" GROUP BY \"user\".age ORDER BY count(*) DESC",
    );
}

#[test]
fn text_binds() {
    let q = Select::new(vec![Expr::Raw("a, b".into())])
        .select_from(FromItem::Raw("foo".into()))
        .where_(Expr::Text {
            sql: "x = :x and y = :y".into(),
            binds: vec![("x".into(), int(1)), ("y".into(), text("a"))],
        });
    check(
        q,
        "SELECT a, b \nFROM foo \nWHERE x = ? and y = ?",
        vec![int(1), text("a")],
        "SELECT a, b \nFROM foo \nWHERE x = :x and y = :y",
    );
}

#[test]
fn alias_join_2_0() {
    let alias = AliasName::anon(42, "order");
    let src = FromSource::TableAlias {
        table: "order".into(),
        alias: alias.clone(),
    };
    let pa = |c: &str| Expr::aliased_col(src.clone(), c);
    let q = Select::new(vec![u("id"), pa("id")]).select_from(FromItem::table("user").outer_join(
        FromItem::Table {
            name: "order".into(),
            alias: Some(alias.clone()),
        },
        u("id").eq(pa("uid")),
    ));
    check(
        q,
        "SELECT user.id, order_1.id AS id_1 \nFROM user LEFT OUTER JOIN \"order\" AS order_1 ON user.id = order_1.uid",
        vec![],
        "SELECT \"user\".id, order_1.id AS id_1 \nFROM \"user\" LEFT OUTER JOIN \"order\" AS order_1 ON \"user\".id = order_1.uid",
    );
}

#[test]
fn insert_update_delete() {
    check(
        Insert::new(
            "user",
            vec!["name".into(), "age".into()],
            vec![text("a"), int(3)],
        )
        .returning(vec!["id".into()]),
        "INSERT INTO user (name, age) VALUES (?, ?) RETURNING id",
        vec![text("a"), int(3)],
        "INSERT INTO \"user\" (name, age) VALUES (:name, :age) RETURNING \"user\".id",
    );
    let update = Update {
        table: "user".into(),
        set: vec![
            ("name".into(), Expr::fixed_bind("name", "b")),
            ("age".into(), ub("age", BinaryOp::Add, 1)),
        ],
        where_: vec![ub("id", BinaryOp::Eq, 5)],
        returning: Vec::new(),
    };
    check(
        update,
        "UPDATE user SET name=?, age=(user.age + ?) WHERE user.id = ?",
        vec![text("b"), int(1), int(5)],
        "UPDATE \"user\" SET name=:name, age=(\"user\".age + :age_1) WHERE \"user\".id = :id_1",
    );
    check(
        retort_sql::Delete::new("user")
            .where_(ub("id", BinaryOp::Eq, 5))
            .where_(ub("name", BinaryOp::Eq, "x")),
        "DELETE FROM user WHERE user.id = ? AND user.name = ?",
        vec![int(5), text("x")],
        "DELETE FROM \"user\" WHERE \"user\".id = :id_1 AND \"user\".name = :name_1",
    );
}

#[test]
fn like_in_columns() {
    let coalesce = Expr::func("coalesce", vec![u("age"), Expr::bind("coalesce", 0)]);
    let q = Select::new(vec![
        ub("name", BinaryOp::Contains, "a"),
        ub("name", BinaryOp::StartsWith, "b").label("q"),
        Expr::func("lower", vec![u("name")]),
        coalesce,
    ]);
    check(
        q,
        "SELECT user.name LIKE '%' || ? || '%' AS anon_1, (user.name LIKE ? || '%') AS q, lower(user.name) AS lower_1, coalesce(user.age, ?) AS coalesce_1 \nFROM user",
        vec![text("a"), text("b"), int(0)],
        "SELECT \"user\".name LIKE '%' || :name_1 || '%' AS anon_1, (\"user\".name LIKE :name_2 || '%') AS q, lower(\"user\".name) AS lower_1, coalesce(\"user\".age, :coalesce_2) AS coalesce_1 \nFROM \"user\"",
    );
}

#[test]
fn in_subquery_concat_neg_mod() {
    check(
        Select::new(vec![u("id")]).where_(u("id").in_select(Select::new(vec![o("uid")]))),
        "SELECT user.id \nFROM user \nWHERE user.id IN (SELECT \"order\".uid \nFROM \"order\")",
        vec![],
        "SELECT \"user\".id \nFROM \"user\" \nWHERE \"user\".id IN (SELECT \"order\".uid \nFROM \"order\")",
    );
    let concat = ub("name", BinaryOp::Concat, "x").eq(Expr::param("y"));
    let neg = (-ub("age", BinaryOp::Add, 1)).gt(Expr::param(0));
    let arith = ub("age", BinaryOp::Mul, 2).gt(ub("age", BinaryOp::Mod, 3));
    check(
        Select::new(vec![u("id")])
            .where_(concat)
            .where_(neg)
            .where_(arith),
        "SELECT user.id \nFROM user \nWHERE (user.name || ?) = ? AND -(user.age + ?) > ? AND user.age * ? > user.age % ?",
        vec![text("x"), text("y"), int(1), int(0), int(2), int(3)],
        "SELECT \"user\".id \nFROM \"user\" \nWHERE (\"user\".name || :name_1) = :param_1 AND -(\"user\".age + :age_1) > :param_2 AND \"user\".age * :age_2 > \"user\".age % :age_3",
    );
}

#[test]
fn explicit_from_first_and_not_exists_or() {
    check(
        Select::new(vec![u("id")]).select_from(FromItem::table("order")),
        "SELECT user.id \nFROM \"order\", user",
        vec![],
        "SELECT \"user\".id \nFROM \"order\", \"user\"",
    );
    let exists = Expr::exists(Select::new(vec![]).where_(o("uid").eq(u("id"))));
    check(
        Select::new(vec![u("id")]).where_(or_([not_(exists), ub("id", BinaryOp::Eq, 1)])),
        "SELECT user.id \nFROM user \nWHERE NOT (EXISTS (SELECT * \nFROM \"order\" \nWHERE \"order\".uid = user.id)) OR user.id = ?",
        vec![int(1)],
        "SELECT \"user\".id \nFROM \"user\" \nWHERE NOT (EXISTS (SELECT * \nFROM \"order\" \nWHERE \"order\".uid = \"user\".id)) OR \"user\".id = :id_1",
    );
}

#[test]
fn multi_row_insert_and_default_values() {
    let insert = Insert {
        table: "user".into(),
        columns: vec!["name".into()],
        values: retort_sql::InsertValues::Multi(vec![vec![text("a")], vec![text("b")]]),
        inline: Vec::new(),
        returning: vec![],
    };
    check(
        insert,
        "INSERT INTO user (name) VALUES (?), (?)",
        vec![text("a"), text("b")],
        "INSERT INTO \"user\" (name) VALUES (:name_m0), (:name_m1)",
    );
    check(
        Insert::new("k", vec![], vec![]),
        "INSERT INTO k DEFAULT VALUES",
        vec![],
        "INSERT INTO k () VALUES ()",
    );
}

#[test]
fn inline_columns_are_written_in_every_row_between_the_parameters() {
    // `stamped = Column(DateTime, default=func.now())` in an ORM bulk insert.
    let now = Expr::func("now", vec![]);
    let mut one = Insert::new(
        "post",
        vec!["title".into(), "stamped".into(), "views".into()],
        vec![text("a"), Value::Integer(5)],
    );
    one.inline = vec![("stamped".into(), now.clone())];
    check(
        one.clone(),
        "INSERT INTO post (title, stamped, views) VALUES (?, CURRENT_TIMESTAMP, ?)",
        vec![text("a"), Value::Integer(5)],
        "INSERT INTO post (title, stamped, views) VALUES (:title, now(), :views)",
    );
    let mut many = one.clone();
    many.values = retort_sql::InsertValues::Multi(vec![
        vec![text("a"), Value::Integer(5)],
        vec![text("b"), Value::Integer(7)],
    ]);
    check(
        many,
        "INSERT INTO post (title, stamped, views) VALUES (?, CURRENT_TIMESTAMP, ?), (?, CURRENT_TIMESTAMP, ?)",
        vec![text("a"), Value::Integer(5), text("b"), Value::Integer(7)],
        "INSERT INTO post (title, stamped, views) VALUES (:title_m0, now(), :views_m0), (:title_m1, now(), :views_m1)",
    );
    // A row that does not fill every other column is a compile error.
    one.values = retort_sql::InsertValues::Single(vec![text("a")]);
    assert!(retort_sql::compile_sqlite(&Statement::Insert(one)).is_err());
}
