# SQLAlchemy 2.0's Annotated column types (intpk, str50), Mapped[Enum],
# Mapped[timedelta], insert_default and the MappedAnnotationError of Mapped[dict].
import enum
import datetime
from typing import Annotated, Optional
from sqlalchemy import String, ForeignKey, func
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.schema import CreateTable

intpk = Annotated[int, mapped_column(primary_key=True)]
str50 = Annotated[str, mapped_column(String(50))]
created = Annotated[datetime.datetime, mapped_column(server_default=func.CURRENT_TIMESTAMP())]
required_name = Annotated[str, mapped_column(String(30), nullable=False)]


class Status(enum.Enum):
    DRAFT = 'draft'
    PUBLISHED = 'published'


class Author(db.Model):
    id: Mapped[intpk]
    name: Mapped[str50]
    nick: Mapped[Optional[str50]]
    title: Mapped[required_name] = mapped_column(String(60))


class Article(db.Model):
    id: Mapped[intpk]
    author_id: Mapped[int] = mapped_column(ForeignKey('author.id'))
    status: Mapped[Status] = mapped_column(default=Status.DRAFT)
    reading_time: Mapped[datetime.timedelta]
    votes: Mapped[int] = mapped_column(insert_default=0)


print(CreateTable(Author.__table__))
print(CreateTable(Article.__table__))
status_type = Article.__table__.c.status.type
print(repr(status_type), status_type.enums, status_type.name, status_type.length)
print(Author.__table__.c.name.type.length, Article.__table__.c.reading_time.type)
try:
    class Profile(db.Model):
        id: Mapped[intpk]
        settings: Mapped[dict]
except Exception as e:
    print(type(e).__name__, e)
db.create_all()
a = Author(name='Lu Xun', title='Writer')
db.session.add(a)
db.session.flush()
art = Article(author_id=a.id, reading_time=datetime.timedelta(minutes=7))
db.session.add(art)
db.session.commit()
db.session.expire_all()
art = db.session.get(Article, 1)
print(art.status, art.votes, repr(art.reading_time))
print(db.session.execute(db.text('SELECT status, reading_time FROM article')).all())
print(Article.query.filter_by(status=Status.DRAFT).count())
