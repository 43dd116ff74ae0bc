# Rows with no values: DEFAULT VALUES alone, (id) VALUES (NULL) in a batch.
class Counter(db.Model):
    id = db.Column(db.Integer, primary_key=True)

class Stamp(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    n = db.Column(db.Integer, default=1)

db.create_all()
db.session.add(Counter())
db.session.commit()
db.session.add_all([Counter(), Counter()])
db.session.add_all([Stamp(), Stamp()])
db.session.commit()
