# 抽象基类上的 save/create/find 帮助方法、一对一 backref(uselist=False)、*_or_404(description=...)
from datetime import datetime


class BaseModel(db.Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime, default=datetime(2024, 1, 1))

    def save(self):
        db.session.add(self)
        db.session.commit()
        return self

    def delete(self):
        db.session.delete(self)
        db.session.commit()

    @classmethod
    def create(cls, **kwargs):
        return cls(**kwargs).save()

    @classmethod
    def find(cls, **kwargs):
        return cls.query.filter_by(**kwargs).first()


class User(BaseModel):
    __tablename__ = 'users'
    name = db.Column(db.String(20), unique=True)
    profile = db.relationship('Profile', backref=db.backref('user', uselist=False), uselist=False, cascade='all, delete-orphan')

    @property
    def display(self):
        return f'用户:{self.name}'

    def to_dict(self):
        return {'id': self.id, 'name': self.name, 'created_at': self.created_at.isoformat(), 'bio': self.profile.bio if self.profile else None}


class Profile(BaseModel):
    bio = db.Column(db.Text)
    user_id = db.Column(db.Integer, db.ForeignKey('users.id', ondelete='CASCADE'), unique=True)


db.create_all()
u = User.create(name='小明')
print(u.display, u.to_dict())
u.profile = Profile(bio='热爱编程')
u.save()
print(User.find(name='小明').to_dict())
print(Profile.query.first().user.name)
u2 = User.create(name='小红')
print([x.to_dict() for x in User.query.order_by(User.id.desc()).all()])
u.profile = None
u.save()
print(Profile.query.count())
u2.delete()
print(User.query.count(), User.find(name='小红'))
try:
    User.create(name='小明')
except IntegrityError as e:
    db.session.rollback()
    print('重名', e.orig.args[0] if e.orig.args else '')
print(User.__tablename__, Profile.__tablename__, BaseModel.__abstract__)
print(User.query.filter(User.name.like('%明%')).order_by(User.id.desc()).limit(3).offset(0).all())
print(User.query.filter_by(id=1).first_or_404(description='没有'))
try:
    User.query.filter_by(id=5).first_or_404(description='没有这个用户')
except Exception as e:
    print(type(e).__name__, e.code, e.description)
try:
    db.get_or_404(User, 42, description='用户 42 不存在')
except Exception as e:
    print(type(e).__name__, str(e), e.description)
try:
    User.query.get_or_404(43)
except Exception as e:
    print(e.description[:20], str(e)[:30])
try:
    db.first_or_404(select(User).where(User.id > 10), description='空')
except Exception as e:
    print(repr(e.description), e.code)
