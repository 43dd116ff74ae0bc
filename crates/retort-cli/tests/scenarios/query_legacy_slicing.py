# Query 的切片：步长在取回后应用；负数下标 SQLAlchemy 不接受
class N(db.Model):
    id = db.Column(db.Integer, primary_key=True)


db.create_all()
db.session.add_all([N() for i in range(7)])
db.session.commit()
q = N.query.order_by(N.id)
print([n.id for n in q[1:6:2]], [n.id for n in q[::3]])
print(q[3:3], q[5:2], [n.id for n in q[5:]], q[0].id, q[6].id)
for attempt in [lambda: q[-1], lambda: q[-3:], lambda: q[:-1], lambda: q[10]]:
    try:
        attempt()
    except IndexError as e:
        print('IndexError:', e)
