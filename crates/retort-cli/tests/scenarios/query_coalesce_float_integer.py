# func.coalesce(浮点列, 0)：没有值时得到的是整数 0
class Movie(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    rating = db.Column(db.Float)


db.create_all()
db.session.add(Movie(rating=None))
db.session.commit()
print(db.session.query(func.coalesce(Movie.rating, 0)).scalar())
print(db.session.query(func.ifnull(Movie.rating, 0)).scalar())
print(db.session.query(func.coalesce(func.sum(Movie.rating), 0)).scalar())
db.session.add(Movie(rating=4))
db.session.commit()
print(db.session.query(func.sum(Movie.rating)).scalar(), Movie.query.filter(Movie.rating != None).first().rating)
print(db.session.query(func.avg(Movie.rating), func.max(Movie.rating), func.count(Movie.rating)).one())
