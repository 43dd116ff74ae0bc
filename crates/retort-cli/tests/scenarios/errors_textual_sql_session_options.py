# 老教程里的写法：filter 里直接写字符串 SQL；session_options 关掉 expire_on_commit / autoflush
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text
from sqlalchemy.exc import ArgumentError, ObjectNotExecutableError, SQLAlchemyError

app = Flask(__name__)
db = SQLAlchemy(app, session_options={'expire_on_commit': False, 'autoflush': False})


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))
    year = db.Column(db.Integer)


with app.app_context():
    db.create_all()
    b = Book(title='Dune', year=1965)
    db.session.add(b)
    print(Book.query.count())
    db.session.commit()
    print(b.title, Book.query.count())
    for attempt in [
        lambda: Book.query.filter("year > 1960").all(),
        lambda: db.session.execute(db.select(Book).where("year > 1960 and title like '%D%'")),
        lambda: Book.query.filter(db.or_("year = 1", Book.id == 1)).all(),
    ]:
        try:
            attempt()
        except ArgumentError as e:
            print(type(e).__name__, isinstance(e, SQLAlchemyError), e)
    print(Book.query.filter(text('year > 1960')).all()[0].title)
    db.session.commit()
    with db.engine.connect() as conn:
        try:
            conn.execute('SELECT count(*) FROM book')
        except ObjectNotExecutableError as e:
            print(type(e).__name__, isinstance(e, ArgumentError), e)
        print(conn.execute(text('SELECT count(*) FROM book')).scalar())
    Book.query.filter("title = 'Dune'").first()
