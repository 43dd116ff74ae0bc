# session states & errors learners hit
class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20), unique=True, nullable=False)
    qty = db.Column(db.Integer, default=0)
db.create_all()
i = Item(name='pen')
print(i.qty, i.id)
db.session.add(i)
print(i in db.session, len(db.session.new))
db.session.flush()
print(i.id, i.qty)
db.session.commit()
db.session.add(Item(name='pen'))
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__)
    db.session.rollback()
print(Item.query.count())
try:
    Item.query.filter_by(nme='x').all()
except Exception as e:
    print(type(e).__name__, e)
try:
    Item.query.filter_by(name='zzz').one()
except Exception as e:
    print(type(e).__name__, e)
db.session.add(Item())
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
    db.session.rollback()
x = Item.query.get(1)
x.qty += 5
print(db.session.dirty, db.session.is_modified(x))
db.session.commit()
db.session.expunge(x)
print(x.qty)
