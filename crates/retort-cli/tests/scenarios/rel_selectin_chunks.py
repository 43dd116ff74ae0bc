from sqlalchemy.orm import selectinload
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    books = db.relationship('Book', lazy='selectin')
class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))
db.create_all()
db.session.add_all([Author(books=[Book()] if i % 2 else []) for i in range(503)])
db.session.commit()
authors = Author.query.all()
print(len(authors), sum(len(a.books) for a in authors))
