# onupdate= in flushes (executemany post-fetch from the first row) and in
# a bulk Query.update(); an explicitly set column skips onupdate.
n = {'v': 0}
def tick():
    n['v'] += 1
    return n['v']

class Doc(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    rev = db.Column(db.Integer, default=0, onupdate=tick)
    title = db.Column(db.String(20))

db.create_all()
d = Doc(title='a')
e = Doc(title='b')
db.session.add_all([d, e])
db.session.commit()
d.title = 'x'
e.title = 'y'
db.session.flush()
print(d.rev, e.rev)
Doc.query.filter(Doc.id == 1).update({'title': 'z'})
print(d.rev, d.title)
d.rev = 50
db.session.commit()
print(d.rev)
