from sqlalchemy import exists, select


class U(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(40))


db.create_all()
db.session.add(U(email='a@x'))
db.session.commit()
print(db.session.query(U.query.filter_by(email='a@x').exists()).scalar())
print(db.session.query(db.session.query(U).filter(U.email == 'zz').exists()).scalar())
print(db.session.query(exists().where(U.email == 'a@x')).scalar())
print(db.session.scalar(select(exists().where(U.email == 'b@x'))))
print(db.session.execute(select(U.id).where(exists().where(U.email == 'a@x'))).all())
print(exists().where(U.email == 'q'))
