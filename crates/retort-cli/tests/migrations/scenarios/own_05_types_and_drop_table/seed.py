from app import app, db, Author

with app.app_context():
    db.session.add(Author(name="鲁迅"))
    db.session.commit()
    db.session.execute(db.text(
        "INSERT INTO book (title, price, rating, in_stock, mood, extra, pages, isbn, author_id) "
        "VALUES ('呐喊', 12.5, 4.5, 1, 'sad', '{\"pages\": 200}', 200, 9787020, 1)"))
    db.session.commit()
