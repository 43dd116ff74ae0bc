class Cfg(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    data = db.Column(db.PickleType)
    blob = db.Column(db.LargeBinary)


db.create_all()
c = Cfg(data={'a': [1, 2], 'b': 'x'}, blob=b'\x00\x01')
db.session.add(c)
db.session.commit()
print(Cfg.query.first().data, Cfg.query.first().blob)
c.data = [1, 2, 3]
db.session.commit()
print(Cfg.query.get(1).data)
x = Cfg.query.get(1)
x.data.append(4)
print(x.data, x in db.session.dirty)
db.session.commit()
print(Cfg.query.get(1).data)
x.data = x.data + [5]
db.session.commit()
db.session.expire_all()
print(Cfg.query.get(1).data)
y = Cfg(data=('t', 1.5, None, {'s'}))
db.session.add(y)
db.session.commit()
print(y.data, Cfg.query.filter(Cfg.data.isnot(None)).count())
print(db.session.query(Cfg.id, Cfg.blob).order_by(Cfg.id).all())
