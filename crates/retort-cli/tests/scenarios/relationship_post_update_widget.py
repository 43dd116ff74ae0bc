# SQLAlchemy 文档中的 Widget/Entry：互相引用的两张表，post_update 打破循环
class Entry(db.Model):
    entry_id = db.Column(db.Integer, primary_key=True)
    widget_id = db.Column(db.Integer, db.ForeignKey('widget.widget_id'))
    name = db.Column(db.String(50))

class Widget(db.Model):
    widget_id = db.Column(db.Integer, primary_key=True)
    favorite_entry_id = db.Column(db.Integer, db.ForeignKey('entry.entry_id', name='fk_favorite_entry'))
    name = db.Column(db.String(50))
    entries = db.relationship(Entry, primaryjoin=widget_id == Entry.widget_id)
    favorite_entry = db.relationship(Entry, primaryjoin=favorite_entry_id == Entry.entry_id, post_update=True)

db.create_all()
w1 = Widget(name='somewidget')
e1 = Entry(name='someentry')
e2 = Entry(name='other')
w1.favorite_entry = e1
w1.entries = [e1, e2]
db.session.add(w1)
db.session.commit()
print(w1.favorite_entry_id, e1.widget_id, e2.widget_id)
w1.favorite_entry = e2
w1.name = 'renamed'
db.session.commit()
print(w1.favorite_entry.name)
w2 = Widget(name='second', favorite_entry=Entry(name='third'))
db.session.add(w2)
db.session.commit()
print(w2.favorite_entry_id, [(e.entry_id, e.widget_id) for e in Entry.query.order_by(Entry.entry_id)])
db.session.delete(w1)
db.session.commit()
print([(e.name, e.widget_id) for e in Entry.query.order_by(Entry.entry_id)])
