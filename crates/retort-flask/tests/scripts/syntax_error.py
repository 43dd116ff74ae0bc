class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)

db.create_all(
print('never')
