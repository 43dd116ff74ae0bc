# Printing INSERT and UPDATE statements of a model with defaults: the
# compiler names every column a default= fills (a Python default as a
# parameter, a SQL one inline) and every column an onupdate= fills.
from datetime import datetime

from sqlalchemy import func, insert, update


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    published = db.Column(db.Boolean, default=False)
    created = db.Column(db.DateTime, default=lambda: datetime(2024, 1, 1, 9, 30))
    stamped = db.Column(db.DateTime, default=func.now(), onupdate=func.now())
    views = db.Column(db.Integer, server_default="0")
    revision = db.Column(db.Integer, onupdate=1)


events = db.Table(
    "events",
    db.Column("id", db.Integer, primary_key=True),
    db.Column("kind", db.String(20), default="info"),
    db.Column("note", db.String(80)),
)

print(insert(Post).values(title="Hello"))
print(insert(Post).values(title="Hello", published=True))
print(insert(Post.__table__).values(title="Hello"))
print(insert(Post).values(title="Hello").compile().params)
print(insert(Post).values(title="Hello").compile(db.engine))
print(update(Post).where(Post.id == 1).values(title="Bye"))
print(update(Post).values(title="Bye", revision=7))
print(insert(events).values(note="x"))
print(insert(Post))

with app.app_context():
    db.create_all()
    db.session.execute(insert(Post).values(title="Hello"))
    db.session.execute(insert(events).values(note="started"))
    db.session.commit()
    post = db.session.scalars(db.select(Post)).one()
    print(post.title, post.published, post.views, post.revision)
    print(db.session.execute(db.select(events)).all())
