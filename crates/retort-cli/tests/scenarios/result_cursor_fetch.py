# Result 是一次性读取的游标：fetchone/fetchmany/all、keys()、first() 之后关闭
class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))


db.create_all()
db.session.add_all([Item(name=n) for n in 'abcde'])
db.session.commit()
r = db.session.execute(select(Item.id, Item.name).order_by(Item.id))
print(r.keys(), list(r.keys()), 'id' in r.keys(), len(r.keys()))
print(r.fetchone())
print(r.fetchone())
print(r.fetchmany(2))
print(r.all())
print(r.all(), r.fetchone())
r = db.session.execute(select(Item.id))
print(r.first())
try:
    print(r.all())
except Exception as e:
    print(type(e).__name__, e)
r = db.session.execute(select(Item.name))
print([x for x in r], [x for x in r])
s = db.session.execute(select(Item.name)).scalars()
print(s.first())
s = db.session.scalars(select(Item.name))
print(next(iter(s)), s.all())
r = db.session.execute(text('SELECT id, name FROM item'))
print(r.keys(), r.fetchone(), r.fetchall())
print(db.session.execute(select(Item)).keys())
m = db.session.execute(select(Item.name)).mappings()
print(m.fetchone(), m.all())
r = db.session.execute(select(Item.name))
for row in r:
    print(row.name, end=' ')
    break
print(r.fetchmany())
print(db.session.execute(select(Item.id, Item.name)).fetchmany(2))
r = db.session.execute(select(Item.id))
r.close()
try:
    print(r.all())
except Exception as e:
    print(type(e).__name__, e)
