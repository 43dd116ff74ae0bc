# 自引用：树形分类（parent_id 指向同一张表）
class Node(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    parent_id = db.Column(db.Integer, db.ForeignKey('node.id'))
    children = db.relationship('Node', backref=db.backref('parent', remote_side=[id]))

    def __repr__(self):
        return f'<Node {self.name}>'


db.create_all()
root = Node(name='root')
a = Node(name='a', parent=root)
b = Node(name='b', parent=root)
a1 = Node(name='a1', parent=a)
db.session.add(root)
db.session.commit()
print(root.children, a.children, a1.parent, root.parent)
print(Node.query.filter_by(parent=a).all())
a1.parent = b
db.session.commit()
print(b.children, a.children)
