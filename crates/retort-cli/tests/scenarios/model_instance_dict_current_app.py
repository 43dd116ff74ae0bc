from flask import current_app


class Student(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    grade = db.Column(db.Integer, default=1)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.note = 'new'

    def to_dict(self):
        return {k: v for k, v in self.__dict__.items() if not k.startswith('_')}


db.create_all()
s = Student(name='Lin')
print(s.to_dict(), '_sa_instance_state' in vars(s))
db.session.add(s)
db.session.commit()
print(s.to_dict())
print(s.name, sorted(s.to_dict().items()))
loaded = db.session.get(Student, 1)
print(sorted(loaded.__dict__.keys()))
print(current_app.name, current_app.config['SQLALCHEMY_DATABASE_URI'])
