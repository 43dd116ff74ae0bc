# SQLAlchemy Core 教程：MetaData、Table、insert()/select()/update()/delete() 通过连接执行
from sqlalchemy import create_engine, MetaData, Table, Column, Integer, String, ForeignKey, insert, select, update, delete, text

engine = create_engine("sqlite+pysqlite:///:memory:")
metadata_obj = MetaData()
user_table = Table(
    "user_account",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("name", String(30)),
    Column("fullname", String),
)
address_table = Table(
    "address",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("user_account.id"), nullable=False),
    Column("email_address", String, nullable=False),
)
metadata_obj.create_all(engine)
print(user_table.c.keys())
stmt = insert(user_table).values(name="spongebob", fullname="Spongebob Squarepants")
print(stmt)
with engine.connect() as conn:
    result = conn.execute(stmt)
    print(result.inserted_primary_key)
    conn.execute(insert(user_table), [{"name": "sandy", "fullname": "Sandy Cheeks"}, {"name": "patrick", "fullname": "Patrick Star"}])
    conn.commit()
stmt = select(user_table).where(user_table.c.name == "spongebob")
print(stmt)
with engine.connect() as conn:
    for row in conn.execute(stmt):
        print(row)
    print(conn.execute(select(user_table.c.name, user_table.c.fullname).order_by(user_table.c.id)).all())
    r = conn.execute(update(user_table).where(user_table.c.name == "patrick").values(fullname="Patrick the Star"))
    print(r.rowcount)
    r = conn.execute(delete(user_table).where(user_table.c.name == "sandy"))
    print(r.rowcount)
    print(conn.execute(select(address_table)).all())
    conn.commit()
