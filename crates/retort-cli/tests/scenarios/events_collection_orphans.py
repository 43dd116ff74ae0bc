# Attribute events around a delete-orphan collection: append/remove/set
# listeners see NO_VALUE (an enum member with .name) as the old value of
# a fresh attribute, and before_flush sees what the cascade will delete.
from sqlalchemy import event


class Project(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    members = db.relationship('Member', back_populates='project', cascade='all, delete-orphan')


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    project_id = db.Column(db.Integer, db.ForeignKey('project.id'))
    project = db.relationship('Project', back_populates='members')


@event.listens_for(Project.members, 'remove')
def removed(target, value, initiator):
    print(f'removed {value.name} from {target.name}')


@event.listens_for(Project.members, 'append')
def appended(target, value, initiator):
    print(f'added {value.name} to {target.name}')


@event.listens_for(Member.project, 'set')
def proj_set(target, value, old, initiator):
    print('set', target.name, getattr(old, 'name', old), '->', getattr(value, 'name', value))


@event.listens_for(db.session, 'before_flush')
def before_flush(session, ctx, instances):
    print('flush: new', len(session.new), 'deleted', sorted(m.name for m in session.deleted if isinstance(m, Member)))


db.create_all()
p = Project(name='alpha', members=[Member(name='x'), Member(name='y')])
db.session.add(p)
db.session.commit()
m = p.members[0]
p.members.remove(m)
db.session.commit()
p.members = [Member(name='z')]
db.session.commit()
print(Member.query.count())
q = Project(name='beta')
p.members[0].project = q
db.session.commit()
print([x.name for x in q.members], p.members, Member.query.count())
