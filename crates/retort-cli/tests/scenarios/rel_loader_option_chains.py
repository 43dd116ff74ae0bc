# N+1 的解法：链式加载选项 selectinload(A.b).selectinload(B.c)，以及 subqueryload 的子查询不带 ORDER BY
from sqlalchemy.orm import selectinload, joinedload, subqueryload


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    books = db.relationship('Book', backref='author', order_by='Book.id')


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))
    reviews = db.relationship('Review', backref='book', order_by='Review.id')


class Review(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    stars = db.Column(db.Integer)
    book_id = db.Column(db.Integer, db.ForeignKey('book.id'))


db.create_all()
db.session.add_all([
    Author(name='a', books=[Book(title='x', reviews=[Review(stars=5), Review(stars=3)]), Book(title='y')]),
    Author(name='b', books=[Book(title='z', reviews=[Review(stars=4)])]),
])
db.session.commit()
for opt in [selectinload(Author.books).selectinload(Book.reviews),
            joinedload(Author.books).selectinload(Book.reviews),
            subqueryload(Author.books).selectinload(Book.reviews)]:
    db.session.expunge_all()
    authors = Author.query.options(opt).order_by(Author.id).all()
    for a in authors:
        print(a.name, [(b.title, [r.stars for r in b.reviews]) for b in a.books])
