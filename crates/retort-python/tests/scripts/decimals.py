from decimal import Decimal, ROUND_HALF_UP
p = Decimal('3.50')
print(repr(p), p, p * 2, p + Decimal('0.25'), repr(p * 3), Decimal('10') / Decimal('4'), Decimal('1') / Decimal('3'))
print(p > 3, p == Decimal('3.5'), Decimal('2.675').quantize(Decimal('0.01')), Decimal('2.675').quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))
print(f"{p:.2f}", f"{Decimal('1234.5'):,.2f}", float(p), int(Decimal('7.9')), sum([Decimal('1.10'), Decimal('2.20')]), round(Decimal('2.567'), 2))
print(type(p).__name__, isinstance(p, Decimal), -p, Decimal(5), Decimal('0.1') + 1)
