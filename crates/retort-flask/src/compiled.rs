//! `statement.compile(...)` of a `select()`, `insert()`, `update()` or
//! `delete()`: SQLAlchemy's `Compiled`, whose `str()` is the SQL and whose
//! `params` are the bound values by name. With an engine or a dialect
//! (`compile(db.engine)`, `compile(dialect=db.engine.dialect)`) it is
//! SQLite's SQL with `?` placeholders; without, the default dialect's with
//! `:name` ones; `compile_kwargs={"literal_binds": True}` writes the values
//! inline.

use retort_python::{CallArgs, Interpreter, NativeObject, PyResult, Value};
use retort_sql::{CompileOptions, Dialect, ParamStyle, Statement};

use crate::ctx::Ctx;

/// How `compile(...)`'s arguments ask for the statement.
pub fn compile_options(interp: &mut Interpreter, args: &CallArgs) -> PyResult<CompileOptions> {
    let keyword = |name: &str| {
        args.keywords
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    };
    let for_engine = args
        .positional
        .first()
        .is_some_and(|v| !matches!(v, Value::None))
        || keyword("bind").is_some_and(|v| !matches!(v, Value::None))
        || keyword("dialect").is_some_and(|v| !matches!(v, Value::None));
    let mut literal = false;
    if let Some(kwargs) = keyword("compile_kwargs")
        && let Ok(flag) = interp.item(kwargs, &Value::str("literal_binds"))
    {
        literal = interp.is_truthy(&flag)?;
    }
    Ok(CompileOptions {
        dialect: if for_engine {
            Dialect::Sqlite
        } else {
            Dialect::Default
        },
        param_style: match (literal, for_engine) {
            (true, _) => ParamStyle::LiteralBinds,
            (false, true) => ParamStyle::QmarkPostcompile,
            (false, false) => ParamStyle::Named,
        },
    })
}

/// `statement` compiled as `options` ask, as a `Compiled` object.
pub fn compiled_value(
    ctx: &Ctx,
    statement: &Statement,
    options: CompileOptions,
) -> PyResult<Value> {
    let compiled = retort_sql::compile(statement, options)
        .map_err(|error| ctx.raise("CompileError", error.to_string()))?;
    let params = compiled
        .param_names
        .into_iter()
        .zip(compiled.params)
        .collect();
    Ok(Value::native(CompiledObject {
        sql: compiled.sql,
        params,
        dialect: options.dialect,
    }))
}

/// SQLAlchemy's `Compiled`: the SQL and its parameters.
#[derive(Debug)]
pub struct CompiledObject {
    sql: String,
    params: Vec<(String, retort_sql::Value)>,
    dialect: Dialect,
}

impl NativeObject for CompiledObject {
    fn type_name(&self) -> &str {
        match self.dialect {
            Dialect::Sqlite => "SQLiteCompiler",
            _ => "StrSQLCompiler",
        }
    }

    fn str(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(self.sql.clone())
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(match name {
            "string" => Some(Value::str(self.sql.as_str())),
            "params" => {
                let items = self
                    .params
                    .iter()
                    .map(|(name, value)| {
                        let value = crate::convert::from_orm(&retort_orm::types::raw(value));
                        (Value::str(name.as_str()), value)
                    })
                    .collect();
                Some(interp.make_dict(items)?)
            }
            _ => None,
        })
    }
}
