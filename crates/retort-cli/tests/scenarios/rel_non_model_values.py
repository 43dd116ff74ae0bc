# Putting something that is not a model instance into a relationship: a
# name instead of the object, an id instead of the object. SQLAlchemy's
# attribute events look for the value's _sa_instance_state first.
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)
    books = db.relationship("Book", backref="author")
    notes = db.relationship("Note")


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"))


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"))


with app.app_context():
    db.create_all()
    ann = Author(name="Ann")
    db.session.add(ann)
    db.session.commit()
    attempts = [
        ("book.author = 'Ann'", lambda: setattr(Book(title="Dune"), "author", "Ann")),
        ("books.append('Dune')", lambda: ann.books.append("Dune")),
        ("books.append(1)", lambda: ann.books.append(1)),
        ("books.append(Book)", lambda: ann.books.append(Book)),
        ("books = ['Dune']", lambda: setattr(ann, "books", ["Dune"])),
        ("books.insert(0, 'x')", lambda: ann.books.insert(0, "x")),
        ("books.extend(['x'])", lambda: ann.books.extend(["x"])),
    ]
    for label, attempt in attempts:
        try:
            attempt()
            print(label, "-> accepted")
        except AttributeError as e:
            print(label, "->", e)
    print(ann.books, ann.notes, db.session.new)
    ann.books.append(Book(title="Emma"))
    db.session.commit()
    print([b.title for b in ann.books])
    ann.books.append(ann.name)
