# joined 预加载：只有集合关系在 LIMIT/DISTINCT 时才把主查询包成子查询
class Teacher(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    courses = db.relationship('Course', back_populates='teacher', lazy='joined')


class Course(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    teacher_id = db.Column(db.Integer, db.ForeignKey('teacher.id'))
    teacher = db.relationship('Teacher', back_populates='courses', lazy='joined')


db.create_all()
t = Teacher(name='王老师')
db.session.add_all([Course(title='物理', teacher=t), Course(title='化学', teacher=t)])
db.session.commit()
db.session.expunge_all()

# 多对一：不包子查询
c = Course.query.filter_by(title='物理').first()
print(c.title, c.teacher.name)
db.session.expunge_all()

# 一对多集合：LIMIT 时包成 anon_1
first = Teacher.query.first()
print(first.name, sorted(x.title for x in first.courses))
db.session.expunge_all()

# 集合 + DISTINCT
print([x.name for x in Teacher.query.distinct().all()])
db.session.expunge_all()
print(db.session.execute(db.select(Course).limit(1)).unique().scalars().all())
