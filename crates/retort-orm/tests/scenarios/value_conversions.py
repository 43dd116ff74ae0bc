# Value conversions the corpus lacks: Interval, Numeric without scale,
# rounding to a scale, int into Float, microseconds.
from datetime import timedelta, datetime, time
from decimal import Decimal
class V(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    iv = db.Column(db.Interval)
    n0 = db.Column(db.Numeric)
    n2 = db.Column(db.Numeric(10, 2))
    f = db.Column(db.Float)
    dt = db.Column(db.DateTime)
    t = db.Column(db.Time)
    b = db.Column(db.Boolean)

db.create_all()
db.session.add(V(iv=timedelta(days=1, seconds=3661, microseconds=5), n0=Decimal('3.5'), n2=3.456, f=4, dt=datetime(2024,2,29,23,59,58,123), t=time(1,2,3,45), b=True))
db.session.add(V(iv=timedelta(days=-1, seconds=5), n0=7, n2=Decimal('2'), f=1.5))
db.session.commit()
for v in V.query.all():
    print(repr(v.iv), repr(v.n0), repr(v.n2), repr(v.f), repr(v.dt), repr(v.t), repr(v.b))
