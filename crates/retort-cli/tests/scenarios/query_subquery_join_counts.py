from sqlalchemy import func, desc


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    posts = db.relationship('Post', backref='user', lazy=True)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))


db.create_all()
a, b, c = User(name='a'), User(name='b'), User(name='c')
db.session.add_all([a, b, c])
db.session.add_all([Post(title='p1', user=a), Post(title='p2', user=a), Post(title='p3', user=b)])
db.session.commit()
subq = db.session.query(Post.user_id, func.count(Post.id).label('n')).group_by(Post.user_id).subquery()
rows = db.session.query(User.name, subq.c.n).outerjoin(subq, User.id == subq.c.user_id).order_by(User.id).all()
print(rows)
print(db.session.query(User.name, func.count(Post.id)).outerjoin(Post).group_by(User.id).order_by(desc(func.count(Post.id))).all())
top = User.query.join(Post).group_by(User.id).order_by(func.count(Post.id).desc()).first()
print(top.name)
print(User.query.filter(User.posts.any()).count(), User.query.filter(~User.posts.any()).all()[0].name)
s = db.select(Post.user_id, func.count().label('cnt')).group_by(Post.user_id).subquery()
print(db.session.execute(db.select(User.name, s.c.cnt).join(s, User.id == s.c.user_id)).all())
print(db.session.query(func.count(db.distinct(Post.user_id))).scalar())
sq = db.select(Post.user_id, func.count(Post.id).label('n')).group_by(Post.user_id).subquery('counts')
print(db.session.execute(db.select(func.max(sq.c.n)).select_from(sq)).scalar())
print(db.select(User.name, sq.c.n).join(sq, User.id == sq.c.user_id))
q = db.session.query(Post.user_id).filter(Post.title != 'p2').subquery()
print(User.query.filter(User.id.in_(db.select(q.c.user_id))).count())
print([c.key for c in subq.c])
