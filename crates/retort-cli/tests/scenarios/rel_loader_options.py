# 查询时指定加载策略：joinedload / selectinload / subqueryload / raiseload
from sqlalchemy.orm import joinedload, selectinload, subqueryload, raiseload, lazyload


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    books = db.relationship('Book', backref='author')

    def __repr__(self):
        return f'<Author {self.name}>'


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))

    def __repr__(self):
        return f'<Book {self.title}>'


db.create_all()
db.session.add_all([
    Author(name='鲁迅', books=[Book(title='呐喊'), Book(title='彷徨')]),
    Author(name='老舍', books=[Book(title='茶馆')]),
])
db.session.commit()
db.session.close()

for a in Author.query.options(joinedload(Author.books)).order_by(Author.id).all():
    print(a.name, a.books)
db.session.close()

for a in db.session.scalars(db.select(Author).options(selectinload(Author.books))):
    print(a.name, len(a.books))
db.session.close()

print(Author.query.options(subqueryload(Author.books)).filter_by(name='老舍').first().books)
db.session.close()

a = Author.query.options(raiseload(Author.books)).first()
try:
    a.books
except Exception as e:
    print(type(e).__name__, e)
db.session.close()

for b in Book.query.options(joinedload(Book.author)).all():
    print(b.title, b.author)
