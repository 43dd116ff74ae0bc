# Plain SQLAlchemy as tutorials teach it: create_engine, declarative_base, sessionmaker, Session(engine), text()
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, select, text
from sqlalchemy.orm import declarative_base, sessionmaker, relationship, Session

engine = create_engine('sqlite:///:memory:', echo=False)
Base = declarative_base()

class Customer(Base):
    __tablename__ = 'customers'
    id = Column(Integer, primary_key=True)
    name = Column(String)
    orders = relationship('Order', back_populates='customer', cascade='all, delete-orphan')
    def __repr__(self):
        return f"Customer(id={self.id!r}, name={self.name!r})"

class Order(Base):
    __tablename__ = 'orders'
    id = Column(Integer, primary_key=True)
    total = Column(Integer)
    customer_id = Column(Integer, ForeignKey('customers.id'))
    customer = relationship('Customer', back_populates='orders')

Base.metadata.create_all(engine)
Session_ = sessionmaker(bind=engine)
session = Session_()
c = Customer(name='Ann', orders=[Order(total=10), Order(total=25)])
session.add(c)
session.commit()
print(session.query(Customer).filter(Customer.name.like('A%')).one())
c.orders.pop(0)
session.commit()
with Session(engine) as s2:
    cust = s2.execute(select(Customer).where(Customer.id == 1)).scalar_one()
    print(cust, len(cust.orders))
    print(s2.execute(text("SELECT id, total FROM orders")).fetchall())
    print(s2.execute(text("SELECT * FROM customers WHERE id = :i"), {"i": 1}).mappings().all())
    try:
        s2.execute("SELECT 1")
    except Exception as e:
        print(type(e).__name__, e)
session.close()
