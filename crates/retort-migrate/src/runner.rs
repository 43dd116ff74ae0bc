//! Revision scripts on the interpreter: one interpreter per command with
//! `alembic.op` and the migration's `sqlalchemy` installed, each file of
//! `migrations/versions` imported as its own module (a broken file is a
//! located Python error, as when Alembic imports it), the revision graph
//! built from their `revision`/`down_revision`, and `upgrade()` or
//! `downgrade()` called with the connection lent to `op` for the call.

use std::cell::RefCell;
use std::rc::Rc;

use retort_flask::exceptions::ExceptionClasses;
use retort_python::{CallArgs, Interpreter, Limits, ScriptError, Value};

use crate::conn::MigConn;
use crate::model::NamingConvention;
use crate::op_api::{OpObject, OpState, alembic_module, op_module};
use crate::project::Project;
use crate::revisions::{Revision, RevisionMap};

/// Why loading or running scripts failed.
#[derive(Debug, Clone)]
pub enum Failure {
    /// An uncaught Python exception (printed as a traceback, unless
    /// Flask-Migrate catches its class).
    Python {
        error: Box<ScriptError>,
        /// `format_exception_only`.
        exception_only: String,
        qualified_type: String,
    },
    /// An Alembic `CommandError`.
    Command(String),
}

/// `str(exception)`: a `SyntaxError` adds `(file, line N)`.
pub fn exception_str(error: &ScriptError) -> String {
    if error.syntax_source_line.is_none() {
        return error.message.clone();
    }
    let file = error
        .traceback
        .first()
        .map(|entry| entry.file.rsplit('/').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{} ({file}, line {})", error.message, error.line)
}

/// The interpreter revision scripts run on.
pub struct MigrationEnv {
    pub interp: Interpreter,
    pub state: Rc<OpState>,
    pub output: Rc<RefCell<String>>,
    modules: Vec<(String, Value)>,
}

impl std::fmt::Debug for MigrationEnv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MigrationEnv")
            .field("modules", &self.modules.len())
            .finish()
    }
}

impl MigrationEnv {
    /// A fresh interpreter with the migration modules.
    pub fn new(convention: NamingConvention, limits: &Limits) -> Result<MigrationEnv, String> {
        let mut interp = Interpreter::new(limits.clone());
        let output = Rc::new(RefCell::new(String::new()));
        let sink = output.clone();
        interp.set_output(move |text| sink.borrow_mut().push_str(text));
        let exceptions =
            ExceptionClasses::build(&mut interp).map_err(|e| interp.script_error(e).summary())?;
        let sqlalchemy_exc = exceptions.of_module("sqlalchemy.exc");
        let command_error = interp.builtin_class("Exception").and_then(|base| {
            interp
                .new_class(
                    "CommandError",
                    vec![base],
                    vec![("__module__", Value::str("alembic.util.exc"))],
                    None,
                )
                .ok()
        });
        let state = Rc::new(OpState {
            conn: RefCell::new(None),
            exceptions,
            command_error,
            convention,
            warnings: RefCell::new(Vec::new()),
        });
        let op = OpObject {
            state: state.clone(),
        };
        interp.register_module("alembic", alembic_module(Value::native(op.clone())));
        interp.register_module("alembic.op", op_module(&op));
        interp.register_module("sqlalchemy", crate::sa_api::sqlalchemy_module());
        interp.register_module("sqlalchemy.dialects", crate::sa_api::dialects_module());
        interp.register_module(
            "sqlalchemy.dialects.sqlite",
            crate::sa_api::sqlite_dialect_module(),
        );
        let entries: Vec<(&str, Value)> = sqlalchemy_exc
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone()))
            .collect();
        interp.register_module(
            "sqlalchemy.exc",
            Interpreter::new_module("sqlalchemy.exc", entries),
        );
        Ok(MigrationEnv {
            interp,
            state,
            output,
            modules: Vec::new(),
        })
    }

    /// Describes a Python error.
    pub fn failure(&self, error: Box<ScriptError>) -> Failure {
        let exception_only = retort_flask::project::exception_only(&self.state.exceptions, &error);
        let qualified_type = self.state.exceptions.qualified(&error.class_name);
        Failure::Python {
            error,
            exception_only,
            qualified_type,
        }
    }

    fn attribute(&mut self, module: &Value, name: &str) -> Option<Value> {
        self.interp.get_attr(module, name).ok()
    }

    fn text_list(&mut self, value: &Value) -> Vec<String> {
        match value {
            Value::None => Vec::new(),
            Value::Str(s) => vec![s.to_string()],
            other => self
                .interp
                .iterate(other)
                .unwrap_or_default()
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        }
    }

    /// Imports every revision file of `versions_dir` and builds the graph.
    pub fn load_revisions(
        &mut self,
        project: &Project,
        versions_dir: &str,
    ) -> Result<RevisionMap, Failure> {
        let mut map = RevisionMap::default();
        for file in project.files_in(versions_dir) {
            if !file.ends_with(".py") || file.starts_with(".#") || file.starts_with("__init__") {
                continue;
            }
            let relative = format!("{versions_dir}/{file}");
            let Some(source) = project.read(&relative) else {
                continue;
            };
            let path = project.display(&relative);
            let module_name = format!("migration_{}", file.trim_end_matches(".py"));
            let module = self
                .interp
                .run_module(
                    &module_name,
                    &path,
                    &source,
                    vec![("__file__".into(), Value::str(path.as_str()))],
                )
                .map_err(|e| self.failure(e))?;
            let id = match self.attribute(&module, "revision") {
                Some(Value::Str(s)) => s.to_string(),
                Some(other) => self.interp.str(&other).unwrap_or_default(),
                None => {
                    let stem = file.trim_end_matches(".py");
                    if stem.chars().all(|c| c.is_ascii_hexdigit()) && !stem.is_empty() {
                        stem.to_owned()
                    } else {
                        return Err(Failure::Command(format!(
                            "Could not determine revision id from filename {file}. Be sure the 'revision' variable is declared inside the script (please see 'Upgrading from Alembic 0.1 to 0.2' in the documentation)."
                        )));
                    }
                }
            };
            let down = match self.attribute(&module, "down_revision") {
                Some(value) => self.text_list(&value),
                None => {
                    return Err(Failure::Python {
                        exception_only: format!(
                            "AttributeError: module '{module_name}' has no attribute 'down_revision'\n"
                        ),
                        qualified_type: "builtins.AttributeError".into(),
                        error: Box::new(ScriptError {
                            class_name: "AttributeError".into(),
                            message: format!(
                                "module '{module_name}' has no attribute 'down_revision'"
                            ),
                            line: 0,
                            col: 0,
                            traceback: Vec::new(),
                            exception: None,
                            is_execution_limit: false,
                            syntax_source_line: None,
                            syntax_end: None,
                            chained: None,
                        }),
                    });
                }
            };
            map.revisions.push(Revision {
                id: id.clone(),
                down,
                path,
                longdoc: crate::script::docstring(&source),
            });
            self.modules.push((id, module));
        }
        map.validate().map_err(|e| Failure::Command(e.0))?;
        Ok(map)
    }

    /// Opens the command's connection (kept for `op` until [`Self::close`]).
    pub fn connect(&self, conn: MigConn) {
        *self.state.conn.borrow_mut() = Some(conn);
    }

    /// Runs `f` on the command's connection, if one is open.
    pub fn with_conn<T>(&self, f: impl FnOnce(&mut MigConn) -> T) -> Option<T> {
        self.state.conn.try_borrow_mut().ok()?.as_mut().map(f)
    }

    /// Closes the connection (rolling back what is open) and returns it.
    pub fn close(&self) -> Option<MigConn> {
        let mut conn = self.state.conn.try_borrow_mut().ok()?.take()?;
        conn.rollback();
        Some(conn)
    }

    /// Calls `upgrade()` or `downgrade()` of a loaded revision.
    pub fn run(&mut self, revision: &str, upgrade: bool) -> Result<(), Failure> {
        let function = if upgrade { "upgrade" } else { "downgrade" };
        let module = self
            .modules
            .iter()
            .find(|(id, _)| id == revision)
            .map(|(_, m)| m.clone());
        let Some(module) = module else {
            return Err(Failure::Command(format!(
                "Can't locate revision identified by '{revision}'"
            )));
        };
        let result = self
            .interp
            .get_attr(&module, function)
            .and_then(|callable| self.interp.call(&callable, CallArgs::default()));
        match result {
            Ok(_) => Ok(()),
            Err(error) => {
                let error = self.interp.script_error(error);
                Err(self.failure(Box::new(error)))
            }
        }
    }

    /// What the scripts printed, taken.
    pub fn take_output(&self) -> String {
        std::mem::take(&mut *self.output.borrow_mut())
    }

    /// Warnings the batches raised, taken.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.state.warnings.borrow_mut())
    }
}
