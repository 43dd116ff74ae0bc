# 自关联关系 + 别名 join；最后忘了用别名，SQLAlchemy 报错
from sqlalchemy.orm import aliased, contains_eager


class Category(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    parent_id = db.Column(db.Integer, db.ForeignKey('category.id'))
    children = db.relationship('Category', backref=db.backref('parent', remote_side=[id]))

    def __repr__(self):
        return f'<Category {self.name}>'


class Dept(db.Model):
    id = db.Column(db.Integer, primary_key=True)


db.create_all()
root = Category(name='电子产品', children=[
    Category(name='手机', children=[Category(name='安卓'), Category(name='苹果')]),
    Category(name='电脑'),
])
db.session.add(root)
db.session.commit()

Parent = aliased(Category, name='parent')
# 子分类和父分类
rows = (db.session.query(Category.name, Parent.name)
        .join(Category.parent.of_type(Parent))
        .order_by(Category.id)
        .all())
for child, parent in rows:
    print(child, '<-', parent)

# 从别名出发，沿 children 关系 join
q = db.session.query(Parent).join(Parent.children).filter(Category.name == '安卓')
print(q)
print(q.all())

# join(别名, 关系)
Child = aliased(Category)
q = db.session.query(Category).join(Child, Category.children).filter(Child.name.in_(['手机', '电脑']))
print(q.all())
print(db.session.query(Category).outerjoin(Child, Category.children).filter(Child.id == None).order_by(Category.id).all())

# contains_eager 配合别名：只把名字带“果”的子分类放进 children
db.session.expunge_all()
cats = (db.session.query(Category)
        .join(Category.children.of_type(Child))
        .filter(Child.name.like('%果%'))
        .options(contains_eager(Category.children.of_type(Child)))
        .all())
for c in cats:
    print(c.name, c.children)

try:
    db.session.query(Category).join(Dept).all()
except Exception as e:
    print(type(e).__name__)

# 忘了别名：同一个实体 join 自己（join() 不报错，执行时才报错）
q = db.session.query(Category).join(Category.children)
print('join ok')
print(q.all())
