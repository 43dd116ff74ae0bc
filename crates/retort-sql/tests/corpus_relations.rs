//! Join, subquery, EXISTS and IN shapes from the relationship scenarios
//! (15–23, 28–29), rebuilt by hand as the ORM would build them.

mod common;

use common::*;
use retort_sql::{AliasName, Delete, Expr, FromItem, FromSource, LabelStyle, Select, and_};

const BOOK: &[&str] = &["id", "title", "author_id"];

/// `? = table.column`: lazy loads put the parameter first.
fn lazy_eq(table: &str, column: &str, value: i64) -> Expr {
    let c = Expr::col(table, column);
    Expr::param(value).eq(c)
}

#[test]
fn s15_lazy_load_puts_the_parameter_first() {
    assert_sqlite(
        legacy("book", BOOK).where_(lazy_eq("book", "author_id", 2)),
        "SELECT book.id AS book_id, book.title AS book_title, book.author_id AS book_author_id \nFROM book \nWHERE ? = book.author_id",
        vec![int(2)],
    );
}

#[test]
fn s15_join_with_on_clause() {
    let on = Expr::col("author", "id").eq(Expr::col("book", "author_id"));
    let q = first(
        legacy("author", &["id", "name"])
            .select_from(FromItem::table("author").join(FromItem::table("book"), on))
            .where_(eq("book", "title", "茶馆")),
    );
    assert_sqlite(
        q,
        "SELECT author.id AS author_id, author.name AS author_name \nFROM author JOIN book ON author.id = book.author_id \nWHERE book.title = ?\n LIMIT ? OFFSET ?",
        vec![text("茶馆"), int(1), int(0)],
    );
}

#[test]
fn s16_has_and_any_are_correlated_exists() {
    let inner = Select::new(vec![Expr::Raw("1".into())]).where_(and_([
        Expr::col("parents", "id").eq(Expr::col("children", "parent_id")),
        eq("parents", "name", "妈妈"),
    ]));
    let q = legacy("children", &["id", "name", "parent_id"]).where_(Expr::exists(inner));
    assert_sqlite(
        q,
        "SELECT children.id AS children_id, children.name AS children_name, children.parent_id AS children_parent_id \nFROM children \nWHERE EXISTS (SELECT 1 \nFROM parents \nWHERE parents.id = children.parent_id AND parents.name = ?)",
        vec![text("妈妈")],
    );
}

#[test]
fn s18_many_to_many_lazy_load_and_any() {
    let q = legacy("page", &["id", "title"]).where_(and_([
        lazy_eq("tags", "tag_id", 1),
        Expr::col("page", "id").eq(Expr::col("tags", "page_id")),
    ]));
    assert_sqlite(
        q,
        "SELECT page.id AS page_id, page.title AS page_title \nFROM page, tags \nWHERE ? = tags.tag_id AND page.id = tags.page_id",
        vec![int(1)],
    );

    // `any()` over a secondary table selects from the target and the secondary explicitly.
    let exists = Select::new(vec![Expr::Raw("1".into())])
        .select_from(FromItem::table("tag"))
        .select_from(FromItem::table("tags"))
        .where_(and_([
            Expr::col("page", "id").eq(Expr::col("tags", "page_id")),
            Expr::col("tag", "id").eq(Expr::col("tags", "tag_id")),
            eq("tag", "name", "web"),
        ]));
    let q = legacy("page", &["id", "title"])
        .where_(Expr::exists(exists))
        .count_wrapper(AliasName::anon(1, "anon"));
    assert_sqlite(
        q,
        "SELECT count(*) AS count_1 \nFROM (SELECT page.id AS page_id, page.title AS page_title \nFROM page \nWHERE EXISTS (SELECT 1 \nFROM tag, tags \nWHERE page.id = tags.page_id AND tag.id = tags.tag_id AND tag.name = ?)) AS anon_1",
        vec![text("web")],
    );
}

#[test]
fn s18_subquery_eager_load_joins_an_anonymous_subquery() {
    let anon = AliasName::anon(100, "anon");
    let tags_1 = AliasName::anon(200, "tags");
    let sub = first(
        Select::new(vec![Expr::col("page", "id")])
            .label_style(LabelStyle::TablenamePlusCol)
            .where_(eq("page", "title", "Flask 入门")),
    );
    let anon_col = |c: &str| Expr::aliased_col(FromSource::Alias(anon.clone()), c);
    let tags_col = |c: &str| {
        Expr::aliased_col(
            FromSource::TableAlias {
                table: "tags".into(),
                alias: tags_1.clone(),
            },
            c,
        )
    };
    let from = sub
        .subquery(anon.clone())
        .join(
            FromItem::Table {
                name: "tags".into(),
                alias: Some(tags_1.clone()),
            },
            anon_col("page_id").eq(tags_col("page_id")),
        )
        .join(
            FromItem::table("tag"),
            Expr::col("tag", "id").eq(tags_col("tag_id")),
        );
    let q = Select::new(vec![
        Expr::col("tag", "id"),
        Expr::col("tag", "name"),
        anon_col("page_id"),
    ])
    .label_style(LabelStyle::TablenamePlusCol)
    .select_from(from);
    assert_sqlite(
        q,
        "SELECT tag.id AS tag_id, tag.name AS tag_name, anon_1.page_id AS anon_1_page_id \nFROM (SELECT page.id AS page_id \nFROM page \nWHERE page.title = ?\n LIMIT ? OFFSET ?) AS anon_1 JOIN tags AS tags_1 ON anon_1.page_id = tags_1.page_id JOIN tag ON tag.id = tags_1.tag_id",
        vec![text("Flask 入门"), int(1), int(0)],
    );
}

#[test]
fn s18_delete_link_row() {
    assert_sqlite(
        Delete::new("tags").where_(and_([eq("tags", "tag_id", 3), eq("tags", "page_id", 1)])),
        "DELETE FROM tags WHERE tags.tag_id = ? AND tags.page_id = ?",
        vec![int(3), int(1)],
    );
}

#[test]
fn s19_quoted_order_table_in_select_and_insert() {
    assert_sqlite(
        legacy("order", &["id", "customer"]).where_(eq("order", "id", 1)),
        "SELECT \"order\".id AS order_id, \"order\".customer AS order_customer \nFROM \"order\" \nWHERE \"order\".id = ?",
        vec![int(1)],
    );
    assert_sqlite(
        retort_sql::Insert::new("order", vec!["customer".into()], vec![text("小王")]),
        "INSERT INTO \"order\" (customer) VALUES (?)",
        vec![text("小王")],
    );
}

const COURSE: &[&str] = &["id", "title", "teacher_id", "classroom_id", "term_id"];

fn course_1(alias: &AliasName) -> Vec<Expr> {
    COURSE
        .iter()
        .map(|c| {
            Expr::aliased_col(
                FromSource::TableAlias {
                    table: "course".into(),
                    alias: alias.clone(),
                },
                *c,
            )
        })
        .collect()
}

#[test]
fn s20_joined_eager_load() {
    let alias = AliasName::anon(1, "course");
    let mut columns = cols("classroom", &["id", "room"]);
    columns.extend(course_1(&alias));
    let on = Expr::col("classroom", "id").eq(course_1(&alias)[3].clone());
    let q = Select::new(columns)
        .label_style(LabelStyle::TablenamePlusCol)
        .select_from(FromItem::table("classroom").outer_join(
            FromItem::Table {
                name: "course".into(),
                alias: Some(alias.clone()),
            },
            on,
        ));
    assert_sqlite(
        q,
        "SELECT classroom.id AS classroom_id, classroom.room AS classroom_room, course_1.id AS course_1_id, course_1.title AS course_1_title, course_1.teacher_id AS course_1_teacher_id, course_1.classroom_id AS course_1_classroom_id, course_1.term_id AS course_1_term_id \nFROM classroom LEFT OUTER JOIN course AS course_1 ON classroom.id = course_1.classroom_id",
        vec![],
    );
}

#[test]
fn s20_joined_eager_load_with_first_wraps_a_subquery() {
    let course = AliasName::anon(1, "course");
    let anon = AliasName::anon(2, "anon");
    let inner = first(legacy("classroom", &["id", "room"]).where_(eq("classroom", "room", "102")));
    let anon_col = |c: &str| Expr::aliased_col(FromSource::Alias(anon.clone()), c);
    let mut columns = vec![anon_col("classroom_id"), anon_col("classroom_room")];
    columns.extend(course_1(&course));
    let on = anon_col("classroom_id").eq(course_1(&course)[3].clone());
    let q = Select::new(columns)
        .label_style(LabelStyle::TablenamePlusCol)
        .select_from(inner.subquery(anon.clone()).outer_join(
            FromItem::Table {
                name: "course".into(),
                alias: Some(course.clone()),
            },
            on,
        ));
    assert_sqlite(
        q,
        "SELECT anon_1.classroom_id AS anon_1_classroom_id, anon_1.classroom_room AS anon_1_classroom_room, course_1.id AS course_1_id, course_1.title AS course_1_title, course_1.teacher_id AS course_1_teacher_id, course_1.classroom_id AS course_1_classroom_id, course_1.term_id AS course_1_term_id \nFROM (SELECT classroom.id AS classroom_id, classroom.room AS classroom_room \nFROM classroom \nWHERE classroom.room = ?\n LIMIT ? OFFSET ?) AS anon_1 LEFT OUTER JOIN course AS course_1 ON anon_1.classroom_id = course_1.classroom_id",
        vec![text("102"), int(1), int(0)],
    );
}

#[test]
fn s20_selectin_load() {
    let mut columns = vec![Expr::col("course", "term_id")];
    columns.extend(cols(
        "course",
        &["id", "title", "teacher_id", "classroom_id"],
    ));
    let q = Select::new(columns)
        .label_style(LabelStyle::TablenamePlusCol)
        .where_(Expr::col("course", "term_id").in_values(vec![int(1)]));
    assert_sqlite(
        q,
        "SELECT course.term_id AS course_term_id, course.id AS course_id, course.title AS course_title, course.teacher_id AS course_teacher_id, course.classroom_id AS course_classroom_id \nFROM course \nWHERE course.term_id IN (?)",
        vec![int(1)],
    );
}

#[test]
fn s21_dynamic_relationship_query_and_its_str() {
    let (likes, b) = cmp("post", "likes", 8);
    let q = legacy("post", &["id", "title", "likes", "user_id"])
        .where_(and_([lazy_eq("post", "user_id", 1), likes.clone().gt(b)]))
        .order_by(likes.desc());
    assert_sqlite(
        q.clone(),
        "SELECT post.id AS post_id, post.title AS post_title, post.likes AS post_likes, post.user_id AS post_user_id \nFROM post \nWHERE ? = post.user_id AND post.likes > ? ORDER BY post.likes DESC",
        vec![int(1), int(8)],
    );
    let mut unordered = q;
    unordered.order_by.clear();
    assert_eq!(
        sqlite_str(unordered),
        "SELECT post.id AS post_id, post.title AS post_title, post.likes AS post_likes, post.user_id AS post_user_id \nFROM post \nWHERE ? = post.user_id AND post.likes > ?"
    );
}

#[test]
fn s23_nullify_children_update() {
    assert_sqlite(
        retort_sql::Update::new(
            "staff",
            vec![("department_id".into(), retort_sql::Value::Null)],
        )
        .where_(eq("staff", "id", 1)),
        "UPDATE staff SET department_id=? WHERE staff.id = ?",
        vec![retort_sql::Value::Null, int(1)],
    );
}

#[test]
fn s28_relationship_order_by_with_2_0_select() {
    let q = Select::new(cols(
        "song",
        &["id", "title", "position", "playlist_id", "singer_id"],
    ))
    .where_(lazy_eq("song", "playlist_id", 1))
    .order_by(Expr::col("song", "title"));
    assert_sqlite(
        q,
        "SELECT song.id, song.title, song.position, song.playlist_id, song.singer_id \nFROM song \nWHERE ? = song.playlist_id ORDER BY song.title",
        vec![int(1)],
    );
}
