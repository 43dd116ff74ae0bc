class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    email = db.Column(db.String(120))

    def __repr__(self):
        return f'<User {self.username}>'


db.create_all()

db.session.add(User(username='admin', email='admin@example.com'))
db.session.add(User(username='张三', email='zhangsan@example.com'))
db.session.commit()

print(User.query.all())

admin = User.query.filter_by(username='admin').first()
admin.email = 'root@example.com'
db.session.commit()
print(admin.username, admin.email)
