# selectinload() and lazy="selectin" on a many-to-many: one SELECT for all
# the parents' collections, joined through the association table.
from sqlalchemy import select
from sqlalchemy.orm import selectinload

tags = db.Table(
    "post_tags",
    db.Column("post_id", db.Integer, db.ForeignKey("post.id"), primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tag.id"), primary_key=True),
)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    tags = db.relationship("Tag", secondary=tags, backref=db.backref("posts", lazy="selectin"))


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


db.create_all()
py, sql, web = Tag(name="python"), Tag(name="sql"), Tag(name="web")
db.session.add_all([Post(title="orm", tags=[py, sql]), Post(title="flask", tags=[py, web]), Post(title="empty")])
db.session.commit()

posts = Post.query.options(selectinload(Post.tags)).order_by(Post.id).all()
print([(p.title, sorted(t.name for t in p.tags)) for p in posts])
db.session.expire_all()
for tag in db.session.scalars(select(Tag).order_by(Tag.name)):
    print(tag.name, sorted(p.title for p in tag.posts))
