from sqlalchemy.orm import joinedload
followers = db.Table('followers',
    db.Column('follower_id', db.Integer, db.ForeignKey('user.id')),
    db.Column('followed_id', db.Integer, db.ForeignKey('user.id'))
)
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    followed = db.relationship('User', secondary=followers,
        primaryjoin=lambda: followers.c.follower_id == User.id,
        secondaryjoin="followers.c.followed_id == User.id",
        backref='followers')
    good = db.relationship('Address', primaryjoin="and_(User.id == Address.user_id, Address.ok == True)", viewonly=True)
class Address(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    ok = db.Column(db.Boolean, default=True)
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
    owner = db.relationship('User', primaryjoin=User.id == user_id)
db.create_all()
a, b, c = User(name='a'), User(name='b'), User(name='c')
a.followed.append(b); a.followed.append(c); c.followed.append(a)
db.session.add_all([a, b, c])
db.session.commit()
db.session.add_all([Address(user_id=1), Address(user_id=1, ok=False)])
db.session.commit()
print(a.followed, a.followers, b.followers)
print(User.query.filter(User.followers.any(User.name == 'c')).all())
print(User.query.options(joinedload(User.good)).first().good)
print(db.session.get(Address, 2).owner)
a.followed.remove(b)
db.session.commit()
print(a.followed, b.followers)
