class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))


db.create_all()
db.session.add(User(name=['ann', 'bob']))
db.session.commit()
print('saved')
