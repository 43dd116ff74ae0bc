# NULL-safe comparisons: IS DISTINCT FROM in the default dialect's
# rendering, IS NOT / IS on SQLite.
from sqlalchemy import select


class Reading(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    value = db.Column(db.Integer)


db.create_all()
db.session.add_all([Reading(value=1), Reading(value=None), Reading(value=3)])
db.session.commit()
print(Reading.value.is_distinct_from(1))
print(Reading.value.is_not_distinct_from(None))
print(~Reading.value.is_distinct_from(3))
print([r.id for r in Reading.query.filter(Reading.value.is_distinct_from(1)).order_by(Reading.id)])
print([r.id for r in Reading.query.filter(Reading.value.is_not_distinct_from(None))])
print(db.session.scalars(select(Reading.id).where(Reading.value.isnot_distinct_from(3))).all())
print(db.session.scalars(select(Reading.id).where(~Reading.value.is_distinct_from(3))).all())
