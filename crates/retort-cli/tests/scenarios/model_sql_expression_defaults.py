# 时间戳列：default / onupdate 用 SQL 函数（func.now()）
from datetime import datetime
from sqlalchemy import func


class Article(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100), nullable=False)
    slug = db.Column(db.String(100), default=func.lower('DRAFT'))
    created_at = db.Column(db.DateTime, default=db.func.now())
    updated_at = db.Column(db.DateTime, default=func.now(), onupdate=func.now())
    views = db.Column(db.Integer, default=0)


db.create_all()
a = Article(title='First')
b = Article(title='Second', slug='second')
c = Article(title='Third')
db.session.add_all([a, b, c])
db.session.flush()
print(a.id, a.slug, b.slug, isinstance(a.created_at, datetime), a.views)
print('created_at' in a.__dict__ if hasattr(a, '__dict__') else None)
db.session.commit()
b.title = 'Second (edited)'
db.session.commit()
print(b.title, isinstance(b.updated_at, datetime))
Article.query.filter_by(id=1).update({'views': Article.views + 1})
db.session.commit()
print(a.views, type(c.updated_at).__name__)
