# An error inside a query chain written over several lines is reported on
# the line of the call that raised, as Python 3.11 reports it.
from sqlalchemy import select


class Account(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner = db.Column(db.String(20))


db.create_all()
db.session.add_all([Account(owner="a"), Account(owner="a")])
db.session.commit()

try:
    (
        Account.query
        .filter(Account.owner == "a")
        .one()
    )
except Exception as error:
    print(type(error).__name__, error)

found = (
    db.session.execute(
        select(Account).where(Account.owner == "a")
    )
    .scalars()
    .first()
)
print(found.owner)
missing = (
    Account.query
    .filter_by(owner="zzz")
    .one()
)
