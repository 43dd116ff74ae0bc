import enum
class Status(str, enum.Enum):
    ACTIVE = "active"
    BANNED = "banned"

class Color(enum.Enum):
    RED = 1
    BLUE = 2

class Acct(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.Enum(Status), default=Status.ACTIVE)
    color = db.Column(db.Enum(Color))

db.create_all()
db.session.add_all([Acct(status=Status.BANNED, color=Color.RED), Acct(color=Color.BLUE)])
db.session.commit()
print(Acct.query.filter(Acct.status == "banned").count())
print(Acct.query.filter(Acct.status == "BANNED").count())
print(Acct.query.filter_by(status=Status.ACTIVE).count())
print(Acct.query.filter(Acct.status.in_(["banned", "active"])).count())
a = Acct.query.first()
print(a.status, a.status == "banned", a.color)
try:
    print(Acct.query.filter(Acct.color == "purple").all())
except Exception as e:
    print(type(e).__name__, e)
a.status = "active"
db.session.commit()
print(a.status)
try:
    a.status = "nope"
    db.session.commit()
except Exception as e:
    print(type(e).__name__, e)
    db.session.rollback()
class Priority(int, enum.Enum):
    LOW = 1
    HIGH = 2

class Task(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.Enum(Status, values_callable=lambda obj: [e.value for e in obj]), nullable=False, default=Status.ACTIVE)
    prio = db.Column(db.Enum(Priority))
    kind = db.Column(db.Enum("bug", "feature", name="task_kind"))

db.create_all()
from sqlalchemy.schema import CreateTable
print(CreateTable(Task.__table__))
db.session.add_all([Task(status="banned", prio=2, kind="bug"), Task(prio=Priority.LOW, kind="feature")])
db.session.commit()
for t in Task.query.order_by(Task.id).all():
    print(t.id, t.status, t.prio, t.kind, t.prio == 2, t.status.value)
print(Task.query.filter(Task.status == Status.BANNED).count(), Task.query.filter(Task.prio == Priority.HIGH).count())
print(Task.query.filter(Task.prio == 2).count())
print(db.session.execute(db.text("SELECT status, prio FROM task")).all())
db.session.execute(db.text("UPDATE task SET kind = 'epic' WHERE id = 1"))
db.session.commit()
try:
    t = Task.query.get(1)
    print(t.kind)
except Exception as e:
    print(type(e).__name__, e)
db.session.rollback()
db.session.execute(db.text("UPDATE task SET prio = 'MEDIUM' WHERE id = 2"))
db.session.commit()
try:
    print(Task.query.filter_by(id=2).one().prio)
except Exception as e:
    print(type(e).__name__, e)

class Step(enum.Enum):
    FIRST = 1
    SECOND = 2
    THIRD = 3
    A_VERY_LONG_MEMBER_NAME_INDEED_FOURTH = 4
    THE_FIFTH_AND_LAST = 5

class Run(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    step = db.Column(db.Enum(Step))
    label = db.Column(db.Enum("x", "y"))

db.create_all()
db.session.add(Run(step=Step.A_VERY_LONG_MEMBER_NAME_INDEED_FOURTH, label="z"))
db.session.commit()
db.session.execute(db.text("UPDATE run SET step = 'SIXTH'"))
for query in (lambda: Run.query.first(), lambda: db.session.query(Run.label).all(), lambda: db.session.scalars(db.select(Run.step)).all()):
    try:
        print(query())
    except LookupError as e:
        print("LookupError:", e)
