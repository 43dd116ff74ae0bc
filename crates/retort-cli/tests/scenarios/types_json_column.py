class Profile(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    settings = db.Column(db.JSON)
    tags = db.Column(db.JSON, default=list)


db.create_all()
a = Profile(settings={'theme': 'dark', 'sizes': [1, 2.5], 'on': True, 'x': None})
b = Profile()
c = Profile(settings=None)
db.session.add_all([a, b, c])
db.session.commit()
print(a.settings['theme'], a.tags, b.settings, c.settings)
a.settings['theme'] = 'light'
print(a.settings['theme'], a in db.session.dirty)
db.session.commit()
print(Profile.query.get(1).settings)
from sqlalchemy.orm.attributes import flag_modified
a.settings['theme'] = 'blue'
flag_modified(a, 'settings')
db.session.commit()
print(Profile.query.get(1).settings['theme'])
a.settings = {'k': '中文'}
db.session.commit()
print(Profile.query.get(1).settings['k'])
print(Profile.query.filter(Profile.settings.is_(None)).count())
