# A common mistake: cascade="all, delete-orphan" put on the many-to-one
# side. SQLAlchemy refuses it when the mappers are configured.
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"))
    author = db.relationship("Author", backref="books", cascade="all, delete-orphan")


try:
    db.create_all()
    book = Book(title="Dune")
    print("configured")
except Exception as error:
    print(type(error).__name__)
    print(error)
