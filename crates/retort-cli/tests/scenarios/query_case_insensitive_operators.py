# 不区分大小写的查询：icontains / istartswith / iendswith / not_ilike
class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80))

db.create_all()
db.session.add_all([Book(title="Flask Web Development"), Book(title="Fluent Python"), Book(title="web scraping")])
db.session.commit()
print(Book.query.filter(Book.title.icontains("WEB")).count())
print([b.title for b in Book.query.filter(Book.title.istartswith("f")).order_by(Book.id)])
print([b.title for b in Book.query.filter(Book.title.iendswith("PYTHON"))])
print([b.title for b in Book.query.filter(Book.title.not_ilike("%web%"))])
print(db.session.scalars(db.select(Book.id).where(Book.title.notilike("f%"))).all())
print(Book.query.filter(Book.title.icontains("web")))
