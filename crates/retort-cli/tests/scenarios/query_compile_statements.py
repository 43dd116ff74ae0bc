# Showing the SQL a statement will send, before running it.
from sqlalchemy import select, insert, update, delete


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)
    price = db.Column(db.Integer, default=0)


stmt = select(Product.name).where(Product.price > 10, Product.name.like("a%")).order_by(Product.id).limit(5)
print(stmt.compile())
print(stmt.compile(db.engine))
print(stmt.compile(dialect=db.engine.dialect))
compiled = stmt.compile()
print(compiled.params)
print(sorted(compiled.params.items()))
print(stmt.compile(compile_kwargs={"literal_binds": True}))
print(select(Product).where(Product.id.in_([1, 2, 3])).compile(db.engine))
print(select(Product).where(Product.id.in_([1, 2, 3])).compile(compile_kwargs={"literal_binds": True}))

up = update(Product).where(Product.id == 5).values(price=Product.price + 1, name="pen")
print(up.compile())
print(up.compile(db.engine).params)
print(up.compile(compile_kwargs={"literal_binds": True}))
rm = delete(Product).where(Product.name == "old")
print(rm.compile(db.engine))
print(str(rm.compile(compile_kwargs={"literal_binds": True})))
ins = insert(Product).values(name="cup", price=3)
print(ins.compile())
print(ins.compile(db.engine).params)
print(ins.compile(compile_kwargs={"literal_binds": True}).string)
