# add_columns/add_entity、with_only_columns、join_from、Query.label() 标量子查询
class U(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    age = db.Column(db.Integer)


class P(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    uid = db.Column(db.Integer, db.ForeignKey('u.id'))
    title = db.Column(db.String(20))


db.create_all()
db.session.add_all([U(name='a', age=1), U(name='b', age=2)])
db.session.add_all([P(uid=1, title='x'), P(uid=1, title='y')])
db.session.commit()
print(db.session.query(U).add_columns(U.age * 10).all())
print(db.session.execute(select(U.name).add_columns(U.age)).all())
print(db.session.execute(select(U).with_only_columns(U.name)).all())
print(db.session.execute(select(U.name, P.title).join_from(U, P)).all())
print(db.session.execute(select(U.name).join(P, U.id == P.uid).group_by(U.name).having(func.count(P.id) > 1)).all())
print(db.session.query(U.name).filter(U.age > 0).order_by(U.name).limit(1).scalar())
print(db.session.query(U.id).filter(U.id == 1).label('x') is not None)
print(db.session.execute(select(U.name.label('nm')).order_by('nm')).mappings().all())
print(db.session.execute(select(U.name).distinct()).scalars().all())
print(db.session.execute(select(U).filter(U.name.startswith('a')).offset(0).limit(5)).scalars().all())
print(db.session.execute(select(func.count(U.id), func.sum(U.age))).one())
stmt = select(U.name, func.count(P.id).label('n')).outerjoin(P).group_by(U.id).order_by(U.id)
print(db.session.execute(stmt).all())
print(select(U).where(U.id.in_([1, 2])))
print(db.session.execute(select(U.name).where(U.id.in_([1, 2]))).scalars().all())
print(db.session.execute(select(U.name).where(U.id.not_in([1]))).scalars().all())
print(db.session.execute(select(U).where(U.name == 'a').exists().select() if False else select(exists().where(U.name == 'a'))).scalar())
print(db.session.query(U).filter(U.id == 1).exists() is not None, db.session.query(db.session.query(U).filter(U.id == 9).exists()).scalar())
print(db.session.query(U.name, db.session.query(func.count(P.id)).filter(P.uid == U.id).label('cnt')).order_by(U.id).all())
print(db.session.query(P).add_entity(U).join(U, P.uid == U.id).order_by(P.id).all())
