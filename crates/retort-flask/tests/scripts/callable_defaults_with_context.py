def make_slug(context):
    return context.get_current_parameters()['title'].lower().replace(' ', '-')

class Page(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))
    slug = db.Column(db.String(50), default=make_slug)
    rank = db.Column(db.Integer, default=lambda: 3)

db.create_all()
db.session.add(Page(title='Hello World'))
db.session.commit()
p = db.session.get(Page, 1)
print(p.slug, p.rank)
