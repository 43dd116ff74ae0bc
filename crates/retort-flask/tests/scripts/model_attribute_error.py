class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))


db.create_all()
u = User(name='ann')
db.session.add(u)
db.session.commit()
print(u.name)
print(u.nmae)
