# The naming convention Flask-Migrate tutorials set up so that every
# constraint has a name (SQLite's batch migrations need them).
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, CheckConstraint, UniqueConstraint, Index
from sqlalchemy.schema import CreateTable

convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = SQLAlchemy(app, metadata=MetaData(naming_convention=convention))


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(40), unique=True, nullable=False)
    email = db.Column(db.String(120), index=True)


class Post(db.Model):
    __table_args__ = (
        UniqueConstraint("user_id", "slug"),
        CheckConstraint("length(title) > 2", name="title_length"),
        Index("post_by_title", "title"),
    )
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    slug = db.Column(db.String(80))
    score = db.Column(db.Integer, db.CheckConstraint("score >= 0", name="score_positive"))
    user_id = db.Column(db.Integer, db.ForeignKey("user.id", ondelete="CASCADE"))


with app.app_context():
    print(db.metadata.naming_convention["fk"])
    print(CreateTable(Post.__table__))
    db.create_all()
    db.session.add(User(username="ann"))
    db.session.commit()
    post = Post(title="hi", user_id=1)
    db.session.add(post)
    try:
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        print(type(error).__name__, str(error.orig))
    rows = db.session.execute(db.text("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")).all()
    print(rows)

    tag = db.Table("tag", db.Column("id", db.Integer, primary_key=True), db.Column("n", db.Integer), CheckConstraint("n > 0"))
    try:
        tag.create(db.engine)
    except Exception as error:
        print(type(error).__name__, error)
