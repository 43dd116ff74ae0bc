# sessionmaker(engine, expire_on_commit=False), a Session event, text() results, sessionmaker.begin(), execute(5)
from sqlalchemy import create_engine, Column, Integer, String, select, text, event
from sqlalchemy.orm import declarative_base, sessionmaker, Session
from sqlalchemy.exc import IntegrityError

engine = create_engine("sqlite://")
Base = declarative_base()

class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    name = Column(String(20), unique=True, nullable=False)

Base.metadata.create_all(engine)
calls = []
@event.listens_for(Session, "after_commit")
def after_commit(session):
    calls.append("commit")

SessionLocal = sessionmaker(engine, expire_on_commit=False)
with SessionLocal() as session:
    session.add_all([Item(name="a"), Item(name="b")])
    session.commit()
    first = session.execute(select(Item).order_by(Item.id)).scalars().first()
    print(first.name, first.id)
    print(session.execute(text("SELECT count(*) FROM items")).scalar())
    print(session.execute(text("SELECT name FROM items ORDER BY id")).first())
    print(session.execute(text("SELECT name FROM items ORDER BY id")).all())
    session.add(Item(name="a"))
    try:
        session.commit()
    except IntegrityError as e:
        print(type(e).__name__)
        session.rollback()
print(calls)
with SessionLocal.begin() as session:
    session.add(Item(name="c"))
with Session(engine) as s:
    print(s.scalars(select(Item.name)).all())
    s.execute(5)
