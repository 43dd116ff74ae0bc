# inspect() of an engine made with create_engine(), as SQLAlchemy's own
# tutorial reads the database's tables and columns.
from sqlalchemy import create_engine, inspect, MetaData, Table, Column, Integer, String

engine = create_engine("sqlite://")
meta = MetaData()
Table("books", meta, Column("id", Integer, primary_key=True), Column("title", String(40), nullable=False))
meta.create_all(engine)
inspector = inspect(engine)
print(inspector.get_table_names())
print([(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns("books")])
print(inspector.get_pk_constraint("books")["constrained_columns"])
