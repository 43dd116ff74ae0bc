//! SQLAlchemy's exception classes (and the `sqlite3` errors behind
//! `e.orig`) as Python classes a script can catch, and the `NotFound`
//! the `*_or_404` helpers raise before the web layer (`web/`), which has
//! werkzeug's HTTP exceptions, is loaded.

use std::collections::HashMap;
use std::rc::Rc;

use retort_python::{Class, Interpreter, PyResult, Value};

/// Each class: its name, its base (by name, or a builtin), its module.
const CLASSES: &[(&str, &str, &str)] = &[
    ("SQLAlchemyError", "Exception", "sqlalchemy.exc"),
    ("ArgumentError", "SQLAlchemyError", "sqlalchemy.exc"),
    (
        "ObjectNotExecutableError",
        "ArgumentError",
        "sqlalchemy.exc",
    ),
    (
        "MappedAnnotationError",
        "ArgumentError",
        "sqlalchemy.orm.exc",
    ),
    ("CompileError", "SQLAlchemyError", "sqlalchemy.exc"),
    ("NoForeignKeysError", "ArgumentError", "sqlalchemy.exc"),
    (
        "AmbiguousForeignKeysError",
        "ArgumentError",
        "sqlalchemy.exc",
    ),
    ("FlushError", "SQLAlchemyError", "sqlalchemy.orm.exc"),
    (
        "CircularDependencyError",
        "SQLAlchemyError",
        "sqlalchemy.exc",
    ),
    ("InvalidRequestError", "SQLAlchemyError", "sqlalchemy.exc"),
    ("NoResultFound", "InvalidRequestError", "sqlalchemy.exc"),
    (
        "MultipleResultsFound",
        "InvalidRequestError",
        "sqlalchemy.exc",
    ),
    (
        "PendingRollbackError",
        "InvalidRequestError",
        "sqlalchemy.exc",
    ),
    ("NoSuchTableError", "InvalidRequestError", "sqlalchemy.exc"),
    ("NoSuchColumnError", "InvalidRequestError", "sqlalchemy.exc"),
    (
        "LoaderStrategyException",
        "InvalidRequestError",
        "sqlalchemy.orm.exc",
    ),
    (
        "ResourceClosedError",
        "InvalidRequestError",
        "sqlalchemy.exc",
    ),
    (
        "NoInspectionAvailable",
        "InvalidRequestError",
        "sqlalchemy.exc",
    ),
    (
        "ObjectDeletedError",
        "InvalidRequestError",
        "sqlalchemy.orm.exc",
    ),
    (
        "UnmappedInstanceError",
        "InvalidRequestError",
        "sqlalchemy.orm.exc",
    ),
    (
        "DetachedInstanceError",
        "SQLAlchemyError",
        "sqlalchemy.orm.exc",
    ),
    ("StatementError", "SQLAlchemyError", "sqlalchemy.exc"),
    ("DBAPIError", "StatementError", "sqlalchemy.exc"),
    ("InterfaceError", "DBAPIError", "sqlalchemy.exc"),
    ("DatabaseError", "DBAPIError", "sqlalchemy.exc"),
    ("DataError", "DatabaseError", "sqlalchemy.exc"),
    ("OperationalError", "DatabaseError", "sqlalchemy.exc"),
    ("IntegrityError", "DatabaseError", "sqlalchemy.exc"),
    ("InternalError", "DatabaseError", "sqlalchemy.exc"),
    ("ProgrammingError", "DatabaseError", "sqlalchemy.exc"),
    ("NotSupportedError", "DatabaseError", "sqlalchemy.exc"),
    // What the `*_or_404` helpers raise before the web layer (which has
    // every HTTP exception) is loaded.
    ("HTTPException", "Exception", "werkzeug.exceptions"),
    ("NotFound", "HTTPException", "werkzeug.exceptions"),
    ("sqlite3.Error", "Exception", "sqlite3"),
    ("sqlite3.InterfaceError", "sqlite3.Error", "sqlite3"),
    ("sqlite3.DatabaseError", "sqlite3.Error", "sqlite3"),
    ("sqlite3.DataError", "sqlite3.DatabaseError", "sqlite3"),
    (
        "sqlite3.OperationalError",
        "sqlite3.DatabaseError",
        "sqlite3",
    ),
    ("sqlite3.IntegrityError", "sqlite3.DatabaseError", "sqlite3"),
    ("sqlite3.InternalError", "sqlite3.DatabaseError", "sqlite3"),
    (
        "sqlite3.ProgrammingError",
        "sqlite3.DatabaseError",
        "sqlite3",
    ),
];

/// `str()` of SQLAlchemy's `StatementError` and its subclasses: the whole
/// message (the statement, its parameters, the background link) while
/// `e.args` holds only its first line, as SQLAlchemy's `__str__` builds it.
fn statement_error_str() -> Value {
    retort_python::NativeFunction::method("__str__", |interp, args| {
        let this = args.positional.first().cloned().unwrap_or(Value::None);
        if let Ok(Value::Str(message)) = interp.get_attr(&this, "_message") {
            return Ok(Value::Str(message));
        }
        let parts = interp.get_attr(&this, "args")?;
        let items = interp.iterate(&parts)?;
        Ok(match items.as_slice() {
            [] => Value::str(""),
            [only] => Value::str(interp.str(only)?),
            _ => Value::str(interp.str(&parts)?),
        })
    })
}

/// werkzeug's description of a 404.
pub const NOT_FOUND_DESCRIPTION: &str = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";

/// Names a second module re-exports (`sqlalchemy.orm.exc.NoResultFound`).
const ALIASES: &[(&str, &str)] = &[
    ("sqlalchemy.orm.exc", "NoResultFound"),
    ("sqlalchemy.orm.exc", "MultipleResultsFound"),
];

/// The exception classes of one interpreter, by name (`sqlite3.` prefixed
/// for the driver's), and the module each belongs to.
#[derive(Debug, Default)]
pub struct ExceptionClasses {
    classes: HashMap<String, Rc<Class>>,
    modules: HashMap<String, &'static str>,
}

impl ExceptionClasses {
    /// Builds every class in `interp`.
    pub fn build(interp: &mut Interpreter) -> PyResult<ExceptionClasses> {
        let mut built = ExceptionClasses::default();
        for (name, base, module) in CLASSES {
            let base_class = match built.classes.get(*base) {
                Some(class) => class.clone(),
                None => interp
                    .builtin_class(base)
                    .ok_or_else(|| retort_python::PyErr::new("RuntimeError", "no base"))?,
            };
            let short = name.rsplit('.').next().unwrap_or(name);
            let mut entries = vec![("__module__", Value::str(*module))];
            if *name == "StatementError" {
                entries.push(("__str__", statement_error_str()));
            }
            if *name == "NotFound" {
                entries.push(("code", Value::Int(404)));
                entries.push(("name", Value::str("Not Found")));
                entries.push(("description", Value::str(NOT_FOUND_DESCRIPTION)));
            }
            let class = interp.new_class(short, vec![base_class], entries, None)?;
            built.classes.insert((*name).to_string(), class.clone());
            // The driver's classes share names with SQLAlchemy's wrappers;
            // an uncaught error is always the wrapper.
            if *module != "sqlite3" {
                built.modules.insert(short.to_string(), module);
                interp.register_exception_class(short, class.clone());
            }
        }
        Ok(built)
    }

    /// The class called `name`.
    pub fn get(&self, name: &str) -> Option<Rc<Class>> {
        self.classes.get(name).cloned()
    }

    /// `module.Name` for an exception class name, `builtins.Name` otherwise.
    pub fn qualified(&self, name: &str) -> String {
        match self.modules.get(name) {
            Some(module) => format!("{module}.{name}"),
            None => format!("builtins.{name}"),
        }
    }

    /// The classes of one module, for `from sqlalchemy.exc import ...`.
    pub fn of_module(&self, module: &str) -> Vec<(String, Value)> {
        let aliases = ALIASES
            .iter()
            .filter(|(m, _)| *m == module)
            .filter_map(|(_, name)| self.get(name).map(|c| (name.to_string(), Value::Class(c))));
        CLASSES
            .iter()
            .filter(|(_, _, m)| *m == module)
            .filter_map(|(name, _, _)| {
                let short = name.rsplit('.').next().unwrap_or(name).to_string();
                self.get(name).map(|class| (short, Value::Class(class)))
            })
            .chain(aliases)
            .collect()
    }
}
