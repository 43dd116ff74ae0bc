# 批量更新/删除的 synchronize_session='fetch'：SQLite 上用 RETURNING 取回主键
class Task(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))
    done = db.Column(db.Boolean, default=False)
    priority = db.Column(db.Integer, default=1)


db.create_all()
db.session.add_all([Task(title=f'任务{i}', priority=i % 3) for i in range(1, 7)])
db.session.commit()
tasks = Task.query.order_by(Task.id).all()

n = Task.query.filter(Task.title.like('%5')).update({'title': '五'}, synchronize_session='fetch')
print(n, tasks[4].title)
n = Task.query.filter(Task.priority == 1).update({Task.priority: Task.priority + 10}, synchronize_session='fetch')
print(n, [t.priority for t in tasks])

# 'auto'：Python 里算不出 func.lower(...)，退回 'fetch'
n = Task.query.filter(db.func.lower(Task.title) == '任务2').update({'done': True})
print(n, tasks[1].done)

r = db.session.execute(delete(Task).where(Task.priority > 5).execution_options(synchronize_session='fetch'))
print(r.rowcount, [t in db.session for t in tasks])
n = Task.query.filter(db.func.length(Task.title) == 1).delete()
print(n, [t in db.session for t in tasks])
db.session.commit()
print(Task.query.count())
