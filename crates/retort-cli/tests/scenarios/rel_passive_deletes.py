# passive_deletes=True：删除父对象时不加载子对象
class Blog(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    posts = db.relationship('Post', backref='blog', cascade='all, delete-orphan', passive_deletes=True)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    blog_id = db.Column(db.Integer, db.ForeignKey('blog.id', ondelete='CASCADE'))


db.create_all()
blog = Blog(posts=[Post(), Post()])
db.session.add(blog)
db.session.commit()
db.session.delete(blog)
db.session.commit()
print(Blog.query.count(), Post.query.count())
