# joinedload() and lazy="joined" on a many-to-many: the collection comes
# in the same SELECT, joined through the association table, and a 2.0
# result needs unique().
from sqlalchemy import select
from sqlalchemy.orm import joinedload

enroll = db.Table(
    "enroll",
    db.Column("student_id", db.Integer, db.ForeignKey("student.id"), primary_key=True),
    db.Column("club_id", db.Integer, db.ForeignKey("club.id"), primary_key=True),
)


class Student(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    clubs = db.relationship("Club", secondary=enroll, order_by="Club.name")


class Club(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    members = db.relationship("Student", secondary=enroll, lazy="joined", viewonly=True)


db.create_all()
chess, drama = Club(name="chess"), Club(name="drama")
db.session.add_all([Student(name="ann", clubs=[drama, chess]), Student(name="bo", clubs=[chess]), Student(name="cy")])
db.session.commit()

students = Student.query.options(joinedload(Student.clubs)).order_by(Student.id).all()
print([(s.name, [c.name for c in s.clubs]) for s in students])
try:
    db.session.execute(select(Student).options(joinedload(Student.clubs))).scalars().all()
except Exception as error:
    print(type(error).__name__, error)
db.session.expire_all()
rows = db.session.execute(select(Student).options(joinedload(Student.clubs)).where(Student.name != "cy")).unique().scalars().all()
print([(s.name, len(s.clubs)) for s in rows])
db.session.expire_all()
club = db.session.scalars(select(Club).where(Club.name == "chess")).unique().one()
print(sorted(m.name for m in club.members))
