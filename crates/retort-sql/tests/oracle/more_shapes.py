# More Core shapes for retort-sql, recorded with the reference venv:
#   /tmp/oracle-venv/bin/python more_shapes.py > more_shapes.out
from sqlalchemy import *
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable

m = MetaData()
t = Table('t', m, Column('id', Integer, primary_key=True), Column('a', Integer), Column('flag', Boolean),
          Column('name', String(10)), sqlite_autoincrement=True)
k = Table('k', m, Column('x', Integer, primary_key=True), Column('y', Integer, primary_key=True))
d = sqlite.dialect()


def record(name, x, **kw):
    print('== ' + name)
    c = x.compile(dialect=d, **kw)
    sql = str(c)
    if 'POSTCOMPILE' in sql:
        print('SQLITE_STR ' + repr(sql))
        c = x.compile(dialect=d, compile_kwargs={'render_postcompile': True})
        sql = str(c)
    params = None
    if getattr(c, 'positiontup', None):
        cp = c.construct_params()
        params = [cp[k] for k in c.positiontup]
    print('SQLITE ' + repr(sql) + ' ' + repr(params))
    print('DEFAULT ' + repr(str(x.compile(**kw))))


record('autoincrement_table', CreateTable(t))
record('tuple_in', select(k.c.x).where(tuple_(k.c.x, k.c.y).in_([(1, 2), (3, 4)])))
record('not_boolean_column', select(t.c.id).where(~t.c.flag, t.c.flag))
record('text_colons', select(t.c.id).where(text("a = :a AND b::int = 1 AND c = '\\:x'").bindparams(a=1)))
record('text_statement', text('SELECT * FROM t WHERE id = :id').bindparams(id=3))
record('nested_alias_labels', select(func.count()).select_from(select(t.c.id, func.max(t.c.a)).group_by(t.c.id).subquery()))
record('or_single_in_and', select(t.c.id).where(and_(or_(t.c.a == 1)), t.c.a == 2))
record('neg_of_column_minus', select(t.c.id).where(t.c.a - (t.c.a - 1) > 0, t.c.a * (t.c.a * 2) > 1, (t.c.a + t.c.a) * 2 > 0))
c = Table('c', m, Column('id', Integer, primary_key=True), Column('tid', Integer))
record('division', select(t.c.a / t.c.id, t.c.a / 2, t.c.a // t.c.id))
record('scalar_subquery_in_columns', select(t.c.id, select(func.count(c.c.id)).where(c.c.tid == t.c.id).scalar_subquery()))
record('count_distinct', select(func.count(distinct(t.c.a)), t.c.a.distinct()))
ta = Table('t_a', m, Column('b', Integer, primary_key=True))
record('repeated_column_2_0', select(t.c.id, t.c.id))
record('repeated_column_tq', select(t.c.id, t.c.id, t.c.id).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL))
t2 = Table('t2', m, Column('a_b', Integer, primary_key=True))
t2_a = Table('t2_a', m, Column('b', Integer, primary_key=True))
record('colliding_tq_labels', select(t2.c.a_b, t2_a.c.b).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL))
record('single_from_is_not_correlated', select(t.c.id).where(t.c.a == select(func.max(t.c.a)).scalar_subquery()))
record('in_subquery_same_table', select(t.c.id).where(t.c.a.in_(select(t.c.a).where(t.c.id > 1))))
try:
    str(select(t.c.id, c.c.id).where(exists().where(t.c.id == c.c.tid)).compile(dialect=d))
except Exception as e:
    print('== all_froms_correlated\nERROR ' + type(e).__name__)
record('delete_correlated_exists', delete(t).where(exists().where(c.c.tid == t.c.id, c.c.id > 3)))
record('known_functions', select(func.random(), func.now(), func.current_timestamp(), func.char_length(t.c.name),
                                 func.user(), func.sysdate(), func.localtimestamp(), func.current_date(),
                                 func.strftime('%Y', t.c.name), func.Lower(t.c.name), getattr(func, 'my func')(t.c.name)))
record('true_false_as_criteria', select(t.c.id).where(or_(t.c.id == 1, true())))
record('false_as_criterion', select(t.c.id).where(and_(t.c.id == 1, false())))
record('true_alone', select(t.c.id).where(true()))
record('boolean_constants_in_columns', select(true(), false(), null()))
record('like_escape', select(t.c.id).where(t.c.name.like('x', escape='/'), ~t.c.name.like('y', escape='/'), t.c.name.startswith('z', escape='^')))
record('union_order_limit', union(select(t.c.id).where(t.c.a > 1), select(c.c.id)).order_by('id').limit(3))
record('union_all_three', union_all(select(t.c.id), select(c.c.id), select(t.c.a)))
u_sq = union(select(t.c.id, t.c.a).where(t.c.a > 1), select(t.c.id, t.c.a).where(t.c.a < 0)).subquery()
record('union_subquery', select(u_sq.c.id).order_by(u_sq.c.a))
record('union_members_with_limit', select(t.c.id).limit(2).union(select(c.c.id).order_by(c.c.id)))
pk = Table('pk', m, Column('a', Integer), Column('b', Integer), PrimaryKeyConstraint('b', 'a', name='pk_ba'))
record('named_primary_key', CreateTable(pk))
record('cast_and_column_labels', select(t.c.a, t.c.a, cast(t.c.a, String), t.c.a))
record('cast_first_then_column', select(cast(t.c.a, String), cast(t.c.a, String), t.c.a))
record('literal_binds_take_no_names', select(cast(t.c.a, String), t.c.a).where(t.c.a > 2, t.c.id.in_([1, 2])),
       compile_kwargs={'literal_binds': True})
