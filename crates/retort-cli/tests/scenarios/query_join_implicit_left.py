# join 的左边由实体决定：别名列、只有函数的查询也能找到要连接的表
class Employee(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    manager_id = db.Column(db.Integer, db.ForeignKey('employee.id'))


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))


db.create_all()
boss = Employee(name='老板')
db.session.add(boss)
db.session.flush()
db.session.add_all([Employee(name='小王', manager_id=boss.id), Employee(name='小李', manager_id=boss.id)])
lu = Author(name='Lu Xun')
db.session.add(lu)
db.session.flush()
db.session.add_all([Book(title='呐喊', author_id=lu.id), Book(title='彷徨', author_id=lu.id)])
db.session.commit()

Mgr = db.aliased(Employee, name='mgr')
q = db.session.query(Mgr.name, db.func.count(Employee.id)).outerjoin(Employee, Employee.manager_id == Mgr.id).group_by(Mgr.id).order_by(Mgr.id)
print(q.all())
q = db.session.query(db.func.lower(Author.name), db.func.length(Book.title)).join(Book).order_by(Book.id)
print(q.all())
print(db.session.query(Book.title, Author.name).join(Author).order_by(Book.id).all())
