# Differential fixture for retort-sql's FROM handling: random selects over a
# table, an aliased or plain second table joined to it, and subqueries in
# FROM (including the count wrapper), in both label styles, recorded with
# SQLAlchemy next to the equivalent retort-sql serde tree.
#   /tmp/oracle-venv/bin/python random_from.py > random_from.json
# Checked by `tests/random_from.rs`.
import json
import random

from sqlalchemy import (LABEL_STYLE_TABLENAME_PLUS_COL, Column, ForeignKey, Integer, MetaData, String, Table,
                        exists, func, select)
from sqlalchemy.dialects import sqlite

rng = random.Random(77)
m = MetaData()
t = Table('t', m, Column('id', Integer, primary_key=True), Column('a', Integer), Column('name', String(10)))
c = Table('c', m, Column('id', Integer, primary_key=True), Column('tid', Integer, ForeignKey('t.id')),
          Column('name', String(10)))
d = sqlite.dialect()
T_COLS, C_COLS = ['id', 'a', 'name'], ['id', 'tid', 'name']


def select_tree(columns, froms=(), where=(), order_by=(), limit=None, offset=None, style="DisambiguateOnly"):
    return {"columns": list(columns), "from": list(froms), "where_": list(where), "group_by": [], "having": [],
            "order_by": list(order_by), "limit": limit, "offset": offset, "distinct": False, "label_style": style}


def bind(key, value):
    return {"Bind": {"name": {"Anon": key}, "value": {"Integer": value}}}


def binary(left, op, right):
    return {"Binary": {"left": left, "op": op, "right": right}}


class Source:
    """A selectable with columns: (sqlalchemy selectable, from tree, column tree maker)."""

    def __init__(self, sa, from_tree, source_tree, names):
        self.sa, self.from_tree, self.source_tree, self.names = sa, from_tree, source_tree, names

    def col(self, name):
        return self.sa.c[name], {"Column": {"source": self.source_tree, "name": name}}


def table_source(table, names):
    return Source(table, {"Table": {"name": table.name, "alias": None}}, {"Table": table.name}, names)


def alias_source(table, names, ident):
    alias_name = {"Anon": {"id": ident, "base": table.name}}
    return Source(table.alias(), {"Table": {"name": table.name, "alias": alias_name}},
                  {"TableAlias": {"table": table.name, "alias": alias_name}}, names)


def criterion(sources):
    src = rng.choice(sources)
    col, ct = src.col(rng.choice(src.names))
    if col.type._type_affinity is Integer:
        v = rng.randint(0, 9)
        return col > v, binary(ct, 'Gt', bind(col.key, v))
    return col.is_not(None), binary(ct, 'IsNot', "Null")


def main():
    cases = []
    for i in range(150):
        ts = table_source(t, T_COLS)
        cs = alias_source(c, C_COLS, 1) if rng.random() < 0.5 else table_source(c, C_COLS)
        sources = [ts]
        froms_sa, froms_tree = None, []
        shape = rng.randrange(4)
        if shape == 1:  # explicit join
            outer = rng.random() < 0.5
            on_sa = ts.sa.c.id == cs.sa.c.tid
            on_tree = binary(ts.col('id')[1], 'Eq', cs.col('tid')[1])
            froms_sa = ts.sa.join(cs.sa, on_sa, isouter=outer)
            froms_tree = [{"Join": {"left": ts.from_tree, "right": cs.from_tree, "on": on_tree, "outer": outer}}]
            sources = [ts, cs]
        elif shape == 2:  # implicit cross FROM through the columns/WHERE
            sources = [ts, cs]
        elif shape == 3:  # a subquery in FROM
            inner_style_tq = rng.random() < 0.5
            inner_cols = rng.sample(T_COLS, rng.randint(1, 3))
            inner = select(*[t.c[n] for n in inner_cols]).where(t.c.a > 1)
            inner_tree = select_tree([ts.col(n)[1] for n in inner_cols], where=[binary(ts.col('a')[1], 'Gt', bind('a', 1))])
            if inner_style_tq:
                inner = inner.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
                inner_tree["label_style"] = "TablenamePlusCol"
            if rng.random() < 0.4:
                n = rng.randint(1, 5)
                inner = inner.limit(n)
                inner_tree["limit"] = bind('param', n)
            sq = inner.subquery()
            alias = {"Anon": {"id": 9, "base": "anon"}}
            keys = list(sq.c.keys())
            sources = [Source(sq, {"Subquery": {"select": inner_tree, "alias": alias}}, {"Alias": alias}, keys)]
            froms_sa = sq
            froms_tree = [sources[0].from_tree]
        columns = []
        for _ in range(rng.randint(1, 3)):
            src = rng.choice(sources)
            columns.append(src.col(rng.choice(src.names)))
        if rng.random() < 0.2:
            src = rng.choice(sources)
            col, ct = src.col(rng.choice(src.names))
            columns.append((func.count(col), {"Function": {"name": "count", "args": [ct]}}))
        stmt = select(*[x[0] for x in columns])
        if froms_sa is not None:
            stmt = stmt.select_from(froms_sa)
        criteria = [criterion(sources) for _ in range(rng.randint(0, 2))]
        if shape != 3 and rng.random() < 0.3:
            # A correlated EXISTS against the second table.
            other = alias_source(c, C_COLS, 2) if rng.random() < 0.3 else table_source(c, C_COLS)
            e = exists().where(other.sa.c.tid == ts.sa.c.id)
            tree = {"Exists": select_tree([], where=[binary(other.col('tid')[1], 'Eq', ts.col('id')[1])])}
            criteria.append((e, tree))
        if criteria:
            stmt = stmt.where(*[x[0] for x in criteria])
        style = "DisambiguateOnly"
        if rng.random() < 0.5:
            stmt = stmt.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
            style = "TablenamePlusCol"
        tree = select_tree([x[1] for x in columns], froms_tree, [x[1] for x in criteria], style=style)
        if rng.random() < 0.3:
            # The count wrapper of `Query.count()` / `db.paginate`.
            stmt = select(func.count()).select_from(stmt.subquery())
            tree = select_tree([{"Function": {"name": "count", "args": []}}],
                               [{"Subquery": {"select": tree, "alias": {"Anon": {"id": 10, "base": "anon"}}}}])
        try:
            exec_c = stmt.compile(dialect=d)
        except Exception as e:  # noqa: BLE001 - recorded as an expected error
            cases.append({"tree": {"Select": tree}, "error": type(e).__name__})
            continue
        cp = exec_c.construct_params()
        params = [cp[k] for k in exec_c.positiontup] if exec_c.positiontup else []
        cases.append({"tree": {"Select": tree}, "sqlite": str(exec_c), "params": params, "default": str(stmt)})
    print("[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in cases) + "\n]")


main()
