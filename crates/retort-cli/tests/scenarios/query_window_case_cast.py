# 窗口函数 over()、case()（含 value= 形式）、cast、coalesce、between
# 窗口函数、case、cast、coalesce、between
class Score(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    student = db.Column(db.String(20))
    subject = db.Column(db.String(20))
    points = db.Column(db.Integer)
    bonus = db.Column(db.Integer, nullable=True)


db.create_all()
data = [('张三', '数学', 90, None), ('李四', '数学', 85, 5), ('王五', '数学', 95, None),
        ('张三', '语文', 70, 3), ('李四', '语文', 88, None), ('王五', '语文', 60, 10)]
db.session.add_all([Score(student=s, subject=sub, points=p, bonus=b) for s, sub, p, b in data])
db.session.commit()

rn = func.row_number().over(partition_by=Score.subject, order_by=Score.points.desc()).label('rn')
for row in db.session.query(Score.student, Score.subject, Score.points, rn).all():
    print(row)
rk = func.rank().over(order_by=Score.points.desc())
print(db.session.execute(select(Score.student, rk.label('r')).where(Score.subject == '数学')).all())
grade = case((Score.points >= 90, '优'), (Score.points >= 80, '良'), else_='及格').label('grade')
print(db.session.query(Score.student, grade).filter(Score.subject == '语文').order_by(Score.id).all())
print(db.session.query(Score.student, func.coalesce(Score.bonus, 0)).order_by(Score.id).all())
print(db.session.query(cast(Score.points, db.String)).limit(2).all())
print(db.session.query(Score).filter(Score.points.between(80, 90)).count())
print(db.session.query(func.sum(Score.points).over(partition_by=Score.student)).limit(3).all())
q = db.session.query(Score.subject, func.avg(Score.points).label('avg')).group_by(Score.subject)
for subj, avg in q:
    print(subj, round(avg, 2))
print(db.session.query(Score.student, case({'数学': 'M', '语文': 'C'}, value=Score.subject)).limit(2).all())
print(select(Score.student, case((1, '一'), (2, '二'), value=Score.id, else_='多').label('n')))
print(select(func.row_number().over(order_by=Score.id), func.sum(Score.points).over(partition_by=[Score.student, Score.subject])))
