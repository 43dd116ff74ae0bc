import enum, json
from sqlalchemy import extract
from datetime import datetime

class Status(str, enum.Enum):
    ACTIVE = "active"
    BANNED = "banned"

class Level(int, enum.Enum):
    LOW = 1
    HIGH = 2

class Task(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.Enum(Status), default=Status.ACTIVE, nullable=False)
    level = db.Column(db.Enum(Level), default=Level.LOW)
    due = db.Column(db.DateTime)

db.create_all()
db.session.add_all([
    Task(due=datetime(2024, 5, 1, 9, 30)),
    Task(status=Status.BANNED, level=Level.HIGH, due=datetime(2023, 1, 15)),
    Task(due=datetime(2024, 12, 24)),
])
db.session.commit()
print(Status.ACTIVE == "active", Status.ACTIVE != "banned", Level.HIGH == 2, Level.LOW < 2)
print(Status.ACTIVE.value, Status.ACTIVE.name, str(Status.ACTIVE), f"{Status.BANNED}")
print(Status.ACTIVE.upper(), Status.BANNED.startswith("ban"))
print("active" in {Status.ACTIVE}, {"active": 1}[Status.ACTIVE], {Level.HIGH: "h"}.get(2))
print(json.dumps({"s": Status.BANNED}))
print(Task.query.filter_by(status=Status.BANNED).count())
print(Task.query.filter(Task.level == Level.HIGH).one().id)
print(Task.query.filter(extract('year', Task.due) == 2024).count())
rows = db.session.execute(
    select(extract('month', Task.due).label('m'), func.count(Task.id))
    .group_by('m').order_by('m')
).all()
print(rows)
print([(t.status, t.level) for t in Task.query.order_by(Task.id)])
print(select(Task.id).where(extract('day', Task.due) > 10))
try:
    db.session.execute(select(extract('fortnight', Task.due)))
except Exception as e:
    print(type(e).__name__, e)
