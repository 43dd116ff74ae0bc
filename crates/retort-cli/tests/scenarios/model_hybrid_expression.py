# hybrid 的 .expression：类级别用 case() / func / 子查询，实例级别用 Python
from sqlalchemy.ext.hybrid import hybrid_property, hybrid_method


class Customer(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    orders = db.relationship('Item', backref='customer', lazy=True)

    @hybrid_property
    def item_count(self):
        return len(self.orders)

    @item_count.expression
    def item_count(cls):
        return select(func.count(Item.id)).where(Item.customer_id == cls.id).scalar_subquery()

    @hybrid_property
    def display(self):
        return self.name.title() if self.name else 'anonymous'

    @display.expression
    def display(cls):
        return func.coalesce(cls.name, 'anonymous')


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    price = db.Column(db.Numeric(10, 2))
    qty = db.Column(db.Integer)
    customer_id = db.Column(db.Integer, db.ForeignKey('customer.id'))

    # 算术：price * qty
    @hybrid_property
    def total(self):
        return self.price * self.qty

    @hybrid_property
    def size(self):
        if self.qty > 10:
            return 'big'
        return 'small'

    @size.expression
    def size(cls):
        return case((cls.qty > 10, 'big'), else_='small')

    @hybrid_method
    def costs_more_than(self, amount=5):
        return self.total > amount

    @costs_more_than.expression
    def costs_more_than(cls, amount=5):
        return cls.price * cls.qty > amount


db.create_all()
alice = Customer(name='alice')
nobody = Customer()
db.session.add_all([alice, nobody])
db.session.add_all([
    Item(price=2.5, qty=4, customer=alice),
    Item(price=1, qty=20, customer=alice),
    Item(price=0.5, qty=3, customer=nobody),
])
db.session.commit()

print(alice.item_count, nobody.item_count, alice.display, nobody.display)
print(db.session.query(Customer.name, Customer.item_count).order_by(Customer.item_count.desc()).all())
print([c.name for c in Customer.query.filter(Customer.item_count > 1)])
print(db.session.execute(db.select(Customer.display)).scalars().all())
print(Customer.query.filter_by(display='anonymous').count())

items = Item.query.order_by(Item.id).all()
print([(i.total, i.size, i.costs_more_than(), i.costs_more_than(15)) for i in items])
print(db.session.query(Item.id, Item.total).order_by(Item.total.desc()).all())
print(Item.query.filter(Item.total > 5).count())
print(db.session.execute(db.select(Item.size, func.count()).group_by(Item.size).order_by(Item.size)).all())
print([i.id for i in Item.query.filter(Item.size == 'big')])
print([i.id for i in Item.query.filter(Item.costs_more_than(15))])
print(db.session.query(Item.id, Item.qty > 3).all())
print(Item.total, Item.size)
print(Item.costs_more_than(1))
print(case((Item.qty > 10, 'big'), (Item.qty > 3, 'mid')))

try:
    case([(Item.qty > 10, 'big')], else_='small')
except Exception as e:
    print(type(e).__name__, e)


# 常见错误：getter 里用 f-string / Python 方法，类上得到的不是 SQL 表达式
class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    first = db.Column(db.String(50))
    last = db.Column(db.String(50))

    @hybrid_property
    def full_name(self):
        return f"{self.first} {self.last}"

    @hybrid_property
    def title_name(self):
        return self.first.title()

    @hybrid_property
    def n(self):
        return len(self.first)


db.create_all()
db.session.add(Person(first='ada', last='lovelace'))
db.session.commit()
p = db.session.get(Person, 1)
print(p.full_name, p.title_name, p.n)
print(Person.full_name, type(Person.full_name).__name__, Person.full_name == 'ada lovelace')
for attempt in [
    lambda: Person.query.filter(Person.full_name == 'ada lovelace').all(),
    lambda: Person.query.filter_by(full_name='ada lovelace').all(),
    lambda: db.session.query(Person.full_name).all(),
    lambda: Person.query.order_by(Person.full_name).all(),
    lambda: db.session.execute(db.select(Person.full_name)).all(),
    lambda: Person.title_name,
    lambda: Person.n,
]:
    try:
        print(attempt())
    except Exception as e:
        print(type(e).__name__, e)


# 函数名和属性名不一致：Order.level 仍是原来的 getter，在类上求值就出错
class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    amount = db.Column(db.Integer)

    @hybrid_property
    def level(self):
        if self.amount > 100:
            return 'high'
        return 'low'

    @level.expression
    def level_expression(cls):
        return case((cls.amount > 100, 'high'), else_='low')


print(Order(amount=500).level)
print(Order.query.filter(Order.level == 'high').all())
