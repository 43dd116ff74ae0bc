# 分页：next()/prev()、空结果、max_per_page、page=0
class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(30))


db.create_all()
db.session.add_all([Post(title=f'文章{i}') for i in range(1, 24)])
db.session.commit()
p = Post.query.order_by(Post.id.desc()).paginate(page=2, per_page=5)
print(p.page, p.pages, p.total, p.has_next, p.next_num, p.prev_num, [x.id for x in p.items])
print(list(p.iter_pages(left_edge=1, right_edge=1, left_current=1, right_current=2)))
p3 = db.paginate(db.select(Post).order_by(Post.id), page=5, per_page=5)
print(p3.items, p3.has_next, p3.next_num, p3.first, p3.last)
p4 = Post.query.paginate(page=1, per_page=100)
print(len(p4.items), p4.pages)
nxt = p.next()
print(nxt.page, [x.id for x in nxt])
print(p.prev().page)
p5 = Post.query.filter(Post.id < 0).paginate(page=1, per_page=5)
print(p5.total, p5.pages, p5.items, list(p5.iter_pages()), p5.has_prev)
try:
    Post.query.paginate(page=0, per_page=5)
except Exception as e:
    print(type(e).__name__, getattr(e, 'code', None))
p6 = Post.query.paginate(page=3, per_page=10, max_per_page=5)
print(p6.per_page, p6.page, [x.id for x in p6.items])
