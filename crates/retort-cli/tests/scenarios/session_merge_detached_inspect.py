from sqlalchemy import inspect


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), unique=True)
    qty = db.Column(db.Integer, default=1)


db.create_all()
i = Item(name='pen')
print(inspect(i).transient)
db.session.add(i)
print(inspect(i).pending, i in db.session)
db.session.flush()
print(inspect(i).persistent, i.id)
db.session.commit()
db.session.expunge(i)
print(inspect(i).detached)
i.qty = 5
j = db.session.merge(i)
print(j is i, j.qty, db.session.dirty)
db.session.commit()
print(Item.query.first().qty)
db.session.delete(j)
print(inspect(j).deleted, db.session.deleted)
db.session.rollback()
print(Item.query.count(), inspect(j).persistent)
try:
    db.session.add(Item(name='pen'))
    db.session.commit()
except Exception as e:
    print(type(e).__name__)
    db.session.rollback()
print(Item.query.count())
db.session.expire(j)
print('qty' in inspect(j).unloaded)
print(j.qty)
