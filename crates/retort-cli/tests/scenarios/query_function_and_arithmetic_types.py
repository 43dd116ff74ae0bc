# 商品统计：func.max/sum 的结果类型随参数（Numeric → Decimal），算术表达式的类型，字符串 + 是 ||
from datetime import datetime, date, timedelta
from decimal import Decimal

class Product(db.Model):
    __tablename__ = 'products'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False, unique=True)
    price = db.Column(db.Numeric(10, 2), default=Decimal('0.00'))
    stock = db.Column(db.Integer, default=0)
    added = db.Column(db.Date, default=date(2024, 1, 1))
    active = db.Column(db.Boolean, default=True)

    def __repr__(self):
        return f'<Product {self.name!r} ${self.price}>'

    @property
    def value(self):
        return self.price * self.stock

db.create_all()
names = ['pen', 'ink', 'pad', 'cup', 'mug']
for i, n in enumerate(names, start=1):
    db.session.add(Product(name=n, price=Decimal(i) * Decimal('1.25'), stock=i * 3, active=i % 2 == 1))
db.session.commit()
print(Product.query.filter(Product.price.between(2, 5)).order_by(Product.price.desc()).all())
total = db.session.query(db.func.sum(Product.stock), db.func.avg(Product.price), db.func.max(Product.price)).one()
print(total, type(total[1]).__name__)
print(db.session.query(Product.active, db.func.count(Product.id)).group_by(Product.active).all())
print([f'{p.name:>5}|{p.value:8.2f}' for p in Product.query.filter(Product.name.in_(['pen', 'mug']))])
print(Product.query.filter(Product.name.like('%u%')).count(), Product.query.filter(~Product.active).all())
print(db.session.execute(db.select(Product.name).where(Product.stock > 5).order_by(Product.name)).scalars().all())
page = Product.query.order_by(Product.id).paginate(page=2, per_page=2)
print(page.items, page.total, page.pages, page.has_next, page.prev_num, list(page.iter_pages()))
p = db.session.get(Product, 3)
p.price += Decimal('0.10')
print(db.session.dirty, p in db.session, db.session.is_modified(p))
db.session.commit()
print(p.price, repr(p.added), p.added.strftime('%d/%m/%Y'), (date(2024, 3, 1) - p.added).days)
print(Product.query.filter_by(name='nope').first(), Product.query.get(99))
try:
    Product.query.filter_by(name='nope').one()
except Exception as e:
    print(type(e).__name__, e)
db.session.add(Product(name='pen'))
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__)
    print(str(e.orig))
    db.session.rollback()
print(Product.query.count())
q = Product.query.with_entities(Product.name, (Product.price * Product.stock).label('v')).order_by(db.desc('v')).limit(2)
print(q.all(), str(q.statement.compile(compile_kwargs={'literal_binds': True})) if False else '')
print(db.session.query(db.func.upper(Product.name), db.func.length(Product.name)).filter(Product.id < 3).all())
rows = db.session.execute(db.text('SELECT name, stock FROM products WHERE stock > :s ORDER BY stock'), {'s': 6}).fetchall()
print(rows, rows[0].name, rows[0][1])
print(db.session.execute(db.text('select count(*) from products')).scalar())
print(db.session.query(Product.stock / 2, Product.stock * 1.5, Product.price + 1, Product.stock - Product.id, Product.name + '!').filter(Product.id == 2).one())
print(db.session.query(db.func.min(Product.added), db.func.sum(Product.price * 2), db.func.coalesce(Product.price, 0), db.func.count(Product.id)).one())
