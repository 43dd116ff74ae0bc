# The function forms of column operators, and literal_column().
from sqlalchemy import between, label, collate, literal_column, select, func
import sqlalchemy as sa


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    price = db.Column(db.Integer)


db.create_all()
db.session.add_all([Item(name="b", price=5), Item(name="A", price=15), Item(name="c", price=25)])
db.session.commit()
print(between(Item.price, 10, 20))
print(label("total", func.sum(Item.price)))
print(collate(Item.name, "NOCASE"))
print(select(literal_column("1").label("one"), Item.name))
print(db.session.scalars(select(Item.name).where(between(Item.price, 1, 20)).order_by(collate(Item.name, "NOCASE"))).all())
print(db.session.execute(select(label("total", func.sum(Item.price)))).all())
print(db.session.execute(select(Item.name, literal_column("'x'").label("tag")).order_by(Item.id)).all())
print(Item.query.filter(sa.between(Item.price, 20, 30)).all())
print(func.sum(Item.price), func.count(Item.id).label("n"), (Item.price + 1).label("q"))
