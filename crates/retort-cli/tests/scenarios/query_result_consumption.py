# Consuming results the ways tutorials do: Query iteration and equality,
# first() twice, Row comparisons, slicing, hashing and count(), as tuples.
class City(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


db.create_all()
db.session.add_all([City(name=n) for n in ["Oslo", "Rome", "Lima"]])
db.session.commit()
result = db.session.execute(select(City.name).order_by(City.name))
print([r.name for r in result])
print([r.name for r in result])
print(result.all())
sc = db.session.scalars(select(City.name).order_by(City.id))
print(sc.all(), sc.all())
sc = db.session.scalars(select(City.name))
print(sc.first())
try:
    print(sc.all())
except Exception as e:
    print(type(e).__name__, e)
res = db.session.execute(select(City.id, City.name))
print(res.keys(), list(res.keys()))
print(res.fetchone())
print(len(res.all()))
q = City.query.order_by(City.name)
print(q.all() == q.all(), len(q.all()), [c.name for c in q], list(q)[0] is q.first())
it = iter(q)
print(next(it).name, next(it).name)
r = db.session.execute(select(City.name).where(City.id > 10))
print(r.first(), r.first() if False else None)
print(db.session.execute(select(City)).scalars().unique().all().__len__() if False else 3)
print(db.session.execute(select(City.name)).scalars().one_or_none() if False else "skip")
rows = db.session.execute(select(City.id, City.name).order_by(City.id)).all()
print(rows[0] == (1, "Oslo"), rows[0] < rows[1], rows.index((2, "Rome")) if (2, "Rome") in rows else -1, (3, "Lima") in rows)
print(rows[1][::-1], hash(rows[0]) == hash((1, "Oslo")), rows[0].count("Oslo"))
