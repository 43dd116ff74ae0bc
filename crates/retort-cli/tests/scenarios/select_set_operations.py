# 2.0 风格的集合运算：select().union()、union_all()/except_()/intersect() 函数
from sqlalchemy import union, union_all, except_, intersect
from decimal import Decimal


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    city = db.Column(db.String(30))
    score = db.Column(db.Numeric(5, 1))


db.create_all()
db.session.add_all([User(name='小明', city='北京', score=Decimal('90.5')), User(name='小红', city='上海', score=80),
                    User(name='小刚', city='北京', score=70)])
db.session.commit()
s1 = select(User.name, User.score).where(User.city == '北京')
s2 = select(User.name, User.score).where(User.id == 2)
print(db.session.execute(s1.union(s2)).all())
print(db.session.execute(union_all(s1, s2, s1)).all())
u = union(s1, s2)
print(u)
print(db.session.execute(u.order_by(User.name)).all())
print(db.session.execute(s1.union(s2).order_by('name').limit(2)).all())
r = db.session.execute(except_(select(User.name), select(User.name).where(User.city == '上海')))
print(r.keys(), r.all())
print(db.session.execute(intersect(select(User.city), select(User.city).where(User.id > 1))).scalars().all())
db.session.add(User(name='新人', city='北京'))
print(db.session.execute(s1.union_all(s2)).all())
print(db.session.scalars(select(User.name).union(select(User.city))).all())
# in_() 接受 legacy Query（作为子查询）
print(User.query.filter(~User.id.in_(db.session.query(User.id).filter(User.city == '北京'))).all())
# union 作为子查询
sq = union(s1, s2).subquery()
print(db.session.execute(select(sq.c.name).order_by(sq.c.name)).all())
print(db.session.execute(select(func.count()).select_from(union_all(s1, s2).subquery())).scalar())
