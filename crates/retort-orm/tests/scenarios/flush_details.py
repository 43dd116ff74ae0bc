# Flush details the corpus lacks: server defaults with RETURNING, explicit
# primary keys, callable defaults, partial expiry, refresh, merge, bulk
# update/delete with synchronize_session='auto', batched UPDATE and DELETE.
counter = {'n': 0}


def next_code():
    counter['n'] += 1
    return 'c%d' % counter['n']


class Thing(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    size = db.Column(db.Integer)
    tag = db.Column(db.String(20), server_default='x')


class Plain(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(10), default=next_code)
    note = db.Column(db.String(20))


db.create_all()
t = Thing(name='a', size=1)
db.session.add(t)
db.session.commit()
t.name = 'b'
db.session.commit()
print(t.size)
db.session.expire(t, ['name'])
print(t.name)
u = Thing(name='c', size=2)
v = Thing(name='d', size=3, tag='y')
w = Thing(id=10, name='e')
z = Thing(id=11, name='f')
db.session.add_all([u, v, w, z])
db.session.flush()
print(u.tag, v.id, w.tag)
t.size = 5
u.size = 6
db.session.delete(v)
db.session.commit()
db.session.refresh(t)
print(db.session.merge(Thing(id=10, name='m')).name)
db.session.commit()
db.session.add_all([Plain(id=1, note='p'), Plain(id=2, note='q'), Plain(note='r')])
db.session.commit()
print([(p.id, p.code) for p in Plain.query.order_by(Plain.id)])
things = Thing.query.order_by(Thing.id).all()
n = Thing.query.filter(Thing.size > 1).update({'name': 'big'})
print(n, [x.name for x in things])
n = Thing.query.filter(Thing.id == 11).delete()
print(n, z in db.session)
db.session.delete(w)
db.session.delete(t)
db.session.commit()
print(Thing.query.count())
