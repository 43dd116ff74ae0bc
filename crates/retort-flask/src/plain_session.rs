//! Plain SQLAlchemy's sessions: the `Session` class (`Session(engine)`,
//! `with Session(engine) as session:`), `sessionmaker(bind=engine)` and
//! the factories it makes (`Session_()`, `Session_.begin()`).
//!
//! Every `Session` object is a view of the run's one ORM session (the one
//! `db.session` uses): `close()`, which `with` calls on exit, ends its
//! transaction and detaches every object, so sessions opened one after
//! another behave as SQLAlchemy's do; two sessions open at once share one
//! identity map (see ARCHITECTURE.md).

use retort_python::native::object_repr;
use std::rc::Rc;

use retort_python::{CallArgs, Interpreter, NativeObject, PyResult, Value};

use crate::ctx::Ctx;
use crate::session::{METHODS, PLAIN_METHODS, SessionBlock, SessionObject};

/// The `Session` class and `sessionmaker`, and what `sessionmaker(...)`
/// returns: callables that make sessions, and event targets.
#[derive(Debug)]
pub struct SessionFactory {
    pub ctx: Rc<Ctx>,
    pub kind: FactoryKind,
    /// A `sessionmaker(...)`'s keywords (the defaults for the others).
    pub settings: SessionSettings,
}

/// Which of the three a [`SessionFactory`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactoryKind {
    /// `sqlalchemy.orm.Session`.
    SessionClass,
    /// `sqlalchemy.orm.sessionmaker`.
    Sessionmaker,
    /// `sessionmaker(bind=engine)`.
    Maker,
}

impl SessionFactory {
    /// The name event registrations report.
    pub fn name(&self) -> &'static str {
        match self.kind {
            FactoryKind::SessionClass => "Session",
            FactoryKind::Sessionmaker => "sessionmaker",
            FactoryKind::Maker => "sessionmaker()",
        }
    }

    fn new_session(&self, begin_block: bool) -> Value {
        Value::native(PlainSession {
            inner: SessionObject {
                ctx: self.ctx.clone(),
            },
            begin_block,
        })
    }
}

/// What a session is made with: `sessionmaker`'s stored keywords, or the
/// `Session` class's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    /// The `repr` of `bind=` (`None` when not given).
    pub bind: String,
    pub autoflush: bool,
    pub expire_on_commit: bool,
}

impl Default for SessionSettings {
    fn default() -> SessionSettings {
        SessionSettings {
            bind: "None".into(),
            autoflush: true,
            expire_on_commit: true,
        }
    }
}

/// Reads `bind`, `autoflush=` and `expire_on_commit=` over `defaults`.
fn settings(
    interp: &mut Interpreter,
    args: &mut CallArgs,
    defaults: &SessionSettings,
) -> PyResult<SessionSettings> {
    let mut out = defaults.clone();
    if let Some(bind) = args.take(0, "bind") {
        out.bind = interp.repr(&bind)?;
    }
    if let Some(value) = args.take_keyword("autoflush") {
        out.autoflush = interp.is_truthy(&value)?;
    }
    if let Some(value) = args.take_keyword("expire_on_commit") {
        out.expire_on_commit = interp.is_truthy(&value)?;
    }
    Ok(out)
}

/// Applies a new session's settings to the shared ORM session.
fn configure(interp: &mut Interpreter, ctx: &Rc<Ctx>, settings: &SessionSettings) -> PyResult<()> {
    let (autoflush, expire) = (settings.autoflush, settings.expire_on_commit);
    ctx.run_unconfigured(interp, |s, _| {
        s.set_autoflush(autoflush);
        s.expire_on_commit = expire;
        Ok(())
    })
}

impl NativeObject for SessionFactory {
    fn type_name(&self) -> &str {
        match self.kind {
            FactoryKind::Maker => "sessionmaker",
            _ => "type",
        }
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(match self.kind {
            FactoryKind::SessionClass => "<class 'sqlalchemy.orm.session.Session'>".into(),
            FactoryKind::Sessionmaker => "<class 'sqlalchemy.orm.session.sessionmaker'>".into(),
            FactoryKind::Maker => {
                let flag = |b: bool| if b { "True" } else { "False" };
                format!(
                    "sessionmaker(class_='Session', bind={}, autoflush={}, expire_on_commit={})",
                    self.settings.bind,
                    flag(self.settings.autoflush),
                    flag(self.settings.expire_on_commit)
                )
            }
        })
    }

    fn call(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        mut args: CallArgs,
    ) -> PyResult<Option<Value>> {
        let settings = settings(interp, &mut args, &self.settings)?;
        if self.kind == FactoryKind::Sessionmaker {
            return Ok(Some(Value::native(SessionFactory {
                ctx: self.ctx.clone(),
                kind: FactoryKind::Maker,
                settings,
            })));
        }
        configure(interp, &self.ctx, &settings)?;
        Ok(Some(self.new_session(false)))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if self.kind != FactoryKind::Maker || name != "begin" {
            return Ok(None);
        }
        let session = self.new_session(true);
        let ctx = self.ctx.clone();
        let settings = self.settings.clone();
        Ok(Some(retort_python::NativeFunction::function(
            "begin",
            move |interp, _| {
                configure(interp, &ctx, &settings)?;
                Ok(session.clone())
            },
        )))
    }
}

/// A `Session` object. `begin_block` marks the session of
/// `with Session_.begin() as session:`, which commits on exit.
#[derive(Debug)]
pub struct PlainSession {
    pub inner: SessionObject,
    pub begin_block: bool,
}

impl PlainSession {
    fn call_method(&self, interp: &mut Interpreter, name: &str, args: CallArgs) -> PyResult<Value> {
        let ctx = &self.inner.ctx;
        ctx.plain_owner.set(true);
        let outcome = self.inner.dispatch(interp, name, args);
        ctx.plain_owner.set(true);
        outcome
    }
}

impl NativeObject for PlainSession {
    fn type_name(&self) -> &str {
        "Session"
    }

    fn repr(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<String> {
        Ok(object_repr("sqlalchemy.orm.session.Session", this))
    }

    fn get_attr(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let ctx = self.inner.ctx.clone();
        if name == "begin" {
            return Ok(Some(retort_python::NativeFunction::function(
                "begin",
                move |_, _| {
                    Ok(Value::native(SessionBlock {
                        ctx: ctx.clone(),
                        commit_on_exit: true,
                    }))
                },
            )));
        }
        if METHODS.contains(&name) || PLAIN_METHODS.contains(&name) {
            let this = PlainSession {
                inner: SessionObject { ctx },
                begin_block: false,
            };
            return Ok(Some(crate::method::bound_method(
                this,
                name,
                PlainSession::call_method,
            )));
        }
        self.inner.get_attr(interp, this, name)
    }

    fn contains(
        &self,
        interp: &mut Interpreter,
        this: &Value,
        item: &Value,
    ) -> PyResult<Option<bool>> {
        self.inner.contains(interp, this, item)
    }

    fn enter(&self, _interp: &mut Interpreter, this: &Value) -> PyResult<Option<Value>> {
        Ok(Some(this.clone()))
    }

    fn exit(
        &self,
        interp: &mut Interpreter,
        _this: &Value,
        exception: Option<&Value>,
    ) -> PyResult<bool> {
        let ctx = &self.inner.ctx;
        ctx.plain_owner.set(true);
        if self.begin_block {
            match exception {
                None => ctx.run(interp, |s, h| s.commit(h))?,
                Some(_) => ctx.run(interp, |s, h| s.rollback_with(h))?,
            }
        }
        ctx.run(interp, |s, _| s.close())?;
        Ok(false)
    }
}
