//! Statements of the non-relationship scenarios (01–14, 24, 27, 30),
//! rebuilt by hand and compared with `/work/shared/conformance/expected`.

mod common;

use common::*;
use retort_sql::{
    AliasName, Delete, Expr, FromItem, Insert, LabelStyle, Select, Update, Value, and_, not_, or_,
};

const USERS: &[&str] = &["id", "username", "email"];
const STUDENT: &[&str] = &["id", "name", "age", "city"];
const STUDENT_SQL: &str = "SELECT student.id AS student_id, student.name AS student_name, student.age AS student_age, student.city AS student_city \nFROM student";

fn student_where(criteria: Vec<Expr>) -> Select {
    let mut s = legacy("student", STUDENT);
    s.where_ = criteria;
    s
}

#[test]
fn s01_insert_returning() {
    let insert = Insert::new(
        "users",
        vec!["username".into(), "email".into()],
        vec![text("admin"), text("admin@example.com")],
    )
    .returning(vec!["id".into()]);
    assert_sqlite(
        insert,
        "INSERT INTO users (username, email) VALUES (?, ?) RETURNING id",
        vec![text("admin"), text("admin@example.com")],
    );
}

#[test]
fn s01_get_all_first_update_delete_count() {
    let base = "SELECT users.id AS users_id, users.username AS users_username, users.email AS users_email \nFROM users";
    assert_sqlite(
        legacy("users", USERS).where_(eq("users", "id", 1)),
        &format!("{base} \nWHERE users.id = ?"),
        vec![int(1)],
    );
    assert_sqlite(legacy("users", USERS), base, vec![]);
    assert_sqlite(
        first(legacy("users", USERS).where_(eq("users", "username", "admin"))),
        &format!("{base} \nWHERE users.username = ?\n LIMIT ? OFFSET ?"),
        vec![text("admin"), int(1), int(0)],
    );
    assert_sqlite(
        Update::new("users", vec![("email".into(), text("root@example.com"))])
            .where_(eq("users", "id", 1)),
        "UPDATE users SET email=? WHERE users.id = ?",
        vec![text("root@example.com"), int(1)],
    );
    assert_sqlite(
        Delete::new("users").where_(eq("users", "id", 2)),
        "DELETE FROM users WHERE users.id = ?",
        vec![int(2)],
    );
    assert_sqlite(
        legacy("users", USERS).count_wrapper(AliasName::anon(1, "anon")),
        &format!("SELECT count(*) AS count_1 \nFROM ({base}) AS anon_1"),
        vec![],
    );
}

#[test]
fn s02_insert_of_every_type() {
    let columns: Vec<String> = [
        "title",
        "body",
        "views",
        "stars",
        "score",
        "price",
        "pinned",
        "due",
        "created_at",
        "remind_at",
        "attachment",
        "mood",
        "status",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let values = vec![
        text("第一篇笔记"),
        text("hello"),
        int(0),
        int(3),
        Value::Real(4.5),
        Value::Real(19.9),
        int(0),
        text("2024-05-01"),
        text("2024-01-01 08:30:00.000000"),
        text("09:15:00.000000"),
        Value::Blob(vec![0, 1]),
        text("happy"),
        text("draft"),
    ];
    assert_sqlite(
        Insert::new("note", columns, values.clone()),
        "INSERT INTO note (title, body, views, stars, score, price, pinned, due, created_at, remind_at, attachment, mood, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    );
}

#[test]
fn s03_first_without_where() {
    assert_sqlite(
        first(legacy("user_profile", &["id", "nickname"])),
        "SELECT user_profile.id AS user_profile_id, user_profile.nickname AS user_profile_nickname \nFROM user_profile\n LIMIT ? OFFSET ?",
        vec![int(1), int(0)],
    );
}

#[test]
fn s07_comparison_operators() {
    let (age, b) = cmp("student", "age", 18);
    assert_sqlite(
        student_where(vec![age.clone().ne(b)]),
        &format!("{STUDENT_SQL} \nWHERE student.age != ?"),
        vec![int(18)],
    );
    let b = age.value_bind(18);
    assert_sqlite(
        student_where(vec![age.clone().gt(b)]),
        &format!("{STUDENT_SQL} \nWHERE student.age > ?"),
        vec![int(18)],
    );
    let b = age.value_bind(18);
    assert_sqlite(
        student_where(vec![age.le(b)]),
        &format!("{STUDENT_SQL} \nWHERE student.age <= ?"),
        vec![int(18)],
    );
}

#[test]
fn s07_like_family() {
    let name = Expr::col("student", "name");
    let like = |op| {
        let n = Expr::col("student", "name");
        let b = n.value_bind("张%");
        n.binary(op, b)
    };
    assert_sqlite(
        student_where(vec![like(retort_sql::BinaryOp::Like)]),
        &format!("{STUDENT_SQL} \nWHERE student.name LIKE ?"),
        vec![text("张%")],
    );
    assert_sqlite(
        student_where(vec![not_(like(retort_sql::BinaryOp::Like))]),
        &format!("{STUDENT_SQL} \nWHERE student.name NOT LIKE ?"),
        vec![text("张%")],
    );
    let b = name.value_bind("王");
    assert_sqlite(
        student_where(vec![
            name.clone().binary(retort_sql::BinaryOp::StartsWith, b),
        ]),
        &format!("{STUDENT_SQL} \nWHERE (student.name LIKE ? || '%')"),
        vec![text("王")],
    );
    let b = name.value_bind("小");
    assert_sqlite(
        first(student_where(vec![
            name.binary(retort_sql::BinaryOp::Contains, b),
        ])),
        &format!("{STUDENT_SQL} \nWHERE (student.name LIKE '%' || ? || '%')\n LIMIT ? OFFSET ?"),
        vec![text("小"), int(1), int(0)],
    );
}

#[test]
fn s07_in_not_in_and_null_checks() {
    let city = || Expr::col("student", "city");
    let cities = vec![text("北京"), text("上海")];
    assert_sqlite(
        student_where(vec![city().in_values(cities.clone())]),
        &format!("{STUDENT_SQL} \nWHERE student.city IN (?, ?)"),
        cities.clone(),
    );
    assert_sqlite(
        student_where(vec![not_(city().in_values(cities.clone()))]),
        &format!("{STUDENT_SQL} \nWHERE (student.city NOT IN (?, ?))"),
        cities,
    );
    assert_sqlite(
        student_where(vec![city().eq(Expr::Null)]),
        &format!("{STUDENT_SQL} \nWHERE student.city IS NULL"),
        vec![],
    );
    assert_sqlite(
        student_where(vec![city().is_not(Expr::Null)]).count_wrapper(AliasName::anon(9, "anon")),
        &format!(
            "SELECT count(*) AS count_1 \nFROM ({STUDENT_SQL} \nWHERE student.city IS NOT NULL) AS anon_1"
        ),
        vec![],
    );
}

#[test]
fn s07_and_or_and_several_criteria() {
    let (age, b) = cmp("student", "age", 17);
    let city = eq("student", "city", "上海");
    assert_sqlite(
        student_where(vec![and_([age.clone().gt(b), city.clone()])]),
        &format!("{STUDENT_SQL} \nWHERE student.age > ? AND student.city = ?"),
        vec![int(17), text("上海")],
    );
    let b = age.value_bind(18);
    assert_sqlite(
        student_where(vec![or_([
            age.clone().lt(b),
            eq("student", "name", "王五"),
        ])]),
        &format!("{STUDENT_SQL} \nWHERE student.age < ? OR student.name = ?"),
        vec![int(18), text("王五")],
    );
    let lo = age.value_bind(17);
    let hi = age.value_bind(22);
    assert_sqlite(
        student_where(vec![age.clone().gt(lo), age.lt(hi)]),
        &format!("{STUDENT_SQL} \nWHERE student.age > ? AND student.age < ?"),
        vec![int(17), int(22)],
    );
}

#[test]
fn s08_order_by_limit_offset() {
    let a = &["id", "title", "read_count"];
    let base = "SELECT articles.id AS articles_id, articles.title AS articles_title, articles.read_count AS articles_read_count \nFROM articles";
    let rc = || Expr::col("articles", "read_count");
    let id = || Expr::col("articles", "id");
    assert_sqlite(
        legacy("articles", a).order_by(rc().desc()).order_by(id()),
        &format!("{base} ORDER BY articles.read_count DESC, articles.id"),
        vec![],
    );
    assert_sqlite(
        legacy("articles", a)
            .order_by(rc().desc())
            .order_by(id().desc())
            .limit(3)
            .offset(0),
        &format!("{base} ORDER BY articles.read_count DESC, articles.id DESC\n LIMIT ? OFFSET ?"),
        vec![int(3), int(0)],
    );
    assert_sqlite(
        legacy("articles", a).order_by(id()).limit(2).offset(2),
        &format!("{base} ORDER BY articles.id\n LIMIT ? OFFSET ?"),
        vec![int(2), int(2)],
    );
    // `.offset(n)` alone: SQLite's LIMIT ? OFFSET ? with -1.
    assert_sqlite(
        legacy("articles", a).offset(2),
        &format!("{base}\n LIMIT ? OFFSET ?"),
        vec![int(-1), int(2)],
    );
    let (rc2, b) = cmp("articles", "read_count", 30);
    assert_sqlite(
        legacy("articles", a)
            .where_(rc2.ge(b))
            .count_wrapper(AliasName::anon(1, "anon")),
        &format!(
            "SELECT count(*) AS count_1 \nFROM ({base} \nWHERE articles.read_count >= ?) AS anon_1"
        ),
        vec![int(30)],
    );
    assert_sqlite(
        legacy("articles", a)
            .limit(2)
            .offset(0)
            .count_wrapper(AliasName::anon(1, "anon")),
        &format!("SELECT count(*) AS count_1 \nFROM ({base}\n LIMIT ? OFFSET ?) AS anon_1"),
        vec![int(2), int(0)],
    );
}

#[test]
fn s09_group_by_and_aggregates() {
    let dept = || Expr::col("employee", "dept");
    let count_id = || Expr::func("count", vec![Expr::col("employee", "id")]);
    let salary = || Expr::col("employee", "salary");
    let legacy_cols = |c: Vec<Expr>| Select::new(c).label_style(LabelStyle::TablenamePlusCol);
    assert_sqlite(
        legacy_cols(vec![dept(), count_id()]).group_by(dept()),
        "SELECT employee.dept AS employee_dept, count(employee.id) AS count_1 \nFROM employee GROUP BY employee.dept",
        vec![],
    );
    assert_sqlite(
        legacy_cols(vec![dept(), count_id().label("cnt")])
            .group_by(dept())
            .order_by(count_id().desc())
            .order_by(dept()),
        "SELECT employee.dept AS employee_dept, count(employee.id) AS cnt \nFROM employee GROUP BY employee.dept ORDER BY count(employee.id) DESC, employee.dept",
        vec![],
    );
    assert_sqlite(
        legacy_cols(vec![
            Expr::func("max", vec![salary()]),
            Expr::func("min", vec![salary()]),
        ]),
        "SELECT max(employee.salary) AS max_1, min(employee.salary) AS min_1 \nFROM employee",
        vec![],
    );
    assert_sqlite(
        legacy_cols(vec![Expr::func("avg", vec![salary()])]).where_(eq("employee", "dept", "研发")),
        "SELECT avg(employee.salary) AS avg_1 \nFROM employee \nWHERE employee.dept = ?",
        vec![text("研发")],
    );
    let sum = || Expr::func("sum", vec![salary()]);
    let b = sum().value_bind(15000);
    assert_sqlite(
        legacy_cols(vec![dept(), sum()])
            .group_by(dept())
            .having(sum().gt(b)),
        "SELECT employee.dept AS employee_dept, sum(employee.salary) AS sum_1 \nFROM employee GROUP BY employee.dept \nHAVING sum(employee.salary) > ?",
        vec![int(15000)],
    );
    assert_sqlite(
        legacy_cols(vec![Expr::func(
            "count",
            vec![Expr::func("distinct", vec![dept()])],
        )]),
        "SELECT count(distinct(employee.dept)) AS count_1 \nFROM employee",
        vec![],
    );
}

#[test]
fn s12_select_2_0_style() {
    let city = || Select::new(cols("city", &["id", "name", "population"]));
    let (pop, b) = cmp("city", "population", 2000);
    assert_sqlite(
        city().where_(pop.clone().gt(b)).order_by(pop.desc()),
        "SELECT city.id, city.name, city.population \nFROM city \nWHERE city.population > ? ORDER BY city.population DESC",
        vec![int(2000)],
    );
    assert_sqlite(
        Select::new(vec![Expr::count_star()]).select_from(FromItem::table("city")),
        "SELECT count(*) AS count_1 \nFROM city",
        vec![],
    );
    assert_sqlite(
        Update::new("city", vec![("population".into(), int(1800))]).where_(eq("city", "id", 3)),
        "UPDATE city SET population=? WHERE city.id = ?",
        vec![int(1800), int(3)],
    );
}

#[test]
fn s13_paginate_count_subquery_and_boolean_literal() {
    let comment = || Select::new(cols("comment", &["id", "content", "approved"]));
    let approved = || Expr::col("comment", "approved").eq(Expr::True);
    assert_sqlite(
        comment()
            .where_(approved())
            .order_by(Expr::col("comment", "id"))
            .limit(3)
            .offset(0),
        "SELECT comment.id, comment.content, comment.approved \nFROM comment \nWHERE comment.approved = 1 ORDER BY comment.id\n LIMIT ? OFFSET ?",
        vec![int(3), int(0)],
    );
    let count = Select::new(vec![Expr::count_star()]).select_from(
        comment()
            .where_(approved())
            .subquery(AliasName::anon(5, "anon")),
    );
    assert_sqlite(
        count,
        "SELECT count(*) AS count_1 \nFROM (SELECT comment.id AS id, comment.content AS content, comment.approved AS approved \nFROM comment \nWHERE comment.approved = 1) AS anon_1",
        vec![],
    );
}

#[test]
fn s24_soft_delete_booleans_and_bulk_update() {
    let task = &["id", "title", "done", "is_deleted"];
    let base = "SELECT task.id AS task_id, task.title AS task_title, task.done AS task_done, task.is_deleted AS task_is_deleted \nFROM task";
    let deleted = || Expr::col("task", "is_deleted");
    assert_sqlite(
        legacy("task", task).where_(deleted().eq(Expr::False)),
        &format!("{base} \nWHERE task.is_deleted = 0"),
        vec![],
    );
    assert_sqlite(
        legacy("task", task).where_(deleted().is(Expr::True)),
        &format!("{base} \nWHERE task.is_deleted IS 1"),
        vec![],
    );
    assert_sqlite(
        first(legacy("task", task).where_(and_([
            eq("task", "title", "跑步"),
            deleted().eq(Expr::False),
        ]))),
        &format!("{base} \nWHERE task.title = ? AND task.is_deleted = 0\n LIMIT ? OFFSET ?"),
        vec![text("跑步"), int(1), int(0)],
    );
    assert_sqlite(
        Update::new("task", vec![("is_deleted".into(), int(1))])
            .where_(Expr::col("task", "done").eq(Expr::True)),
        "UPDATE task SET is_deleted=? WHERE task.done = 1",
        vec![int(1)],
    );
}

#[test]
fn s30_quickstart_user_is_not_quoted_on_sqlite() {
    assert_sqlite(
        Select::new(cols("user", &["id", "username", "email"]))
            .order_by(Expr::col("user", "username")),
        "SELECT user.id, user.username, user.email \nFROM user ORDER BY user.username",
        vec![],
    );
}
