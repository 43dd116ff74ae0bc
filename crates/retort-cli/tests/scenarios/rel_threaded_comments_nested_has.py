# Threaded comments as tutorials build them: a self-referential relationship
# with a dynamic replies collection, a recursive level(), and nested
# has() criteria, whose inner EXISTS reads the outer alias.
from datetime import datetime


class Comment(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(140))
    author = db.Column(db.String(32))
    parent_id = db.Column(db.Integer, db.ForeignKey('comment.id'))
    replies = db.relationship('Comment', backref=db.backref('parent', remote_side=[id]),
                              lazy='dynamic', order_by='Comment.id')

    def add_reply(self, text, author):
        r = Comment(text=text, author=author, parent=self)
        return r

    def level(self):
        return 0 if self.parent is None else self.parent.level() + 1


db.create_all()
root = Comment(text='First!', author='ann')
r1 = root.add_reply('Welcome', 'bob')
r2 = root.add_reply('Hi there', 'cat')
r11 = r1.add_reply('Thanks', 'ann')
db.session.add(root)
db.session.commit()


def show(c, indent=0):
    print('  ' * indent + f'{c.author}: {c.text} ({c.replies.count()} replies)')
    for child in c.replies:
        show(child, indent + 1)


show(root)
print(Comment.query.filter_by(parent=None).count())
print([c.level() for c in Comment.query.order_by(Comment.id)])
print(r1.replies.filter(Comment.author == 'ann').first().text)
deep = Comment.query.filter(Comment.parent.has(Comment.parent.has())).all()
print([c.text for c in deep])
db.session.delete(r11)
db.session.commit()
print(r1.replies.all(), root.replies.count())
