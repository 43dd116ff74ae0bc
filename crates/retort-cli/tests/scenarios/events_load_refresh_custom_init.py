class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))

    def __init__(self, name):
        print('custom init', name)
        self.name = name.title()

@db.event.listens_for(Item, 'init')
def on_init(target, args, kwargs):
    print('init event', args, kwargs)

@db.event.listens_for(Item, 'load')
def on_load(target, context):
    print('load', target.name)

@db.event.listens_for(Item, 'refresh')
def on_refresh(target, context, attrs):
    print('refresh', target.name, attrs)

db.create_all()
db.session.add_all([Item('apple'), Item('pear')])
db.session.commit()
db.session.expunge_all()
items = Item.query.order_by(Item.name).all()
print([i.name for i in items])
db.session.refresh(items[0])
db.session.expire(items[1], ['name'])
print(items[1].name)
db.session.commit()
print(items[0].name)
