# selectinload on many-to-one relationships: the targets by the parents'
# foreign keys, sorted, one SELECT ... IN for all of them; a parent without
# one gets None; lazy='selectin' declared on the relationship does the same.
from sqlalchemy.orm import selectinload


class Genre(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


class Studio(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


class Film(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    genre_id = db.Column(db.Integer, db.ForeignKey('genre.id'))
    studio_id = db.Column(db.Integer, db.ForeignKey('studio.id'))
    genre = db.relationship('Genre')
    studio = db.relationship('Studio')


db.create_all()
drama, comedy, horror = Genre(name='drama'), Genre(name='comedy'), Genre(name='horror')
a24 = Studio(name='A24')
db.session.add_all([horror, comedy, drama, a24])
db.session.flush()
db.session.add_all([
    Film(title='Up', genre=comedy, studio=a24), Film(title='Heat', genre=drama),
    Film(title='It', genre=horror, studio=a24), Film(title='Ran', genre=drama),
    Film(title='Nope'),
])
db.session.commit()
db.session.expunge_all()
films = Film.query.options(selectinload(Film.genre)).order_by(Film.title).all()
print([(f.title, f.genre.name if f.genre else None) for f in films])
print([f.studio.name if f.studio else None for f in films])
db.session.expunge_all()
print(Film.query.options(selectinload(Film.genre)).filter(Film.genre_id == None).one().genre)
print([f.genre.name for f in db.session.scalars(db.select(Film).options(selectinload(Film.genre)).where(Film.genre_id != None).order_by(Film.id))])
