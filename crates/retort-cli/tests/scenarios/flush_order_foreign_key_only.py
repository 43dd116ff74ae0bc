# 只有外键、没有 relationship 的两个模型：flush 不按外键排序，按类名
class Zoo(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))

class Animal(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    zoo_id = db.Column(db.Integer, db.ForeignKey('zoo.id'))

db.create_all()
db.session.add_all([Zoo(id=1, name='z'), Animal(zoo_id=1)])
db.session.commit()
db.session.delete(Zoo.query.get(1))
db.session.delete(Animal.query.get(1))
db.session.commit()
