# 学生、课程（多对多）与老师（多对一）一起 flush：SQLAlchemy 按单元工作的动作排序（多对多两边的保存排在老师之后）
enrollments = db.Table('enrollments',
    db.Column('student_id', db.Integer, db.ForeignKey('student.id')),
    db.Column('course_id', db.Integer, db.ForeignKey('course.id')))

class Student(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    courses = db.relationship('Course', secondary=enrollments, backref='students')

class Course(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    teacher_id = db.Column(db.Integer, db.ForeignKey('teacher.id'))
    teacher = db.relationship('Teacher', backref='courses')

class Teacher(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))

db.create_all()
t = Teacher(name='Ms Li')
c1 = Course(title='Math', teacher=t)
c2 = Course(title='Art', teacher=t)
s1 = Student(name='Ann', courses=[c1, c2])
s2 = Student(name='Bo')
s2.courses.append(c2)
db.session.add_all([s1, s2])
db.session.commit()
print([(s.name, sorted(c.title for c in s.courses)) for s in Student.query.order_by(Student.id)])
print([(c.title, sorted(s.name for s in c.students)) for c in Course.query.order_by(Course.id)])
s1.courses.remove(c1)
c2.students.remove(s2)
s2.courses.append(c1)
db.session.delete(t)
db.session.commit()
print(db.session.execute(db.select(enrollments).order_by(enrollments.c.student_id, enrollments.c.course_id)).all())
print([(c.title, c.teacher_id) for c in Course.query.order_by(Course.id)])
db.session.delete(c2)
db.session.commit()
print(db.session.execute(db.select(enrollments)).all(), s1.courses)
