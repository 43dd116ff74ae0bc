from sqlalchemy import insert, select, text, update, delete

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    fullname = db.Column(db.String(60))

db.create_all()
result = db.session.execute(insert(User).values(name="spongebob", fullname="Spongebob Squarepants").returning(User.id, User.name))
print(result.all())
users = db.session.scalars(insert(User).returning(User), [{"name": "sandy", "fullname": "Sandy Cheeks"}, {"name": "patrick", "fullname": "Patrick Star"}])
for u in users:
    print(u.id, u.name, u in db.session)
t = User.__table__
r = db.session.execute(t.insert().returning(t.c.id), {"name": "squidward"})
print(r.scalar_one())
print(insert(User).values(name="x").returning(User.id, User.name))
print(insert(User).returning(User))
r = db.session.execute(insert(User).returning(User.name, User.id), [{"name": "n%d" % i} for i in range(3)])
print(r.keys(), r.all())
print(db.session.scalar(insert(User).values(name="solo").returning(User.id)))
obj = db.session.scalars(insert(User).values(name="one").returning(User)).one()
print(obj, obj.fullname, obj in db.session, db.session.get(User, obj.id) is obj)
try:
    db.session.execute(insert(User).returning(User.id), [{"name": "a"}, {"id": 1, "name": "dup"}])
except Exception as e:
    print(type(e).__name__)
    db.session.rollback()
print(db.session.execute(insert(User).returning(User.id), [{"name": "a"}, {"name": "b", "fullname": "B"}, {"name": "c", "fullname": "C"}]).all())
db.session.commit()
print(User.query.count())
t = User.__table__
r = db.session.execute(t.insert().returning(t.c.fullname, t.c.id), [{"name": "p"}, {"name": "q"}])
print(r.all(), r.rowcount)
r = db.session.execute(t.insert().values(name="z").returning(t.c.name, t.c.id))
print(r.all(), r.rowcount)
db.session.commit()
