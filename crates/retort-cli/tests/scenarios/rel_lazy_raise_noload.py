# lazy='raise' / 'noload'：访问关系属性时报错或得到空集合
class Shelf(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(20))
    items = db.relationship('Item', backref='shelf', lazy='raise')
    notes = db.relationship('Note', lazy='noload')


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    shelf_id = db.Column(db.Integer, db.ForeignKey('shelf.id'))


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    shelf_id = db.Column(db.Integer, db.ForeignKey('shelf.id'))


db.create_all()
s = Shelf(label='A', items=[Item(), Item()], notes=[Note()])
db.session.add(s)
db.session.commit()
print(s.notes, Item.query.count(), Note.query.count())
print(Item.query.first().shelf.label)
try:
    print(s.items)
except Exception as e:
    print(type(e).__name__, e)
s.items
