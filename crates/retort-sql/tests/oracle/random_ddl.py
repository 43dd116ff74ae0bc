# Differential fixture for retort-sql's DDL: random tables (types, NOT NULL,
# unique, index, foreign keys with ON DELETE, server defaults, composite
# primary keys, check and unique constraints), recorded with SQLAlchemy as
# CREATE TABLE / CREATE INDEX for SQLite and the default dialect, plus
# MetaData.sorted_tables. The table is also described in retort-sql's serde
# form, built the way `Table::new` builds it.
#   /tmp/oracle-venv/bin/python random_ddl.py > random_ddl.json
# Checked by `tests/random_ddl.rs`.
import json
import random

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Column, Date, DateTime, Enum, Float, ForeignKey,
                        Integer, Interval, LargeBinary, MetaData, Numeric, PickleType, SmallInteger, String, Table,
                        Text, Time, UniqueConstraint, text)
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

rng = random.Random(5)
d = sqlite.dialect()

TYPES = [
    (lambda: Integer(), "Integer"), (lambda: BigInteger(), "BigInteger"), (lambda: SmallInteger(), "SmallInteger"),
    (lambda: String(20), {"String": 20}), (lambda: String(), {"String": None}), (lambda: Text(), "Text"),
    (lambda: Float(), {"Float": None}), (lambda: Numeric(10, 2), {"Numeric": [10, 2]}), (lambda: Boolean(), "Boolean"),
    (lambda: Date(), "Date"), (lambda: DateTime(), "DateTime"), (lambda: Time(), "Time"),
    (lambda: Interval(), "Interval"), (lambda: LargeBinary(), "LargeBinary"), (lambda: PickleType(), "PickleType"),
    (lambda: Enum('low', 'medium', 'hi', name='level'),
     {"Enum": {"members": ["low", "medium", "hi"], "length": None, "name": "level"}}),
]
NAMES = ['title', 'order', 'user', 'count', 'value', 'Mixed', 'note', 'group']


def main():
    cases = []
    for i in range(120):
        m = MetaData()
        parent = Table('parent', m, Column('id', Integer, primary_key=True))
        cols, col_trees = [], []
        composite = rng.random() < 0.2
        cols.append(Column('id', Integer, primary_key=True))
        col_trees.append({"name": "id", "type": "Integer", "primary_key": True, "nullable": False})
        if composite:
            cols.append(Column('k2', Integer, primary_key=True))
            col_trees.append({"name": "k2", "type": "Integer", "primary_key": True, "nullable": False})
        for name in rng.sample(NAMES, rng.randint(1, 4)):
            make, type_tree = rng.choice(TYPES)
            kw, tree = {}, {"name": name, "type": type_tree, "primary_key": False, "nullable": True}
            if rng.random() < 0.3:
                kw['nullable'] = False
                tree['nullable'] = False
            if rng.random() < 0.25:
                kw['unique'] = True
                tree['unique'] = True
            if rng.random() < 0.25:
                kw['index'] = True
                tree['index'] = True
            if rng.random() < 0.2:
                if rng.random() < 0.5:
                    kw['server_default'] = '0'
                    tree['server_default'] = {"Literal": "0"}
                else:
                    kw['server_default'] = text('CURRENT_TIMESTAMP')
                    tree['server_default'] = {"Sql": "CURRENT_TIMESTAMP"}
            args = []
            if rng.random() < 0.2:
                ondelete = rng.choice([None, 'CASCADE', 'SET NULL'])
                args.append(ForeignKey('parent.id', ondelete=ondelete))
                tree['fk'] = {"table": "parent", "column": "id", "ondelete": ondelete, "onupdate": None}
                type_tree = "Integer"
                make = Integer
                tree['type'] = "Integer"
            cols.append(Column(name, make(), *args, **kw))
            col_trees.append(tree)
        extra, extra_trees = [], []
        if rng.random() < 0.2:
            extra.append(CheckConstraint('id > 0', name='ck_pos' if rng.random() < 0.5 else None))
            extra_trees.append({"Check": {"name": extra[-1].name, "sql": "id > 0"}})
        if rng.random() < 0.2 and len(col_trees) > 2:
            names = [col_trees[-1]["name"], col_trees[-2]["name"]]
            uq_name = 'uq_pair' if rng.random() < 0.5 else None
            extra.append(UniqueConstraint(*names, name=uq_name))
            extra_trees.append({"Unique": {"name": uq_name, "columns": names}})
        name = rng.choice(['item', 'order', 'user', 'Thing'])
        table = Table(name, m, *cols, *extra)
        indexes = sorted(table.indexes, key=lambda ix: ix.name)
        cases.append({
            "table": {"name": name, "columns": col_trees, "extra": extra_trees},
            "sqlite": str(CreateTable(table).compile(dialect=d)),
            "default": str(CreateTable(table)),
            "indexes": [str(CreateIndex(ix).compile(dialect=d)) for ix in indexes],
            "sorted_tables": [t.name for t in m.sorted_tables],
        })
    print("[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in cases) + "\n]")


main()
