class Node(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    parent_id = db.Column(db.Integer, db.ForeignKey('node.id'))
    children = relationship('Node', backref=backref('parent', remote_side=[id]))


db.create_all()
db.session.execute(insert(Node), [{'name': 'root'}, {'name': 'kid', 'parent_id': 1}])
db.session.execute(update(Node).where(Node.name == 'kid').values(name='child'))
db.session.commit()
root = db.session.get(Node, 1)
print([n.name for n in root.children])
print(db.session.scalars(select(Node).where(with_parent(root, Node.children))).all()[0].name)
print(db.session.query(exists().where(Node.name == 'child')).scalar())
db.session.execute(delete(Node).where(Node.id == 2))
db.session.commit()
print(Node.query.count())
