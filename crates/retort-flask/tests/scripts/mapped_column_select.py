from typing import Optional
from sqlalchemy.orm import Mapped, mapped_column


class City(db.Model):
    __tablename__ = 'cities'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(30), unique=True)
    population: Mapped[Optional[int]]
    note: Mapped[Optional[str]] = mapped_column(db.Text, default='-')


db.create_all()
db.session.add_all([City(name='北京', population=2189), City(name='上海', population=2487),
                    City(name='广州')])
db.session.commit()
rows = db.session.execute(select(City.name, City.population).where(City.population != None)
                          .order_by(City.population.desc())).all()
print(rows)
print(rows[0].name, rows[1][1])
print(db.session.scalars(select(City).where(City.name.in_(['北京', '广州']))).all()[1].note)
print(db.session.execute(select(func.count(City.id))).scalar())
print(City.query.filter(City.name.startswith('北') | City.population.is_(None)).count())
big = db.session.query(City.name, City.population).filter(City.population > 2200).one()
print(big, big.population)
print(select(City.name).where(City.id.between(1, 2)))
print(City.query.filter(City.name.like('%州')).order_by(City.id))
