//! Warming the engine up before it says it is ready. The browser compiles
//! a wasm function the first time it runs, so the first script of a
//! session used to pay for compiling the interpreter, the ORM and SQLite
//! paths it touched; running a small representative script (models with a
//! relationship, `create_all`, inserts, legacy and 2.0 queries, an update,
//! a lazy load, printing) while the page itself is still starting moves
//! that cost off the learner's first Run. Its report is built and
//! serialised like a real one, then dropped.

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

/// Runs the warm-up script once and throws its report away.
pub fn warm_up() {
    let report = run_python(SCRIPT);
    let message = FromEngine::PythonRan {
        request: 0,
        report: Box::new(report),
    };
    let _ = serde_wasm_bindgen::to_value(&message);
}
