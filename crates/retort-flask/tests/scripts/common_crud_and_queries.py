from datetime import datetime

class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    views = db.Column(db.Integer, default=0)
    published = db.Column(db.Boolean, default=False)
    created = db.Column(db.DateTime, default=datetime(2024, 1, 2, 3, 4, 5))

    def __repr__(self):
        return f'<Post {self.id} {self.title}>'

db.create_all()
for i in range(5):
    db.session.add(Post(title=f'post {i}', views=i * 10, published=i % 2 == 0))
db.session.commit()
print(Post.query.filter(Post.published).all())
print(Post.query.filter(~Post.published).order_by(Post.views.desc()).all())
print(Post.query.filter(Post.views.in_([10, 20])).all(), Post.query.filter(Post.title.contains('3')).first())
print(Post.query.filter(Post.views >= 20, Post.views < 40).count())
print(db.session.query(func.max(Post.views), func.sum(Post.views)).one())
n = Post.query.filter(Post.views > 25).update({'published': True})
print(n)
db.session.commit()
print([p.published for p in Post.query.order_by(Post.id)])
Post.query.filter_by(title='post 0').delete()
db.session.commit()
print(Post.query.count(), Post.query.get(1), db.session.get(Post, 2))
p = Post.query.first()
print(p.created, p.created.year, type(p.views).__name__)
p.views += 1
print(db.session.dirty)
db.session.flush()
print(db.session.dirty)
for post in Post.query.limit(2).offset(1):
    print(post.title)
print(Post.query[1:3], Post.query[0])
print(Post.query.order_by('views').first())
r = db.session.execute(db.select(Post).filter_by(published=True).order_by(Post.id)).scalars()
print(list(r))
print(db.session.execute(db.select(Post.title).limit(2)).fetchall())
print(db.session.scalar(db.select(func.count()).select_from(Post)))
db.session.rollback()
print(p.views)
print(Post.query.paginate(page=1, per_page=2).items)
print(db.first_or_404(db.select(Post).where(Post.id == 2)))
