from app import app, db, Product

with app.app_context():
    db.session.add_all([Product(name="pen", price=3), Product(name="book", price=25)])
    db.session.commit()
