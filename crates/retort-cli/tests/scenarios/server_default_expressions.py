from sqlalchemy.schema import CreateTable
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    created = db.Column(db.DateTime, server_default=db.func.now())
    n = db.Column(db.Integer, server_default=db.text("0"))
    m = db.Column(db.String, server_default="x")
    l = db.Column(db.Integer, server_default=db.func.length("abc"))
print(CreateTable(Post.__table__))
db.create_all()
db.session.add(Post())
db.session.commit()
p = db.session.get(Post, 1)
print(type(p.created).__name__, p.n, p.m, p.l)
