# Selecting a condition as a column ("is this post published?") and bulk
# inserts into a table whose created column defaults to func.now().
from sqlalchemy import func, insert


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80))
    stamped = db.Column(db.DateTime, default=func.now())
    views = db.Column(db.Integer, default=5)


with app.app_context():
    db.create_all()
    result = db.session.execute(
        insert(Post).returning(Post.id, Post.views),
        [{"title": "Intro to SQL"}, {"title": "Joins", "views": 7}],
    )
    print(result.all())
    db.session.execute(insert(Post), [{"title": "Indexes"}, {"title": "Views"}])
    db.session.execute(insert(Post).values([{"title": "ORM"}, {"title": None}]))
    db.session.commit()
    rows = db.session.execute(
        db.select(
            Post.title,
            Post.title.like("I%"),
            Post.title.in_(["Joins", "ORM"]),
            Post.views.between(6, 9),
            Post.title.is_(None),
            Post.title.startswith("V"),
            Post.title.contains("o"),
            Post.views.is_distinct_from(5),
            Post.title.icontains("SQL"),
            Post.views.not_in([5]),
            Post.stamped.is_not(None),
        ).order_by(Post.id)
    ).all()
    for row in rows:
        print(row)
    print(db.session.query(Post.title.ilike("j%"), Post.title.endswith("s")).all())
