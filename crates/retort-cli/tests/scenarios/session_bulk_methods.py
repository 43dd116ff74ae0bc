class Doc(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))
    body = db.Column(db.Text)
    views = db.Column(db.Integer, default=0)


db.create_all()
docs = [Doc(title='t1', body='b1'), Doc(title='t2', body='b2'), Doc(title='t4')]
db.session.bulk_save_objects(docs)
print(docs[0].id, docs[0] in db.session)
db.session.bulk_insert_mappings(Doc, [{'title': 't3', 'body': 'b3'}])
db.session.bulk_insert_mappings(Doc, [{'title': 'x', 'views': 5}, {'title': 'y', 'views': 6}, {'title': 'z'}])
db.session.commit()
print(Doc.query.count(), [d.views for d in Doc.query.order_by(Doc.id)])
db.session.bulk_update_mappings(Doc, [{'id': 1, 'title': 'T1'}, {'id': 2, 'title': 'T2'}, {'id': 3, 'body': 'B3'}])
db.session.commit()
print([(d.title, d.body) for d in Doc.query.order_by(Doc.id)])
d = Doc.query.get(1)
d.title = 'changed'
db.session.bulk_save_objects([d])
db.session.commit()
print(Doc.query.get(1).title)
