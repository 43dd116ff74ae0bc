# relationship(order_by=...) 的各种写法：类体里的列、列.desc()、逗号字符串、lambda
class Hotel(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    rooms = db.relationship('Room', order_by='Room.floor, Room.number')
    rooms_desc = db.relationship('Room', order_by=lambda: Room.number.desc(), viewonly=True)


class Room(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.Integer)
    floor = db.Column(db.Integer)
    hotel_id = db.Column(db.Integer, db.ForeignKey('hotel.id'))


class Artist(db.Model):
    id = db.Column(db.Integer, primary_key=True)


class Album(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    year = db.Column(db.Integer)
    title = db.Column(db.String(20))
    artist_id = db.Column(db.Integer, db.ForeignKey('artist.id'))
    artist = db.relationship(Artist, backref=db.backref('albums', order_by=year.desc()))


class Node(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(10))
    parent_id = db.Column(db.Integer, db.ForeignKey('node.id'))
    children = db.relationship('Node', order_by=name)


db.create_all()
h = Hotel(rooms=[Room(number=2, floor=1), Room(number=1, floor=2), Room(number=1, floor=1)])
a = Artist(albums=[Album(year=1965, title='x'), Album(year=1969, title='y')])
n = Node(name='r', children=[Node(name='b'), Node(name='a')])
for obj in [h, a, n]:
    db.session.add(obj)
    db.session.commit()
print([(r.floor, r.number) for r in h.rooms])
print([r.number for r in h.rooms_desc])
print([x.year for x in a.albums])
print([c.name for c in n.children])
