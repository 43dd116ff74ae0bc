# Flask-SQLAlchemy 3.x 的 db.engine.url/dialect、Model.metadata、metadata.drop_all/create_all、db.one_or_404
class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(20))


db.create_all()
db.session.add_all([Note(text='a'), Note(text='b')])
db.session.commit()
print(db.engine.url, db.engine.dialect.name, db.engine.name)
print(db.metadata.tables["note"].name, Note.metadata.tables["note"].name)
print(db.session.execute(db.select(Note.text).order_by(Note.text.desc())).scalars().all())
print(db.session.scalars(db.select(Note).filter(Note.text.in_(['a']))).one())
print(db.one_or_404(db.select(Note).filter_by(text='b')).id)
print(Note.query.paginate(page=1, per_page=1).items, db.paginate(db.select(Note), per_page=1).total)
db.metadata.drop_all(db.engine)
db.metadata.create_all(db.engine)
print(Note.query.count())
db.drop_all()
db.create_all()
print(db.inspect(db.engine).get_table_names())
print(db.session.query(db.exists().where(Note.id == 1)).scalar())
print(type(db.session).__name__, type(Note.query).__name__)
