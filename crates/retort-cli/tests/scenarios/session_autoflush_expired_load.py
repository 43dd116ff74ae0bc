# 读取已过期的属性会先自动 flush：SQLAlchemy 的属性加载查询带 autoflush
class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    stock = db.Column(db.Integer, default=0)

    def __repr__(self):
        return f'<Book {self.title}>'


db.create_all()
book = Book(title='Python')
db.session.add(book)
db.session.commit()

# 修改一个属性后读取另一个过期属性：先 UPDATE，再加载
book.stock = 5
print('title:', book.title)

# 新对象在读取过期属性时被 INSERT
db.session.commit()
db.session.add(Book(title='Flask'))
print('stock:', book.stock)
print(Book.query.count())

# no_autoflush 里不会 flush
db.session.commit()
book.stock = 7
with db.session.no_autoflush:
    print('title again:', book.title)
print(db.session.dirty)
db.session.commit()
print(Book.query.order_by(Book.id).all(), book.stock)
