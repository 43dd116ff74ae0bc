from sqlalchemy import func, or_, and_, not_


class Emp(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    dept = db.Column(db.String(20))
    salary = db.Column(db.Float)
    manager_id = db.Column(db.Integer, nullable=True)


db.create_all()
db.session.add_all([
    Emp(name='Ann', dept='IT', salary=5000.5),
    Emp(name='bob', dept='HR', salary=3000, manager_id=1),
    Emp(name='Cy', dept='IT', salary=4200, manager_id=1),
    Emp(name='dee', dept=None, salary=None),
])
db.session.commit()
print(Emp.query.filter(func.lower(Emp.name) == 'ann').one().id)
print([e.name for e in Emp.query.filter(Emp.name.ilike('%E%')).all()])
print([e.name for e in Emp.query.filter(Emp.salary.between(3000, 4500)).order_by(Emp.salary).all()])
print([e.name for e in Emp.query.filter(Emp.dept.is_(None)).all()], Emp.query.filter(Emp.manager_id.isnot(None)).count())
print([e.name for e in Emp.query.filter(or_(Emp.dept == 'HR', and_(Emp.dept == 'IT', Emp.salary > 4500))).all()])
print([e.name for e in Emp.query.filter(not_(Emp.name.in_(['Ann', 'bob']))).all()])
print(db.session.query(db.exists().where(Emp.name == 'Cy')).scalar())
print(db.session.query(Emp.dept, func.round(func.avg(Emp.salary), 1)).group_by(Emp.dept).all())
print(Emp.query.filter(Emp.name.startswith('A') | Emp.name.endswith('e')).count())
print(Emp.query.order_by(Emp.salary.desc().nullslast()).first().name)
q = Emp.query.filter(Emp.salary > 1000)
print(str(q))
print(q.statement)
sub = db.session.query(func.max(Emp.salary)).scalar_subquery()
print(Emp.query.filter(Emp.salary == sub).one().name)
print(db.session.query(Emp.name).filter(Emp.id.in_([1, 3])).all())
print(Emp.query.limit(2).all(), Emp.query.offset(3).all())
