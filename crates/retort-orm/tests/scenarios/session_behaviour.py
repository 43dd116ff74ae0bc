# Session behaviour the corpus lacks: identity-map refresh rules, explicit
# None against a default, DEFAULT VALUES, rollback of a flushed delete,
# ObjectDeletedError, no_autoflush, dirty/new/deleted views.
from sqlalchemy.orm.exc import ObjectDeletedError


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    qty = db.Column(db.Integer, default=7)


db.create_all()
a = Item(name='a', qty=None)
b = Item()
db.session.add_all([a, b])
db.session.commit()
print(a.qty, b.name, b.qty)

a.name = 'changed'
print(len(db.session.dirty), a in db.session.dirty, db.session.is_modified(a), db.session.is_modified(b))
rows = Item.query.order_by(Item.id).all()
print(rows[0] is a, a.name)
db.session.rollback()
print(a.name)

db.session.delete(b)
print(b in db.session.deleted)
db.session.flush()
print(b in db.session)
db.session.rollback()
print(b in db.session, b.name)

c = Item(name='c')
db.session.add(c)
with db.session.no_autoflush:
    print(Item.query.count())
print(Item.query.count())
print(len(db.session.new), c.id)
db.session.commit()

Item.query.filter(Item.id == 1).delete(synchronize_session=False)
db.session.commit()
try:
    a.name
except ObjectDeletedError as e:
    print(type(e).__name__)
print(db.session.get(Item, 1))
