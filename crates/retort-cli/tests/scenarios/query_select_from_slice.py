# Query.select_from / slice / 下标切片，以及 Model.attr.type
class Category(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    price = db.Column(db.Float)
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'))


db.create_all()
c1, c2 = Category(name='水果'), Category(name='蔬菜')
db.session.add_all([c1, c2])
db.session.flush()
db.session.add_all([Product(name='苹果', price=5, category_id=c1.id), Product(name='梨', price=4, category_id=c1.id),
                    Product(name='白菜', price=2, category_id=c2.id)])
db.session.commit()
print(db.session.query(Product.name, Category.name).select_from(Product).join(Category).all())
print(db.session.query(Category.name, func.count(Product.id)).select_from(Category).outerjoin(Product).group_by(Category.id).all())
print(Product.query.order_by(Product.id).slice(1, 3).all())
print(Product.query.order_by(Product.id).slice(2, None).all())
print(Product.query[0], Product.query[1:3])
print(Product.id.type, Product.price.type, Product.name.type)
print(db.session.execute(select(func.count()).select_from(Product.__table__)).scalar())
