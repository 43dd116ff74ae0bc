# join 之后 filter_by 作用在最后 join 的实体上；别名在 select、outerjoin、count、paginate 里
from sqlalchemy.orm import aliased
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    posts = db.relationship('Post', backref='author')
    def __repr__(self):
        return f'<User {self.name}>'
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
    def __repr__(self):
        return f'<Post {self.title}>'
db.create_all()
db.session.add_all([User(name='a', posts=[Post(title='x'), Post(title='y')]), User(name='b')])
db.session.commit()
p1 = aliased(Post)
print(db.session.execute(select(User, p1).join(p1, User.posts).order_by(p1.id)).all())
print(db.session.query(User).outerjoin(p1, User.id == p1.user_id).filter(p1.id == None).all())
print(db.session.query(p1).count())
print(db.session.query(p1).filter(p1.title == 'x').first())
pg = db.paginate(select(p1).order_by(p1.id), page=1, per_page=1)
print(pg.items, pg.total)
print(User.query.join(Post).filter_by(title='x').all())
print(User.query.join(p1, User.posts).filter_by(title='y').all())
print(db.session.query(User.name, db.func.count(p1.id)).outerjoin(p1, User.posts).group_by(User.id).all())
print(select(p1.title).where(p1.user_id == 1))
q = db.session.query(User).join(User.posts)
print(q.filter(Post.title == 'x').one())
u = aliased(User)
print(db.session.query(Post.title, u.name).join(u, Post.author).order_by(Post.id).all())
print(db.session.query(Post).join(Post.author.of_type(u)).filter(u.name == 'a').count())
