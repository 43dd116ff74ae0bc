# 2.0 style select API with aggregates
from sqlalchemy import select, func, desc
class Dept(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    staff = db.relationship('Emp', backref='dept')
class Emp(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    salary = db.Column(db.Integer)
    dept_id = db.Column(db.Integer, db.ForeignKey('dept.id'))
db.create_all()
d1, d2 = Dept(name='R&D'), Dept(name='Sales')
db.session.add_all([d1, d2, Emp(name='a', salary=10, dept=d1), Emp(name='b', salary=20, dept=d1), Emp(name='c', salary=5, dept=d2)])
db.session.commit()
stmt = select(Dept.name, func.count(Emp.id).label('n'), func.avg(Emp.salary)).join(Dept.staff).group_by(Dept.id).order_by(desc('n'))
print(stmt)
for row in db.session.execute(stmt):
    print(row.name, row.n, row[2])
top = db.session.scalars(select(Emp).where(Emp.salary > 6).order_by(Emp.salary.desc())).all()
print([e.name for e in top])
print(db.session.execute(select(func.max(Emp.salary))).scalar())
e = db.session.get(Emp, 2)
print(e.dept.name, db.session.get(Emp, 99))
