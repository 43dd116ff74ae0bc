# The init event's kwargs are the constructor's: a listener's
# kwargs.setdefault(...) reaches the default constructor and a model's own
# __init__ alike.
from sqlalchemy import event


class Ingredient(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    grams = db.Column(db.Integer)

    def __repr__(self):
        return f'{self.grams}g {self.name}'


class Step(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(40))
    minutes = db.Column(db.Integer)

    def __init__(self, text, minutes=1):
        self.text = text.capitalize()
        self.minutes = minutes


@event.listens_for(Ingredient, 'init')
def ingredient_init(target, args, kwargs):
    kwargs.setdefault('grams', 100)


@event.listens_for(Step, 'init')
def step_init(target, args, kwargs):
    print('init', args, kwargs)
    kwargs['minutes'] = kwargs['minutes'] * 2


db.create_all()
db.session.add_all([Ingredient(name='flour', grams=200), Ingredient(name='milk'), Step('mix'), Step('bake', minutes=30)])
db.session.commit()
print(Ingredient.query.all(), [(s.text, s.minutes) for s in Step.query.all()])
