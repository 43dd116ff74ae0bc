# Records SQLAlchemy 2.0.58's rendering of Core shapes the conformance corpus
# lacks. Run with the reference venv:
#   /tmp/oracle-venv/bin/python core_shapes.py > core_shapes.out
# Each case prints its name, then the SQLite rendering with positional
# params (POSTCOMPILE expanded when present), then the default dialect's str().
from sqlalchemy import *
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable, CreateIndex

m = MetaData()
u = Table('user', m, Column('id', Integer, primary_key=True), Column('name', String(20), index=True, unique=True),
          Column('age', Integer, server_default='0'), Column('n', Numeric(10, 2), server_default=text('CURRENT_TIMESTAMP')),
          Column('iv', Interval), Column('pk', PickleType), Column('j', JSON), Column('e', Enum('a', 'bbb', name='myenum')),
          Column('u', Unicode(10)), Column('ut', UnicodeText), Column('lb', LargeBinary), Column('s', String),
          CheckConstraint('age > 0', name='ck_age'), UniqueConstraint('name', 'age', name='uq_na'))
p = Table('order', m, Column('id', Integer, primary_key=True),
          Column('uid', Integer, ForeignKey('user.id', ondelete='CASCADE'), nullable=False, unique=True))
fk2 = Table('fk2', m, Column('id', Integer, primary_key=True), Column('a', Integer, ForeignKey('user.id')),
            Column('b', Integer, unique=True), Column('d', Integer, server_default=text('1 + 2')))
d = sqlite.dialect()


def record(name, x, **kw):
    print('== ' + name)
    c = x.compile(dialect=d, **kw)
    sql = str(c)
    params = None
    if 'POSTCOMPILE' in sql:
        c = x.compile(dialect=d, compile_kwargs={'render_postcompile': True})
        sql = str(c)
    if getattr(c, 'positiontup', None):
        cp = c.construct_params()
        params = [cp[k] for k in c.positiontup]
    print('SQLITE ' + repr(sql) + ' ' + repr(params))
    print('DEFAULT ' + repr(str(x.compile(**kw))))


record('ddl_user', CreateTable(u))
record('ddl_order', CreateTable(p))
record('ddl_fk2', CreateTable(fk2))
record('arith', select(u.c.id).where((u.c.age - 1) - 2 > 3, (u.c.age * (u.c.id + 1)) == -u.c.id))
record('bool_nesting', select(u.c.id).where(u.c.age + 1 + 2 > 3, or_(u.c.id == 1, and_(u.c.id == 2, u.c.age == 3)),
                                         not_(and_(u.c.id == 1, u.c.age == 2))))
record('labels', select(u.c.id, p.c.id, func.count(), func.count(u.c.id), u.c.age + 1, literal(5), u.c.name.label('x')).select_from(u.join(p)))
record('operators', select(u.c.id).where(~u.c.id.in_([1, 2]), u.c.name.endswith('x'), u.c.name.ilike('a'),
                                       u.c.name.notilike('b'), u.c.id.between(1, 2), ~u.c.id.between(1, 2),
                                       u.c.id.is_not(None), u.c.id != None))
record('empty_in', select(u.c.id).where(u.c.id.in_([]), u.c.age.not_in([])))
record('limit_only', select(u.c.id).limit(3))
record('offset_only', select(u.c.id).offset(3))
record('booleans_literal', select(u.c.id).where(u.c.age == True, u.c.age.is_(False), u.c.age == null(), true()),
     compile_kwargs={'literal_binds': True})
record('literals', select(u.c.id).where(u.c.name == "it's", u.c.age == 1.5, u.c.age == 1e20, u.c.age == 1e-7).limit(3).offset(2),
     compile_kwargs={'literal_binds': True})
record('in_literal', select(u.c.id).where(u.c.name.in_(['a', 'b'])), compile_kwargs={'literal_binds': True})
record('unary_cast_case', select(distinct(u.c.id), u.c.age.desc(), cast(u.c.age, String), cast(u.c.age, Numeric(10, 2)),
                               case((u.c.age > 1, 'x'), (u.c.age < 0, 'y'), else_='z')).distinct())
record('exists_scalar_having', select(u.c.id).where(exists().where(p.c.uid == u.c.id), u.c.id == select(func.max(p.c.id)).scalar_subquery())
     .order_by(u.c.id.desc().nulls_last()).group_by(u.c.age).having(func.count() > 1))
sq = select(u.c.id, u.c.name).where(u.c.id > 5).subquery()
record('subquery_label_order', select(sq.c.id, func.count().label('cnt')).group_by(sq.c.id).order_by(text('cnt')))
record('order_by_label', select(u.c.age, func.count().label('cnt')).group_by(u.c.age).order_by(func.count().label('cnt').desc()))
record('text_binds', select(text('a, b')).select_from(text('foo')).where(text('x = :x and y = :y').bindparams(x=1, y='a')))
pa = p.alias()
record('alias_join_2_0', select(u.c.id, pa.c.id).join_from(u, pa, u.c.id == pa.c.uid, isouter=True))
record('insert_returning', insert(u).values(name='a', age=3).returning(u.c.id))
record('update_expr', update(u).values(name='b', age=u.c.age + 1).where(u.c.id == 5))
record('delete_two', delete(u).where(u.c.id == 5, u.c.name == 'x'))
record('like_in_columns', select(u.c.name.contains('a'), u.c.name.startswith('b').label('q'), func.lower(u.c.name), func.coalesce(u.c.age, 0)))
record('in_subquery', select(u.c.id).where(u.c.id.in_(select(p.c.uid))))
record('concat_neg_mod', select(u.c.id).where(u.c.name + 'x' == 'y', -(u.c.age + 1) > 0, u.c.age * 2 > u.c.age % 3))
record('explicit_from_first', select(u.c.id).select_from(p))
record('not_exists_or', select(u.c.id).where(or_(~exists().where(p.c.uid == u.c.id), u.c.id == 1)))
record('multi_row_insert', insert(u).values([{'name': 'a'}, {'name': 'b'}]))
k = Table('k', m, Column('id', Integer, primary_key=True))
print('== insert_default_values')
print('SQLITE ' + repr(str(insert(k).compile(dialect=d, column_keys=[]))))
print('DEFAULT ' + repr(str(insert(k).compile(column_keys=[]))))
