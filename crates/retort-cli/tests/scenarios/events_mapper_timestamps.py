# 映射器事件：before_insert / before_update 自动维护时间戳，after_insert 打印新主键
from datetime import datetime

clock = [datetime(2024, 1, 1, 8, 0, 0)]

def now():
    clock[0] = clock[0].replace(minute=clock[0].minute + 1)
    return clock[0]


class TimestampMixin:
    """时间戳由事件维护（列写在各个模型里）"""


class Article(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100), nullable=False)
    views = db.Column(db.Integer, default=0)
    created_at = db.Column(db.DateTime)
    updated_at = db.Column(db.DateTime)

    def __repr__(self):
        return f"<Article {self.id} {self.title!r}>"


class Comment(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.String(200))
    created_at = db.Column(db.DateTime)
    updated_at = db.Column(db.DateTime)
    article_id = db.Column(db.Integer, db.ForeignKey('article.id'))
    article = db.relationship('Article', backref=db.backref('comments', cascade='all, delete-orphan'))


db.create_all()


@db.event.listens_for(TimestampMixin, 'before_insert', propagate=True)
def set_created(mapper, connection, target):
    target.created_at = now()
    target.updated_at = target.created_at
    print('before_insert', mapper.class_.__name__, target.id)


@db.event.listens_for(TimestampMixin, 'before_update', propagate=True)
def set_updated(mapper, connection, target):
    target.updated_at = now()
    print('before_update', type(target).__name__, target.id)


@event.listens_for(Article, 'after_insert')
def announce(mapper, connection, target):
    print('after_insert: new article id =', target.id)


def log_delete(mapper, connection, target):
    print('deleting', target)


event.listen(Article, 'before_delete', log_delete)
event.listen(Comment, 'after_delete', lambda m, c, t: print('comment gone', t.id))

a = Article(title='Hello')
b = Article(title='World')
db.session.add_all([a, b])
db.session.commit()
print(a.created_at, a.updated_at)

a.title = 'Hello again'
db.session.commit()
print(a.created_at, a.updated_at)

# 只改关系也会触发 before_update（SQLAlchemy 对 dirty 对象都会调用）
b.comments.append(Comment(body='first!'))
db.session.commit()
print(b.updated_at, b.comments[0].created_at)

# 没有变化的提交不会触发事件
db.session.commit()

db.session.delete(b)
db.session.commit()
print(Article.query.count(), Comment.query.count())
