# __table_args__ 约束、server_default、Time/Date 列、table.primary_key
from datetime import datetime, timedelta, date, time


class Member(db.Model):
    __tablename__ = 'members'
    __table_args__ = (db.UniqueConstraint('first', 'last', name='uq_name'), db.CheckConstraint('age >= 0', name='ck_age'))
    id = db.Column(db.Integer, primary_key=True)
    first = db.Column(db.String(10))
    last = db.Column(db.String(10))
    age = db.Column(db.Integer, server_default=db.text('18'))
    joined = db.Column(db.DateTime, server_default=db.func.current_timestamp())
    wake = db.Column(db.Time)
    birthday = db.Column(db.Date)
    score = db.Column(db.Float, default=lambda: 1.5)


print(db.CreateTable(Member.__table__) if hasattr(db, 'CreateTable') else CreateTable(Member.__table__))
db.create_all()
m = Member(first='张', last='三', wake=time(7, 30), birthday=date(2000, 2, 29))
db.session.add(m)
db.session.commit()
print(m.age, m.score, m.wake, m.birthday, type(m.joined).__name__)
try:
    db.session.add(Member(first='张', last='三'))
    db.session.commit()
except IntegrityError as e:
    db.session.rollback()
    print('唯一约束:', e.orig)
try:
    db.session.add(Member(first='李', last='四', age=-1))
    db.session.commit()
except IntegrityError as e:
    db.session.rollback()
    print('检查约束:', e.orig)
print(Member.query.filter(Member.birthday < date(2001, 1, 1)).count())
print(Member.query.filter(Member.wake > time(7, 0)).first().first)
cut = datetime(2020, 1, 1) + timedelta(days=1)
print(Member.query.filter(Member.joined > cut).count())
print(Member.__table__.c.keys(), [c.name for c in Member.__table__.primary_key])
print([(c.name, str(c.type), c.nullable) for c in Member.__table__.columns])
print(db.inspect(db.engine).get_unique_constraints('members') if False else '')
print(db.metadata.tables.keys(), sorted(db.metadata.tables))
