class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(10), unique=True, nullable=False)
    hits = db.Column(db.Integer, default=lambda: 7)

db.create_all()
db.session.add_all([Tag(label='a'), Tag(label='b')])
db.session.commit()
t = Tag.query.filter_by(label='a').one()
print(t.hits)
db.session.add(Tag(label='a'))
try:
    db.session.flush()
except IntegrityError as e:
    print('dup', e.orig)
try:
    Tag.query.count()
except Exception as e:
    print(type(e).__name__)
db.session.rollback()
print(Tag.query.order_by(Tag.label.desc()).first().label)
t.label = None
db.session.commit()
