# The hybrid attributes documentation's Interval example, SQLAlchemy 2.0 style
# (without `from __future__ import annotations`: Retort does not yet read string Mapped annotations)

from sqlalchemy import ColumnElement, Float, create_engine, func, select, type_coerce
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Interval(Base):
    __tablename__ = "interval"

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[int]
    end: Mapped[int]

    def __init__(self, start: int, end: int):
        self.start = start
        self.end = end

    @hybrid_property
    def length(self) -> int:
        return self.end - self.start

    @hybrid_method
    def contains(self, point: int) -> bool:
        return (self.start <= point) & (point <= self.end)

    @hybrid_method
    def intersects(self, other: "Interval") -> bool:
        return self.contains(other.start) | self.contains(other.end)

    @hybrid_property
    def radius(self) -> float:
        return abs(self.length) / 2

    @radius.inplace.expression
    @classmethod
    def _radius_expression(cls) -> ColumnElement[float]:
        return type_coerce(func.abs(cls.length) / 2, Float)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Interval(5, 10), Interval(1, 3), Interval(8, 20)])
    session.commit()
    i = Interval(5, 10)
    print(i.length, i.contains(6), i.contains(11), i.radius)
    print(Interval.length)
    print(Interval.contains(6))
    print(select(Interval).filter(Interval.length > 4))
    print(session.scalars(select(Interval).filter(Interval.length > 4)).all() != [])
    print([x.id for x in session.scalars(select(Interval).filter(Interval.contains(9)))])
    print([x.id for x in session.scalars(select(Interval).where(Interval.intersects(Interval(2, 6))))])
    print(session.execute(select(Interval.id, Interval.radius)).all())
