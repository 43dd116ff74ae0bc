# 一个 Todo 的 JSON API：路由、请求体、状态码，用 test_client 调用
from flask import Flask, jsonify, request, abort
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///todo.db'
db = SQLAlchemy(app)


class Todo(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100), nullable=False)
    done = db.Column(db.Boolean, default=False)

    def to_dict(self):
        return {'id': self.id, 'title': self.title, 'done': self.done}


@app.route('/todos', methods=['GET'])
def list_todos():
    done = request.args.get('done', type=int)
    query = Todo.query
    if done is not None:
        query = query.filter_by(done=bool(done))
    return jsonify([t.to_dict() for t in query.order_by(Todo.id).all()])


@app.post('/todos')
def add_todo():
    data = request.get_json()
    if not data or not data.get('title'):
        abort(400, description='title is required')
    todo = Todo(title=data['title'])
    db.session.add(todo)
    db.session.commit()
    return jsonify(todo.to_dict()), 201


@app.route('/todos/<int:todo_id>', methods=['GET', 'PUT', 'DELETE'])
def one_todo(todo_id):
    todo = db.get_or_404(Todo, todo_id)
    if request.method == 'PUT':
        todo.done = request.json.get('done', todo.done)
        db.session.commit()
    elif request.method == 'DELETE':
        db.session.delete(todo)
        db.session.commit()
        return '', 204
    return todo.to_dict()


with app.app_context():
    db.create_all()
    client = app.test_client()
    for title in ['学习 SQLAlchemy', 'write tests']:
        r = client.post('/todos', json={'title': title})
        print(r.status_code, r.get_json())
    r = client.post('/todos', json={})
    print(r.status_code, r.data.decode())
    r = client.put('/todos/1', json={'done': True})
    print(r.status_code, r.json, r.mimetype)
    print(client.get('/todos?done=1').json)
    r = client.delete('/todos/2')
    print(r.status_code, repr(r.data), r)
    r = client.get('/todos/2')
    print(r.status_code, r.status)
    r = client.get('/todos/abc')
    print(r.status_code)
    r = client.patch('/todos/1')
    print(r.status_code, r.headers['Allow'])
    print(client.get('/todos').data)
