# Ordering by names given as strings: a column's or a label's name works,
# anything else asks for text().
from sqlalchemy import desc, asc, func, select, text


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))
    genre = db.Column(db.String(20))


db.create_all()
db.session.add_all([Book(title="Dune", genre="sf"), Book(title="Emma", genre="novel"), Book(title="Alien", genre="sf")])
db.session.commit()

print(Book.query.order_by("title").all())
print([b.title for b in Book.query.order_by(desc("title")).all()])
print(db.session.execute(select(Book.genre, func.count(Book.id).label("n")).group_by(Book.genre).order_by(desc("n"), "genre")).all())
print(db.session.execute(select(Book.genre, func.count().label("total")).group_by("genre").order_by(asc("total"))).all())
print([b.title for b in Book.query.order_by(text("title desc")).all()])
for attempt in [lambda: Book.query.order_by("title desc").all(),
                lambda: db.session.scalars(select(Book).order_by("nope")).all(),
                lambda: db.session.execute(select(Book.genre).group_by("kind")).all()]:
    try:
        print(attempt())
    except Exception as error:
        print(type(error).__name__, error)
print(Book.query.count())
