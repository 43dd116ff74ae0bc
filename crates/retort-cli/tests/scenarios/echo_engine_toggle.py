# db.engine.echo = True：从下一个连接（下一次 BEGIN）开始打印；同一 SQL 第二次执行显示 cached since
from sqlalchemy import inspect

class A(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))

db.create_all()
db.engine.echo = False
print(A.query.count())
db.engine.echo = True
print(db.engine.echo, A.query.count())
db.session.commit()
print(A.query.count())
print(inspect(db.engine).get_table_names())
db.session.add_all([A(name='x'), A(name='y')])
db.session.commit()
for a in A.query.all():
    a.name = a.name * 2
db.session.commit()
A.query.filter(A.id > 1).delete()
db.session.add(A(id=1, name='dup'))
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__)
    db.session.rollback()
print(db.session.get(A, 1).name)
db.drop_all()
