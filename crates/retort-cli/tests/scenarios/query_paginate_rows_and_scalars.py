# Pages of rows rather than objects: Query.paginate over several columns
# gives Rows, db.paginate(select(...)) gives scalars (Flask-SQLAlchemy's
# SelectPagination takes scalars()); an empty page's first and last are 0.
# db.session() is the session itself; Query.get takes no keywords.


class Page(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(20))


db.create_all()
db.session.add_all([Page(slug=s) for s in ['home', 'about', 'blog', 'faq', 'shop']])
db.session.commit()
p = Page.query.with_entities(Page.id, Page.slug).order_by(Page.id).paginate(page=1, per_page=2)
print(p.items, p.items[0].slug, p.first, p.last, p.pages)
print(db.session.query(Page.slug).paginate(page=2, per_page=2).items)
print(db.paginate(db.select(Page.id, Page.slug), page=3, per_page=2).items)
print([x.slug for x in db.paginate(db.select(Page).order_by(Page.slug), per_page=3).items])
empty = Page.query.paginate(page=9, per_page=2, error_out=False)
print(empty.items, empty.first, empty.last, empty.total, empty.has_prev, empty.prev_num)
s = db.session()
print(s is db.session(), s.query(Page).count())
s.add(Page(slug='new'))
s.commit()
print(Page.query.count())
try:
    Page.query.get(id=1)
except TypeError as e:
    print('TypeError:', e)
print(db.metadata is db.Model.metadata, db.session() is db.session())
