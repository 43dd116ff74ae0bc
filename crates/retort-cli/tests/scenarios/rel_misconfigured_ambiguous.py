# 关系配置错误：两个外键指向同一张表
class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    sent = db.relationship('Message')


class Message(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    sender_id = db.Column(db.Integer, db.ForeignKey('person.id'))
    receiver_id = db.Column(db.Integer, db.ForeignKey('person.id'))


db.create_all()
print(Person.query.all())
