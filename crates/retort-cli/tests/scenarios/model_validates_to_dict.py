from datetime import datetime
from sqlalchemy.orm import validates


class Article(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100), nullable=False)
    body = db.Column(db.Text)
    views = db.Column(db.Integer, default=0)
    created = db.Column(db.DateTime, default=datetime(2024, 1, 2, 3, 4, 5))

    @validates('title')
    def validate_title(self, key, value):
        if not value:
            raise ValueError('title required')
        return value.strip()

    def to_dict(self):
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}

    def __repr__(self):
        return f'<Article {self.id} {self.title!r}>'


db.create_all()
a = Article(title='  Hello  ', body='x')
print(a.title, a.views)
db.session.add(a)
db.session.commit()
print(a.to_dict())
print([c.name for c in Article.__table__.columns])
try:
    Article(title='')
except ValueError as e:
    print('error:', e)
a.views += 1
db.session.commit()
print(Article.query.get(1).views)
print(db.session.get(Article, 1) is a)
print(Article.query.filter(Article.title.like('%ell%')).count())
