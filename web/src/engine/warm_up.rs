//! Warming the engine up while it waits. The browser compiles a wasm
//! function the first time it runs, so the first script of a session pays
//! for compiling the interpreter, the ORM and SQLite paths it touches;
//! running a small representative script (models with a relationship,
//! `create_all`, inserts, legacy and 2.0 queries, an update, a lazy load,
//! printing) moves that cost off the learner's first Run. Its report is
//! built and serialised like a real one, then dropped.
//!
//! It starts a little after the engine has said it is ready (the
//! first-visit example, run before that, has no relationships, so the
//! warm-up goes on after it) — in [`STAGES`]: growing
//! prefixes of the script, each its own task, so a request that arrives
//! meanwhile (the first Run of a quick learner or a shared link) waits for
//! one stage at most rather than the whole warm-up; the later stages run
//! again what the earlier ones compiled, which is quick. A script that ran
//! compiled those paths itself, so after one the warm-up stops.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::protocol::FromEngine;

use super::syntax::check_syntax;

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

/// Where each stage's prefix of [`SCRIPT`] ends: after the models and
/// `create_all`, after the first commit and query, and the whole script.
/// Stage 0 (before these) only parses it.
const STAGES: [&str; 3] = [
    "db.create_all()\n",
    "Author.query.count())\n",
    "len(author.books))\n",
];

thread_local! {
    /// The callback each stage is scheduled with (kept for the worker's life).
    static NEXT: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
    /// The next stage to run.
    static STAGE: Cell<usize> = const { Cell::new(0) };
    /// A script ran, or every stage did: nothing left to do.
    static DONE: Cell<bool> = const { Cell::new(false) };
}

/// Starts the warm-up: its first stage runs `delay_ms` from now, after
/// what is already waiting (0: as soon as the worker is free).
pub fn start(delay_ms: i32) {
    NEXT.with_borrow_mut(|next| *next = Some(Closure::<dyn FnMut()>::new(run_stage)));
    schedule(delay_ms);
}

/// A script ran: the paths the rest would warm are compiled.
pub fn not_needed() {
    DONE.set(true);
}

fn schedule(delay_ms: i32) {
    if DONE.get() {
        return;
    }
    NEXT.with_borrow(|next| {
        if let Some(next) = next {
            let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
            let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(
                next.as_ref().unchecked_ref(),
                delay_ms,
            );
        }
    });
}

fn run_stage() {
    if DONE.get() {
        return;
    }
    let stage = STAGE.replace(STAGE.get() + 1);
    match stage {
        0 => {
            let _ = check_syntax(SCRIPT);
        }
        _ => {
            let Some(end) = STAGES.get(stage - 1) else {
                DONE.set(true);
                return;
            };
            let prefix = SCRIPT
                .find(end)
                .map_or(SCRIPT, |at| &SCRIPT[..at + end.len()]);
            let report = retort_flask::page_report(prefix);
            if stage == STAGES.len() {
                let message = FromEngine::PythonRan {
                    request: 0,
                    report: Box::new(report),
                };
                let _ = crate::wire::encode(&message);
                DONE.set(true);
            }
        }
    }
    schedule(0);
}
