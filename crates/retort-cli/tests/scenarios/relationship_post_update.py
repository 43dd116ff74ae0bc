# 用户的「最喜欢的文章」与文章的作者互相引用：post_update=True 先插入两行，再用 UPDATE 设置外键
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    favorite_post_id = db.Column(db.Integer, db.ForeignKey('post.id', use_alter=True, name='fk_fav'))
    posts = db.relationship('Post', backref='author', foreign_keys='Post.user_id')
    favorite_post = db.relationship('Post', foreign_keys=[favorite_post_id], post_update=True)

class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))

db.create_all()
u = User(name='ann')
p = Post(title='hello', author=u)
u.favorite_post = p
db.session.add(u)
db.session.commit()
print(u.favorite_post_id, p.user_id)
u.favorite_post = None
db.session.commit()
print(u.favorite_post_id)
db.session.delete(p)
db.session.commit()
print(User.query.count(), Post.query.count())
