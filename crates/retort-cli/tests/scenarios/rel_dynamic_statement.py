# A dynamic relationship's query as a statement (user.posts.statement),
# printed and run with db.session.execute, as Flask mega-tutorial style
# code does to paginate a user's posts.


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    posts = db.relationship('Post', backref='author', lazy='dynamic')


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.String(40))
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))


db.create_all()
u = User(name='ann')
db.session.add(u)
db.session.add_all([Post(body='first', author=u), Post(body='second', author=u)])
db.session.commit()
stmt = u.posts.order_by(Post.id.desc()).statement
print(stmt)
print(stmt.compile(compile_kwargs={'literal_binds': True}))
print([p.body for p in db.session.scalars(stmt)])
page = db.paginate(stmt, page=1, per_page=1)
print([p.body for p in page.items], page.total)
