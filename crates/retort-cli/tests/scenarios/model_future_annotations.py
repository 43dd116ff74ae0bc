# PEP 563: every annotation is a string, which SQLAlchemy's declarative scan
# evaluates; a relationship's names a class defined further down.
from __future__ import annotations

from datetime import datetime
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Timestamped:
    created: Mapped[Optional[datetime]]


class User(Timestamped, Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    nickname: Mapped[Optional[str]]
    addresses: Mapped[List[Address]] = relationship(back_populates="user")

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r}, nickname={self.nickname!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
print(User.__annotations__["nickname"])
with Session(engine) as session:
    user = User(name="spongebob", addresses=[Address(email="sb@example.com")])
    session.add(user)
    session.commit()
    print(user.addresses[0].email, user.addresses[0].user)
    print(session.scalars(select(Address)).one().user.nickname)
    session.add(User(nickname="x"))
    session.commit()
