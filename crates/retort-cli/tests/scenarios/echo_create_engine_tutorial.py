# echo=True：SQLAlchemy 把每条 SQL 和参数打印到标准输出（官方教程的写法）
from sqlalchemy import create_engine, String, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session

engine = create_engine("sqlite://", echo=True)

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))

Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(name="spongebob"), User(name="sandy")])
    session.commit()
    print("committed")
    for u in session.scalars(select(User).where(User.name.in_(["sandy"]))):
        print(u.name)
with engine.connect() as conn:
    result = conn.execute(text("select 'hello world'"))
    print(result.all())
    conn.execute(text("CREATE TABLE some_table (x int, y int)"))
    conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), [{"x": 1, "y": 1}, {"x": 2, "y": 4}])
    conn.commit()
