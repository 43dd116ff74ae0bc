from flask import flash, g, get_flashed_messages, session, request, abort
import sys

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), unique=True, nullable=False)

db.create_all()
db.session.add_all([User(name='ann'), User(name='bob')])
db.session.commit()

@app.before_request
def load_user():
    uid = session.get('uid') if app.secret_key else None
    g.user = db.session.get(User, uid) if uid else None
    print('before', request.method, request.path, g.user and g.user.name)

@app.after_request
def add_header(response):
    response.headers['X-User'] = g.user.name if g.user else '-'
    return response

@app.route('/login/<name>')
def login(name):
    user = User.query.filter_by(name=name).first()
    if user is None:
        abort(404)
    session['uid'] = user.id
    flash(f'welcome {user.name}')
    return 'ok'

@app.route('/visit')
def visit():
    session['visits'] = session.get('visits', 0) + 1
    return str(session['visits'])

@app.route('/me')
def me():
    if g.user is None:
        abort(401)
    return {'name': g.user.name, 'messages': get_flashed_messages()}

client = app.test_client()
r = client.get('/visit')
print(r.status_code, r.data[:40])
app.secret_key = 'dev'
print(client.get('/visit').text, client.get('/visit').text)
try:
    @app.route('/late')
    def late():
        return 'late'
except AssertionError as e:
    print('AssertionError:', str(e).splitlines()[0])
r = client.get('/login/ann')
print(r.status_code, r.headers['X-User'], 'Set-Cookie' in r.headers)
r = client.get('/me')
print(r.status_code, r.json, r.headers['X-User'])
print(client.get('/me').json)
print(client.get('/login/zed').status_code)
print(app.test_client().get('/me').status_code)
print('done', file=sys.stderr)
