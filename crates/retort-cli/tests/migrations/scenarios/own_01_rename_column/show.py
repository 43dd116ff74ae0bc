from app import app, db, User

with app.app_context():
    for u in User.query.order_by(User.id):
        print(u.id, u.full_name, u.email)
