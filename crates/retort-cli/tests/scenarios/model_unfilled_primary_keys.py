# Primary keys a flush cannot fill: a natural string key left unset warns
# and fails on NOT NULL; an integer key with autoincrement=False is never
# read back, so the flush fails with FlushError. A foreign-key column
# without a type takes its target's type; Float(precision=...) is FLOAT.
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import FlushError
from sqlalchemy.schema import CreateTable


class Country(db.Model):
    code = db.Column(db.String(2), primary_key=True)
    name = db.Column(db.String(40))
    rating = db.Column(db.Float(precision=2))


class City(db.Model):
    id = db.Column(db.Integer, primary_key=True, autoincrement=False)
    country_code = db.Column(db.ForeignKey('country.code'))
    name = db.Column(db.String(40))


print(CreateTable(Country.__table__))
print(CreateTable(City.__table__))
print(repr(Country.__table__.c.rating.type), repr(City.__table__.c.country_code.type))
db.create_all()
db.session.add(Country(name='Nowhere'))
try:
    db.session.commit()
except IntegrityError as e:
    print('IntegrityError:', e.orig)
    db.session.rollback()
db.session.add(Country(code='CN', name='China', rating=4.5))
db.session.add(City(id=1, country_code='CN', name='Beijing'))
db.session.commit()
db.session.add(City(country_code='CN', name='Shanghai'))
try:
    db.session.commit()
except FlushError as e:
    print('FlushError:', str(e).split(' has ')[1][:20])
    db.session.rollback()
print([(c.id, c.name) for c in City.query.order_by(City.id)])
