# one-to-one, uselist=False, cascade delete-orphan, query joins
class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    passport = db.relationship('Passport', back_populates='owner', uselist=False, cascade='all, delete-orphan')
    addresses = db.relationship('Address', backref='person', order_by='Address.city')

class Passport(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(20), unique=True)
    owner_id = db.Column(db.Integer, db.ForeignKey('person.id'))
    owner = db.relationship('Person', back_populates='passport')

class Address(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    city = db.Column(db.String(50))
    person_id = db.Column(db.Integer, db.ForeignKey('person.id'))

db.create_all()
p = Person(name='Ann', passport=Passport(number='X1'))
p.addresses = [Address(city='Rome'), Address(city='Oslo')]
db.session.add(p)
db.session.commit()
print(p.passport.number, [a.city for a in p.addresses])
rows = db.session.query(Person.name, Address.city).join(Address).order_by(Address.city).all()
print(rows)
q = Person.query.join(Person.addresses).filter(Address.city == 'Oslo')
print(q.count(), q.first().name)
p.passport = Passport(number='X2')
db.session.commit()
print(Passport.query.count(), Passport.query.first().number)
db.session.delete(p)
db.session.commit()
print(Passport.query.count(), Address.query.all(), [a.person_id for a in Address.query.all()])
