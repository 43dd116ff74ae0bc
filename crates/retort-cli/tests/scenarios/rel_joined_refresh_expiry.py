# lazy='joined' relationships and expiry: after a commit (or expire(obj))
# the refresh SELECT joins them, as SQLAlchemy's load_on_ident does; so
# does refresh(obj), with its plain column labels; expiring one column only
# reloads that column, and an expired collection alone is lazy-loaded.


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    books = db.relationship('Book', lazy='joined', backref=db.backref('author', lazy='joined'))


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))


db.create_all()
a = Author(name='Lu Xun', books=[Book(title='Call to Arms'), Book(title='Wandering')])
db.session.add(a)
db.session.commit()
print(a.name)
print([b.title for b in a.books])
db.session.expire(a, ['name'])
print(a.name)
db.session.expire(a)
print(len(a.books), a.name)
db.session.refresh(a)
print(a.books[0].title)
db.session.expire(a, ['books'])
print([b.title for b in a.books])
b = a.books[1]
db.session.commit()
print(b.title, b.author.name)
