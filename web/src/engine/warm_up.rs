//! Warming the engine up while it waits. The browser compiles a wasm
//! function the first time it runs, so the first script of a session pays
//! for compiling the interpreter, the ORM and SQLite paths it touches;
//! running a small representative script (models with a relationship,
//! `create_all`, inserts, legacy and 2.0 queries, an update, a lazy load,
//! printing) moves that cost off the learner's first Run. Its report is
//! built and serialised like a real one, then dropped.
//!
//! It runs once the engine has been idle for [`IDLE_MS`] after saying it
//! is ready, never before: a Run that comes at once (a shared link, a
//! quick learner) would otherwise wait behind it, and a script that ran
//! already compiled those paths, so after one there is no warm-up at all.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::protocol::FromEngine;

use super::python::run_python;

const SCRIPT: &str = "\
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), unique=True, nullable=False)
    books = db.relationship('Book', backref='author', lazy=True)

    def __repr__(self):
        return f'<Author {self.name!r}>'

class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120))
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))

db.create_all()
ann = Author(name='ann')
db.session.add_all([ann, Author(name='bob')])
db.session.add(Book(title='one', author=ann))
db.session.commit()
print(Author.query.all(), Author.query.count())
first = Author.query.filter_by(name='ann').first()
first.name = 'anne'
db.session.commit()
for author in db.session.scalars(db.select(Author).order_by(Author.id)):
    print(author.name, [b.title for b in author.books], len(author.books))
";

/// How long the engine waits without a request before warming up.
const IDLE_MS: i32 = 1_000;

/// A pending countdown: its timer and the callback it calls.
type Countdown = (i32, Closure<dyn FnMut()>);

thread_local! {
    /// The pending countdown.
    static TIMER: RefCell<Option<Countdown>> = const { RefCell::new(None) };
    /// Warmed up, or a script ran: nothing left to do.
    static DONE: Cell<bool> = const { Cell::new(false) };
}

/// (Re)starts the idle countdown, unless the warm-up is no longer needed.
pub fn after_idle() {
    if DONE.get() {
        return;
    }
    cancel_timer();
    let callback = Closure::<dyn FnMut()>::new(|| {
        // The callback stays in `TIMER` (it may not drop itself while it runs).
        if !DONE.replace(true) {
            warm_up();
        }
    });
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    if let Ok(id) = scope.set_timeout_with_callback_and_timeout_and_arguments_0(
        callback.as_ref().unchecked_ref(),
        IDLE_MS,
    ) {
        TIMER.with_borrow_mut(|timer| *timer = Some((id, callback)));
    }
}

/// A script ran: the paths it would warm are compiled.
pub fn not_needed() {
    DONE.set(true);
    cancel_timer();
}

fn cancel_timer() {
    if let Some((id, _callback)) = TIMER.take() {
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        scope.clear_timeout_with_handle(id);
    }
}

/// Runs the warm-up script once and throws its report away.
fn warm_up() {
    let report = run_python(SCRIPT);
    let message = FromEngine::PythonRan {
        request: 0,
        report: Box::new(report),
    };
    let _ = serde_wasm_bindgen::to_value(&message);
}
