class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20), unique=True)


db.create_all()
def attempt(label, fn):
    try:
        result = fn()
        print(label, 'ok', result)
    except Exception as e:
        print(label, type(e).__name__, str(e).split('\n')[0])


attempt('filter kw', lambda: User.query.filter(name='x').all())
attempt('filter_by expr', lambda: User.query.filter_by(User.name == 'x').all())
attempt('add list', lambda: db.session.add([User(name='a')]))
attempt('bad kw', lambda: User(nmae='x'))
attempt('get none', lambda: User.query.get(5))
attempt('one none', lambda: User.query.filter_by(name='zz').one())
db.session.add(User(name='a'))
db.session.commit()
db.session.add(User(name='a'))
attempt('dup', lambda: db.session.commit())
attempt('after fail', lambda: User.query.all())
db.session.rollback()
attempt('after rollback', lambda: [u.name for u in User.query.all()])
attempt('first_or_404', lambda: User.query.filter_by(name='q').first_or_404())
attempt('bad column', lambda: User.query.order_by(User.age).all())
attempt('str compare', lambda: User.query.filter(User.id > 'x').all())
attempt('len query', lambda: len(User.query))
attempt('count', lambda: User.query.count())
attempt('index', lambda: User.query.all()[5])
attempt('attr', lambda: User.query.first().email)
