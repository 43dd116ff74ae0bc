# 笛卡尔积警告。SQLAlchemy 从一个 set 中挑选消息里的起点 FROM，每次运行可能不同；
# this recording starts from "a" (the first FROM), as Retort always does.
class A(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    x = db.Column(db.Integer)

class B(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    y = db.Column(db.Integer)

db.create_all()
db.session.add_all([A(x=1), A(x=2), B(y=3)])
db.session.commit()
print(db.session.execute(db.select(A.x, B.y).where(A.x > 0)).all())
print(db.session.query(A, B).count())
print(db.session.query(A.x, B.y).filter(A.x == 1).all())
for i in range(3):
    db.session.query(A.x, B.y).filter(A.x == i).all()
print(db.session.query(A.x, B.y).filter(A.id == B.id).all())
print(db.session.query(A).join(B, A.id == B.id).all())
sub = db.select(B.id).where(B.y > 0).scalar_subquery()
print(db.session.query(A.x).filter(A.id.in_(db.select(B.id))).all(), db.session.query(A.x).filter(A.id == sub).all())
