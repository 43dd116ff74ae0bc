# 单独建表和删表：Table.create / Table.drop，checkfirst=True 先检查是否存在
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False, index=True)

Author.__table__.create(db.engine)
Author.__table__.create(bind=db.engine, checkfirst=True)
try:
    Author.__table__.create(db.engine)
except Exception as e:
    print(type(e).__name__, e)
db.session.add(Author(name='x'))
db.session.commit()
print(Author.query.count())
db.drop_all()
db.create_all()
Author.__table__.drop(db.engine)
Author.__table__.drop(db.engine, checkfirst=True)
try:
    Author.__table__.create()
except TypeError as e:
    print(e)
