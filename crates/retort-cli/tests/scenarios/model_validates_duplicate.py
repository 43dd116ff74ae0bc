from sqlalchemy.orm import validates


class Thing(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))

    @validates('name')
    def v1(self, key, value):
        return value

    @validates('name')
    def v2(self, key, value):
        return value


db.create_all()
print(Thing(name='x').name)
