from sqlalchemy import select, text

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    fullname = db.Column(db.String(60))

db.create_all()
db.session.add_all([User(name="spongebob", fullname="Spongebob"), User(name="sandy", fullname="Sandy Cheeks"), User(name="patrick", fullname="Patrick Star")])
db.session.commit()
stmt = select(User).from_statement(text("SELECT * FROM user ORDER BY id DESC"))
for u in db.session.scalars(stmt):
    print(u.id, u.name)
print(db.session.execute(select(User).from_statement(text("SELECT id, name, fullname FROM user WHERE name = :n")), {"n": "patrick"}).scalar_one().fullname)
q = db.session.query(User).from_statement(text("SELECT * FROM user WHERE id < :i")).params(i=3)
print(q.all())
print(q.first())
print(User.query.from_statement(text("SELECT id, name FROM user WHERE name LIKE :p").bindparams(p="s%")).all())
u = db.session.execute(select(User).from_statement(text("SELECT id, name FROM user WHERE id = 3"))).scalar_one()
print(u is db.session.get(User, 3), u.fullname)
db.session.expire_all()
u = db.session.scalars(select(User).from_statement(text("SELECT id, name FROM user WHERE id = 2"))).one()
print(u.name)
print(u.fullname)
try:
    db.session.scalars(select(User).from_statement(text("SELECT name FROM user"))).all()
except Exception as e:
    print(type(e).__name__, e)
db.session.rollback()
rows = db.session.execute(select(User.name, User.id).from_statement(text("SELECT id, name FROM user ORDER BY name"))).all()
print(rows)
try:
    select(User).from_statement("SELECT * FROM user WHERE id > 5 ORDER BY id")
except Exception as e:
    print(type(e).__name__, e)
try:
    db.session.query(User).from_statement("SELECT 1")
except Exception as e:
    print(type(e).__name__, e)
