from sqlalchemy.orm import make_transient, object_session
from sqlalchemy.orm.exc import DetachedInstanceError


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(50))


db.create_all()
n = Note(text='hi')
print(object_session(n))
db.session.add(n)
db.session.commit()
print(object_session(n) is not None)
db.session.expunge(n)
make_transient(n)
n.id = None
db.session.add(n)
db.session.commit()
print(n.id, Note.query.count())
db.session.close()
print(n.text)
db.session.remove()
m = Note.query.get(1)
db.session.expunge_all()
try:
    print(m.text)
except DetachedInstanceError as e:
    print('detached', e)
