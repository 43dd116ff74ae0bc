from sqlalchemy.orm import aliased

class Employee(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    manager_id = db.Column(db.Integer, db.ForeignKey('employee.id'))
    reports = db.relationship('Employee', backref=db.backref('manager', remote_side=[id]))

db.create_all()
boss = Employee(name='boss')
a = Employee(name='a', manager=boss)
b = Employee(name='b', manager=boss)
c = Employee(name='c', manager=a)
db.session.add(boss)
db.session.commit()
Manager = aliased(Employee)
q = db.session.query(Employee.name, Manager.name).join(Manager, Employee.manager).order_by(Employee.name)
print(q.all())
q2 = Employee.query.join(Manager, Employee.manager_id == Manager.id).filter(Manager.name == 'boss').order_by(Employee.id)
print([e.name for e in q2])
q3 = db.session.query(Employee).join(Employee.reports.of_type(Manager)).filter(Manager.name == 'c')
print([e.name for e in q3])
rows = db.session.execute(db.select(Employee.name, Manager.name.label('boss')).join(Manager, Employee.manager)).all()
for r in rows:
    print(r._fields, r.name, r.boss, r._asdict(), tuple(r))
