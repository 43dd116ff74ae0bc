# What type() shows for the objects a Flask-SQLAlchemy script handles:
# model instances and values, rows and results, queries, pages,
# expressions, db and its session, engine, app, table and mapper.
from decimal import Decimal
from datetime import date, datetime
from sqlalchemy import inspect, select

class Bill(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    amount = db.Column(db.Numeric(8, 2))
    due = db.Column(db.Date)
    paid = db.Column(db.Boolean)


db.create_all()
db.session.add(Bill(amount=Decimal("5.5"), due=date(2024, 5, 1), paid=False))
db.session.commit()
b = Bill.query.first()
print(type(b), type(b.amount), type(b.due), type(b.paid), type(b.id))
print(type(datetime(2024, 1, 1)), type(None), type([]), type({}), type(()), type(set()), type("s"), type(1.0))
r = db.session.execute(select(Bill.id, Bill.amount)).first()
print(type(r))
print(type(db.session.execute(select(Bill))))
print(type(db.session.scalars(select(Bill))))
print(type(Bill.query.all()), type(Bill.query.first()), type(Bill.query))
print(type(Bill.query.paginate(page=1, per_page=1)))
print(type(db.session.query(Bill.id).first()))
print(type(select(Bill)), type(Bill.id == 1), type(Bill.id))
print(type(db), type(db.session), type(db.engine), type(app))
print(type(inspect(b)), type(Bill.__table__), type(Bill.__mapper__))
try:
    Bill.query.filter_by(id=1).one().nope
except AttributeError as e:
    print(e)
