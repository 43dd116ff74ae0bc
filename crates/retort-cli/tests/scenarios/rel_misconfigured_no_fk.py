# 关系配置错误：两张表之间没有外键
class Owner(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    pets = db.relationship('Pet')


class Pet(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer)


db.create_all()
Owner()
