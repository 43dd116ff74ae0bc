# A many-to-many relationship with collection_class=set, as tag and group
# tutorials declare it: add/discard/remove/update, `in`, set operators and
# isinstance(..., set). (CPython orders a set of objects by address, so the
# script adds one object per flush to keep the SQL order the same.)
members = db.Table(
    'members',
    db.Column('user_id', db.Integer, db.ForeignKey('user.id')),
    db.Column('group_id', db.Integer, db.ForeignKey('group.id')),
)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(50))
    groups = db.relationship('Group', secondary=members, backref='users', collection_class=set)

    def __repr__(self):
        return self.email


class Group(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))

    def __repr__(self):
        return f'#{self.name}'


db.create_all()
admins, staff = Group(name='admins'), Group(name='staff')
u = User(email='joe@x.io')
db.session.add_all([u, admins, staff])
db.session.commit()
print(u.groups, type(u.groups).__name__, isinstance(u.groups, set), len(u.groups))
u.groups.add(staff)
u.groups.add(staff)
db.session.commit()
print(u.groups, staff in u.groups, admins in u.groups, staff.users)
u.groups.update([admins])
db.session.commit()
print(sorted(g.name for g in u.groups), len(u.groups))
u.groups.discard(staff)
u.groups.discard(staff)
db.session.commit()
print(u.groups, staff.users, db.session.query(members).count())
try:
    u.groups.remove(staff)
except KeyError:
    print('KeyError')
u.groups |= {staff}
db.session.commit()
print(sorted(g.name for g in u.groups), sorted(g.name for g in u.groups - {admins}))
print(User.query.filter(User.groups.any(name='staff')).all())
u.groups.clear()
db.session.commit()
print(u.groups, db.session.query(members).count())

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship


class Basket(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    fruits: Mapped[set['Fruit']] = relationship(back_populates='basket')


class Fruit(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(20))
    basket_id: Mapped[int] = mapped_column(ForeignKey('basket.id'), nullable=True)
    basket: Mapped['Basket'] = relationship(back_populates='fruits')


db.create_all()
b = Basket()
apple = Fruit(name='apple')
b.fruits.add(apple)
db.session.add(b)
db.session.commit()
print(type(b.fruits).__name__, b.fruits, apple.basket is b)
