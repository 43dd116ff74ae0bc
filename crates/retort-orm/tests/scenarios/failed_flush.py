# A failed flush: ROLLBACK at once, PendingRollbackError until rollback(),
# and changes made meanwhile discarded with an SAWarning.
class M(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(20), unique=True)

db.create_all()
a = M(email='a')
db.session.add(a)
db.session.commit()
dup = M(email='a')
db.session.add(dup)
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__)
print(dup in db.session)
try:
    print(a.email)
except Exception as e:
    print(type(e).__name__, str(e)[:400])
try:
    db.session.add(M(email='b'))
    print(len(db.session.new))
except Exception as e:
    print(type(e).__name__)
db.session.rollback()
print(dup in db.session, len(db.session.new), a.email)
