from flask import Blueprint, Flask, jsonify, redirect, request, url_for, make_response
from werkzeug.exceptions import HTTPException, NotFound

class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), unique=True)

db.create_all()
api = Blueprint('api', __name__, url_prefix='/api')

@api.route('/books/<int:book_id>')
def get_book(book_id):
    book = db.session.get(Book, book_id)
    if book is None:
        raise NotFound(f'no book {book_id}')
    return {'id': book.id, 'title': book.title, 'endpoint': request.endpoint}

@api.route('/books', methods=['POST'])
def create_book():
    book = Book(title=request.form['title'])
    db.session.add(book)
    db.session.commit()
    return redirect(url_for('api.get_book', book_id=book.id, ref='new'))

@app.errorhandler(404)
def not_found(e):
    return jsonify(error=e.description, code=e.code), 404

@app.errorhandler(HTTPException)
def http_error(e):
    return {'http_error': e.name}, e.code

@app.route('/')
def index():
    resp = make_response('home')
    resp.headers['X-Powered-By'] = 'retort'
    return resp

@app.route('/boom')
def boom():
    return {'n': 1 / 0}

@app.route('/old/')
def old():
    return 'old page'

app.register_blueprint(api)
client = app.test_client()
r = client.post('/api/books', data={'title': 'Dune'})
print(r.status_code, r.location)
r = client.post('/api/books', data={'title': 'Emma'}, follow_redirects=True)
print(r.status_code, r.json, [h.status_code for h in r.history], r.request.path)
print(client.get('/api/books/9').json)
print(client.post('/api/books').json)
r = client.post('/api/books', data={'title': 'Dune'})
print(r.status_code)
db.session.rollback()
print(client.get('/').headers.get('X-Powered-By'), client.get('/').text)
print(client.get('/boom').status_code)
print(client.get('/old').status_code, client.get('/old').location)
print(client.get('/old/').data)
print(app.url_map)
