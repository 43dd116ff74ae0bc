# 关联子查询：scalar_subquery、correlate()、exists、any/has、select(subquery)
from sqlalchemy.orm import joinedload, selectinload


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    books = db.relationship('Book', back_populates='author')

    def __init__(self, name, **kw):
        super().__init__(name=name.strip(), **kw)

    def __repr__(self):
        return f'Author({self.name!r})'


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))
    pages = db.Column(db.Integer)
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))
    author = db.relationship('Author', back_populates='books')


db.create_all()
a1, a2, a3 = Author(' 金庸 '), Author('古龙'), Author('三毛')
db.session.add_all([a1, a2, a3])
db.session.add_all([Book(title='天龙八部', pages=1200, author=a1), Book(title='射雕', pages=900, author=a1), Book(title='多情剑客', pages=500, author=a2)])
db.session.commit()

cnt = select(func.count(Book.id)).where(Book.author_id == Author.id).scalar_subquery()
print(db.session.execute(select(Author.name, cnt.label('n')).order_by(Author.id)).all())
print(db.session.query(Author.name, cnt).all())
mx = db.session.query(func.max(Book.pages)).filter(Book.author_id == Author.id).correlate(Author).scalar_subquery()
print(db.session.query(Author.name, mx.label('maxp')).order_by(Author.id).all())
print(db.session.scalars(select(Author).where(exists().where(Book.author_id == Author.id))).all())
print(db.session.scalars(select(Author).where(~Author.books.any())).all())
print(db.session.scalars(select(Book).options(joinedload(Book.author)).order_by(Book.id)).all())
for a in db.session.scalars(select(Author).options(selectinload(Author.books))):
    print(a.name, [b.title for b in a.books])
print(db.session.query(Author).filter(Author.books.any(Book.pages > 1000)).one())
print(Book.query.filter(Book.author.has(Author.name.like('古%'))).all())
print(db.session.query(Book.title).order_by(func.length(Book.title).desc(), Book.id).first())
print(db.session.get(Author, 99), db.session.get(Author, 1))
sub = db.session.query(Book.author_id).filter(Book.pages > 800).subquery()
print(db.session.query(Author).filter(Author.id.in_(select(sub))).all())
print(db.session.query(Author).join(Author.books).filter(Book.pages > 100).distinct().count())
