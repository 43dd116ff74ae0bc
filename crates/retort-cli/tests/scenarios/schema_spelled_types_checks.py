# Column types as tutorials also write them: SQL-standard uppercase type
# classes (db.TIMESTAMP, db.VARCHAR, DECIMAL), db.Mapped/db.mapped_column,
# column CHECK constraints, Decimal's scientific str, sorted_tables, and
# `import sqlalchemy.orm` as an attribute.
import datetime
from decimal import Decimal
import sqlalchemy
import sqlalchemy.orm
from sqlalchemy import TIMESTAMP, DECIMAL, CHAR, TEXT, INTEGER, REAL
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateTable


class Shipment(db.Model):
    id: db.Mapped[int] = db.mapped_column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey('order_item.id'))
    code = db.Column(db.VARCHAR(20), nullable=False)
    country = db.Column(CHAR(2))
    weight = db.Column(REAL, db.CheckConstraint('weight > 0'))
    shipped_at = db.Column(db.TIMESTAMP, default=datetime.datetime(2024, 5, 1, 9, 30))
    note = db.Column(TEXT)


class OrderItem(db.Model):
    id = db.Column(INTEGER, primary_key=True)
    price = db.Column(DECIMAL(10, 2), db.CheckConstraint('price >= 0', name='ck_price_positive'))
    fee = db.Column(db.Numeric(12, 10))


print(CreateTable(Shipment.__table__))
print(CreateTable(OrderItem.__table__))
print(repr(Shipment.__table__.c.code.type), Shipment.__table__.c.code.type)
print(repr(OrderItem.__table__.c.price.type), OrderItem.__table__.c.price.type, repr(TIMESTAMP()))
print([t.name for t in db.metadata.sorted_tables])
print(sqlalchemy.orm.relationship.__name__)

db.create_all()
item = OrderItem(price=Decimal('19.90'), fee=Decimal('0.00000001'))
db.session.add(item)
db.session.flush()
db.session.add(Shipment(order_id=item.id, code='SF123', country='CN', weight=1.5))
db.session.commit()
s = Shipment.query.first()
print(s.shipped_at, s.code, s.country, s.weight)
print(item.price, repr(item.fee), item.fee)
print(Decimal('0.0000000000'), repr(Decimal('-0.000000123')))
db.session.add(Shipment(code='BAD', weight=-2))
try:
    db.session.commit()
except IntegrityError as e:
    print('IntegrityError:', e.orig)
    db.session.rollback()
db.session.add(OrderItem(price=Decimal('-1')))
try:
    db.session.commit()
except IntegrityError as e:
    print('IntegrityError:', e.orig)
    db.session.rollback()
