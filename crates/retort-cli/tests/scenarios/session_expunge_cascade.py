# expunge 会沿着 cascade='all' 的关系把已加载的子对象一起移出会话
class Folder(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    files = db.relationship('File', backref='folder', cascade='all, delete-orphan')
    tags = db.relationship('Tag')


class File(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    folder_id = db.Column(db.Integer, db.ForeignKey('folder.id'))


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    folder_id = db.Column(db.Integer, db.ForeignKey('folder.id'))


db.create_all()
f = Folder(files=[File(), File()], tags=[Tag()])
g = Folder(files=[File()])
db.session.add_all([f, g])
db.session.commit()
child, tag = f.files[0], f.tags[0]
db.session.expunge(f)
print(f in db.session, child in db.session, tag in db.session)
db.session.expunge(g)
print(g in db.session, File.query.count())
print([x in db.session for x in File.query.order_by(File.id)])
