# Printing a model's table, columns and primary key, as learners do to see
# what SQLAlchemy built from their class.
import sqlalchemy as sa
from sqlalchemy.orm import Session


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False, unique=True)


class Book(db.Model):
    __tablename__ = "books"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False, default="untitled")
    price = db.Column(db.Numeric(6, 2), default=0)
    in_stock = db.Column(db.Boolean, default=False)
    author_id = db.Column("writer", db.Integer, db.ForeignKey("author.id"))


print(Book.__table__)
print(repr(Book.__table__))
print(Book.__table__.c.title)
print(repr(Book.__table__.c.title))
print(list(Author.__table__.columns))
print(Book.__table__.primary_key)
print(Book.__table__.c.writer.__repr__())
print("title" in Book.__table__.c, "nope" in Book.__table__.columns)
try:
    print(Book.__table__.c.price in Book.__table__.c)
except Exception as error:
    print(type(error).__name__, error)
for column in Book.__table__.columns:
    print(column.name, column.type, column.nullable, repr(column.type))
print(Book.__name__, Session.__name__, sa.Integer.__name__, db.String.__name__)
print(type(Book.query).__name__, type(db.session).__name__)

db.create_all()
try:
    db.session.add(Author())
    db.session.commit()
except Exception as error:
    print(type(error).__name__, error.__class__.__name__, type(error.orig).__name__)
    db.session.rollback()
