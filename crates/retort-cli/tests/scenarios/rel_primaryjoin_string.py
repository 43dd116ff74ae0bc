from sqlalchemy.orm import joinedload

tags = db.Table('tags',
    db.Column('post_id', db.Integer, db.ForeignKey('post.id'), primary_key=True),
    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'), primary_key=True),
)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    work_addresses = db.relationship(
        'Address',
        primaryjoin="and_(User.id == Address.user_id, Address.email.like('%@work.com'))",
        viewonly=True)
    addresses = db.relationship('Address', backref='user',
                                primaryjoin=lambda: User.id == Address.user_id)

    def __repr__(self):
        return f'<User {self.name}>'

class Address(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(80))
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))

    def __repr__(self):
        return f'<Address {self.email}>'

class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    tags = db.relationship('Tag', secondary=tags,
                           primaryjoin="Post.id == tags.c.post_id",
                           secondaryjoin="tags.c.tag_id == Tag.id",
                           backref=db.backref('posts', lazy='dynamic'))

class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))

db.create_all()
u = User(name='ann')
u.addresses.append(Address(email='ann@work.com'))
u.addresses.append(Address(email='ann@home.org'))
db.session.add(u)
db.session.commit()
p = Post(title='hello', tags=[Tag(name='py'), Tag(name='sql')])
db.session.add(p)
db.session.commit()

print(u.work_addresses)
print(u.addresses)
a = db.session.get(Address, 1)
print(a.user)
db.session.expunge_all()
users = User.query.options(joinedload(User.work_addresses)).all()
print(users, users[0].work_addresses)
print(User.query.join(User.work_addresses).filter(Address.id > 0).count())
print(User.query.join(User.addresses).filter(Address.email.like('%@home.org')).all())
print(db.session.execute(db.select(User.name, Address.email).join(User.work_addresses)).all())
post = db.session.get(Post, 1)
print(post.tags)
t = post.tags[0]
print(t.posts.all())
post.tags.remove(t)
db.session.commit()
print(post.tags, t.posts.count())
