# SQLite 默认不检查外键：用 Engine 的 connect 事件执行 PRAGMA foreign_keys=ON，
# 然后 ondelete='CASCADE' 生效、违反外键时报 IntegrityError
from sqlalchemy.engine import Engine
from sqlalchemy import event


@event.listens_for(Engine, "connect")
def set_sqlite_pragma(dbapi_connection, connection_record):
    print('connect 事件')
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Parent(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    children = db.relationship('Child', backref='parent', passive_deletes=True)


class Child(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    parent_id = db.Column(db.Integer, db.ForeignKey('parent.id', ondelete='CASCADE'))


db.create_all()
p = Parent(children=[Child(), Child()])
db.session.add(p)
db.session.commit()
db.session.execute(delete(Parent).where(Parent.id == 1))
db.session.commit()
print('剩余子记录', Child.query.count())
try:
    db.session.add(Child(parent_id=99))
    db.session.commit()
except IntegrityError as e:
    db.session.rollback()
    print('外键错误:', e.orig)
print(Child.query.count())
