# 自定义 __init__ 的模型：init 事件仍在构造函数体之前触发，带上位置参数；load 事件在查询新建对象时触发
class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))

    def __init__(self, name, price=0):
        print('custom init', name, price)
        self.name = name.title()

class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(30))

    def __init__(self, *words, sep=' ', **extra):
        self.text = sep.join(words)

@db.event.listens_for(Note, 'init')
def on_note_init(target, args, kwargs):
    print('note init', args, kwargs)

@db.event.listens_for(Item, 'init', propagate=True)
def on_init(target, args, kwargs):
    print('init event', type(target).__name__, args, kwargs, target.name)

@db.event.listens_for(Item, 'load')
def on_load(target, context):
    print('load', target.name)

db.create_all()
db.session.add_all([Item('apple'), Item('pear', price=3), Note('a', 'b', sep='-', colour='red')])
db.session.commit()
db.session.expunge_all()
items = Item.query.order_by(Item.name).all()
print([i.name for i in items])
print(Item.query.get(1) is items[0])
