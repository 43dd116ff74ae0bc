# Looking at the session's identity map: one object per identity key.
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))

    def __repr__(self):
        return "<User %s>" % self.name


db.create_all()
a, b = User(name="a"), User(name="b")
db.session.add_all([a, b])
print(len(db.session.identity_map))
db.session.commit()
print(len(db.session.identity_map), list(db.session.identity_map.values()))
print(db.session.identity_map.keys())
key = (User, (1,), None)
print(key in db.session.identity_map, db.session.identity_map[key] is a)
same = User.query.get(2)
print(same is b, [k[1] for k in db.session.identity_map])
db.session.expunge(a)
print(list(db.session.identity_map.values()))
db.session.expunge_all()
print(db.session.identity_map.keys(), len(db.session.identity_map))
