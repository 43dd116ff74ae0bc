class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    price = db.Column(db.Numeric(6, 2))

db.create_all()
from decimal import Decimal
db.session.add_all([Book(title='A', price=Decimal('9.50')), Book(title='B', price=12)])
db.session.commit()
for m in db.session.execute(select(Book.title, Book.price).order_by(Book.id)).mappings():
    print(m['title'], m['price'])
print(db.session.execute(select(Book.id, Book.title)).mappings().all())
print(db.session.query(func.avg(Book.price)).scalar())
print(Book.query.filter(Book.price.between(5, 10)).all())
