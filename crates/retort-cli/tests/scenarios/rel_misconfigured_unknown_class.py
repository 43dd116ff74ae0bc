# 关系配置错误：类名写错
class Team(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    members = db.relationship('Membr', backref='team')


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    team_id = db.Column(db.Integer, db.ForeignKey('team.id'))


db.create_all()
t = Team()
