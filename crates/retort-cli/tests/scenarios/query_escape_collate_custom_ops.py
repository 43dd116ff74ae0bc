# Operators beyond the basics: like(escape=), contains/startswith with
# autoescape=True (a literal % or _ in the search text), collate('NOCASE')
# for case-insensitive sorting and comparing, and custom operators with op().
from sqlalchemy import select, func


class Ticket(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    subject = db.Column(db.String(80))
    points = db.Column(db.Integer)


db.create_all()
db.session.add_all([
    Ticket(subject='100% done', points=5), Ticket(subject='1000 done', points=8),
    Ticket(subject='fix user_name bug', points=3), Ticket(subject='Fix username', points=2),
    Ticket(subject='alpha', points=13),
])
db.session.commit()

print(Ticket.query.filter(Ticket.subject.like('100/%%', escape='/')).count())
print(Ticket.query.filter(Ticket.subject.like('100!%%', '!')).count())
print(select(Ticket.id).where(Ticket.subject.contains('%', autoescape=True)))
print(db.session.scalars(select(Ticket.id).where(Ticket.subject.contains('%', autoescape=True))).all())
print(db.session.scalars(select(Ticket.id).where(Ticket.subject.contains('user_name', autoescape=True))).all())
print(db.session.scalars(select(Ticket.id).where(Ticket.subject.contains('user_name'))).all())
print(db.session.scalars(select(Ticket.id).where(Ticket.subject.startswith('100%', autoescape=True))).all())
print([t.subject for t in Ticket.query.order_by(Ticket.subject.collate('NOCASE'))])
print([t.subject for t in Ticket.query.order_by(Ticket.subject.collate('NOCASE').desc()).limit(2)])
print(Ticket.query.filter(Ticket.subject.collate('NOCASE') == 'ALPHA').count())
print(select(Ticket.id).where(Ticket.subject.collate('nocase') == 'x'))
print(Ticket.query.filter(Ticket.points.op('%')(2) == 0).count())
print(db.session.scalars(select(Ticket.id).where(Ticket.points.op('&')(1) == 1).order_by(Ticket.id)).all())
print(select(Ticket.points.op('%')(3).label('r')).where(Ticket.id.op('>', precedence=5)(2)))
print(db.session.execute(select(Ticket.id, Ticket.points.op('*')(10)).order_by(Ticket.id.desc()).limit(2)).all())
