# func.COUNT / func.Max：SQLAlchemy 的通用函数不分大小写地识别并以小写输出，其它函数名原样输出
from sqlalchemy import func, select
class Score(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    points = db.Column(db.Integer)

db.create_all()
db.session.add_all([Score(points=3), Score(points=5)])
db.session.commit()
print(db.session.query(func.COUNT(Score.id), func.Max(Score.points), func.SUM(Score.points), func.AVG(Score.points)).one())
print(select(func.COUNT(Score.id), func.Coalesce(Score.points, 0), func.AVG(Score.points), func.UPPER('a')))
print(db.session.scalar(select(func.Count()).select_from(Score)))
