# IntegrityError 的属性：args 只有第一行，str(e) 是完整信息；params / code / orig / statement
from sqlalchemy.exc import IntegrityError, StatementError


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20), unique=True)
    created = db.Column(db.Date)


db.create_all()
db.session.add(Tag(name='py'))
db.session.commit()
db.session.add(Tag(name='py'))
try:
    db.session.commit()
except IntegrityError as e:
    db.session.rollback()
    print(e.args)
    print(repr(e))
    print(str(e).splitlines()[0], '|', str(e).splitlines()[1])
    print(e.params, e.code, e.connection_invalidated, type(e.orig).__name__, e.orig)
    print(e.statement)
db.session.add(Tag(name='rs', created='2024-01-01'))
try:
    db.session.flush()
except StatementError as e:
    db.session.rollback()
    print(e.args)
    print(str(e).splitlines()[0])
