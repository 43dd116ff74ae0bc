# The mistakes learners make, each caught and shown: adding a dict or a class,
# deleting or refreshing a transient object, positional model arguments,
# unknown names in filter_by and order_by, raw strings, get(None), and
# calling Query or list methods that do not exist.
from sqlalchemy import select
class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20), nullable=False)

    def __repr__(self):
        return f"Book({self.title})"


db.create_all()
db.session.add(Book(title="A"))
db.session.commit()
attempts = {
    "add dict": lambda: db.session.add({"title": "x"}),
    "add class": lambda: db.session.add(Book),
    "delete transient": lambda: db.session.delete(Book(title="t")),
    "positional": lambda: Book("x"),
    "filter_by bad": lambda: Book.query.filter_by(author="x").all(),
    "filter str": lambda: Book.query.filter("title = 'A'").all(),
    "get none": lambda: db.session.get(Book, None),
    "order bad": lambda: Book.query.order_by(Book.nothing).all(),
    "query.get kw": lambda: Book.query.get(id=1),
    "scalar_one many": lambda: db.session.execute(select(Book.id).union_all(select(Book.id))).scalar_one(),
    "first on model": lambda: Book.first(),
    "all on model": lambda: Book.all(),
    "expunge transient": lambda: db.session.expunge(Book(title="q")),
    "refresh transient": lambda: db.session.refresh(Book(title="q")),
    "count on list": lambda: Book.query.all().count(),
    "len query": lambda: len(Book.query),
}
for name, fn in attempts.items():
    try:
        r = fn()
        print(f"{name:18} -> ok {r!r}")
    except Exception as e:
        msg = str(e).split("\n")[0]
        if " at 0x" in msg:
            msg = msg.split(" at 0x")[0]
        print(f"{name:18} -> {type(e).__name__}: {msg}")
db.session.rollback()
print(Book.query.all())
