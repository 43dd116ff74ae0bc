# contains_eager：用显式 join 的列填充关系，不再发额外 SQL
from sqlalchemy.orm import aliased, contains_eager


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    books = db.relationship('Book', backref='author')

    def __repr__(self):
        return f'<Author {self.name}>'


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    price = db.Column(db.Integer)
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))

    def __repr__(self):
        return f'<Book {self.title}>'


db.create_all()
lu = Author(name='鲁迅', books=[Book(title='呐喊', price=30), Book(title='彷徨', price=25)])
lao = Author(name='老舍', books=[Book(title='骆驼祥子', price=40)])
ba = Author(name='巴金')
db.session.add_all([lu, lao, ba])
db.session.commit()
db.session.expunge_all()

# 只加载价格 >= 30 的书到 books 集合里
authors = (db.session.query(Author)
           .join(Author.books)
           .filter(Book.price >= 30)
           .options(contains_eager(Author.books))
           .order_by(Author.id)
           .all())
print(authors)
for a in authors:
    print(a.name, a.books)

db.session.expunge_all()
q = Author.query.outerjoin(Author.books).options(contains_eager(Author.books)).order_by(Author.id, Book.id)
print(q)
for a in q:
    print(a.name, len(a.books), a.books)

db.session.expunge_all()
# 多对一：Book.author 来自 backref
books = Book.query.join(Book.author).options(contains_eager(Book.author)).filter(Author.name == '鲁迅').all()
for b in books:
    print(b.title, b.author.name)

db.session.expunge_all()
# 用别名 join，再告诉 contains_eager 从别名读
cheap = aliased(Book, name='cheap')
rows = (Author.query.join(cheap, Author.books)
        .filter(cheap.price < 30)
        .options(contains_eager(Author.books.of_type(cheap)))
        .all())
for a in rows:
    print(a.name, a.books)

db.session.expunge_all()
b1 = aliased(Book)
stmt = (select(Author).join(Author.books.of_type(b1))
        .options(contains_eager(Author.books, alias=b1))
        .where(b1.title.like('%祥%')))
for a in db.session.scalars(stmt).unique():
    print(a.name, a.books)

# 2.0 风格的集合 eager 加载必须先 unique()
db.session.expunge_all()
try:
    db.session.scalars(stmt).all()
except Exception as e:
    print(type(e).__name__, e)
print(db.session.execute(stmt).unique().scalars().all())

# 不用 contains_eager：Query 仍然去重
print(Author.query.join(Book).filter(Book.price > 0).all())
print(db.session.query(Author, Book.title).join(Author.books).order_by(Book.id).all())
