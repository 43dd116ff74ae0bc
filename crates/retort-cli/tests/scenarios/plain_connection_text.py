# The 2.0 tutorial's engine.connect() / engine.begin() with text(), executemany, an IntegrityError caught then one uncaught
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

engine = create_engine("sqlite+pysqlite:///:memory:", echo=False)

with engine.connect() as conn:
    result = conn.execute(text("select 'hello world'"))
    print(result.all())

with engine.connect() as conn:
    conn.execute(text("CREATE TABLE some_table (x int PRIMARY KEY, y int)"))
    conn.execute(
        text("INSERT INTO some_table (x, y) VALUES (:x, :y)"),
        [{"x": 1, "y": 1}, {"x": 2, "y": 4}],
    )
    conn.commit()

with engine.begin() as conn:
    conn.execute(
        text("INSERT INTO some_table (x, y) VALUES (:x, :y)"),
        [{"x": 6, "y": 8}, {"x": 9, "y": 10}],
    )

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table"))
    for row in result:
        print(f"x: {row.x}  y: {row.y}")
    result = conn.execute(text("SELECT x, y FROM some_table WHERE y > :y"), {"y": 2})
    for x, y in result:
        print(x, y)
    print(conn.execute(text("SELECT count(*) FROM some_table")).scalar())
    print(conn.execute(text("SELECT x, y FROM some_table ORDER BY x")).first())
    print(conn.execute(text("SELECT x, y FROM some_table WHERE x = :x"), {"x": 9}).mappings().all())

with engine.connect() as conn:
    try:
        conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 1, "y": 99})
    except IntegrityError as e:
        print("IntegrityError:", e.orig)
        conn.rollback()
    conn.execute(text("UPDATE some_table SET y=:y WHERE x=:x"), [{"x": 9, "y": 11}, {"x": 2, "y": 15}])
    conn.commit()
    print(conn.execute(text("SELECT x, y FROM some_table ORDER BY x")).fetchall())

conn = engine.connect()
conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 2, "y": 0})
conn.commit()
