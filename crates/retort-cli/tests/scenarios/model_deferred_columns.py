# 映射级别的延迟列：deferred()、group、undefer_group、mapped_column(deferred=True)
from sqlalchemy.orm import deferred, undefer, undefer_group, load_only


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    docs = db.relationship("Doc", backref="author")


class Doc(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    body = deferred(db.Column(db.Text), group="big")
    notes = deferred(db.Column(db.Text), group="big")
    extra = deferred(db.Column(db.Text))
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"))


class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(db.String(20))
    content: Mapped[str] = mapped_column(db.Text, deferred=True)


try:
    db.Column(db.Text, deferred=True)
except TypeError as e:
    print("TypeError:", e)

db.create_all()
a = Author(name="x")
db.session.add(Doc(title="t", body="b", notes="n", extra="e", author=a))
db.session.add(Post(title="p", content="c"))
db.session.commit()

d = Doc.query.first()
print(d.title)
print(d.notes)   # 同组的 body 一起加载
print(d.body)
print(d.extra)
d2 = Doc.query.options(undefer_group("big")).filter(Doc.id == 1).first()
print(d2 is d, d2.body)
db.session.expunge_all()

d3 = Doc.query.options(undefer_group("big"), undefer(Doc.extra)).first()
print(d3.extra, d3.body)
d3.title = "t2"
db.session.commit()
print(d3.body)   # 过期后：延迟列单独加载
print(d3.title)
db.session.expunge_all()

print(Author.query.first().docs)
x = db.session.scalars(select(Doc).options(load_only(Doc.title, Doc.body))).first()
print(x.title, x.body, x.notes)
db.session.expunge_all()

p = db.session.get(Post, 1)
print(p.title)
print(p.content)
print(select(Post))
print(select(Post).options(undefer(Post.content)))
print(Post.query.count())

try:
    Author.query.options(load_only(Author.docs)).all()
except Exception as e:
    print(type(e).__name__, e)

# 预加载的目标对象同样不加载延迟列
from sqlalchemy.orm import joinedload, selectinload, subqueryload
db.session.add(Doc(title="u", body="c", author_id=1))
db.session.commit()
db.session.close()
r = Author.query.options(joinedload(Author.docs)).all()
print([d.title for d in r[0].docs], r[0].docs[0].body)
db.session.close()
r = Author.query.options(joinedload(Author.docs)).first()
print([d.title for d in r.docs])
db.session.close()
r = Author.query.options(selectinload(Author.docs)).all()
print([d.title for d in r[0].docs], r[0].docs[1].notes)
db.session.close()
r = Author.query.options(subqueryload(Author.docs)).all()
print([d.title for d in r[0].docs])
