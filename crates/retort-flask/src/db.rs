//! The `SQLAlchemy` object (`db`): models, the session, the engine and
//! Flask-SQLAlchemy's helpers (`paginate`, the `*_or_404` methods).

use std::rc::Rc;

use retort_python::{CallArgs, Class, Interpreter, NativeFunction, NativeObject, PyResult, Value};

use crate::column::{column, foreign_key};
use crate::ctx::Ctx;
use crate::method::bound_method;
use crate::model::{mapper_of_value, model_class};
use crate::pagination::{not_found_described, page_request, paginate};
use crate::schema::EngineObject;
use crate::select::{SelectObject, select_function};
use crate::session::{SessionObject, execute_select};

/// `db = SQLAlchemy(app)`.
#[derive(Debug)]
pub struct DbObject {
    pub ctx: Rc<Ctx>,
    pub model: Rc<Class>,
}

/// `SQLAlchemy(app=None, model_class=...)`.
pub fn sqlalchemy_function(ctx: Rc<Ctx>) -> Value {
    NativeFunction::function("SQLAlchemy", move |interp, mut args| {
        if let Some(app) = args.take(0, "app") {
            ctx.set_current_app(&app);
        }
        let bases = match args.take_keyword("model_class") {
            Some(Value::Class(class)) => vec![class],
            _ => Vec::new(),
        };
        if let Some(options) = args.take_keyword("session_options") {
            session_options(interp, &ctx, &options)?;
        }
        let model = model_class(interp, &ctx, bases)?;
        Ok(Value::native(DbObject {
            ctx: ctx.clone(),
            model,
        }))
    })
}

/// `SQLAlchemy(app, session_options={...})`: `db.session`'s
/// `expire_on_commit` and `autoflush`.
fn session_options(interp: &mut Interpreter, ctx: &Rc<Ctx>, options: &Value) -> PyResult<()> {
    let mut read = |key: &str| -> PyResult<Option<bool>> {
        let get = interp.get_attr(options, "get")?;
        let value = interp.call(&get, CallArgs::new(vec![Value::str(key)]))?;
        if value.is_none() {
            return Ok(None);
        }
        interp.is_truthy(&value).map(Some)
    };
    let expire = read("expire_on_commit")?;
    let autoflush = read("autoflush")?;
    ctx.run_unconfigured(interp, |s, _| {
        if let Some(expire) = expire {
            s.expire_on_commit = expire;
        }
        if let Some(autoflush) = autoflush {
            s.set_autoflush(autoflush);
        }
        Ok(())
    })
}

const METHODS: &[&str] = &[
    "create_all",
    "drop_all",
    "init_app",
    "paginate",
    "get_or_404",
    "first_or_404",
    "one_or_404",
];

impl DbObject {
    fn call_method(
        &self,
        interp: &mut Interpreter,
        name: &str,
        mut args: CallArgs,
    ) -> PyResult<Value> {
        let ctx = &self.ctx;
        match name {
            "create_all" => ctx.run_unconfigured(interp, |s, _| s.create_all())?,
            "drop_all" => ctx.run_unconfigured(interp, |s, _| s.drop_all())?,
            "init_app" => {
                if let Some(app) = args.take(0, "app") {
                    ctx.set_current_app(&app);
                }
            }
            "paginate" => {
                let statement = args.positional.first().cloned().unwrap_or(Value::None);
                args.positional.drain(..1.min(args.positional.len()));
                let Some(select) = statement.downcast_native::<SelectObject>() else {
                    return Err(ctx.raise("ArgumentError", "paginate() expects a select()"));
                };
                let query = select.query.clone();
                let request = page_request(interp, &self.ctx, &mut args)?;
                return paginate(interp, ctx, &query, request);
            }
            "get_or_404" => {
                let model = args.positional.first().cloned().unwrap_or(Value::None);
                let mapper = mapper_of_value(ctx, interp, &model)?;
                let ident = args.positional.get(1).cloned().unwrap_or(Value::None);
                let description = args.take_keyword("description");
                let pk = crate::query::primary_key_values(interp, &ident)?;
                return match ctx.run(interp, |s, h| s.get(h, mapper, &pk))? {
                    Some(id) => ctx.peek(|s| ctx.instance(s, id))?,
                    None => Err(not_found_described(ctx, interp, description)),
                };
            }
            "first_or_404" | "one_or_404" => {
                let statement = args.positional.first().cloned().unwrap_or(Value::None);
                let description = args.take_keyword("description");
                let result = execute_select(interp, ctx, &statement)?;
                let rows = &result.result.rows;
                if rows.is_empty() || (name == "one_or_404" && rows.len() > 1) {
                    return Err(not_found_described(ctx, interp, description));
                }
                return match rows.first().and_then(|r| r.items.first()) {
                    Some(item) => ctx.item_value(interp, item),
                    None => Err(not_found_described(ctx, interp, description)),
                };
            }
            _ => {}
        }
        Ok(Value::None)
    }
}

impl NativeObject for DbObject {
    fn type_name(&self) -> &str {
        "SQLAlchemy"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok("<SQLAlchemy sqlite://>".to_string())
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let ctx = self.ctx.clone();
        Ok(Some(match name {
            "Model" => Value::Class(self.model.clone()),
            "session" => Value::native(SessionObject { ctx }),
            "engine" => Value::native(EngineObject { ctx }),
            "metadata" => ctx.metadata_value(),
            "Column" => NativeFunction::function("Column", |i, a| column(i, a, false)),
            "ForeignKey" => NativeFunction::function("ForeignKey", foreign_key),
            "relationship" => crate::relationship::relationship_function(),
            "Table" => crate::schema::table_function(ctx),
            "backref" => crate::relationship::backref_function(),
            "select" => select_function(ctx),
            "aliased" => crate::aliased::aliased_function(ctx),
            "contains_eager" => crate::contains_eager::contains_eager_function(),
            "validates" => crate::validates::validates_function(),
            _ if METHODS.contains(&name) => {
                let this = DbObject {
                    ctx,
                    model: self.model.clone(),
                };
                bound_method(this, name, DbObject::call_method)
            }
            _ => match crate::modules::sqlalchemy_name(&self.ctx, name) {
                Some(value) => value,
                None => match crate::relationship::loader_option(name)
                    .or_else(|| crate::deferral::deferral_function(&self.ctx, name))
                {
                    Some(value) => value,
                    None => return Ok(sqlalchemy_module_name(interp, name)),
                },
            },
        }))
    }
}

/// Flask-SQLAlchemy's `SQLAlchemy.__getattr__`: any other public name of
/// `sqlalchemy`, then of `sqlalchemy.orm` (`db.Mapped`, `db.mapped_column`).
fn sqlalchemy_module_name(interp: &mut Interpreter, name: &str) -> Option<Value> {
    if name.starts_with('_') {
        return None;
    }
    ["sqlalchemy", "sqlalchemy.orm"]
        .into_iter()
        .find_map(|module| match interp.import_module(module).ok()? {
            Value::Module(module) => module.dict.borrow().get(name).cloned(),
            _ => None,
        })
}
