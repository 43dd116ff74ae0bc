# 按状态统计：只查询 Enum 列时得到的也是枚举成员
import enum
from sqlalchemy import func


class Status(enum.Enum):
    TODO = 'todo'
    DONE = 'done'


class Task(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    status = db.Column(db.Enum(Status), default=Status.TODO)


db.create_all()
db.session.add_all([Task(title='a'), Task(title='b', status=Status.DONE), Task(title='c', status=Status.DONE)])
db.session.commit()
print(db.session.scalars(db.select(Task.status).order_by(Task.id)).all())
for status, count in db.session.query(Task.status, func.count(Task.id)).group_by(Task.status).order_by(Task.status):
    print(status.name, status.value, count)
row = db.session.execute(db.select(Task.title, Task.status).where(Task.status == Status.DONE)).first()
print(row, row.status is Status.DONE)
print(Task.query.with_entities(Task.status).distinct().count())
