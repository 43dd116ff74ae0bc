# 2.0 风格的 update() / delete() / insert() 语句：rowcount、inserted_primary_key、会话同步
from sqlalchemy import select, update, delete, insert

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    age = db.Column(db.Integer, default=18)

db.create_all()
db.session.add_all([User(name='ann', age=20), User(name='bob', age=30), User(name='cy', age=40)])
db.session.commit()
stmt = update(User).where(User.name == 'bob').values(age=31)
print(stmt)
result = db.session.execute(stmt)
print(result.rowcount)
print(db.session.get(User, 2).age)
r = db.session.execute(update(User).where(User.age > 25).values(age=User.age + 1))
print(r.rowcount)
r = db.session.execute(update(User).filter_by(name='ann').values({"name": "anne"}))
print(r.rowcount, db.session.get(User, 1).name)
d = delete(User).where(User.name == 'cy')
print(d)
r = db.session.execute(d)
print(r.rowcount)
db.session.commit()
i = insert(User).values(name='dan', age=50)
print(i)
r = db.session.execute(i)
print(r.inserted_primary_key)
db.session.execute(insert(User), [{"name": "eve", "age": 1}, {"name": "fay", "age": 2}])
db.session.commit()
print([(u.id, u.name, u.age) for u in db.session.scalars(select(User).order_by(User.id))])
print(db.session.execute(delete(User).where(User.age < 10)).rowcount)
db.session.commit()
r = db.session.execute(update(User).where(User.id == 1).values(age=21))
try:
    r.all()
except Exception as e:
    print(type(e).__name__, e)
try:
    for row in r:
        print(row)
except Exception as e:
    print(type(e).__name__, e)
db.session.commit()
