# 监听器里抛异常：flush 失败并回滚；在 flush 里再调用 flush 会报 "Session is already flushing"
class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    price = db.Column(db.Integer)


db.create_all()


@db.event.listens_for(Product, 'before_insert')
@db.event.listens_for(Product, 'before_update')
def validate_price(mapper, connection, target):
    if target.price is not None and target.price < 0:
        raise ValueError(f'price must be >= 0, got {target.price}')


@db.event.listens_for(Product, 'after_insert')
def nested_flush(mapper, connection, target):
    try:
        db.session.flush()
    except Exception as e:
        print(type(e).__name__ + ':', e)
    # 在监听器里查询是可以的（flush 期间不会 autoflush）
    print('rows so far:', Product.query.count())


@db.event.listens_for(db.session, 'after_rollback')
def rolled_back(session):
    print('after_rollback')


db.session.add(Product(name='pen', price=3))
db.session.commit()

db.session.add(Product(name='ghost', price=-1))
try:
    db.session.commit()
except ValueError as e:
    print('ValueError:', e)

try:
    Product.query.all()
except Exception as e:
    print(type(e).__name__)
    print(e)
db.session.rollback()

pen = Product.query.first()
pen.price = -5
db.session.commit()
print('not reached')
