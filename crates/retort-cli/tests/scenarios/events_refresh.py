# refresh 事件：Session.refresh、过期属性的加载（frozenset），查询对已有对象的部分加载（set，含未加载的关系）
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    posts = db.relationship('Post', backref='author')

class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))

@db.event.listens_for(User, 'refresh')
def on_refresh(target, context, attrs):
    print('refresh', target.name, type(attrs).__name__, attrs if attrs is None else sorted(attrs))

@db.event.listens_for(User, 'load')
def on_load(target, context):
    print('load', target.name)

db.create_all()
u = User(name='ann', posts=[Post(title='p')])
db.session.add(u)
db.session.commit()
print(User.query.all())
print(u.posts)
db.session.commit()
print(u.name)
db.session.expire(u)
print(User.query.first())
db.session.refresh(u, ['name'])
db.session.expire(u, ['name'])
print(User.query.filter_by(id=1).one().name)
print('again')
print('again')
u2 = User.query.first()
print(u.posts)
u3 = User.query.first()
db.session.expire(u, ['name'])
u4 = User.query.first()
