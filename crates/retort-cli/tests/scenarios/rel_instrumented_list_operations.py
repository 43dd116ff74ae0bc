# 关系集合当普通 list 用：排序、切片赋值、del、+=
class Playlist(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    songs = db.relationship('Song', backref='playlist', cascade='all, delete-orphan')


class Song(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    plays = db.Column(db.Integer, default=0)
    playlist_id = db.Column(db.Integer, db.ForeignKey('playlist.id'))

    def __repr__(self):
        return f'<Song {self.title}>'


db.create_all()
pl = Playlist(songs=[Song(title='b', plays=5), Song(title='a', plays=9), Song(title='c', plays=1)])
db.session.add(pl)
db.session.commit()
print(isinstance(pl.songs, list), len(pl.songs))
pl.songs.sort(key=lambda s: s.plays, reverse=True)
print(pl.songs)
pl.songs.reverse()
print([s.title for s in pl.songs], db.session.dirty)
pl.songs[0] = Song(title='d')
del pl.songs[-1]
pl.songs += [Song(title='e')]
print(pl.songs, pl.songs + [None], 2 * pl.songs[:1])
db.session.commit()
print(sorted(s.title for s in Song.query.all()), Song.query.count())
pl.songs[1:] = []
db.session.commit()
print(Song.query.count(), pl.songs)
