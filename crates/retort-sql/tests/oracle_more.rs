//! More shapes recorded with the reference SQLAlchemy:
//! `tests/oracle/more_shapes.py`, output in `tests/oracle/more_shapes.out`.

mod common;

use common::*;
use retort_sql::{
    AliasName, BinaryOp, Column, DdlStatement, Dialect, Expr, Select, SqlType, Statement, Table,
    and_, compile_ddl, not_, or_,
};

fn t(c: &str) -> Expr {
    Expr::col("t", c)
}

fn tb(c: &str, op: BinaryOp, v: i64) -> Expr {
    let col = t(c);
    let b = col.value_bind(v);
    col.binary(op, b)
}

#[test]
fn autoincrement_table() {
    let mut table = Table::new(
        "t",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("a", SqlType::Integer),
            Column::new("flag", SqlType::Boolean),
            Column::new("name", SqlType::String(Some(10))),
        ],
    );
    table.sqlite_autoincrement = true;
    let stmt = DdlStatement::CreateTable(table);
    assert_eq!(
        compile_ddl(Dialect::Sqlite, &stmt).unwrap(),
        "\nCREATE TABLE t (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\ta INTEGER, \n\tflag BOOLEAN, \n\tname VARCHAR(10)\n)\n\n"
    );
    assert_eq!(
        compile_ddl(Dialect::Default, &stmt).unwrap(),
        "\nCREATE TABLE t (\n\tid INTEGER NOT NULL, \n\ta INTEGER, \n\tflag BOOLEAN, \n\tname VARCHAR(10), \n\tPRIMARY KEY (id)\n)\n\n"
    );
}

#[test]
fn tuple_in() {
    let q = Select::new(vec![Expr::col("k", "x")]).where_(
        Expr::Tuple(vec![Expr::col("k", "x"), Expr::col("k", "y")])
            .in_tuples(vec![vec![int(1), int(2)], vec![int(3), int(4)]]),
    );
    assert_sqlite(
        q.clone(),
        "SELECT k.x \nFROM k \nWHERE (k.x, k.y) IN (VALUES (?, ?), (?, ?))",
        vec![int(1), int(2), int(3), int(4)],
    );
    assert_eq!(
        sqlite_str(q.clone()),
        "SELECT k.x \nFROM k \nWHERE (k.x, k.y) IN (__[POSTCOMPILE_param_1])"
    );
    assert_eq!(
        default_str(q),
        "SELECT k.x \nFROM k \nWHERE (k.x, k.y) IN (__[POSTCOMPILE_param_1])"
    );
}

#[test]
fn not_boolean_column() {
    let q = Select::new(vec![t("id")])
        .where_(not_(t("flag").is_true()))
        .where_(t("flag").is_true());
    assert_sqlite(
        q.clone(),
        "SELECT t.id \nFROM t \nWHERE t.flag = 0 AND t.flag = 1",
        vec![],
    );
    assert_eq!(
        default_str(q),
        "SELECT t.id \nFROM t \nWHERE NOT t.flag AND t.flag"
    );
}

#[test]
fn text_statement() {
    let stmt = Statement::Text {
        sql: "SELECT * FROM t WHERE id = :id".into(),
        binds: vec![("id".into(), int(3))],
    };
    assert_sqlite(stmt.clone(), "SELECT * FROM t WHERE id = ?", vec![int(3)]);
    assert_eq!(default_str(stmt), "SELECT * FROM t WHERE id = :id");
}

#[test]
fn nested_alias_labels() {
    let inner = Select::new(vec![t("id"), Expr::func("max", vec![t("a")])]).group_by(t("id"));
    let q = Select::new(vec![Expr::count_star()])
        .select_from(inner.subquery(AliasName::anon(3, "anon")));
    assert_sqlite(
        q,
        "SELECT count(*) AS count_1 \nFROM (SELECT t.id AS id, max(t.a) AS max_1 \nFROM t GROUP BY t.id) AS anon_1",
        vec![],
    );
}

#[test]
fn or_single_in_and() {
    let q = Select::new(vec![t("id")])
        .where_(and_([or_([tb("a", BinaryOp::Eq, 1)])]))
        .where_(tb("a", BinaryOp::Eq, 2));
    assert_sqlite(
        q.clone(),
        "SELECT t.id \nFROM t \nWHERE t.a = ? AND t.a = ?",
        vec![int(1), int(2)],
    );
    assert_eq!(
        default_str(q),
        "SELECT t.id \nFROM t \nWHERE t.a = :a_1 AND t.a = :a_2"
    );
}

#[test]
fn neg_of_column_minus() {
    let c1 = t("a")
        .binary(BinaryOp::Sub, tb("a", BinaryOp::Sub, 1))
        .gt(Expr::param(0));
    let c2 = t("a")
        .binary(BinaryOp::Mul, tb("a", BinaryOp::Mul, 2))
        .gt(Expr::param(1));
    let c3 = t("a")
        .binary(BinaryOp::Add, t("a"))
        .binary(BinaryOp::Mul, Expr::param(2))
        .gt(Expr::param(0));
    let q = Select::new(vec![t("id")]).where_(c1).where_(c2).where_(c3);
    assert_sqlite(
        q.clone(),
        "SELECT t.id \nFROM t \nWHERE t.a - (t.a - ?) > ? AND t.a * t.a * ? > ? AND (t.a + t.a) * ? > ?",
        vec![int(1), int(0), int(2), int(1), int(2), int(0)],
    );
    assert_eq!(
        default_str(q),
        "SELECT t.id \nFROM t \nWHERE t.a - (t.a - :a_1) > :param_1 AND t.a * t.a * :a_2 > :param_2 AND (t.a + t.a) * :param_3 > :param_4"
    );
}

#[test]
fn division() {
    let q = Select::new(vec![
        t("a").binary(BinaryOp::Div, t("id")),
        tb("a", BinaryOp::Div, 2),
        t("a").binary(BinaryOp::FloorDiv, t("id")),
    ]);
    assert_sqlite(
        q.clone(),
        "SELECT t.a / (t.id + 0.0) AS anon_1, t.a / (? + 0.0) AS anon_2, t.a / t.id AS anon_3 \nFROM t",
        vec![int(2)],
    );
    assert_eq!(
        default_str(q),
        "SELECT t.a / CAST(t.id AS NUMERIC) AS anon_1, t.a / CAST(:a_1 AS NUMERIC) AS anon_2, t.a / t.id AS anon_3 \nFROM t"
    );
}

#[test]
fn scalar_subquery_in_columns() {
    let count = Select::new(vec![Expr::func("count", vec![Expr::col("c", "id")])])
        .where_(Expr::col("c", "tid").eq(t("id")));
    let q = Select::new(vec![t("id"), Expr::scalar_subquery(count)]);
    assert_sqlite(
        q,
        "SELECT t.id, (SELECT count(c.id) AS count_1 \nFROM c \nWHERE c.tid = t.id) AS anon_1 \nFROM t",
        vec![],
    );
}

#[test]
fn count_distinct() {
    let q = Select::new(vec![
        Expr::func("count", vec![t("a").distinct()]),
        t("a").distinct(),
    ]);
    assert_sqlite(
        q,
        "SELECT count(DISTINCT t.a) AS count_1, DISTINCT t.a \nFROM t",
        vec![],
    );
}

#[test]
fn repeated_and_colliding_column_labels() {
    assert_sqlite(
        Select::new(vec![t("id"), t("id")]),
        "SELECT t.id, t.id AS id__1 \nFROM t",
        vec![],
    );
    assert_sqlite(
        Select::new(vec![t("id"), t("id"), t("id")])
            .label_style(retort_sql::LabelStyle::TablenamePlusCol),
        "SELECT t.id AS t_id, t.id AS t_id__1, t.id AS t_id__2 \nFROM t",
        vec![],
    );
    assert_sqlite(
        Select::new(vec![Expr::col("t2", "a_b"), Expr::col("t2_a", "b")])
            .label_style(retort_sql::LabelStyle::TablenamePlusCol),
        "SELECT t2.a_b AS t2_a_b, t2_a.b AS t2_a_b_1 \nFROM t2, t2_a",
        vec![],
    );
}

#[test]
fn correlation_needs_more_than_one_from() {
    let max = Select::new(vec![Expr::func("max", vec![t("a")])]);
    assert_sqlite(
        Select::new(vec![t("id")]).where_(t("a").eq(Expr::scalar_subquery(max))),
        "SELECT t.id \nFROM t \nWHERE t.a = (SELECT max(t.a) AS max_1 \nFROM t)",
        vec![],
    );
    let inner = Select::new(vec![t("a")]).where_(tb("id", BinaryOp::Gt, 1));
    assert_sqlite(
        Select::new(vec![t("id")]).where_(t("a").in_select(inner)),
        "SELECT t.id \nFROM t \nWHERE t.a IN (SELECT t.a \nFROM t \nWHERE t.id > ?)",
        vec![int(1)],
    );
}

#[test]
fn all_froms_correlated_is_an_error() {
    let exists = Expr::exists(Select::new(vec![]).where_(t("id").eq(Expr::col("c", "tid"))));
    let q = Select::new(vec![t("id"), Expr::col("c", "id")]).where_(exists);
    assert!(retort_sql::compile_sqlite(&q.into()).is_err());
}

#[test]
fn delete_correlated_exists() {
    let c = |n: &str| Expr::col("c", n);
    let id = c("id");
    let three = id.value_bind(3);
    let exists =
        Expr::exists(Select::new(vec![]).where_(and_([c("tid").eq(t("id")), id.gt(three)])));
    let stmt = retort_sql::Delete::new("t").where_(exists);
    assert_sqlite(
        stmt.clone(),
        "DELETE FROM t WHERE EXISTS (SELECT * \nFROM c \nWHERE c.tid = t.id AND c.id > ?)",
        vec![int(3)],
    );
    assert_eq!(
        default_str(stmt),
        "DELETE FROM t WHERE EXISTS (SELECT * \nFROM c \nWHERE c.tid = t.id AND c.id > :id_1)"
    );
}

#[test]
fn known_functions() {
    let f = |n: &str, args: Vec<Expr>| Expr::func(n, args);
    let q = Select::new(vec![
        f("random", vec![]),
        f("now", vec![]),
        f("current_timestamp", vec![]),
        f("char_length", vec![t("name")]),
        f("user", vec![]),
        f("sysdate", vec![]),
        f("localtimestamp", vec![]),
        f("current_date", vec![]),
        f("strftime", vec![Expr::bind("strftime", "%Y"), t("name")]),
        f("Lower", vec![t("name")]),
        f("my func", vec![t("name")]),
    ]);
    assert_sqlite(
        q.clone(),
        "SELECT random() AS random_1, CURRENT_TIMESTAMP AS now_1, CURRENT_TIMESTAMP AS current_timestamp_1, length(t.name) AS char_length_1, USER AS user_1, sysdate AS sysdate_1, DATETIME(CURRENT_TIMESTAMP, 'localtime') AS localtimestamp_1, CURRENT_DATE AS current_date_1, strftime(?, t.name) AS strftime_1, Lower(t.name) AS \"Lower_1\", \"my func\"(t.name) AS my_func_1 \nFROM t",
        vec![text("%Y")],
    );
    assert_eq!(
        default_str(q),
        "SELECT random() AS random_1, now() AS now_1, CURRENT_TIMESTAMP AS current_timestamp_1, char_length(t.name) AS char_length_1, USER AS user_1, sysdate AS sysdate_1, LOCALTIMESTAMP AS localtimestamp_1, CURRENT_DATE AS current_date_1, strftime(:strftime_2, t.name) AS strftime_1, Lower(t.name) AS \"Lower_1\", \"my func\"(t.name) AS my_func_1 \nFROM t"
    );
}

#[test]
fn boolean_constants_as_criteria_and_columns() {
    let cases = [
        (
            or_([tb("id", BinaryOp::Eq, 1), Expr::True]),
            "WHERE 1 = 1",
            "WHERE true",
        ),
        (
            and_([tb("id", BinaryOp::Eq, 1), Expr::False]),
            "WHERE 0 = 1",
            "WHERE false",
        ),
        (Expr::True, "WHERE 1 = 1", "WHERE true"),
    ];
    for (criterion, sqlite, default) in cases {
        let q = Select::new(vec![t("id")]).where_(criterion);
        assert_sqlite(
            q.clone(),
            &format!("SELECT t.id \nFROM t \n{sqlite}"),
            vec![],
        );
        assert_eq!(default_str(q), format!("SELECT t.id \nFROM t \n{default}"));
    }
    let q = Select::new(vec![Expr::True, Expr::False, Expr::Null]);
    assert_sqlite(
        q.clone(),
        "SELECT 1 AS anon_1, 0 AS anon_2, NULL AS anon_3",
        vec![],
    );
    assert_eq!(
        default_str(q),
        "SELECT true AS anon_1, false AS anon_2, NULL AS anon_3"
    );
}

#[test]
fn like_escape() {
    let like = |op: BinaryOp, v: &str| {
        let c = t("name");
        let b = c.value_bind(v);
        c.binary(op, b)
    };
    let q = Select::new(vec![t("id")])
        .where_(like(BinaryOp::Like, "x").escape("/"))
        .where_(not_(like(BinaryOp::Like, "y").escape("/")))
        .where_(like(BinaryOp::StartsWith, "z").escape("^"));
    assert_sqlite(
        q.clone(),
        "SELECT t.id \nFROM t \nWHERE t.name LIKE ? ESCAPE '/' AND t.name NOT LIKE ? ESCAPE '/' AND (t.name LIKE ? || '%' ESCAPE '^')",
        vec![text("x"), text("y"), text("z")],
    );
    assert_eq!(
        default_str(q),
        "SELECT t.id \nFROM t \nWHERE t.name LIKE :name_1 ESCAPE '/' AND t.name NOT LIKE :name_2 ESCAPE '/' AND (t.name LIKE :name_3 || '%' ESCAPE '^')"
    );
    let bad = Select::new(vec![t("id")]).where_(t("id").escape("/"));
    assert!(retort_sql::compile_sqlite(&bad.into()).is_err());
}

#[test]
fn compound_selects() {
    use retort_sql::{CompoundSelect, FromSource, SetOp};
    let c = |n: &str| Expr::col("c", n);
    let q = CompoundSelect::new(
        SetOp::Union,
        vec![
            Select::new(vec![t("id")]).where_(tb("a", BinaryOp::Gt, 1)),
            Select::new(vec![c("id")]),
        ],
    )
    .order_by(Expr::Raw("id".into()))
    .limit(3);
    assert_sqlite(
        q.clone(),
        "SELECT t.id \nFROM t \nWHERE t.a > ? UNION SELECT c.id \nFROM c ORDER BY id\n LIMIT ? OFFSET ?",
        vec![int(1), int(3), int(0)],
    );
    assert_eq!(
        default_str(q),
        "SELECT t.id \nFROM t \nWHERE t.a > :a_1 UNION SELECT c.id \nFROM c ORDER BY id\n LIMIT :param_1"
    );

    let q = CompoundSelect::new(
        SetOp::UnionAll,
        vec![
            Select::new(vec![t("id")]),
            Select::new(vec![c("id")]),
            Select::new(vec![t("a")]),
        ],
    );
    assert_sqlite(
        q,
        "SELECT t.id \nFROM t UNION ALL SELECT c.id \nFROM c UNION ALL SELECT t.a \nFROM t",
        vec![],
    );

    let anon = AliasName::anon(1, "anon");
    let sq = CompoundSelect::new(
        SetOp::Union,
        vec![
            Select::new(vec![t("id"), t("a")]).where_(tb("a", BinaryOp::Gt, 1)),
            Select::new(vec![t("id"), t("a")]).where_(tb("a", BinaryOp::Lt, 0)),
        ],
    )
    .subquery(anon.clone());
    let col = |n: &str| Expr::aliased_col(FromSource::Alias(anon.clone()), n);
    assert_sqlite(
        Select::new(vec![col("id")])
            .select_from(sq)
            .order_by(col("a")),
        "SELECT anon_1.id \nFROM (SELECT t.id AS id, t.a AS a \nFROM t \nWHERE t.a > ? UNION SELECT t.id AS id, t.a AS a \nFROM t \nWHERE t.a < ?) AS anon_1 ORDER BY anon_1.a",
        vec![int(1), int(0)],
    );

    let q = CompoundSelect::new(
        SetOp::Union,
        vec![
            Select::new(vec![t("id")]).limit(2),
            Select::new(vec![c("id")]).order_by(c("id")),
        ],
    );
    assert_sqlite(
        q.clone(),
        "(SELECT t.id \nFROM t\n LIMIT ? OFFSET ?) UNION (SELECT c.id \nFROM c ORDER BY c.id)",
        vec![int(2), int(0)],
    );
    assert_eq!(
        default_str(q),
        "(SELECT t.id \nFROM t\n LIMIT :param_1) UNION (SELECT c.id \nFROM c ORDER BY c.id)"
    );
}

#[test]
fn named_primary_key() {
    let table = Table::new(
        "pk",
        vec![
            Column::new("a", SqlType::Integer),
            Column::new("b", SqlType::Integer),
        ],
    )
    .with_primary_key(Some("pk_ba".into()), vec!["b".into(), "a".into()]);
    let expected = "\nCREATE TABLE pk (\n\ta INTEGER NOT NULL, \n\tb INTEGER NOT NULL, \n\tCONSTRAINT pk_ba PRIMARY KEY (b, a)\n)\n\n";
    let stmt = DdlStatement::CreateTable(table);
    assert_eq!(compile_ddl(Dialect::Sqlite, &stmt).unwrap(), expected);
    assert_eq!(compile_ddl(Dialect::Default, &stmt).unwrap(), expected);
}

#[test]
fn cast_and_column_labels() {
    let cast = || t("a").cast(SqlType::String(None));
    assert_sqlite(
        Select::new(vec![t("a"), t("a"), cast(), t("a")]),
        "SELECT t.a, t.a AS a__1, CAST(t.a AS VARCHAR) AS a__2, t.a AS a_1 \nFROM t",
        vec![],
    );
    assert_sqlite(
        Select::new(vec![cast(), cast(), t("a")]),
        "SELECT CAST(t.a AS VARCHAR) AS a, CAST(t.a AS VARCHAR) AS a__1, t.a AS a_1 \nFROM t",
        vec![],
    );
}

#[test]
fn literal_binds_take_no_names() {
    let q = Select::new(vec![t("a").cast(SqlType::String(None)), t("a")])
        .where_(tb("a", BinaryOp::Gt, 2))
        .where_(t("id").in_values(vec![int(1), int(2)]));
    for dialect in [Dialect::Sqlite, Dialect::Default] {
        let sql = retort_sql::compile(
            &q.clone().into(),
            retort_sql::CompileOptions {
                dialect,
                param_style: retort_sql::ParamStyle::LiteralBinds,
            },
        )
        .unwrap()
        .sql;
        assert_eq!(
            sql,
            "SELECT CAST(t.a AS VARCHAR) AS a, t.a AS a_1 \nFROM t \nWHERE t.a > 2 AND t.id IN (1, 2)"
        );
    }
}
