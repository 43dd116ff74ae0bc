# 把字符串直接赋给 Date / Boolean 列：SQLAlchemy 在绑定参数时就报 StatementError
from datetime import date, datetime


class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    day = db.Column(db.Date)
    at = db.Column(db.DateTime)
    public = db.Column(db.Boolean, default=True)


db.create_all()
for kwargs in [{'day': '2024-03-01'}, {'at': '2024-03-01 10:00'}, {'public': 'yes'},
               {'public': 2}, {'public': 1}, {'day': datetime(2024, 3, 1, 9, 30)},
               {'at': date(2024, 3, 2)}]:
    db.session.add(Event(**kwargs))
    try:
        db.session.commit()
        print('stored', kwargs)
    except Exception as e:
        db.session.rollback()
        print(type(e).__name__, type(e.orig).__name__, e.orig)

e = db.session.get(Event, 1)
print(e.day, e.public)
e.day = '2024-12-25'
try:
    db.session.flush()
except Exception as err:
    print(type(err).__name__, err.orig)
    db.session.rollback()
print(e.day)
db.session.add(Event(public='no'))
db.session.commit()
