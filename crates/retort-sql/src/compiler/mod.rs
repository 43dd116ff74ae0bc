//! The compiler: one visitor over [`Statement`] trees (as SQLAlchemy's
//! `SQLCompiler`), with the dialect differences behind [`Dialect`]. Entry
//! points give the three renderings Retort needs: SQLite for execution
//! (`?`, expanded IN lists, positional params), `str(query)` (SQLite,
//! `__[POSTCOMPILE_x]`), and the default dialect used by `print(select)`.

mod compound;
mod ddl;
pub mod default;
mod dml;
mod expr;
mod from_linter;
mod functions;
pub mod naming;
mod select;
pub use select::column_sources;
pub mod sqlite;
mod text;

use serde::{Deserialize, Serialize};

use crate::error::CompileError;
use crate::expr::{AliasName, FromSource};
use crate::select::Statement;
use crate::value::Value;
use naming::AnonMap;

pub use ddl::{compile_ddl, server_default_sql};

/// The SQL dialect being rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dialect {
    /// `sqlite.dialect()`: what runs, and what `str(query)` shows.
    Sqlite,
    /// `default.StrCompileDialect`: what `print(select(...))` shows.
    Default,
}

impl Dialect {
    /// The reserved words that force quoting.
    pub fn reserved_words(self) -> &'static [&'static str] {
        match self {
            Dialect::Sqlite => sqlite::RESERVED_WORDS,
            Dialect::Default => default::RESERVED_WORDS,
        }
    }

    /// Whether `true()` renders as `true` rather than `1`.
    pub fn supports_native_boolean(self) -> bool {
        matches!(self, Dialect::Default)
    }
}

/// How bound parameters appear in the SQL text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamStyle {
    /// `?`, with expanding IN lists expanded (what SQLite executes).
    Qmark,
    /// `?`, with IN lists left as `__[POSTCOMPILE_name_1]` (`str(query)`).
    QmarkPostcompile,
    /// `:name_1`, IN lists as `__[POSTCOMPILE_name_1]` (`print(select)`).
    Named,
    /// Values written inline (`compile_kwargs={"literal_binds": True}`).
    LiteralBinds,
}

/// Options for one compilation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompileOptions {
    pub dialect: Dialect,
    pub param_style: ParamStyle,
}

/// The SQL text and its parameters, in placeholder order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Compiled {
    pub sql: String,
    pub params: Vec<Value>,
    /// The name of each parameter, parallel to `params` (`username`, `id_1`).
    pub param_names: Vec<String>,
    /// Warnings compiling it raised (`SAWarning`: a cartesian product).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The name the design notes use for [`Compiled`].
pub type CompiledSql = Compiled;

/// Compiles a statement with the given options.
pub fn compile(stmt: &Statement, options: CompileOptions) -> Result<Compiled, CompileError> {
    let mut compiler = Compiler::new(options);
    let sql = compiler.statement(stmt)?;
    Ok(Compiled {
        sql,
        params: compiler.params,
        param_names: compiler.param_names,
        warnings: compiler.warnings,
    })
}

/// The SQLite dialect for execution: `?` placeholders and positional params.
pub fn compile_sqlite(stmt: &Statement) -> Result<Compiled, CompileError> {
    compile(
        stmt,
        CompileOptions {
            dialect: Dialect::Sqlite,
            param_style: ParamStyle::Qmark,
        },
    )
}

/// `str(query)` for a legacy Query: SQLite dialect, IN left as POSTCOMPILE.
pub fn compile_sqlite_str(stmt: &Statement) -> Result<String, CompileError> {
    compile(
        stmt,
        CompileOptions {
            dialect: Dialect::Sqlite,
            param_style: ParamStyle::QmarkPostcompile,
        },
    )
    .map(|c| c.sql)
}

/// `str(select)`: the default dialect with `:name` placeholders.
pub fn compile_default_str(stmt: &Statement) -> Result<String, CompileError> {
    compile(
        stmt,
        CompileOptions {
            dialect: Dialect::Default,
            param_style: ParamStyle::Named,
        },
    )
    .map(|c| c.sql)
}

/// The visitor's state for one statement.
pub(crate) struct Compiler {
    pub(crate) options: CompileOptions,
    pub(crate) anon: AnonMap,
    pub(crate) params: Vec<Value>,
    pub(crate) param_names: Vec<String>,
    /// FROM items of the enclosing SELECTs, innermost last, for correlation.
    pub(crate) enclosing_froms: Vec<Vec<crate::select::FromItem>>,
    pub(crate) warnings: Vec<String>,
    /// The `params` of the SELECTs being compiled, innermost last.
    pub(crate) statement_params: Vec<Vec<(String, Value)>>,
}

impl Compiler {
    fn new(options: CompileOptions) -> Compiler {
        Compiler {
            options,
            anon: AnonMap::default(),
            params: Vec::new(),
            param_names: Vec::new(),
            enclosing_froms: Vec::new(),
            warnings: Vec::new(),
            statement_params: Vec::new(),
        }
    }

    pub(crate) fn dialect(&self) -> Dialect {
        self.options.dialect
    }

    fn statement(&mut self, stmt: &Statement) -> Result<String, CompileError> {
        match stmt {
            Statement::Select(s) => self.select(s, false),
            Statement::Compound(c) => self.compound(c, false),
            Statement::Insert(i) => self.insert(i),
            Statement::Update(u) => self.update(u),
            Statement::Delete(d) => self.delete(d),
            Statement::Ddl(d) => ddl::ddl(self.dialect(), d),
            Statement::Text { sql, binds } => self.text(sql, binds),
        }
    }

    pub(crate) fn quote(&self, name: &str) -> String {
        naming::quote(self.dialect(), name)
    }

    /// The rendered (quoted) name of an alias.
    pub(crate) fn alias_name(&mut self, alias: &AliasName) -> String {
        let name = self.anon.alias(alias);
        self.quote(&name)
    }

    /// The qualifier of a column: `users`, `"order"`, `course_1`.
    pub(crate) fn source_name(&mut self, source: &FromSource) -> String {
        match source {
            FromSource::Table(t) => self.quote(t),
            FromSource::TableAlias { alias, .. } | FromSource::Alias(alias) => {
                self.alias_name(alias)
            }
        }
    }

    /// The unquoted qualifier, used to build `tablename_colname` labels.
    pub(crate) fn source_label(&mut self, source: &FromSource) -> String {
        match source {
            FromSource::Table(t) => t.clone(),
            FromSource::TableAlias { alias, .. } | FromSource::Alias(alias) => {
                self.anon.alias(alias)
            }
        }
    }

    /// Renders one bound parameter in the current style and records it.
    pub(crate) fn bind_value(
        &mut self,
        name: String,
        value: &Value,
    ) -> Result<String, CompileError> {
        match self.options.param_style {
            ParamStyle::LiteralBinds => crate::literal::render_literal(value),
            ParamStyle::Qmark | ParamStyle::QmarkPostcompile => {
                self.params.push(value.clone());
                self.param_names.push(name);
                Ok("?".to_owned())
            }
            ParamStyle::Named => {
                self.params.push(value.clone());
                let rendered = format!(":{name}");
                self.param_names.push(name);
                Ok(rendered)
            }
        }
    }
}
