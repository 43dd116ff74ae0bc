from app import app, db, Post

with app.app_context():
    print([(p.title, p.body) for p in Post.query.all()])
