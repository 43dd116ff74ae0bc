from datetime import datetime

class TimestampMixin:
    created_at = db.Column(db.DateTime, default=datetime(2024, 1, 1))
    updated_at = db.Column(db.DateTime, default=datetime(2024, 1, 1), onupdate=datetime(2024, 2, 2))

class IdMixin(object):
    id = db.Column(db.Integer, primary_key=True)

class User(IdMixin, TimestampMixin, db.Model):
    __tablename__ = 'users'
    name = db.Column(db.String(50), nullable=False)

    def __repr__(self):
        return f'<User {self.name}>'

class Post(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100))

db.create_all()
u = User(name='alice')
db.session.add(u)
db.session.add(Post(title='hello'))
db.session.commit()
print(u.id, u.created_at, u.updated_at)
u.name = 'bob'
db.session.commit()
print(u, u.updated_at)
print(User.__table__.columns.keys())
print(Post.__table__.columns.keys())
