# Query.params() 给 text() 里的 :name 传值；session.get_one() 找不到时抛 NoResultFound
class Student(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    score = db.Column(db.Integer)

    def __repr__(self):
        return f"<Student {self.name}>"


db.create_all()
db.session.add_all([Student(name="小明", score=90), Student(name="小红", score=75), Student(name="小刚", score=60)])
db.session.commit()

# 1. 关键字参数
print(Student.query.filter(text("score >= :low")).params(low=70).order_by(Student.id).all())
# 2. 字典参数，和 filter_by 组合
q = db.session.query(Student).filter(text("name = :n")).params({"n": "小红"})
print(q.one(), q.count())
# 3. 多个 text 片段，params 可以调用多次
q = Student.query.filter(text("score > :a"), text("score < :b")).params(a=50).params(b=80)
print(q.all(), q.first())
# 4. 子查询里的 text 也能拿到值
print(q.count())

# 5. get_one
print(db.session.get_one(Student, 1))
try:
    db.session.get_one(Student, 42)
except NoResultFound as e:
    print(type(e).__name__, e)
print(db.session.get(Student, 42))
