# 会话事件：before_flush 里自动写审计日志，after_commit / after_rollback 打印
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)


class AuditLog(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    action = db.Column(db.String(50))
    detail = db.Column(db.String(200))


db.create_all()


@db.event.listens_for(db.session, 'before_flush')
def audit(session, flush_context, instances):
    for obj in list(session.new):
        if isinstance(obj, User):
            session.add(AuditLog(action='create', detail=obj.email))
    for obj in list(session.dirty):
        if isinstance(obj, User):
            session.add(AuditLog(action='update', detail=obj.email))
    for obj in list(session.deleted):
        if isinstance(obj, User):
            session.add(AuditLog(action='delete', detail=obj.email))


@event.listens_for(db.session, 'after_flush')
def after_flush(session, flush_context):
    print('after_flush: new =', len(session.new))


@event.listens_for(db.session, 'before_commit')
def before_commit(session):
    print('before_commit')


@event.listens_for(db.session, 'after_commit')
def after_commit(session):
    print('after_commit')


@event.listens_for(db.session, 'after_rollback')
def after_rollback(session):
    print('after_rollback')


alice = User(email='alice@example.com')
bob = User(email='bob@example.com')
db.session.add_all([alice, bob])
db.session.commit()

alice.email = 'alice@new.example.com'
db.session.commit()

# 唯一约束冲突：flush 失败会自动回滚，触发 after_rollback
db.session.add(User(email='bob@example.com'))
try:
    db.session.commit()
except IntegrityError as e:
    print('IntegrityError:', e.orig)
    db.session.rollback()

db.session.delete(bob)
db.session.commit()

for log in AuditLog.query.order_by(AuditLog.id).all():
    print(log.id, log.action, log.detail)

# 空提交也会触发 before_commit/after_commit，但不会 flush
db.session.commit()
db.session.rollback()
