# 把订单行移到另一个购物车（delete-orphan 不应删除）；多对多 contains；一对一的 == None
post_tags = db.Table('post_tags',
    db.Column('post_id', db.Integer, db.ForeignKey('post.id')),
    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id')),
)


class Cart(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    lines = db.relationship('Line', backref='cart', cascade='all, delete-orphan')


class Line(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    cart_id = db.Column(db.Integer, db.ForeignKey('cart.id'))


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    tags = db.relationship('Tag', secondary=post_tags, backref='posts')


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


class Passport(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    person_id = db.Column(db.Integer, db.ForeignKey('person.id'))
    person = db.relationship('Person', backref=db.backref('passport', uselist=False))


db.create_all()
c1 = Cart(lines=[Line(), Line()])
c2 = Cart()
db.session.add_all([c1, c2])
db.session.commit()
c2.lines.append(c1.lines[0])
db.session.commit()
print(Line.query.count(), len(c1.lines), len(c2.lines))
c1.lines.remove(c1.lines[0])
db.session.commit()
print(Line.query.count())

python, web = Tag(name='python'), Tag(name='web')
db.session.add_all([Post(tags=[python, web]), Post(tags=[web]), Post()])
db.session.commit()
print(Post.query.filter(Post.tags.contains(python)).count())
print([p.id for p in Post.query.filter(Post.tags.contains(web)).order_by(Post.id)])
print(Post.query.filter(~Post.tags.contains(web)).count())

p = Passport(person=Person(name='a'))
db.session.add_all([Person(name='b'), p])
db.session.commit()
print(Person.query.filter(Person.passport == None).count())
print([x.name for x in Person.query.filter(Person.passport != None)])
print(Person.query.filter(Person.passport == p).one().name)
