# inspect(db.engine) 反射表结构：has_table、get_columns、get_pk_constraint（同一个 inspector 会缓存）
class Post(db.Model):
    __tablename__ = 'posts'
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    body = db.Column(db.Text)
    views = db.Column(db.BigInteger, default=0)
    price = db.Column(db.Float)
    created = db.Column(db.DateTime, server_default=db.func.now())
    day = db.Column(db.Date)
    flag = db.Column(db.Boolean, nullable=False, server_default=db.text('1'))
    data = db.Column(db.LargeBinary)


db.create_all()
insp = inspect(db.engine)
cols = insp.get_columns('posts')
print([c['name'] for c in cols])
print(insp.get_columns('posts') == cols)
for c in cols:
    print(c['name'], c['type'], repr(c['type']), c['default'])
print(insp.get_pk_constraint('posts'))
print(inspect(db.engine).has_table('posts'))
try:
    insp.get_columns('missing')
except Exception as e:
    print(type(e).__name__, e)
