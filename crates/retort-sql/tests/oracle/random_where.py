# Differential fixture for retort-sql (markers `$and`, `$or`, `$not` stand
# for the builder functions, which apply SQLAlchemy's construction rules): random WHERE/columns expressions are
# built twice, once with SQLAlchemy and once as retort-sql's serde JSON tree,
# and SQLAlchemy's renderings are recorded next to the tree.
#   /tmp/oracle-venv/bin/python random_where.py > random_where.json
# The Rust test `tests/random_where.rs` deserialises each tree, compiles it
# and compares with the recorded SQLite SQL, params and default-dialect SQL.
import json
import random

from sqlalchemy import (LABEL_STYLE_TABLENAME_PLUS_COL, Column, Integer, MetaData, String, Table, and_, case, cast,
                        exists, false, func, not_, or_, select, true)
from sqlalchemy.dialects import sqlite

rng = random.Random(20240521)
m = MetaData()
t = Table('t', m, Column('id', Integer, primary_key=True), Column('a', Integer), Column('b', Integer),
          Column('s', String(20)), Column('order', Integer))
c_t = Table('c', m, Column('id', Integer, primary_key=True), Column('tid', Integer))
d = sqlite.dialect()

INT_COLS = ['a', 'b', 'id', 'order']


def col(name):
    return t.c[name], {"Column": {"source": {"Table": "t"}, "name": name}}


def ccol(name):
    return c_t.c[name], {"Column": {"source": {"Table": "c"}, "name": name}}


def empty_select(columns, where):
    return {"columns": columns, "from": [], "where_": where, "group_by": [], "having": [], "order_by": [],
            "limit": None, "offset": None, "distinct": False, "label_style": "DisambiguateOnly"}


def key_of(tree):
    if "Column" in tree:
        return tree["Column"]["name"]
    if "Function" in tree:
        return tree["Function"]["name"]
    return "param"


def bind(key, value):
    v = {"Integer": value} if isinstance(value, int) else {"Text": value}
    return {"Bind": {"name": {"Anon": key}, "value": v}}


def binary(left, op, right):
    return {"Binary": {"left": left, "op": op, "right": right}}


def num(depth):
    """A numeric expression: (SQLAlchemy element, tree)."""
    r = rng.random()
    if depth <= 0 or r < 0.35:
        return col(rng.choice(INT_COLS))
    if r < 0.75:
        (le, lt), (re_, rt) = num(depth - 1), num(depth - 1)
        op = rng.choice([('Add', lambda x, y: x + y), ('Sub', lambda x, y: x - y),
                         ('Mul', lambda x, y: x * y), ('Mod', lambda x, y: x % y)])
        return op[1](le, re_), binary(lt, op[0], rt)
    if r < 0.85:
        le, lt = num(depth - 1)
        v = rng.randint(1, 9)
        op = rng.choice([('Add', lambda x, y: x + y), ('Sub', lambda x, y: x - y), ('Mul', lambda x, y: x * y)])
        return op[1](le, v), binary(lt, op[0], bind(key_of(lt), v))
    if r < 0.93:
        le, lt = num(depth - 1)
        return -le, {"Unary": {"op": "Neg", "operand": lt}}
    le, lt = num(depth - 1)
    return func.abs(le), {"Function": {"name": "abs", "args": [lt]}}


def criterion(depth):
    """A boolean expression: (SQLAlchemy element, tree)."""
    r = rng.random()
    if depth <= 0 or r < 0.45:
        kind = rng.randrange(14)
        if kind == 11:
            tid, tidt = ccol('tid')
            cid, cidt = ccol('id')
            tc, tct = col(rng.choice(INT_COLS))
            v = rng.randint(0, 9)
            e = exists().where(tid == tc, cid > v)
            tree = {"Exists": empty_select([], [binary(tidt, 'Eq', tct), binary(cidt, 'Gt', bind('id', v))])}
            return e, tree
        if kind == 12:
            cid, cidt = ccol('id')
            tc, tct = col(rng.choice(INT_COLS))
            sub = select(func.max(cid)).scalar_subquery()
            tree = {"ScalarSubquery": empty_select([{"Function": {"name": "max", "args": [cidt]}}], [])}
            return tc > sub, binary(tct, 'Gt', tree)
        if kind == 13:
            tid, tidt = ccol('tid')
            tc, tct = col(rng.choice(INT_COLS))
            v = rng.randint(0, 9)
            sub = select(tid).where(tid > v)
            tree = {"In": {"expr": tct, "values": {"Select": empty_select([tidt], [binary(tidt, 'Gt', bind('tid', v))])},
                           "negated": False}}
            return tc.in_(sub), tree
        if kind == 9:
            s_, st = col('s')
            return (s_ + 'x') == 'y', binary(binary(st, 'Concat', bind('s', 'x')), 'Eq', bind('param', 'y'))
        if kind == 10:
            if rng.random() < 0.5:
                return true(), "True"
            return false(), "False"
        if kind <= 2:
            (le, lt) = num(depth - 1)
            v = rng.randint(0, 99)
            op = rng.choice([('Eq', lambda x, y: x == y), ('Ne', lambda x, y: x != y), ('Lt', lambda x, y: x < y),
                             ('Le', lambda x, y: x <= y), ('Gt', lambda x, y: x > y), ('Ge', lambda x, y: x >= y)])
            return op[1](le, v), binary(lt, op[0], bind(key_of(lt), v))
        if kind == 3:
            (le, lt), (re_, rt) = num(depth - 1), num(depth - 1)
            return le < re_, binary(lt, 'Lt', rt)
        if kind == 4:
            s, st = col('s')
            v = rng.choice(['x', 'y%', 'z'])
            op = rng.choice([('Like', lambda c: c.like(v)), ('NotLike', lambda c: c.not_like(v)),
                             ('ILike', lambda c: c.ilike(v)), ('StartsWith', lambda c: c.startswith(v)),
                             ('EndsWith', lambda c: c.endswith(v)), ('Contains', lambda c: c.contains(v))])
            return op[1](s), binary(st, op[0], bind('s', v))
        if kind == 5:
            c, ct = col(rng.choice(INT_COLS))
            vals = [rng.randint(0, 9) for _ in range(rng.randint(0, 3))]
            neg = rng.random() < 0.4
            e = c.not_in(vals) if neg else c.in_(vals)
            return e, {"In": {"expr": ct, "values": {"Expanding": {"key": key_of(ct), "values": [{"Integer": v} for v in vals]}}, "negated": neg}}
        if kind == 6:
            (le, lt) = num(depth - 1)
            lo, hi = rng.randint(0, 5), rng.randint(6, 9)
            k = key_of(lt)
            return le.between(lo, hi), {"Between": {"expr": lt, "low": bind(k, lo), "high": bind(k, hi), "negated": False}}
        if kind == 7:
            c, ct = col(rng.choice(INT_COLS + ['s']))
            if rng.random() < 0.5:
                return c.is_(None), binary(ct, 'Is', "Null")
            return c.is_not(None), binary(ct, 'IsNot', "Null")
        (le, lt), (re_, rt) = num(depth - 1), num(depth - 1)
        return le == re_, binary(lt, 'Eq', rt)
    if r < 0.7:
        parts = [criterion(depth - 1) for _ in range(rng.randint(2, 3))]
        if rng.random() < 0.5:
            return and_(*[p[0] for p in parts]), {"$and": [p[1] for p in parts]}
        return or_(*[p[0] for p in parts]), {"$or": [p[1] for p in parts]}
    inner, it = criterion(depth - 1)
    # not_() negates comparison operators in place; everything else gets NOT.
    return not_(inner), {"$not": it}


def column_item(i):
    """A columns-clause item: (SQLAlchemy element, tree)."""
    r = rng.random()
    if r < 0.3:
        return col(rng.choice(INT_COLS + ['s']))
    if r < 0.55:
        return num(2)
    if r < 0.7:
        e, et = num(1)
        name = rng.choice(['x', 'total', 'order'])
        return e.label(name), {"Label": {"name": name, "expr": et}}
    if r < 0.8:
        c, ct = col(rng.choice(INT_COLS))
        return func.count(c), {"Function": {"name": "count", "args": [ct]}}
    if r < 0.9:
        c, ct = col(rng.choice(INT_COLS))
        return cast(c, String), {"Cast": {"expr": ct, "to": {"String": None}}}
    c, ct = col('a')
    v = rng.randint(0, 9)
    return (case((c > v, 'big'), else_='small'),
            {"Case": {"whens": [[binary(ct, 'Gt', bind('a', v)), bind('param', 'big')]],
                      "else_": bind('param', 'small')}})


def main():
    cases = []
    for i in range(300):
        criteria = [criterion(3) for _ in range(rng.randint(1, 2))]
        columns = [column_item(i) for _ in range(rng.randint(1, 3))]
        stmt = select(*[c[0] for c in columns]).where(*[c[0] for c in criteria])
        style = "DisambiguateOnly"
        if rng.random() < 0.4:
            stmt = stmt.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
            style = "TablenamePlusCol"
        order_by = []
        for _ in range(rng.randint(0, 2)):
            c, ct = col(rng.choice(INT_COLS))
            m_ = rng.choice([None, 'Desc', 'Asc'])
            if m_ == 'Desc':
                stmt = stmt.order_by(c.desc())
                order_by.append({"Modifier": {"operand": ct, "modifier": "Desc"}})
            elif m_ == 'Asc':
                stmt = stmt.order_by(c.asc())
                order_by.append({"Modifier": {"operand": ct, "modifier": "Asc"}})
            else:
                stmt = stmt.order_by(c)
                order_by.append(ct)
        group_by, having = [], []
        if rng.random() < 0.2:
            g, gt = col(rng.choice(INT_COLS))
            stmt = stmt.group_by(g)
            group_by.append(gt)
            if rng.random() < 0.5:
                h, ht = col(rng.choice(INT_COLS))
                v = rng.randint(0, 5)
                stmt = stmt.having(func.count(h) > v)
                cnt = {"Function": {"name": "count", "args": [ht]}}
                having.append(binary(cnt, 'Gt', bind('count', v)))
        distinct = rng.random() < 0.1
        if distinct:
            stmt = stmt.distinct()
        limit = offset = None
        lo = rng.randrange(4)
        if lo in (1, 3):
            n = rng.randint(1, 9)
            stmt = stmt.limit(n)
            limit = bind('param', n)
        if lo in (2, 3):
            n = rng.randint(0, 9)
            stmt = stmt.offset(n)
            offset = bind('param', n)
        tree = {"Select": {
            "columns": [c[1] for c in columns], "from": [], "where_": [c[1] for c in criteria],
            "group_by": group_by, "having": having, "order_by": order_by, "limit": limit, "offset": offset,
            "distinct": distinct, "label_style": style}}
        exec_c = stmt.compile(dialect=d, compile_kwargs={'render_postcompile': True})
        cp = exec_c.construct_params()
        params = [cp[k] for k in exec_c.positiontup] if exec_c.positiontup else []
        cases.append({"tree": tree, "sqlite": str(exec_c), "params": params,
                      "sqlite_str": str(stmt.compile(dialect=d)), "default": str(stmt),
                      "literal": str(stmt.compile(compile_kwargs={'literal_binds': True}))})
    # One case per line keeps diffs readable.
    print("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n]")


main()
