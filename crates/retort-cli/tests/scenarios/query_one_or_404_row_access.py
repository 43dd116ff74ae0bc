# Query.one_or_404；Row 只能用下标或属性访问
from werkzeug.exceptions import NotFound
class Page(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(20))

db.create_all()
db.session.add_all([Page(slug='a'), Page(slug='b'), Page(slug='b')])
db.session.commit()
print(Page.query.filter_by(slug='a').one_or_404().id)
for slug in ['b', 'z']:
    try:
        Page.query.filter_by(slug=slug).one_or_404(description=f'no single page {slug}')
    except NotFound as e:
        print(e.code, e.description)
row = db.session.execute(db.select(Page.id, Page.slug)).first()
try:
    row['slug']
except TypeError as e:
    print('TypeError:', e)
print(row.slug, row._mapping['slug'], row[1])
