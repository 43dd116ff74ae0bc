# 中文 JSON：app.json.ensure_ascii = False；分页参数从 request.args 读取；404 错误处理器返回 JSON
from flask import jsonify, request

app.json.ensure_ascii = False
app.json.sort_keys = False


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


db.create_all()
db.session.add_all([User(name=f'用户{i}') for i in range(1, 8)])
db.session.commit()


@app.route('/users')
def users():
    page = request.args.get('page', 1, type=int)
    per_page = request.args.get('per_page', 3, type=int)
    p = User.query.order_by(User.id).paginate(page=page, per_page=per_page)
    return jsonify({'items': [{'id': u.id, 'name': u.name} for u in p.items],
                    'total': p.total, 'pages': p.pages, 'has_next': p.has_next})


@app.errorhandler(404)
def not_found(e):
    return jsonify(error='未找到', path=request.path), 404


c = app.test_client()
r = c.get('/users?page=2')
print(r.status_code, r.data.decode('utf-8'))
print(c.get('/users', query_string={'page': 3, 'per_page': 3}).json)
r = c.get('/users?page=9')
print(r.status_code, r.get_json())
print(c.get('/nothing').get_json())
app.json.compact = False
print(c.get('/users?per_page=1').text)
