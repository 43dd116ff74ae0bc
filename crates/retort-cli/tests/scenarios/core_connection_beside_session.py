# engine.connect() and engine.begin() while the session has a transaction
# open: each connection logs its own BEGIN and ROLLBACK or COMMIT, and the
# session carries on in its own transaction.
from sqlalchemy import text, select, insert


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    sku = db.Column(db.String(10))


db.create_all()
print(Product.query.count())
with db.engine.connect() as conn:
    print(conn.execute(text("SELECT count(*) FROM product")).scalar())
db.session.add(Product(sku="a"))
db.session.commit()
with db.engine.begin() as conn:
    conn.execute(insert(Product).values(sku="b"))
print(db.session.scalars(select(Product.sku).order_by(Product.id)).all())
with db.engine.connect() as conn:
    conn.execute(text("INSERT INTO product (sku) VALUES ('c')"))
    conn.commit()
    print(conn.execute(select(Product.sku).order_by(Product.id)).scalars().all())
db.session.add(Product(sku="d"))
db.session.commit()
print(db.session.scalars(select(Product.sku).order_by(Product.id)).all())
