# Slicing a query every way a learner tries it: indexes, slices with steps,
# limit/offset chains, slice() on Query and on select(), and what a Query
# cannot do (reversed() needs a len(); a Query has none).
class N(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    v = db.Column(db.Integer)

    def __repr__(self):
        return str(self.v)


db.create_all()
db.session.add_all([N(v=i * i) for i in range(1, 11)])
db.session.commit()
q = N.query.order_by(N.id)
tests = {
    "q[3]": lambda: q[3], "q[2:4]": lambda: q[2:4], "q[:3]": lambda: q[:3], "q[8:]": lambda: q[8:],
    "q[::3]": lambda: q[::3], "q[1:7:2]": lambda: q[1:7:2], "q[-1]": lambda: q[-1], "q[-3:]": lambda: q[-3:],
    "q[5:2]": lambda: q[5:2], "q[20:]": lambda: q[20:], "q[20]": lambda: q[20], "q[:0]": lambda: q[:0],
    "limit(0)": lambda: q.limit(0).all(), "limit(None)": lambda: q.limit(None).all()[:2],
    "offset(None)": lambda: q.offset(None).limit(1).all(), "limit(2).limit(3)": lambda: q.limit(2).limit(3).all(),
    "offset(2).offset(1)": lambda: q.offset(2).offset(1).limit(1).all(), "slice+filter": lambda: q.slice(2, 5).filter(N.v > 0).all() if False else q.filter(N.v > 10).slice(1, 3).all(),
    "reversed": lambda: list(reversed(q)), "enumerate": lambda: list(enumerate(q.limit(2), 1)),
    "zip": lambda: list(zip(q.limit(2), q.offset(8))), "in": lambda: q.first() in q, "bool": lambda: bool(q),
    "sel offset": lambda: db.session.scalars(select(N.v).offset(8)).all(),
    "sel slice": lambda: db.session.scalars(select(N.v).order_by(N.id.desc()).slice(1, 3)).all(),
}
for name, fn in tests.items():
    try:
        print(f"{name:<20}", fn())
    except Exception as e:
        print(f"{name:<20}", type(e).__name__, e)
