//! `print(query)` (SQLite, POSTCOMPILE) and `print(select)` (default
//! dialect, `:name_1`) renderings from scenario 14's stdout, and
//! `literal_binds`.

mod common;

use common::*;
use retort_sql::{
    CompileOptions, Dialect, Expr, FromItem, LabelStyle, ParamStyle, Select, Statement, compile,
};

const GOODS: &[&str] = &["id", "name", "price", "category_id"];

#[test]
fn s14_str_of_legacy_queries() {
    let (price, b) = cmp("goods", "price", 10);
    assert_eq!(
        sqlite_str(
            legacy("goods", GOODS)
                .where_(price.clone().gt(b))
                .order_by(price.desc())
        ),
        "SELECT goods.id AS goods_id, goods.name AS goods_name, goods.price AS goods_price, goods.category_id AS goods_category_id \nFROM goods \nWHERE goods.price > ? ORDER BY goods.price DESC"
    );
    assert_eq!(
        sqlite_str(
            legacy("goods", GOODS)
                .where_(eq("goods", "name", "手机"))
                .limit(3)
                .offset(6)
        ),
        "SELECT goods.id AS goods_id, goods.name AS goods_name, goods.price AS goods_price, goods.category_id AS goods_category_id \nFROM goods \nWHERE goods.name = ?\n LIMIT ? OFFSET ?"
    );
    let cat = || Expr::col("goods", "category_id");
    assert_eq!(
        sqlite_str(
            Select::new(vec![
                cat(),
                Expr::func("count", vec![Expr::col("goods", "id")])
            ])
            .label_style(LabelStyle::TablenamePlusCol)
            .group_by(cat())
        ),
        "SELECT goods.category_id AS goods_category_id, count(goods.id) AS count_1 \nFROM goods GROUP BY goods.category_id"
    );
    let on = Expr::col("category", "id").eq(cat());
    assert_eq!(
        sqlite_str(
            legacy("goods", GOODS)
                .select_from(FromItem::table("goods").join(FromItem::table("category"), on))
                .where_(eq("category", "name", "数码"))
        ),
        "SELECT goods.id AS goods_id, goods.name AS goods_name, goods.price AS goods_price, goods.category_id AS goods_category_id \nFROM goods JOIN category ON category.id = goods.category_id \nWHERE category.name = ?"
    );
    assert_eq!(
        sqlite_str(
            legacy("goods", &["name"])
                .where_(Expr::col("goods", "name").in_values(vec![text("a"), text("b")]))
        ),
        "SELECT goods.name AS goods_name \nFROM goods \nWHERE goods.name IN (__[POSTCOMPILE_name_1])"
    );
}

fn between_stmt() -> Select {
    let price = Expr::col("goods", "price");
    let lo = price.value_bind(1);
    let hi = price.value_bind(100);
    Select::new(cols("goods", GOODS))
        .where_(price.between(lo, hi))
        .order_by(Expr::col("goods", "id"))
}

#[test]
fn s14_print_of_2_0_selects_uses_the_default_dialect() {
    assert_eq!(
        default_str(between_stmt()),
        "SELECT goods.id, goods.name, goods.price, goods.category_id \nFROM goods \nWHERE goods.price BETWEEN :price_1 AND :price_2 ORDER BY goods.id"
    );
    let name = Expr::col("category", "name");
    let pattern = name.value_bind("%书%");
    assert_eq!(
        default_str(
            Select::new(vec![name.clone()])
                .where_(name.binary(retort_sql::BinaryOp::Like, pattern))
                .limit(5)
        ),
        "SELECT category.name \nFROM category \nWHERE category.name LIKE :name_1\n LIMIT :param_1"
    );
}

#[test]
fn s14_literal_binds() {
    let compiled = compile(
        &Statement::Select(between_stmt()),
        CompileOptions {
            dialect: Dialect::Default,
            param_style: ParamStyle::LiteralBinds,
        },
    )
    .unwrap();
    assert_eq!(
        compiled.sql,
        "SELECT goods.id, goods.name, goods.price, goods.category_id \nFROM goods \nWHERE goods.price BETWEEN 1 AND 100 ORDER BY goods.id"
    );
    assert!(compiled.params.is_empty());
}

#[test]
fn named_params_are_reported_with_their_names() {
    let compiled = compile(
        &Statement::Select(between_stmt()),
        CompileOptions {
            dialect: Dialect::Default,
            param_style: ParamStyle::Named,
        },
    )
    .unwrap();
    assert_eq!(compiled.param_names, vec!["price_1", "price_2"]);
    assert_eq!(compiled.params, vec![int(1), int(100)]);
}
