# delete-orphan given to a backref that ends up many-to-one, and to a
# many-to-many, without single_parent=True.
tags = db.Table(
    "post_tags",
    db.Column("post_id", db.ForeignKey("post.id"), primary_key=True),
    db.Column("tag_id", db.ForeignKey("tag.id"), primary_key=True),
)


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    tags = db.relationship("Tag", secondary=tags, cascade="all, delete-orphan")


try:
    Post(tags=[Tag()])
    print("configured")
except Exception as error:
    print(type(error).__name__, error)
