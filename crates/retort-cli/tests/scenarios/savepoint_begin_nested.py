# SAVEPOINT：session.begin_nested()
# 教程里的经典用法：批量导入时，重复的数据只回滚那一条，其余照常提交
class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), unique=True, nullable=False)
    books = db.relationship("Book", backref="author", cascade="all, delete-orphan")

    def __repr__(self):
        return f"<Author {self.name}>"


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100))
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"))


db.create_all()
db.session.add(Author(name="鲁迅", books=[Book(title="呐喊")]))
db.session.commit()

# 1. with 语句：正常退出时 RELEASE SAVEPOINT
with db.session.begin_nested():
    db.session.add(Author(name="老舍"))
print("作者数:", Author.query.count())

# 2. IntegrityError 只回滚到 SAVEPOINT，外层事务继续
for name in ["巴金", "鲁迅", "茅盾"]:
    author = Author(name=name)
    try:
        with db.session.begin_nested():
            db.session.add(author)
    except IntegrityError as e:
        print("重复的作者:", name, type(e.orig).__name__)
        print("  它现在是 transient 吗？", inspect(author).transient)
db.session.commit()
print([a.name for a in Author.query.order_by(Author.id)])

# 3. begin_nested() 返回的事务对象
sp = db.session.begin_nested()
print(type(sp).__name__, sp.nested, sp.is_active)
cao = Author(name="曹禺")
db.session.add(cao)
sp.rollback()
print("rollback 之后:", cao in db.session, inspect(cao).transient, sp.is_active)

lu = db.session.get(Author, 1)
sp = db.session.begin_nested()
lu.name = "周树人"
lu.books.append(Book(title="彷徨"))
db.session.flush()
print("flush 之后:", lu.name, len(lu.books))
sp.rollback()
print("回滚到 SAVEPOINT 之后:", lu.name, [b.title for b in lu.books])

sp = db.session.begin_nested()
db.session.delete(lu)
db.session.flush()
print("删除之后:", lu in db.session, inspect(lu).deleted)
sp.rollback()
print("恢复:", lu in db.session, inspect(lu).persistent, lu.name)

# 4. 没有 rollback 的失败 SAVEPOINT：外层 commit 会报错
sp = db.session.begin_nested()
db.session.add(Author(name="老舍"))
try:
    sp.commit()
except IntegrityError:
    print("SAVEPOINT 失败，is_active =", sp.is_active, db.session.is_active)
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__)
sp.rollback()
try:
    sp.commit()
except Exception as e:
    print(type(e).__name__, e)

# 5. 嵌套两层；外层 commit 会先 RELEASE 里面的 SAVEPOINT
outer = db.session.begin_nested()
db.session.add(Author(name="沈从文"))
inner = db.session.begin_nested()
db.session.add(Author(name="张爱玲"))
db.session.flush()
inner.commit()
outer.rollback()
print([a.name for a in Author.query.order_by(Author.id)])
db.session.begin_nested()
db.session.add(Author(name="钱钟书"))
db.session.commit()
print(Author.query.count(), sp.is_active)
