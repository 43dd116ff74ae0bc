# session.delete() 一个已过期（commit 之后）的对象：什么时候才会发 SELECT？
# echo=True 让我们看到每条 SQL 和 print 的先后顺序
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, Table
from sqlalchemy.orm import declarative_base, Session, relationship

Base = declarative_base()

# 关联表的列没有写类型：类型取自外键指向的列（INTEGER）
post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("post.id"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id"), primary_key=True),
)


class Author(Base):
    __tablename__ = "author"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    posts = relationship("Post", backref="author")  # 默认级联：删除作者时把 author_id 置 NULL


class Post(Base):
    __tablename__ = "post"
    id = Column(Integer, primary_key=True)
    title = Column(String(50))
    author_id = Column(Integer, ForeignKey("author.id"))
    tags = relationship("Tag", secondary=post_tags, backref="posts")
    comments = relationship("Comment", cascade="all, delete-orphan")


class Comment(Base):
    __tablename__ = "comment"
    id = Column(Integer, primary_key=True)
    body = Column(String(50))
    post_id = Column(Integer, ForeignKey("post.id"))


class Tag(Base):
    __tablename__ = "tag"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)
python, sql = Tag(name="python"), Tag(name="sql")
lu = Author(
    name="鲁迅",
    posts=[
        Post(title="呐喊", tags=[python, sql]),
        Post(title="彷徨", tags=[python]),
    ],
)
session.add(lu)
session.commit()
lu.posts[0].comments = [Comment(body="好"), Comment(body="赞")]
session.commit()

engine.echo = True
print("1. 删除一个没有关系的对象：delete() 本身不发 SQL")
session.delete(sql)
print("在 session.deleted 里吗？", sql in session.deleted)
print("flush：先 SELECT 过期的行，再 DELETE")
session.flush()

print("2. 删除作者（没有 delete 级联）：delete() 不加载任何东西")
session.delete(lu)
print("flush：加载作者和他的文章，把 author_id 置 NULL")
session.flush()
session.commit()

print("3. 删除文章（评论是 delete-orphan 级联）：delete() 马上加载文章和评论")
nahan = session.get(Post, 1)
session.commit()
session.delete(nahan)
print("commit：删除评论、关联行和文章")
session.commit()

print("4. 行已经被别人删掉了")
python = session.get(Tag, 1)
session.commit()
session.execute(post_tags.delete())
session.execute(Tag.__table__.delete())
session.delete(python)
try:
    session.flush()
except Exception as e:
    print(type(e).__name__)
    session.rollback()
print(session.query(Tag).count(), session.query(Comment).count())
