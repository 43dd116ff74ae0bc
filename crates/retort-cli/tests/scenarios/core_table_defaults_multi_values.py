# Core inserts into tables: Python-side defaults fill the columns a row
# leaves out, and .values([...]) sends every row in one statement.
from datetime import date
from sqlalchemy import insert, select

counter = {"n": 0}


def next_code():
    counter["n"] += 1
    return "T%03d" % counter["n"]


tags = db.Table(
    "tags",
    db.Column("id", db.Integer, primary_key=True),
    db.Column("name", db.String(30), nullable=False),
    db.Column("code", db.String(10), default=next_code),
    db.Column("weight", db.Integer, default=1),
)


class Task(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50), nullable=False)
    done = db.Column(db.Boolean, default=False)
    due = db.Column(db.Date, default=date(2024, 5, 1))


print(repr(Task.__table__))
db.create_all()
db.session.execute(tags.insert(), [{"name": "red"}, {"name": "blue", "weight": 5}])
db.session.execute(insert(tags).values(name="green"))
db.session.execute(Task.__table__.insert(), {"title": "table row"})
db.session.execute(insert(Task).values([{"title": "a"}, {"title": "b", "done": True}]))
result = db.session.execute(insert(tags).values([{"name": "x"}, {"name": "y"}]).returning(tags.c.id, tags.c.code))
print(result.all())
db.session.commit()
print(db.session.execute(select(tags).order_by(tags.c.id)).all())
print([(t.title, t.done, t.due) for t in Task.query.order_by(Task.id)])
try:
    db.session.execute(insert(Task).values([{"title": "c", "done": True}, {"title": "d"}]))
except Exception as error:
    print(type(error).__name__, error)
    db.session.rollback()
