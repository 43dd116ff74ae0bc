# Pagination in routes as Flask-SQLAlchemy tutorials write it: paginate()
# without arguments reads ?page= and ?per_page= from the request; a page
# that is not a number or out of range is a 404 (unless error_out=False).
from flask import Flask, jsonify, request

app = Flask(__name__)
app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'
db.init_app(app)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))


@app.route('/posts')
def posts():
    page = Post.query.order_by(Post.id).paginate()
    return jsonify(page=page.page, per_page=page.per_page, total=page.total,
                   items=[p.title for p in page.items], has_next=page.has_next)


@app.route('/lenient')
def lenient():
    page = db.paginate(db.select(Post).order_by(Post.id.desc()), error_out=False, max_per_page=3)
    return jsonify(page=page.page, per_page=page.per_page, items=[p.id for p in page.items])


with app.app_context():
    db.create_all()
    db.session.add_all([Post(title=f'post {i}') for i in range(1, 8)])
    db.session.commit()

client = app.test_client()
for url in ['/posts', '/posts?page=2&per_page=3', '/posts?page=3&per_page=3',
            '/posts?page=abc', '/posts?page=0', '/posts?page=9&per_page=3',
            '/lenient?page=x&per_page=10', '/lenient?page=2']:
    r = client.get(url)
    print(url, r.status_code, r.get_json() if r.is_json else r.data[:40])
with app.test_request_context('/?page=2&per_page=4'):
    p = Post.query.paginate()
    print(p.page, p.per_page, [x.id for x in p.items], list(p.iter_pages()))
p = Post.query.paginate()
print(p.page, p.per_page, p.pages)
