class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    price = db.Column(db.Numeric(6, 2))
    rate = db.Column(db.Float)
db.create_all()
Book.query.filter(Book.price > 5, Book.price == 7, Book.rate < 3, Book.price.in_([1, 2]), Book.rate.between(1, 2)).all()
Book.query.filter_by(price=4, rate=2).all()
