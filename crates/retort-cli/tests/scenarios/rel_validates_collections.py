class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    email = db.Column(db.String(120))
    books = db.relationship('Book', backref='author')

    @db.validates('email')
    def validate_email(self, key, address):
        print('validating', key, address)
        assert '@' in address, 'bad email'
        return address.lower()

    @db.validates('books', include_removes=True)
    def validate_book(self, key, book, is_remove):
        print('book', key, book.title, is_remove)
        return book

    def __repr__(self):
        return f'<Author {self.name}>'


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))

    @db.validates('author', include_backrefs=False)
    def validate_author(self, key, author):
        print('author set', key, author)
        return author


db.create_all()
a = Author(name='ann', email='ANN@Example.com')
print(a.email)
b1 = Book(title='one')
a.books.append(b1)
b2 = Book(title='two', author=a)
print([b.title for b in a.books])
a.books.remove(b1)
db.session.add(a)
db.session.commit()
try:
    a.email = 'nope'
except AssertionError as e:
    print('AssertionError:', e)
print(a.email)
a.books = [b1, Book(title='three')]
db.session.commit()
print(sorted(b.title for b in a.books))
x = Author.query.first()
print(x.email)
