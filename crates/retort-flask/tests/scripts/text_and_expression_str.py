from sqlalchemy import text
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
print(User.id == 5)
print(User.name)
print(User.name.like('a%') & (User.id > 2))
db.create_all()
db.session.add(User(name='a'))
db.session.commit()
print(db.session.execute(text('SELECT id, name FROM user')).all())
try:
    User('x')
except TypeError as e:
    print(e)
