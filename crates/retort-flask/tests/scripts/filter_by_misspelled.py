class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))


db.create_all()
db.session.add(User(name='ann'))
db.session.commit()
print(User.query.filter_by(name='ann').count())
print(User.query.filter_by(nmae='ann').first())
