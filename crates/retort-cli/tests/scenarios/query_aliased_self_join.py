# 自关联：员工和经理在同一张表，用 aliased() 给表起别名
from sqlalchemy.orm import aliased


class Employee(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    salary = db.Column(db.Integer)
    manager_id = db.Column(db.Integer, db.ForeignKey('employee.id'))

    def __repr__(self):
        return f'<Employee {self.name}>'


db.create_all()
boss = Employee(name='王总', salary=50000)
db.session.add(boss)
db.session.commit()
li = Employee(name='李经理', salary=20000, manager_id=boss.id)
db.session.add(li)
db.session.commit()
db.session.add_all([
    Employee(name='张三', salary=8000, manager_id=li.id),
    Employee(name='李四', salary=25000, manager_id=li.id),
    Employee(name='王五', salary=9000, manager_id=boss.id),
])
db.session.commit()

Manager = aliased(Employee)
print(Manager)
print(Manager.name)

# 每个员工和他的经理
q = db.session.query(Employee, Manager).join(Manager, Employee.manager_id == Manager.id).order_by(Employee.id)
print(q)
for emp, mgr in q:
    print(f'{emp.name} 的经理是 {mgr.name}')

# 别名查出来的对象就是身份映射里的同一个对象
emp, mgr = q.first()
print(mgr is li, type(mgr).__name__)

# 工资比经理还高的员工
rich = (db.session.query(Employee.name, Employee.salary, Manager.name.label('manager'))
        .join(Manager, Employee.manager_id == Manager.id)
        .filter(Employee.salary > Manager.salary)
        .all())
print(rich)
for row in rich:
    print(row.name, row.salary, row.manager)

# 指定别名的名字
boss_alias = aliased(Employee, name='boss')
q2 = db.session.query(Employee.name).join(boss_alias, Employee.manager_id == boss_alias.id).filter(boss_alias.name == '王总')
print(q2)
print(q2.all())

# 两层：员工 -> 经理 -> 经理的经理，两个匿名别名 employee_1、employee_2
M1 = aliased(Employee)
M2 = db.aliased(Employee)
chain = (db.session.query(Employee.name, M1.name, M2.name)
         .join(M1, Employee.manager_id == M1.id)
         .join(M2, M1.manager_id == M2.id))
print(chain)
print(chain.all())

# 2.0 风格
stmt = select(Manager).where(Manager.salary >= 20000).order_by(Manager.salary.desc())
print(stmt)
print(db.session.scalars(stmt).all())
stmt = (select(Employee.name, Manager.name)
        .join(Manager, Employee.manager_id == Manager.id)
        .where(Manager.name == '李经理'))
print(db.session.execute(stmt).all())
print(db.session.query(Manager).filter_by(name='张三').one())
print(db.session.query(Manager).filter(Manager.salary < 10000).count())

try:
    aliased('Employee')
except Exception as e:
    print(type(e).__name__, e)
try:
    Manager.age
except AttributeError as e:
    print(e)
