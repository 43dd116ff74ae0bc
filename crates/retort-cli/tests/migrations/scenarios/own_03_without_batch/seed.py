from app import app, db, User

with app.app_context():
    db.session.add(User(username="ann", email="ann@example.com"))
    db.session.commit()
