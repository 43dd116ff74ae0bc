import enum

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_migrate import Migrate

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///data.db"
db = SQLAlchemy(app)
migrate = Migrate(app, db)


class Mood(enum.Enum):
    happy = "happy"
    sad = "sad"


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), unique=True, index=True)


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Unicode(100), nullable=False)
    price = db.Column(db.Numeric(10, 2))
    rating = db.Column(db.Float)
    in_stock = db.Column(db.Boolean, default=True)
    published = db.Column(db.Date)
    added_at = db.Column(db.DateTime)
    mood = db.Column(db.Enum(Mood))
    extra = db.Column(db.JSON)
    cover = db.Column(db.LargeBinary)
    pages = db.Column(db.SmallInteger)
    isbn = db.Column(db.BigInteger, unique=True)
    summary = db.Column(db.Text)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id", ondelete="CASCADE"), nullable=False)
