# 会话关闭后访问未加载的关系：DetachedInstanceError
class Album(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    songs = db.relationship('Song', backref='album')


class Song(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    album_id = db.Column(db.Integer, db.ForeignKey('album.id'))


db.create_all()
db.session.add(Album(songs=[Song()]))
db.session.commit()
album = Album.query.first()
db.session.expunge(album)
print(album.id)
print(album.songs)
