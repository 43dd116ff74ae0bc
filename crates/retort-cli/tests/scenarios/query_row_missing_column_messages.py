# A misspelled column name on a result row: the message depends on where
# the row came from. A textual statement's row (a CursorResult's) names
# the column it could not locate; an ORM select's row gives the name alone.
from sqlalchemy import text


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    year = db.Column(db.Integer)


def show(label, read):
    try:
        print(label, read())
    except AttributeError as e:
        print(label, "AttributeError:", e)


with app.app_context():
    db.create_all()
    db.session.add_all([Book(title="Dune", year=1965), Book(title="Emma", year=1815)])
    db.session.commit()

    result = db.session.execute(text("SELECT id, title, year FROM book ORDER BY year"))
    print(type(result).__name__)
    row = result.first()
    show("text row.title:", lambda: row.title)
    show("text row.tittle:", lambda: row.tittle)

    with db.engine.connect() as conn:
        counted = conn.execute(text("SELECT count(*) AS n FROM book")).first()
        show("connection row.n:", lambda: counted.n)
        show("connection row.total:", lambda: counted.total)

    result = db.session.execute(db.select(Book.title, Book.year).order_by(Book.year))
    print(type(result).__name__)
    pair = result.first()
    show("select row.year:", lambda: pair.year)
    show("select row.yaer:", lambda: pair.yaer)

    entity = db.session.execute(db.select(Book).where(Book.year > 1900)).first()
    show("entity row.Book:", lambda: entity.Book.title)
    show("entity row.book:", lambda: entity.book)

    legacy = db.session.query(Book.id, Book.title).filter_by(title="Emma").first()
    show("query row.title:", lambda: legacy.title)
    show("query row.name:", lambda: legacy.name)
