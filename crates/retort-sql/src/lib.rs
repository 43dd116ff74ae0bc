//! Retort's emulation of SQLAlchemy 2.0 Core: schema objects, SQL types, the
//! SQL expression tree (SELECT, INSERT, UPDATE, DELETE and DDL) as plain
//! serialisable data, and the compilers that render it byte for byte as
//! SQLAlchemy 2.0.58 does for the SQLite dialect and for the default
//! (string) dialect.
//!
//! The layering follows SQLAlchemy: [`expr`], [`select`], [`dml`] and [`ddl`]
//! build trees; [`compiler`] walks them with one visitor whose dialect hooks
//! ([`compiler::Dialect`]) cover the SQLite and default differences.
//!
//! What the tree leaves to its builder (the ORM), because it depends on
//! Python objects or column types this crate does not see:
//! - bind names: compare with `col.value_bind(v)` (named after the column,
//!   `:name_1`); a function argument is `Expr::bind(func_name, v)`; lazy
//!   loads put `Expr::param(v)` on the left (`? = book.author_id`);
//! - anonymous aliases carry an identity ([`AliasName::Anon`]) so every
//!   mention of one alias gets the same `anon_1` / `course_1`;
//! - a Boolean column used as a criterion is `col.is_true()` (`col = 1`);
//!   `== True` is `col.eq(Expr::True)`; `Query.first()` is `.limit(1)`
//!   (SQLite adds `OFFSET ?` with 0 itself);
//! - ORDER BY the very label object selected is [`Expr::LabelReference`].
//!
//! ```
//! use retort_sql::{Expr, Insert, LabelStyle, Select, Value, compile_default_str, compile_sqlite};
//!
//! // Legacy `User.query.filter(User.name == "ann").first()`.
//! let name = Expr::col("users", "name");
//! let select = Select::new(vec![Expr::col("users", "id"), name.clone()])
//!     .label_style(LabelStyle::TablenamePlusCol)
//!     .where_(name.clone().eq(name.value_bind("ann")))
//!     .limit(1)
//!     .offset(0);
//! let compiled = compile_sqlite(&select.clone().into()).unwrap();
//! assert_eq!(
//!     compiled.sql,
//!     "SELECT users.id AS users_id, users.name AS users_name \nFROM users \nWHERE users.name = ?\n LIMIT ? OFFSET ?"
//! );
//! assert_eq!(compiled.params, vec![Value::from("ann"), Value::Integer(1), Value::Integer(0)]);
//! assert!(compile_default_str(&select.into()).unwrap().ends_with("= :name_1\n LIMIT :param_1 OFFSET :param_2"));
//!
//! // A flush's INSERT with RETURNING.
//! let insert = Insert::new("users", vec!["name".into()], vec![Value::from("ann")])
//!     .returning(vec!["id".into()]);
//! let compiled = compile_sqlite(&insert.into()).unwrap();
//! assert_eq!(compiled.sql, "INSERT INTO users (name) VALUES (?) RETURNING id");
//! assert_eq!(compiled.params, vec![Value::from("ann")]);
//! ```

pub mod compiler;
pub mod compound;
pub mod ddl;
pub mod dml;
pub mod error;
pub mod expr;
pub mod literal;
pub mod reflected_type;
pub mod schema;
pub mod select;
pub mod types;
pub mod value;

pub use compiler::{
    CompileOptions, Compiled, CompiledSql, Dialect, ParamStyle, column_sources, compile,
    compile_ddl, compile_default_str, compile_sqlite, compile_sqlite_str, server_default_sql,
};
pub use compound::{CompoundSelect, SetOp};
pub use ddl::DdlStatement;
pub use dml::{Delete, Insert, InsertValues, Update};
pub use error::CompileError;
pub use expr::{
    AliasName, BinaryOp, BindName, BindParam, ColumnRef, Expr, FromSource, InValues, ModifierOp,
    UnaryOp, and_, not_, or_,
};
pub use schema::{
    Autoincrement, Column, Constraint, ConventionSubject, ForeignKey, Index, MetaData,
    NamingConvention, ServerDefault, Table, UNNAMED_CONSTRAINT, convention_name,
    default_naming_convention, with_naming_convention,
};
pub use select::{FromItem, LabelStyle, Select, Statement};
pub use types::{EnumObject, SqlType};
pub use value::Value;
