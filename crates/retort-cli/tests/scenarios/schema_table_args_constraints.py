from sqlalchemy import UniqueConstraint, CheckConstraint, Index, PrimaryKeyConstraint
from sqlalchemy.schema import CreateTable


class Enrollment(db.Model):
    __tablename__ = 'enrollments'
    student_id = db.Column(db.Integer)
    course_id = db.Column(db.Integer)
    grade = db.Column(db.Integer)
    note = db.Column(db.String(20), unique=True)

    __table_args__ = (
        PrimaryKeyConstraint('student_id', 'course_id', name='pk_enroll'),
        CheckConstraint('grade >= 0 AND grade <= 100', name='ck_grade'),
        UniqueConstraint('course_id', 'grade'),
        Index('ix_enroll_grade', 'grade'),
        {'sqlite_autoincrement': False},
    )


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(20))
    slug = db.Column(db.String(20))
    __table_args__ = {'sqlite_autoincrement': True}


Index('ix_tag_label_slug', Tag.label, Tag.slug, unique=True)

links = db.Table('links',
    db.Column('a', db.Integer, db.ForeignKey('tag.id')),
    db.Column('b', db.Integer, db.ForeignKey('tag.id')),
    db.UniqueConstraint('a', 'b', name='uq_links'),
)

print(CreateTable(Enrollment.__table__))
print(CreateTable(Tag.__table__))
db.create_all()
db.session.add(Enrollment(student_id=1, course_id=1, grade=90))
db.session.commit()
for bad in [dict(student_id=1, course_id=1, grade=50), dict(student_id=2, course_id=1, grade=90), dict(student_id=3, course_id=1, grade=101)]:
    try:
        db.session.add(Enrollment(**bad))
        db.session.commit()
    except Exception as e:
        print(type(e).__name__, e.orig)
        db.session.rollback()
db.session.add_all([Tag(label='x', slug='y'), Tag(label='x', slug='y')])
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__, e.orig)
    db.session.rollback()
print(sorted(db.metadata.tables))
