# 日期时间的常用写法：strftime、isoformat(sep, timespec)、datetime.combine、strptime、timedelta
from datetime import datetime, date, timedelta, timezone, time


class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    when = db.Column(db.DateTime)
    day = db.Column(db.Date)
    at = db.Column(db.Time)


db.create_all()
e = Event(when=datetime(2024, 3, 9, 14, 5, 7, 123456), day=date(2024, 2, 29), at=time(9, 30))
db.session.add(e)
db.session.commit()
print(e.when, e.day, e.at)
print(e.when.strftime('%Y-%m-%d %H:%M:%S'), e.day.strftime('%d/%m/%Y'), e.at.strftime('%H:%M'))
print(e.day.isoformat(), e.when.isoformat(sep=' ', timespec='seconds'), e.day.weekday(), e.day.isoweekday())
print((e.day + timedelta(days=1)).isoformat(), e.when - datetime(2024, 1, 1), (e.when - datetime(2024, 3, 1)).days)
print(datetime.strptime('2024-05-06 07:08', '%Y-%m-%d %H:%M'), date.fromisoformat('2024-01-02'), datetime.fromisoformat('2024-01-02T03:04:05'))
print(e.when.replace(hour=0, minute=0, second=0, microsecond=0), e.when.year, e.when.month, e.when.day)
print(datetime(2024, 1, 1, tzinfo=timezone.utc).isoformat(), datetime.combine(e.day, e.at))
print(timedelta(hours=25, minutes=3).total_seconds(), timedelta(days=1, seconds=5), str(timedelta(minutes=90)))
print(Event.query.filter(Event.day < date(2024, 3, 1)).count(), Event.query.filter(Event.when >= datetime(2024, 3, 9)).count())
print(datetime.combine(date(2024, 5, 1), time(23, 59, 59, 5000)).isoformat(timespec='milliseconds'), e.when.isoformat(timespec='minutes'))
try:
    e.when.isoformat(timespec='days')
except ValueError as err:
    print('ValueError:', err)
