# A price typed as text that is not a number: Decimal() raises
# decimal.InvalidOperation, which `except InvalidOperation` (or
# ArithmeticError) catches; uncaught, it ends the run on its line.
from decimal import Decimal, InvalidOperation
import decimal


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)
    price = db.Column(db.Numeric(10, 2), nullable=False)


with app.app_context():
    db.create_all()
    for name, text in [("pen", "1.50"), ("ink", "abc"), ("pad", ""), ("cap", "2.5.0"), ("nib", " 3 ")]:
        try:
            price = Decimal(text)
        except InvalidOperation as e:
            print(f"{name}: {text!r} is not a price ->", type(e).__name__, e)
            continue
        db.session.add(Product(name=name, price=price))
    db.session.commit()
    print([(p.name, p.price) for p in Product.query.order_by(Product.id)])
    try:
        Decimal("x")
    except ArithmeticError as e:
        print("ArithmeticError catches it:", isinstance(e, decimal.InvalidOperation))
    Product(name="bad", price=Decimal("nine"))
