# Money with Decimal as shop tutorials do it: Numeric columns, dividing a
# bill (28 significant digits), comparing with floats (exact binary value),
# and formatting totals with %d, zero padding and e notation.
from decimal import Decimal, ROUND_HALF_UP


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    price = db.Column(db.Numeric(10, 2))


db.create_all()
db.session.add_all([Item(name='tea', price=Decimal('4.99')), Item(name='cake', price=Decimal('12.50'))])
db.session.commit()
total = sum(i.price for i in Item.query.all())
print(total, total / 3, (total / 3).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))
print(Decimal('10') / Decimal('3'), Decimal('2') / 3, Decimal('6.00') / 2, Decimal('1') / 8, Decimal('7') / Decimal('0.5'))
print(Decimal('4.99') == 4.99, Decimal('0.5') == 0.5, Decimal('12.50') == 12.5, Decimal('4.99') < 4.99)
print('%d items, %d cents' % (Decimal('3'), Decimal('1749.9')))
print('{:08.2f}|{:e}|{:.2e}|{:>10}|{}'.format(Decimal('-3.14159'), Decimal('0.333'), Decimal('12345.678'), Decimal('1.5'), Decimal('0.00000001')))
print(f'{total:,.2f} {Decimal("0E-10")!r} {Decimal("1.00") * Decimal("0.00000001")}')
