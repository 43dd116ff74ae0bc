# 属性事件：retval=True 修改写入的值；named=True 用关键字参数
class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


@db.event.listens_for(Tag.name, 'set', retval=True)
def lower_name(target, value, oldvalue, initiator):
    print('old:', oldvalue)
    return value.lower()


@db.event.listens_for(Tag.name, 'set', named=True)
def show(**kw):
    print('named:', kw['value'], sorted(kw))


db.create_all()
t = Tag(name='Python')
db.session.add(t)
db.session.commit()
t.name = 'FLASK'
db.session.commit()
print(Tag.query.first().name)
