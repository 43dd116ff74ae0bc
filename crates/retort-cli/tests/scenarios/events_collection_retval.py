# 集合事件：append / remove，retval=True 替换被添加的对象，initiator 说明是谁触发的
class Team(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    members = db.relationship('Member', back_populates='team')

    def __repr__(self):
        return f'<Team {self.name}>'


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    team_id = db.Column(db.Integer, db.ForeignKey('team.id'))
    team = db.relationship('Team', back_populates='members')

    def __repr__(self):
        return f'<Member {self.name}>'


db.create_all()


@db.event.listens_for(Team.members, 'append', retval=True)
def on_join(target, value, initiator):
    print('append', target, value, initiator.key, initiator.op)
    if value.name.startswith(' '):
        # 返回一个新对象：真正加入集合的是它
        return Member(name=value.name.strip())
    return value


@db.event.listens_for(Team.members, 'remove')
def on_leave(target, value, initiator):
    print('remove', target, value, initiator.key, initiator.op)


@db.event.listens_for(Member.team, 'set', named=True)
def on_team(**kw):
    print('set', kw['target'], kw['value'], kw['oldvalue'], kw['initiator'].key)


red = Team(name='red')
blue = Team(name='blue')
db.session.add_all([red, blue])

ann = Member(name='ann')
red.members.append(ann)
red.members.append(Member(name='  bo'))
print(red.members)

carl = Member(name='carl', team=blue)
print(blue.members)

ann.team = blue
print(red.members, blue.members)

blue.members.remove(carl)
print(carl.team)

red.members.extend([Member(name='dee'), Member(name='eve')])
red.members.pop()
print([m.name for m in red.members])

db.session.commit()
print([(m.name, m.team_id) for m in Member.query.order_by(Member.id)])

red.members = [ann]
print(red.members, ann.team)
db.session.commit()
print(Member.query.filter_by(team_id=None).count())
