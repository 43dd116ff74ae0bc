# A Row reads columns as attributes; any other name is an AttributeError
# whose message is the name, as SQLAlchemy's Row raises it.
from sqlalchemy import select


class Pet(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(10))


db.create_all()
db.session.add(Pet(name="rex"))
db.session.commit()
row = db.session.execute(select(Pet.id, Pet.name)).first()
legacy = db.session.query(Pet.id, Pet.name).first()
for r in (row, legacy):
    print(r.name, r._fields, r._asdict(), hasattr(r, "keys"), type(r).__name__)
    for name in ("keys", "items", "nmae"):
        try:
            getattr(r, name)
        except AttributeError as error:
            print(name, "->", repr(error), error.args)
