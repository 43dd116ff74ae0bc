# 一个典型的 Flask 博客教程：表单提交、flash、重定向、render_template（没有模板时是 500）、JSON API
from flask import Flask, render_template, request, redirect, url_for, flash, jsonify, abort
from flask_sqlalchemy import SQLAlchemy
from datetime import datetime

app = Flask(__name__)
app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///blog.db'
app.config['SECRET_KEY'] = 'secret'
db = SQLAlchemy(app)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100), nullable=False)
    body = db.Column(db.Text)
    created = db.Column(db.DateTime, default=datetime(2024, 1, 1))

    def to_json(self):
        return {'id': self.id, 'title': self.title, 'created': self.created}


@app.route('/')
def index():
    posts = Post.query.order_by(Post.created.desc()).all()
    return render_template('index.html', posts=posts)


@app.route('/create', methods=['GET', 'POST'])
def create():
    if request.method == 'POST':
        title = request.form.get('title')
        if not title:
            flash('Title is required!')
            return redirect(url_for('create'))
        post = Post(title=title, body=request.form['body'])
        db.session.add(post)
        db.session.commit()
        return redirect(url_for('show', post_id=post.id))
    return 'form'


@app.route('/post/<int:post_id>')
def show(post_id):
    post = Post.query.get_or_404(post_id)
    return f'<h1>{post.title}</h1><p>{post.body}</p>'


@app.route('/api/posts')
def api_posts():
    return jsonify([p.to_json() for p in Post.query.all()])


@app.route('/api/posts/<int:post_id>', methods=['DELETE'])
def delete(post_id):
    post = db.get_or_404(Post, post_id)
    db.session.delete(post)
    db.session.commit()
    return jsonify({'deleted': post_id})


with app.app_context():
    db.create_all()
    c = app.test_client()
    print(c.get('/').status_code)
    r = c.post('/create', data={'title': '', 'body': 'x'})
    print(r.status_code, r.headers['Location'])
    r = c.post('/create', data={'title': 'Hello', 'body': 'World'}, follow_redirects=True)
    print(r.status_code, r.text, r.request.path)
    print(c.get('/api/posts').get_json())
    print(c.get('/post/99').status_code)
    print(c.delete('/api/posts/1').json, c.delete('/api/posts/1').status_code)
    print(c.get('/api/posts').json)
