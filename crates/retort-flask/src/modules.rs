//! The importable modules of a run: `flask`, `flask_sqlalchemy`,
//! `sqlalchemy` (and `sqlalchemy.sql`), `sqlalchemy.orm`, `sqlalchemy.exc`, `sqlalchemy.schema`,
//! `sqlalchemy.engine`,
//! `sqlalchemy.ext` with `declarative`, `hybrid` and `associationproxy`,
//! `werkzeug.exceptions`, `werkzeug.security`; and the names the
//! recorder pre-imports.

use std::rc::Rc;

use retort_python::stdlib::typing::TypeForm;
use retort_python::{ClassHooks, Interpreter, NativeFunction, NativeObject, PyResult, Value};

use crate::column::{column, foreign_key};
use crate::ctx::Ctx;
use crate::db::sqlalchemy_function;
use crate::model::ModelHooks;
use crate::plain_session::{FactoryKind, SessionFactory};
use crate::schema::{MetaDataObject, create_table_function, inspect_function};
use crate::select::select_function;
use crate::web::app::flask_function;

/// `Mapped`: `Mapped[int]` keeps its argument inspectable. The same
/// generic marker is `ColumnElement` for annotations
/// (`-> ColumnElement[float]`).
#[derive(Debug)]
pub struct MappedMarker {
    pub name: &'static str,
}

/// `Mapped`.
pub const MAPPED: MappedMarker = MappedMarker { name: "Mapped" };

impl NativeObject for MappedMarker {
    fn type_name(&self) -> &str {
        self.name
    }

    fn get_item(
        &self,
        _interp: &mut Interpreter,
        this: &Value,
        key: &Value,
    ) -> PyResult<Option<Value>> {
        Ok(Some(Value::native(TypeForm::Generic {
            origin: this.clone(),
            name: self.name.into(),
            args: vec![key.clone()],
            typing_prefix: false,
        })))
    }
}

/// A name of the `sqlalchemy` namespace (also reachable as `db.<name>`).
/// The modules of the classes of Retort's SQLAlchemy, Flask-SQLAlchemy and
/// Flask objects, as `type(x)` shows them.
const NATIVE_MODULES: &[(&str, &str)] = &[
    ("Row", "sqlalchemy.engine.row"),
    ("ChunkedIteratorResult", "sqlalchemy.engine.result"),
    ("CursorResult", "sqlalchemy.engine.cursor"),
    ("ScalarResult", "sqlalchemy.engine.result"),
    ("MappingResult", "sqlalchemy.engine.result"),
    ("Query", "flask_sqlalchemy.query"),
    ("AppenderQuery", "sqlalchemy.orm.dynamic"),
    ("QueryPagination", "flask_sqlalchemy.pagination"),
    ("SelectPagination", "flask_sqlalchemy.pagination"),
    ("Select", "sqlalchemy.sql.selectable"),
    ("BinaryExpression", "sqlalchemy.sql.elements"),
    ("BooleanClauseList", "sqlalchemy.sql.elements"),
    ("UnaryExpression", "sqlalchemy.sql.elements"),
    ("TextClause", "sqlalchemy.sql.elements"),
    ("InstrumentedAttribute", "sqlalchemy.orm.attributes"),
    ("InstrumentedList", "sqlalchemy.orm.collections"),
    ("InstrumentedSet", "sqlalchemy.orm.collections"),
    ("SQLAlchemy", "flask_sqlalchemy.extension"),
    ("scoped_session", "sqlalchemy.orm.scoping"),
    ("Engine", "sqlalchemy.engine.base"),
    ("Flask", "flask.app"),
    ("InstanceState", "sqlalchemy.orm.state"),
    ("Table", "sqlalchemy.sql.schema"),
    ("Column", "sqlalchemy.sql.schema"),
    ("MetaData", "sqlalchemy.sql.schema"),
    ("Mapper", "sqlalchemy.orm.mapper"),
];

pub fn sqlalchemy_name(ctx: &Rc<Ctx>, name: &str) -> Option<Value> {
    if let Some(t) = crate::types::bare_type(name) {
        return Some(Value::native(t));
    }
    if let Some((_, value)) = crate::expr::helpers().into_iter().find(|(n, _)| *n == name) {
        return Some(value);
    }
    if let Some(value) = crate::constraints::schema_item_function(ctx, name) {
        return Some(value);
    }
    Some(match name {
        "Column" => NativeFunction::function("Column", |i, a| column(i, a, false)),
        "case" => crate::case::case_function(ctx.clone()),
        "type_coerce" => crate::type_coerce::type_coerce_function(),
        "ColumnElement" => Value::native(MappedMarker {
            name: "ColumnElement",
        }),
        "ForeignKey" => NativeFunction::function("ForeignKey", foreign_key),
        "select" => select_function(ctx.clone()),
        "exists" => crate::expr::exists_function(),
        "union" | "union_all" | "intersect" | "intersect_all" | "except_" | "except_all" => {
            let name = crate::compound_select::SET_OPERATORS
                .iter()
                .find(|n| **n == name)?;
            crate::compound_select::set_operator_function(ctx.clone(), name)
        }
        "inspect" => inspect_function(ctx.clone()),
        "event" => crate::events::event_module(ctx.clone()),
        "create_engine" => crate::engine::create_engine_function(ctx.clone()),
        "insert" => crate::dml::dml_function(ctx.clone(), crate::dml::DmlKind::Insert),
        "update" => crate::dml::dml_function(ctx.clone(), crate::dml::DmlKind::Update),
        "delete" => crate::dml::dml_function(ctx.clone(), crate::dml::DmlKind::Delete),
        "Table" => crate::schema::table_function(ctx.clone()),
        "MetaData" => {
            let ctx = ctx.clone();
            // The run has one metadata: a naming convention given to any
            // `MetaData(...)` names the DDL of every table.
            NativeFunction::function("MetaData", move |interp, mut args| {
                if let Some(dict) = args.take_keyword("naming_convention") {
                    let convention = crate::schema::naming_convention_arg(interp, &dict)?;
                    ctx.run_unconfigured(interp, move |s, _| {
                        s.registry.metadata.naming_convention = convention;
                        Ok(())
                    })?;
                }
                Ok(Value::native(MetaDataObject { ctx: ctx.clone() }))
            })
        }
        _ => return None,
    })
}

/// `sqlalchemy` (also as `sqlalchemy.sql`, whose names it re-exports:
/// `from sqlalchemy.sql import func`).
fn sqlalchemy_module(ctx: &Rc<Ctx>, module_name: &str) -> Value {
    let mut names: Vec<&str> = vec![
        "Column",
        "case",
        "type_coerce",
        "ColumnElement",
        "ForeignKey",
        "select",
        "exists",
        "union",
        "union_all",
        "intersect",
        "intersect_all",
        "except_",
        "except_all",
        "inspect",
        "event",
        "create_engine",
        "insert",
        "update",
        "delete",
        "Table",
        "MetaData",
    ];
    names.extend(crate::types::TYPE_NAMES);
    names.extend(crate::types::SPELLED_TYPE_NAMES);
    names.extend(crate::constraints::SCHEMA_ITEM_NAMES);
    let helpers = crate::expr::helpers();
    let mut entries: Vec<(&str, Value)> = helpers;
    for name in names {
        if let Some(value) = sqlalchemy_name(ctx, name) {
            entries.push((name, value));
        }
    }
    Interpreter::new_module(module_name, entries)
}

fn owned_module(name: &str, entries: Vec<(String, Value)>) -> Value {
    let borrowed: Vec<(&str, Value)> = entries
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    Interpreter::new_module(name, borrowed)
}

/// What `sqlalchemy.ext.declarative.declarative_base()` warns.
const MOVED_DECLARATIVE_BASE: &str = "The ``declarative_base()`` function is now available as \
     sqlalchemy.orm.declarative_base(). (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: \
     https://sqlalche.me/e/b8d9)";

/// A declarative base: `class Base(DeclarativeBase)` or
/// `declarative_base()`. Its subclasses are mapped (by the model hooks),
/// take keyword arguments, and share the run's `metadata`.
fn declarative_base_class(
    interp: &mut Interpreter,
    ctx: &Rc<Ctx>,
    name: &str,
) -> PyResult<Rc<retort_python::Class>> {
    let hooks: Rc<dyn ClassHooks> = Rc::new(ModelHooks { ctx: ctx.clone() });
    interp.new_class(
        name,
        vec![],
        vec![
            ("__abstract__", Value::Bool(true)),
            ("__init__", crate::model::model_init(ctx.clone())),
            ("metadata", ctx.metadata_value()),
        ],
        Some(hooks),
    )
}

fn session_factory(ctx: &Rc<Ctx>, kind: FactoryKind) -> Value {
    Value::native(SessionFactory {
        ctx: ctx.clone(),
        kind,
        settings: Default::default(),
    })
}

/// Registers every module and returns the pre-imported names.
pub fn install(interp: &mut Interpreter, ctx: &Rc<Ctx>) -> PyResult<Vec<(String, Value)>> {
    // A loaded collection is a list (`isinstance(user.posts, list)`).
    interp.register_native_subclass("InstrumentedList", "list");
    interp.register_native_subclass("InstrumentedSet", "set");
    for (type_name, module) in NATIVE_MODULES {
        interp.register_native_module(type_name, module);
    }
    let declarative_base = declarative_base_class(interp, ctx, "DeclarativeBase")?;
    let declarative_base_function = {
        let ctx = ctx.clone();
        NativeFunction::function("declarative_base", move |interp, _args| {
            declarative_base_class(interp, &ctx, "Base").map(Value::Class)
        })
    };
    let moved_declarative_base = {
        let ctx = ctx.clone();
        NativeFunction::function("declarative_base", move |interp, _args| {
            interp.warn("MovedIn20Warning", MOVED_DECLARATIVE_BASE);
            declarative_base_class(interp, &ctx, "Base").map(Value::Class)
        })
    };
    let declared_attr = Value::native(crate::declared_attr::DeclaredAttrDecorator);
    let declarative = Interpreter::new_module(
        "sqlalchemy.ext.declarative",
        vec![
            ("declarative_base", moved_declarative_base),
            ("declared_attr", declared_attr.clone()),
        ],
    );
    let hybrid = crate::hybrid::hybrid_module(interp, ctx)?;
    interp.register_module("sqlalchemy.ext.declarative", declarative.clone());
    interp.register_module("sqlalchemy.ext.hybrid", hybrid.clone());
    interp.register_module(
        "sqlalchemy.engine",
        Interpreter::new_module(
            "sqlalchemy.engine",
            vec![
                (
                    "Engine",
                    Value::native(crate::events::engine_connect::EngineClass),
                ),
                (
                    "create_engine",
                    crate::engine::create_engine_function(ctx.clone()),
                ),
            ],
        ),
    );
    let association = Interpreter::new_module(
        "sqlalchemy.ext.associationproxy",
        vec![(
            "association_proxy",
            crate::association_proxy::association_proxy_function(),
        )],
    );
    interp.register_module("sqlalchemy.ext.associationproxy", association.clone());
    // The package, for `from sqlalchemy.ext import hybrid`.
    interp.register_module(
        "sqlalchemy.ext",
        Interpreter::new_module(
            "sqlalchemy.ext",
            vec![
                ("declarative", declarative),
                ("hybrid", hybrid),
                ("associationproxy", association),
            ],
        ),
    );
    let mapped_column = NativeFunction::function("mapped_column", |i, a| column(i, a, true));
    interp.register_module("flask", crate::web::flask_module(ctx));
    interp.register_module(
        "flask_sqlalchemy",
        Interpreter::new_module(
            "flask_sqlalchemy",
            vec![("SQLAlchemy", sqlalchemy_function(ctx.clone()))],
        ),
    );
    interp.register_module("sqlalchemy", sqlalchemy_module(ctx, "sqlalchemy"));
    interp.register_module("sqlalchemy.sql", sqlalchemy_module(ctx, "sqlalchemy.sql"));
    interp.register_module(
        "sqlalchemy.types",
        Interpreter::new_module("sqlalchemy.types", crate::types::type_entries()),
    );
    let mut orm_entries: Vec<(&str, Value)> = crate::relationship::loader_option_functions();
    orm_entries.extend(crate::deferral::deferral_functions(ctx));
    orm_entries.extend([
        ("Mapped", Value::native(MAPPED)),
        (
            "WriteOnlyMapped",
            Value::native(MappedMarker {
                name: "WriteOnlyMapped",
            }),
        ),
        (
            "DynamicMapped",
            Value::native(MappedMarker {
                name: "DynamicMapped",
            }),
        ),
        ("aliased", crate::aliased::aliased_function(ctx.clone())),
        (
            "contains_eager",
            crate::contains_eager::contains_eager_function(),
        ),
        ("mapped_column", mapped_column.clone()),
        ("declared_attr", declared_attr),
        ("DeclarativeBase", Value::Class(declarative_base)),
        ("relationship", crate::relationship::relationship_function()),
        ("backref", crate::relationship::backref_function()),
        ("declarative_base", declarative_base_function),
        ("Session", session_factory(ctx, FactoryKind::SessionClass)),
        (
            "sessionmaker",
            session_factory(ctx, FactoryKind::Sessionmaker),
        ),
        (
            "with_parent",
            crate::relationship::with_parent_function(ctx.clone()),
        ),
        ("validates", crate::validates::validates_function()),
        (
            "object_session",
            crate::inspection::object_session_function(ctx.clone()),
        ),
        (
            "make_transient",
            crate::inspection::make_transient_function(ctx.clone()),
        ),
    ]);
    interp.register_module(
        "sqlalchemy.orm",
        Interpreter::new_module("sqlalchemy.orm", orm_entries),
    );
    interp.register_module(
        "sqlalchemy.orm.attributes",
        Interpreter::new_module(
            "sqlalchemy.orm.attributes",
            vec![(
                "flag_modified",
                crate::serialized::flag_modified_function(ctx.clone()),
            )],
        ),
    );
    let exc = ctx.exceptions.of_module("sqlalchemy.exc");
    interp.register_module(
        "sqlalchemy.exc",
        owned_module("sqlalchemy.exc", exc.clone()),
    );
    interp.register_module(
        "sqlalchemy.orm.exc",
        owned_module(
            "sqlalchemy.orm.exc",
            ctx.exceptions.of_module("sqlalchemy.orm.exc"),
        ),
    );
    let werkzeug_ctx = ctx.clone();
    interp.register_module_factory("werkzeug.exceptions", move |interp| {
        let entries = crate::web::werkzeug_exception_entries(interp, &werkzeug_ctx)?;
        Ok(owned_module("werkzeug.exceptions", entries))
    });
    interp.register_module("werkzeug.security", crate::werkzeug_security::module());
    interp.register_module(
        "sqlalchemy.schema",
        Interpreter::new_module(
            "sqlalchemy.schema",
            std::iter::once(("CreateTable", create_table_function()))
                .chain(
                    crate::constraints::SCHEMA_ITEM_NAMES
                        .iter()
                        .filter_map(|name| {
                            crate::constraints::schema_item_function(ctx, name).map(|v| (*name, v))
                        }),
                )
                .collect(),
        ),
    );
    let mut globals: Vec<(String, Value)> = vec![
        ("Flask".into(), flask_function(ctx.clone())),
        ("SQLAlchemy".into(), sqlalchemy_function(ctx.clone())),
        ("Mapped".into(), Value::native(MAPPED)),
        ("mapped_column".into(), mapped_column),
        ("CreateTable".into(), create_table_function()),
        (
            "relationship".into(),
            crate::relationship::relationship_function(),
        ),
        ("backref".into(), crate::relationship::backref_function()),
        (
            "with_parent".into(),
            crate::relationship::with_parent_function(ctx.clone()),
        ),
    ];
    // The recorder's pre-imports (the conformance README's list).
    for name in [
        "and_", "or_", "not_", "desc", "asc", "func", "select", "update", "delete", "insert",
        "text", "case", "cast", "distinct", "exists", "literal", "null", "true", "false",
        "inspect", "event",
    ] {
        if let Some(value) = sqlalchemy_name(ctx, name) {
            globals.push((name.to_string(), value));
        }
    }
    for (name, value) in exc {
        if ["IntegrityError", "NoResultFound", "MultipleResultsFound"].contains(&name.as_str()) {
            globals.push((name, value));
        }
    }
    Ok(globals)
}
