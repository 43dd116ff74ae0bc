# association_proxy：多对多标签名代理、creator=、类级别 ==/contains 查询
from sqlalchemy.ext.associationproxy import association_proxy

tags = db.Table('post_tags',
    db.Column('post_id', db.Integer, db.ForeignKey('post.id'), primary_key=True),
    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'), primary_key=True))


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20), unique=True)

    def __init__(self, name):
        self.name = name


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    tag_objs = db.relationship('Tag', secondary=tags, backref='posts')
    tag_names = association_proxy('tag_objs', 'name')


db.create_all()
p = Post(title='入门')
p.tag_names.append('python')
p.tag_names.append('flask')
db.session.add(p)
db.session.commit()
print(list(p.tag_names), len(p.tag_names), 'flask' in p.tag_names)
print(Post.query.filter(Post.tag_names.contains('python')).count())
print([t.name for t in Tag.query.order_by(Tag.name)])
print(Post.query.filter(Post.tag_names == 'flask').count())
p.tag_names.remove('python')
db.session.commit()
print(p.tag_names, len(Tag.query.all()))
p.tag_names = ['a', 'b']
db.session.commit()
print(p.tag_names, p.tag_names == ['a', 'b'], p.tag_names[0], bool(p.tag_names))


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    kw = db.relationship('UserKeyword', back_populates='user', cascade='all, delete-orphan')
    keywords = association_proxy('kw', 'keyword', creator=lambda k: UserKeyword(keyword=Keyword(word=k)))


class UserKeyword(db.Model):
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'), primary_key=True)
    keyword_id = db.Column(db.Integer, db.ForeignKey('keyword.id'), primary_key=True)
    special = db.Column(db.String(10))
    user = db.relationship('User', back_populates='kw')
    keyword = db.relationship('Keyword')
    word = association_proxy('keyword', 'word')


class Keyword(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    word = db.Column(db.String(20))

    def __repr__(self):
        return f'Keyword({self.word!r})'


db.create_all()
u = User(name='log')
u.keywords.append('cheese')
u.keywords.append('inspector')
db.session.add(u)
db.session.commit()
print(u.keywords, [uk.word for uk in u.kw])
print(UserKeyword.query.filter(UserKeyword.word == 'cheese').count())
print(User.query.filter(User.kw.any(UserKeyword.word.like('ins%'))).count())
