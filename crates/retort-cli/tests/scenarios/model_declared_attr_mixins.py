# Mixin 与 declared_attr：表名、外键列、关系都由 mixin 按类生成；
# 也用到 `from sqlalchemy.sql import func` 与 server_default=func.now()
from datetime import datetime
from sqlalchemy.orm import declared_attr
from sqlalchemy.ext.declarative import declared_attr as old_declared_attr
from sqlalchemy.sql import func


class TablenameMixin:
    @declared_attr
    def __tablename__(cls):
        return cls.__name__.lower() + 's'


class IdMixin:
    id = db.Column(db.Integer, primary_key=True)


class TimestampMixin:
    created_at = db.Column(db.DateTime, default=datetime(2024, 1, 1, 9, 0))
    updated_at = db.Column(db.DateTime, server_default=func.now())


class OwnedMixin:
    @declared_attr
    def owner_id(cls):
        return db.Column(db.Integer, db.ForeignKey('users.id'), nullable=False)

    @declared_attr
    def owner(cls):
        return db.relationship('User', backref=db.backref(cls.__name__.lower() + '_list', lazy='dynamic'))


class User(TablenameMixin, IdMixin, db.Model):
    name = db.Column(db.String(50), unique=True)

    def __repr__(self):
        return f'<User {self.name}>'


class Note(TablenameMixin, IdMixin, OwnedMixin, TimestampMixin, db.Model):
    text = db.Column(db.String(100))

    @old_declared_attr
    def __table_args__(cls):
        return (db.UniqueConstraint('owner_id', 'text', name=f'uq_{cls.__tablename__}_text'),)

    def __repr__(self):
        return f'<Note {self.text!r} by {self.owner.name}>'


class Task(IdMixin, OwnedMixin, TimestampMixin, db.Model):
    title = db.Column(db.String(100))

    @declared_attr.directive
    def __tablename__(cls):
        return 'todo_' + cls.__name__.lower()


db.create_all()
print(sorted(db.metadata.tables))
print([c.name for c in Note.__table__.columns])
print([c.name for c in Task.__table__.columns])
print(Note.__tablename__, Task.__tablename__, User.__tablename__)
ann = User(name='ann')
db.session.add_all([Note(text='hi', owner=ann), Note(text='bye', owner=ann), Task(title='do', owner=ann)])
db.session.commit()
print(Note.query.order_by(Note.id).all())
print(ann.note_list.count(), [t.title for t in ann.task_list])
n = Note.query.first()
print(n.created_at, n.updated_at is not None, n.owner_id)
try:
    db.session.add(Note(text='hi', owner=ann))
    db.session.commit()
except IntegrityError as e:
    db.session.rollback()
    print('IntegrityError:', e.orig)
print(db.session.query(User.name, func.count(Note.id)).join(Note, Note.owner_id == User.id).group_by(User.name).all())
