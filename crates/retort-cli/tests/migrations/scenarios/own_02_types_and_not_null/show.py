from app import app, db, Product

with app.app_context():
    for p in Product.query.order_by(Product.id):
        print(p.id, p.name, p.price, p.stock)
