# 自引用的树：删除中间节点时先删子节点再删它（分两条 DELETE）；两个新对象互为父节点时 flush 报循环依赖
class Node(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    parent_id = db.Column(db.Integer, db.ForeignKey('node.id'))
    children = db.relationship('Node', backref=db.backref('parent', remote_side=[id]), cascade='all, delete-orphan')

db.create_all()
root = Node(name='root')
mid = Node(name='mid', parent=root)
leaf = Node(name='leaf', parent=mid)
Node(name='leaf2', parent=mid)
Node(name='deep', parent=leaf)
db.session.add(root)
db.session.commit()
print([n.name for n in Node.query.order_by(Node.id)])
db.session.delete(mid)
db.session.commit()
print([n.name for n in Node.query.order_by(Node.id)])
x = Node(name='x')
y = Node(name='y')
x.parent = y
y.parent = x
db.session.add(x)
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__, str(e).startswith('Circular dependency detected. (ProcessState('))
    db.session.rollback()
print(Node.query.count())
