# hybrid_property / hybrid_method：实例上是 Python 值，类上是 SQL 表达式
from sqlalchemy.ext.hybrid import hybrid_property, hybrid_method


class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    first = db.Column(db.String(50))
    last = db.Column(db.String(50))
    age = db.Column(db.Integer)

    @hybrid_property
    def full_name(self):
        return self.first + ' ' + self.last

    # setter 用同一个名字
    @full_name.setter
    def full_name(self, value):
        self.first, self.last = value.split(' ', 1)

    @hybrid_property
    def double_age(self):
        return self.age * 2

    # inplace：函数名可以不同
    @double_age.inplace.setter
    def _set_double_age(self, value):
        self.age = value // 2

    @hybrid_property
    def is_adult(self):
        return self.age >= 18

    @hybrid_method
    def older_than(self, n):
        return self.age > n

    def __repr__(self):
        return '<Person %s>' % self.full_name


db.create_all()
db.session.add_all([
    Person(first='Ada', last='Lovelace', age=36),
    Person(full_name='Alan Turing', double_age=82),
    Person(first='Grace', last='Hopper', age=85),
])
db.session.commit()

p = Person.query.filter(Person.full_name == 'Ada Lovelace').first()
print(p, p.full_name, p.double_age, p.older_than(30), p.older_than(40))
print(Person.full_name, type(Person.full_name).__name__)
print(Person.older_than(40))
print(Person.query.filter(Person.older_than(40)).all())
print(Person.query.order_by(Person.full_name.desc()).all())
print(Person.query.filter(Person.full_name.like('A%')).count())
print(Person.query.filter_by(full_name='Grace Hopper').all())
print(Person.query.filter(Person.is_adult).count(), p.is_adult)

# 查询列：标签是属性名
print(db.session.query(Person.full_name).all())
row = db.session.query(Person.id, Person.full_name).first()
print(row, row._fields, row.full_name)
print(db.session.execute(db.select(Person.full_name).order_by(Person.full_name)).scalars().all())
print(db.session.execute(db.select(Person.full_name, Person.double_age).where(Person.older_than(50))).all())
print(db.select(Person.full_name))

p.full_name = 'Ada King'
p.double_age = 74
db.session.commit()
print(p.first, p.last, p.age)

try:
    p.older_than = 5
    print(p.older_than)
    p.is_adult = False
except AttributeError as e:
    print('AttributeError', e)

# aliased() 也可以用 hybrid；contains / startswith 给表达式加括号
from sqlalchemy.orm import aliased
other = aliased(Person)
print(db.session.query(other.full_name).filter(other.older_than(40)).order_by(other.id).all())
print(Person.query.filter(Person.full_name.contains('ce')).all())
print(Person.query.filter(Person.double_age.startswith('8')).count())

# to_dict 常用：找出所有 hybrid 属性
names = [k for k, v in vars(Person).items() if isinstance(v, hybrid_property)]
print(names, {k: getattr(p, k) for k in names})

# 没有 deleter
del p.full_name
