# 列延迟加载选项：load_only / defer / undefer（查询级别）
from sqlalchemy.orm import load_only, defer, undefer


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    email = db.Column(db.String(120))
    bio = db.Column(db.Text)


db.create_all()
db.session.add_all([
    User(name="ann", email="ann@example.com", bio="A"),
    User(name="bob", email="bob@example.com", bio="B"),
])
db.session.commit()

# 只加载 name（主键总会被加载）
print(User.query.options(load_only(User.name)))
users = User.query.options(load_only(User.name)).all()
print([u.name for u in users])
print(sorted(inspect(users[0]).unloaded))
# 访问被延迟的列：按主键单独 SELECT 这一列
print(users[0].email)
print(sorted(inspect(users[0]).unloaded))
print(db.session.dirty)

# 已在身份映射中的对象：未加载的列由新查询补上
again = db.session.query(User).options(defer(User.email)).order_by(User.id.desc()).all()
print(again[1] is users[0], again[1].bio)
print(again[0].email)

# 提交后对象过期：部分加载后，访问过期列会一起加载所有过期列
db.session.commit()
rows = db.session.execute(select(User).options(load_only(User.id, User.name))).scalars().all()
print([x.name for x in rows])
print(rows[0].bio)
one = db.session.scalars(select(User).options(defer(User.email), defer(User.bio)).where(User.id == 2)).first()
print(one.name, one.email, one.bio)
print(select(User).options(defer(User.email)))
db.session.close()

# 修改未加载的延迟列：直接 UPDATE，不先加载
u = db.session.query(User).options(defer(User.name)).first()
u.name = "changed"
print(db.session.dirty)
db.session.commit()
print(u.name)
db.session.close()

# load_only 与 undefer 组合；count() 与 subquery() 不受延迟影响
print(User.query.options(load_only(User.name), undefer(User.bio)))
print(User.query.options(load_only(User.name)).count())
sq = select(User).options(load_only(User.name)).subquery()
print(select(sq))
print(db.paginate(select(User).options(load_only(User.email)), page=1, per_page=1).total)

try:
    User.query.options(load_only("name")).all()
except Exception as e:
    print(type(e).__name__, e)
