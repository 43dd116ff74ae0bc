# 实例事件：init 在构造时触发，load 在对象从数据库行创建时触发
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


load_count = {'Author': 0, 'Book': 0}


@db.event.listens_for(Author, 'init')
def author_init(target, args, kwargs):
    print('init:', kwargs)


@db.event.listens_for(Author, 'load')
def author_load(target, context):
    load_count['Author'] += 1
    # 加载时给对象挂一个非映射属性
    target.display = target.name.upper()
    print('load:', target, type(context).__name__)


def book_load(target, context):
    load_count['Book'] += 1


db.event.listen(Book, 'load', book_load)

db.create_all()
a = Author(name='lu xun', books=[Book(title='a'), Book(title='b')])
db.session.add(a)
db.session.add(Author(name='lao she'))
db.session.commit()
print(load_count)

print(a.name)                       # 过期后刷新，不是 load
print(load_count)
authors = Author.query.order_by(Author.id).all()   # a 已在身份映射里，只有 lao she 是新加载的
print(authors, load_count)
print(authors[1].display)
db.session.expunge_all()
authors = Author.query.order_by(Author.id).all()
print([x.display for x in authors], load_count)
print(authors[0].books, load_count)  # 懒加载的两本书
print(db.session.get(Author, 2), load_count)  # 已经在身份映射里
book = db.session.scalars(select(Book).where(Book.title == 'b')).one()
print(book.author.display, load_count)
print(db.event.contains(Book, 'load', book_load))
db.event.remove(Book, 'load', book_load)
db.session.expunge_all()
print(Book.query.all(), load_count)
