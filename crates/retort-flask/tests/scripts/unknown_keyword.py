class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))


db.create_all()
try:
    User(nmae='ann')
except TypeError as e:
    print('TypeError:', e)
u = User(name='ann', email='a@example.com')
