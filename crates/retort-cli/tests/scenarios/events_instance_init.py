# init 事件：构造对象时、设置属性之前触发；propagate=True 对子类也生效
from datetime import datetime

class Base(db.Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)

class Article(Base):
    title = db.Column(db.String(50))
    views = db.Column(db.Integer)

class Comment(Base):
    body = db.Column(db.String(50))

@db.event.listens_for(Article, 'init')
def article_init(target, args, kwargs):
    print('init', type(target).__name__, args, kwargs, target.title, target.views)
    target.views = 0

@db.event.listens_for(Base, 'init', propagate=True)
def any_init(target, args, kwargs):
    print('any init', type(target).__name__, sorted(kwargs))

def named_init(**kw):
    print('named', sorted(kw), kw['kwargs'])
db.event.listen(Comment, 'init', named_init, named=True)

db.create_all()
a = Article(title='你好')
print(a.views, a.title)
c = Comment(body='x')
db.session.add_all([a, c])
db.session.commit()
print(Article.query.first().views)
print(db.event.contains(Comment, 'init', named_init))
db.event.remove(Comment, 'init', named_init)
Comment(body='y')
