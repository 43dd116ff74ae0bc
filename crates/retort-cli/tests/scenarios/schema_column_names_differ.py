# A model over a legacy table whose column names differ from the Python
# attribute names: the table (and a Core statement on it) speaks in column
# names, the mapped class in attribute names.
from sqlalchemy import insert, update


class Customer(db.Model):
    id = db.Column("customer_id", db.Integer, primary_key=True)
    name = db.Column("full_name", db.String(60), nullable=False)
    vip = db.Column("is_vip", db.Boolean, default=False)


table = Customer.__table__
print(table.c.keys(), db.metadata.tables["customer"].c.keys())
print(table.c.full_name.name, Customer.name.key, Customer.name.name, Customer.id.name)
print("full_name" in table.c, "name" in table.c)
print(Customer.__mapper__.columns.keys())
print(insert(Customer).values(name="x"))
print(update(Customer).where(Customer.id == 1).values(name="y"))
print(db.select(Customer.name).where(Customer.vip.is_(True)))

with app.app_context():
    db.create_all()
    db.session.add_all([Customer(name="Ann", vip=True), Customer(name="Bob")])
    db.session.commit()
    ann = Customer.query.filter_by(name="Ann").one()
    print(ann.id, ann.name, ann.vip)
    row = db.session.execute(db.select(table).order_by(table.c.customer_id)).first()
    print(row._fields, row.full_name)
    row = db.session.execute(db.select(Customer.name, Customer.vip).order_by(Customer.id)).first()
    print(row._fields, row.name)
    db.session.execute(update(table).where(table.c.full_name == "Bob").values(is_vip=True))
    print([(c.name, c.vip) for c in Customer.query.order_by(Customer.id)])
    print(table.c.name)
