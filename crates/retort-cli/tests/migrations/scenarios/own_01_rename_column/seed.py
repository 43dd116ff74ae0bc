from app import app, db, User

with app.app_context():
    db.session.add_all([User(name="张三", email="z@example.com"), User(name="李四")])
    db.session.commit()
