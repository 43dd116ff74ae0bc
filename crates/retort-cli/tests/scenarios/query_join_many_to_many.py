# 沿关系 join：一对多、多对多（经过关联表）、of_type 别名
from sqlalchemy.orm import aliased

post_tags = db.Table(
    'post_tags',
    db.Column('post_id', db.Integer, db.ForeignKey('post.id'), primary_key=True),
    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'), primary_key=True),
)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(20), unique=True)
    posts = db.relationship('Post', backref='author', lazy=True)

    def __repr__(self):
        return f'<User {self.username}>'


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80))
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
    tags = db.relationship('Tag', secondary=post_tags, backref=db.backref('posts', lazy='dynamic'))

    def __repr__(self):
        return f'<Post {self.title}>'


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))

    def __repr__(self):
        return f'<Tag {self.name}>'


db.create_all()
python, flask, sql = Tag(name='python'), Tag(name='flask'), Tag(name='sql')
db.session.add_all([python, flask, sql])
db.session.flush()
alice = User(username='alice', posts=[
    Post(title='Flask 入门', tags=[python, flask]),
    Post(title='SQL 基础', tags=[sql]),
])
bob = User(username='bob', posts=[Post(title='Python 技巧', tags=[python])])
db.session.add_all([alice, bob])
db.session.commit()

# 一对多 join：Query 对重复的 User 去重
print(User.query.join(User.posts).order_by(User.id).all())
print(db.session.query(User.username).join(User.posts).order_by(User.id).all())

# 多对多 join：经过 post_tags 关联表
q = Post.query.join(Post.tags).filter(Tag.name == 'python').order_by(Post.id)
print(q)
print(q.all())
print(db.session.scalars(select(Tag).join(Tag.posts).where(Post.title.like('%Flask%')).order_by(Tag.id)).all())

# 同时有两个标签的文章：同一张表 join 两次，需要两个别名
t1 = aliased(Tag)
t2 = aliased(Tag)
both = (db.session.query(Post)
        .join(Post.tags.of_type(t1))
        .join(Post.tags.of_type(t2))
        .filter(t1.name == 'python', t2.name == 'flask'))
print(both)
print(both.all())

# join(别名, 关系) 的写法
p = aliased(Post, name='p')
rows = (db.session.query(User.username, p.title)
        .join(p, User.posts)
        .filter(p.title.contains('Python'))
        .all())
print(rows)

# 从多的一方 join 到一的一方
print(Post.query.join(Post.author).filter(User.username == 'bob').all())
print(db.session.query(Tag.name, db.func.count(Post.id)).join(Tag.posts).group_by(Tag.name).order_by(Tag.name).all())

# outerjoin：没有文章的标签也出现
t = aliased(Tag, name='t')
print(db.session.query(t.name, Post.title).outerjoin(Post, t.posts).order_by(t.id, Post.id).all())
