//! The state one run shares between its Python objects: the ORM session,
//! the Python instance of every ORM object, the mapped classes, the
//! exception classes and the Python `default=` callables; plus the glue
//! that calls into the session with the current line as its cause and
//! turns ORM errors into Python exceptions.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use retort_orm::{
    Host, HostCallable, MapperId, ObjectId, ObjectStatus, OrmError, OrmValue, Session,
};
use retort_python::{CallArgs, Class, Interpreter, PyErr, PyResult, Value};

use crate::convert::{from_orm, to_orm};
use crate::exceptions::ExceptionClasses;

/// What the Python side knows of a mapped class (its class host state).
#[derive(Debug, Clone, Copy)]
pub struct ModelInfo {
    pub mapper: MapperId,
}

/// The ORM handle of a model instance (its instance host state).
#[derive(Debug, Clone, Copy)]
pub struct ObjectHandle {
    pub id: ObjectId,
}

/// Everything a run's Python objects share.
#[derive(Debug)]
pub struct Ctx {
    pub session: crate::session_cell::SessionCell,
    pub objects: RefCell<HashMap<u64, Value>>,
    pub classes: RefCell<HashMap<usize, Rc<Class>>>,
    pub callables: RefCell<Vec<Value>>,
    pub exceptions: ExceptionClasses,
    /// Relationships declared by classes and not yet configured.
    pub pending_relationships: RefCell<Vec<crate::relationship::PendingRelationship>>,
    /// `event.listen` registrations.
    pub listeners: RefCell<Vec<crate::events::Listener>>,
    /// The Python object of each loaded `PickleType` or `JSON` attribute,
    /// with the stored form it was read from or written as, by (object,
    /// attribute): the same object on every read, as in SQLAlchemy's
    /// `__dict__`.
    pub serialized: RefCell<crate::serialized::SerializedValues>,
    /// Every listener call so far, for the run report.
    pub listener_calls: RefCell<Vec<crate::events::ListenerCall>>,
    /// Whether the last session call came from plain SQLAlchemy (a
    /// `Session(engine)` or an `engine.connect()` connection) rather than
    /// `db.session`: the app context's teardown rolls back only what
    /// `db.session` left open.
    pub plain_owner: std::cell::Cell<bool>,
    /// `echo=True`: the engine log the script prints.
    pub echo: Rc<crate::echo::EchoLog>,
    /// Flask's request layer, once a script has reached for it.
    pub web_module: RefCell<Option<Value>>,
    /// The application whose context is pushed (the recorder pushes one
    /// for every app given to `SQLAlchemy(app)` or `init_app`): what
    /// `current_app` is outside a request.
    pub current_app: RefCell<Option<Value>>,
    /// What `db.session()` returns: the session object a script still
    /// holds, so that `db.session() is db.session()`. Weak: the object
    /// holds this context, which must not hold it back.
    session_value: SharedNative,
    /// The models' `MetaData` object a script still holds
    /// (`db.metadata is db.Model.metadata`), weak for the same reason.
    metadata_value: SharedNative,
    me: std::rc::Weak<Ctx>,
}

/// A native object the context hands out as one value while a script
/// holds it (`x is y` for two reads), without keeping it alive itself.
#[derive(Debug, Default)]
struct SharedNative(RefCell<Option<std::rc::Weak<dyn retort_python::NativeObject>>>);

impl SharedNative {
    fn get_or_make(&self, make: impl FnOnce() -> Value) -> Value {
        if let Some(object) = self.0.borrow().as_ref().and_then(std::rc::Weak::upgrade) {
            return Value::Native(object);
        }
        let value = make();
        if let Value::Native(object) = &value {
            *self.0.borrow_mut() = Some(Rc::downgrade(object));
        }
        value
    }
}

/// The execution context a one-argument `default=` callable receives:
/// `context.get_current_parameters()` gives the row's values.
#[derive(Debug)]
struct DefaultContext {
    parameters: Value,
}

impl retort_python::NativeObject for DefaultContext {
    fn type_name(&self) -> &str {
        "DefaultExecutionContext"
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if name != "get_current_parameters" && name != "current_parameters" {
            return Ok(None);
        }
        if name == "current_parameters" {
            return Ok(Some(self.parameters.clone()));
        }
        let parameters = self.parameters.clone();
        Ok(Some(retort_python::NativeFunction::function(
            name,
            move |_, _| Ok(parameters.clone()),
        )))
    }
}

/// The [`Host`] the session calls back: runs Python `default=` callables
/// and event listeners (with the session lent back to its cell).
struct PyHost<'a> {
    interp: &'a mut Interpreter,
    ctx: &'a Ctx,
    callables: Vec<Value>,
    error: Option<PyErr>,
}

/// The token of an [`OrmError::Host`] raised by an event listener.
const LISTENER_ERROR: u64 = u64::MAX;

impl Host for PyHost<'_> {
    fn call_default(
        &mut self,
        callable: HostCallable,
        takes_context: bool,
        current_parameters: &[(String, OrmValue)],
    ) -> Result<OrmValue, OrmError> {
        let Some(function) = usize::try_from(callable.0)
            .ok()
            .and_then(|i| self.callables.get(i))
            .cloned()
        else {
            return Err(OrmError::ArgumentError("unknown default callable".into()));
        };
        let args = if takes_context {
            let items = current_parameters
                .iter()
                .map(|(k, v)| (Value::str(k.as_str()), from_orm(v)))
                .collect();
            match self.interp.make_dict(items) {
                Ok(parameters) => CallArgs::new(vec![Value::native(DefaultContext { parameters })]),
                Err(error) => {
                    self.error = Some(error);
                    return Err(OrmError::Host(callable.0));
                }
            }
        } else {
            CallArgs::default()
        };
        match self
            .interp
            .call(&function, args)
            .and_then(|value| to_orm(self.interp, &value))
        {
            Ok(value) => Ok(value),
            Err(error) => {
                self.error = Some(error);
                Err(OrmError::Host(callable.0))
            }
        }
    }

    fn listens(&self, event: &retort_orm::OrmEvent) -> bool {
        self.ctx.listens(event)
    }

    fn dispatch(
        &mut self,
        session: &mut Session,
        event: &mut retort_orm::OrmEvent,
    ) -> Result<(), OrmError> {
        let ctx = self.ctx;
        let interp = &mut *self.interp;
        match ctx
            .session
            .lend(session, || ctx.run_listeners(interp, event))
        {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => {
                self.error = Some(error);
                Err(OrmError::Host(LISTENER_ERROR))
            }
            Err(_) => Err(OrmError::InvalidRequestError(
                "the session is busy (an event fired where Retort cannot lend the session)".into(),
            )),
        }
    }

    fn error_text(&mut self, error: &OrmError) -> String {
        match (error, &self.error) {
            (OrmError::Host(_), Some(raised)) => self.interp.script_error(raised.clone()).message,
            _ => error.to_string(),
        }
    }
}

impl Ctx {
    /// A context around a fresh session.
    pub fn new(mut session: Session, exceptions: ExceptionClasses) -> Rc<Ctx> {
        let echo = Rc::new(crate::echo::EchoLog::default());
        let observer = echo.clone();
        session.engine.log.observer = Some(retort_orm::LogObserver(Rc::new(move |record| {
            observer.observe(record, retort_python::local_now)
        })));
        Rc::new_cyclic(|me| Ctx {
            session: crate::session_cell::SessionCell::new(session),
            objects: RefCell::new(HashMap::new()),
            classes: RefCell::new(HashMap::new()),
            callables: RefCell::new(Vec::new()),
            exceptions,
            pending_relationships: RefCell::new(Vec::new()),
            listeners: RefCell::new(Vec::new()),
            serialized: RefCell::new(HashMap::new()),
            listener_calls: RefCell::new(Vec::new()),
            plain_owner: std::cell::Cell::new(false),
            echo,
            web_module: RefCell::new(None),
            current_app: RefCell::new(None),
            session_value: SharedNative::default(),
            metadata_value: SharedNative::default(),
            me: me.clone(),
        })
    }

    /// This context as an `Rc` (for objects created from `&self`); `None`
    /// only while the context is being dropped.
    pub fn self_rc(&self) -> Option<Rc<Ctx>> {
        self.me.upgrade()
    }

    /// Registers a mapper while classes are being defined (without
    /// configuring relationships, which waits for the first use).
    pub fn register_mapper(
        &self,
        interp: &mut Interpreter,
        mapper: retort_orm::Mapper,
    ) -> PyResult<MapperId> {
        let registered = match self.session.try_borrow_mut() {
            Ok(mut session) => session.register(mapper),
            Err(_) => return Err(PyErr::new("RuntimeError", "the session is busy")),
        };
        registered.map_err(|e| self.error(interp, e))
    }

    /// Runs `f` on the session with the current source line as the cause,
    /// forwards the ORM's warnings and converts its error.
    pub fn run<T>(
        &self,
        interp: &mut Interpreter,
        f: impl FnOnce(&mut Session, &mut dyn Host) -> Result<T, OrmError>,
    ) -> PyResult<T> {
        self.configure(interp)?;
        self.run_unconfigured(interp, f)
    }

    /// [`Ctx::run`] without configuring pending relationships first: for
    /// schema operations (`create_all`), which SQLAlchemy runs without
    /// configuring the mappers.
    pub fn run_unconfigured<T>(
        &self,
        interp: &mut Interpreter,
        f: impl FnOnce(&mut Session, &mut dyn Host) -> Result<T, OrmError>,
    ) -> PyResult<T> {
        // The work around the call is one function for every caller (it
        // was copied into each of about a hundred): only this adapter is
        // made per closure.
        let mut f = Some(f);
        let mut out = None;
        self.run_dyn(interp, &mut |session, host| {
            if let Some(f) = f.take() {
                out = Some(f(session, host)?);
            }
            Ok(())
        })?;
        out.ok_or_else(|| PyErr::new("RuntimeError", "the session call did not run"))
    }

    /// [`Ctx::run_unconfigured`] for a call whose result the closure keeps.
    fn run_dyn(
        &self,
        interp: &mut Interpreter,
        f: &mut dyn FnMut(&mut Session, &mut dyn Host) -> Result<(), OrmError>,
    ) -> PyResult<()> {
        let line = interp.current_location().map(|loc| u64::from(loc.line));
        let callables = self.callables.borrow().clone();
        let (result, warnings, host_error) = {
            let Some(mut session) = self.session.take() else {
                return Err(PyErr::new(
                    "RuntimeError",
                    "the session is busy (a default callable used the session)",
                ));
            };
            session.set_cause(line);
            session.track_refreshes = self.listeners.borrow().iter().any(|l| l.event == "refresh");
            if self.echo.enabled() {
                self.echo.call_started(retort_python::local_now());
            }
            self.collect_garbage(&mut session);
            let mut host = PyHost {
                interp,
                ctx: self,
                callables,
                error: None,
            };
            let mut result = f(&mut session, &mut host);
            // `load` listeners hear of the instances the call made, even
            // when it failed after making them.
            let loads = session.dispatch_load_events(&mut host);
            result = match (result, loads) {
                (Ok(value), Ok(())) => Ok(value),
                (Err(error), _) | (Ok(_), Err(error)) => Err(error),
            };
            if result.is_ok() {
                // A statement may have begun the transaction.
                result = session.announce_begin(&mut host, false).and(result);
            }
            let error = host.error.take();
            let warnings = session.take_warnings();
            crate::serialized::forget_expired(self, &session);
            self.session.put(session);
            (result, warnings, error)
        };
        for warning in warnings {
            interp.warn(&warning.category, &warning.message);
        }
        match result {
            Ok(value) => Ok(value),
            Err(OrmError::Host(_)) if host_error.is_some() => {
                Err(host_error.unwrap_or_else(|| PyErr::new("RuntimeError", "host error")))
            }
            Err(error) => Err(self.error(interp, error)),
        }
    }

    /// CPython frees an instance nothing refers to at once, and the
    /// session's identity map holds unmodified persistent objects weakly:
    /// such an object leaves the map (so `session.get()` selects its row
    /// again). Instances only this context still holds are released the
    /// same way before each session call.
    fn collect_garbage(&self, session: &mut Session) {
        if session.is_flushing() || session.is_announcing_loads() {
            // The flush holds its objects until it ends, a query the
            // objects its `load` listeners are told of.
            return;
        }
        let Ok(mut objects) = self.objects.try_borrow_mut() else {
            return;
        };
        let unreferenced: Vec<u64> = objects
            .iter()
            .filter(|(_, value)| matches!(value, Value::Instance(rc) if Rc::strong_count(rc) == 1))
            .map(|(id, _)| *id)
            .collect();
        if unreferenced.is_empty() {
            return;
        }
        let deleted = session.deleted_objects();
        let held_by_session = |session: &Session, id: ObjectId| match session.status(id) {
            Ok(ObjectStatus::Persistent) => {
                session.is_modified(id).unwrap_or(true) || deleted.contains(&id)
            }
            Ok(ObjectStatus::Pending | ObjectStatus::Deleted) => true,
            Ok(ObjectStatus::Transient | ObjectStatus::Detached) | Err(_) => false,
        };
        // What the script or the session holds, then everything reachable
        // from those through loaded relationships (a Python reference too).
        let mut alive: std::collections::HashSet<ObjectId> = objects
            .keys()
            .map(|raw| ObjectId(*raw))
            .filter(|id| !unreferenced.contains(&id.0) || held_by_session(session, *id))
            .collect();
        let mut frontier: Vec<ObjectId> = alive.iter().copied().collect();
        while let Some(holder) = frontier.pop() {
            let Ok(state) = session.state(holder) else {
                continue;
            };
            for rel in state.rels.values() {
                let referenced = rel
                    .current
                    .iter()
                    .flatten()
                    .chain(rel.committed.iter().flatten())
                    .chain(rel.pending_added.iter());
                for target in referenced {
                    if alive.insert(*target) {
                        frontier.push(*target);
                    }
                }
            }
        }
        for raw in unreferenced {
            let id = ObjectId(raw);
            if alive.contains(&id) {
                continue;
            }
            if session.status(id) == Ok(ObjectStatus::Persistent) && session.expunge(id).is_err() {
                continue;
            }
            objects.remove(&raw);
        }
    }

    /// The models' `MetaData` object, the same value wherever a script
    /// reaches it.
    pub fn metadata_value(&self) -> Value {
        let Some(ctx) = self.self_rc() else {
            return Value::None;
        };
        self.metadata_value
            .get_or_make(|| Value::native(crate::schema::MetaDataObject { ctx }))
    }

    /// What `db.session()` returns: the session object `this` unless the
    /// script still holds an earlier one.
    pub fn called_session(&self, this: &Value) -> Value {
        self.session_value.get_or_make(|| this.clone())
    }

    /// Reads the session without a cause (no SQL is emitted).
    pub fn peek<T>(&self, f: impl FnOnce(&Session) -> T) -> PyResult<T> {
        match self.session.try_borrow() {
            Ok(session) => Ok(f(&session)),
            Err(_) => Err(PyErr::new("RuntimeError", "the session is busy")),
        }
    }

    /// The Python exception for an ORM error, with `e.orig` for DBAPI errors.
    pub fn error(&self, interp: &mut Interpreter, error: OrmError) -> PyErr {
        let objects = self.objects.borrow().clone();
        let message = error.message_with(&|id, class_name| {
            let address = objects
                .get(&id.0)
                .and_then(Value::identity)
                .unwrap_or(id.0 as usize);
            format!("<{class_name} at {address:#x}>")
        });
        let name = error.class_name();
        let Some(class) = self.exceptions.get(name) else {
            // Python's own class, raised by SQLAlchemy's Enum type.
            if let OrmError::LookupError(_) = error {
                return PyErr::new("LookupError", message);
            }
            return PyErr::new("RuntimeError", message);
        };
        // A statement's error keeps its first line in `e.args`; `str(e)`
        // is the whole message (the class's `__str__` reads `_message`).
        let first_line = match &error {
            OrmError::StatementError {
                orig_class,
                orig_message,
                ..
            } => Some(format!("(builtins.{orig_class}) {orig_message}")),
            _ => error.dbapi().map(|dbapi| {
                format!(
                    "(sqlite3.{}) {}",
                    dbapi.orig.class.name(),
                    dbapi.orig.message
                )
            }),
        };
        let exception = match interp.call(
            &Value::Class(class.clone()),
            CallArgs::new(vec![Value::str(
                first_line.clone().unwrap_or_else(|| message.clone()),
            )]),
        ) {
            Ok(value) => value,
            Err(_) => return PyErr::from_class(&class, message),
        };
        if first_line.is_some() {
            let _ = interp.set_attr(&exception, "_message", Value::str(message.clone()));
        }
        if let Some(dbapi) = error.dbapi() {
            let orig_class = self
                .exceptions
                .get(&format!("sqlite3.{}", dbapi.orig.class.name()));
            if let Some(orig_class) = orig_class
                && let Ok(orig) = interp.call(
                    &Value::Class(orig_class),
                    CallArgs::new(vec![Value::str(dbapi.orig.message.clone())]),
                )
            {
                let _ = interp.set_attr(&exception, "orig", orig);
            }
            let _ = interp.set_attr(&exception, "statement", Value::str(dbapi.sql.clone()));
            let params: Vec<Value> = dbapi
                .params
                .iter()
                .map(|value| from_orm(&retort_orm::types::raw(value)))
                .collect();
            let _ = interp.set_attr(&exception, "params", Value::tuple(params));
            let _ = interp.set_attr(&exception, "code", Value::str(dbapi.code()));
            let _ = interp.set_attr(&exception, "connection_invalidated", Value::Bool(false));
        }
        if let OrmError::StatementError {
            orig_class,
            orig_message,
            sql,
            ..
        } = &error
        {
            let orig = interp.builtin_class(orig_class).and_then(|class| {
                interp
                    .call(
                        &Value::Class(class),
                        CallArgs::new(vec![Value::str(orig_message.clone())]),
                    )
                    .ok()
            });
            let _ = interp.set_attr(&exception, "orig", orig.unwrap_or(Value::None));
            let _ = interp.set_attr(&exception, "statement", Value::str(sql.clone()));
        }
        PyErr::from_value(exception)
    }

    /// Makes `app` (a Flask object) the current application.
    pub fn set_current_app(&self, app: &Value) {
        if app
            .downcast_native::<crate::web::app::AppObject>()
            .is_some()
        {
            *self.current_app.borrow_mut() = Some(app.clone());
        }
    }

    /// Raises the named SQLAlchemy exception class with `message`.
    pub fn raise(&self, name: &str, message: impl Into<String>) -> PyErr {
        match self.exceptions.get(name) {
            Some(class) => PyErr::from_class(&class, message),
            None => PyErr::new("RuntimeError", message),
        }
    }

    /// The mapper of a mapped class, if it is one.
    pub fn mapper_of_class(class: &Rc<Class>) -> Option<MapperId> {
        class
            .host_state()
            .and_then(|state| state.downcast::<ModelInfo>().ok())
            .map(|info| info.mapper)
    }

    /// The ORM object of a model instance, creating a transient one for an
    /// instance whose `__init__` never reached the model's.
    pub fn object_of(&self, interp: &mut Interpreter, instance: &Value) -> PyResult<ObjectId> {
        if let Some(handle) = Interpreter::instance_state(instance)
            .and_then(|state| state.downcast::<ObjectHandle>().ok())
        {
            return Ok(handle.id);
        }
        let class = interp.class_of(instance);
        let Some(mapper) = Ctx::mapper_of_class(&class) else {
            return Err(self.raise(
                "UnmappedInstanceError",
                format!("Class '__main__.{}' is not mapped", class.name),
            ));
        };
        let id = self.run(interp, |session, _| session.new_object(mapper))?;
        Interpreter::set_instance_state(instance, Rc::new(ObjectHandle { id }))?;
        self.objects.borrow_mut().insert(id.0, instance.clone());
        Ok(id)
    }

    /// The ORM object of a value that must be a model instance.
    pub fn expect_object(&self, interp: &mut Interpreter, value: &Value) -> PyResult<ObjectId> {
        if is_model_instance(interp, value) {
            return self.object_of(interp, value);
        }
        // A mapped class given for an instance: SQLAlchemy names the
        // class's own class (its declarative metaclass) and asks.
        if let Value::Class(class) = value
            && Ctx::mapper_of_class(class).is_some()
        {
            let metaclass = if class.mro_iter().any(|c| c.lookup("query").is_some()) {
                "flask_sqlalchemy.model.DefaultMeta"
            } else if class
                .mro_iter()
                .any(|c| c.name.as_ref() == "DeclarativeBase")
            {
                "sqlalchemy.orm.decl_api.DeclarativeAttributeIntercept"
            } else {
                "sqlalchemy.orm.decl_api.DeclarativeMeta"
            };
            return Err(self.raise(
                "UnmappedInstanceError",
                format!(
                    "Class '{metaclass}' is not mapped; was a class ({}.{}) supplied where an instance was required?",
                    class.module, class.qualname
                ),
            ));
        }
        let type_name = interp.class_of(value).name.to_string();
        Err(self.raise(
            "UnmappedInstanceError",
            format!("Class '{}' is not mapped", qualified_builtin(&type_name)),
        ))
    }

    /// The ORM object of a value put into (or taken out of) a
    /// relationship. SQLAlchemy's attribute events read the value's
    /// `_sa_instance_state` first, so anything but a model instance is
    /// that AttributeError, not the session's UnmappedInstanceError.
    pub fn expect_related(&self, interp: &mut Interpreter, value: &Value) -> PyResult<ObjectId> {
        if is_model_instance(interp, value) {
            return self.object_of(interp, value);
        }
        let owner = match value {
            Value::Class(class) => format!("type object '{}'", class.name),
            other => format!("'{}' object", interp.class_of(other).name),
        };
        Err(PyErr::attribute_error(format!(
            "{owner} has no attribute '_sa_instance_state'"
        )))
    }

    /// The ORM objects of an iterable of model instances (a collection
    /// assigned or reordered), in order.
    pub fn expect_related_all(
        &self,
        interp: &mut Interpreter,
        values: &Value,
    ) -> PyResult<Vec<ObjectId>> {
        let mut items = Vec::new();
        for value in interp.iterate(values)? {
            items.push(self.expect_related(interp, &value)?);
        }
        Ok(items)
    }

    /// The Python instance of an ORM object, made without `__init__` for
    /// objects the ORM loaded.
    pub fn instance(&self, session: &Session, id: ObjectId) -> PyResult<Value> {
        if let Some(value) = self.objects.borrow().get(&id.0) {
            return Ok(value.clone());
        }
        let mapper = session
            .state(id)
            .map_err(|e| PyErr::new("RuntimeError", e.to_string()))?
            .mapper;
        let Some(class) = self.classes.borrow().get(&mapper.0).cloned() else {
            return Err(PyErr::new("RuntimeError", "a loaded object has no class"));
        };
        let instance = Interpreter::new_instance(&class);
        Interpreter::set_instance_state(&instance, Rc::new(ObjectHandle { id }))?;
        self.objects.borrow_mut().insert(id.0, instance.clone());
        Ok(instance)
    }

    /// The Python value of a result item.
    pub fn item_value(
        &self,
        interp: &mut Interpreter,
        item: &retort_orm::ResultItem,
    ) -> PyResult<Value> {
        match item {
            retort_orm::ResultItem::Object(id) => {
                let session = self
                    .session
                    .try_borrow()
                    .map_err(|_| PyErr::new("RuntimeError", "the session is busy"))?;
                self.instance(&session, *id)
            }
            // An `Enum` column's member is the script's enum class's.
            retort_orm::ResultItem::Value(value) => crate::convert::from_orm_in(interp, value),
        }
    }
}

/// `builtins.int` style names for unmapped-instance messages.
fn qualified_builtin(type_name: &str) -> String {
    format!("builtins.{type_name}")
}

/// Whether `value` is an instance of a mapped class.
fn is_model_instance(interp: &Interpreter, value: &Value) -> bool {
    matches!(value, Value::Instance(_)) && Ctx::mapper_of_class(&interp.class_of(value)).is_some()
}
