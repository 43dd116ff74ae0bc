# Flask Mega-Tutorial 的模型：WriteOnlyMapped 关系、followers 关联表、aliased 的 following_posts 查询
from datetime import datetime, timezone
from typing import Optional
import sqlalchemy as sa
import sqlalchemy.orm as so
from werkzeug.security import generate_password_hash, check_password_hash
from hashlib import md5

followers = sa.Table(
    'followers',
    db.metadata,
    sa.Column('follower_id', sa.Integer, sa.ForeignKey('user.id'), primary_key=True),
    sa.Column('followed_id', sa.Integer, sa.ForeignKey('user.id'), primary_key=True)
)


class User(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    username: so.Mapped[str] = so.mapped_column(sa.String(64), index=True, unique=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(120), index=True, unique=True)
    password_hash: so.Mapped[Optional[str]] = so.mapped_column(sa.String(256))
    about_me: so.Mapped[Optional[str]] = so.mapped_column(sa.String(140))
    last_seen: so.Mapped[Optional[datetime]] = so.mapped_column(default=lambda: datetime(2024, 1, 1, tzinfo=timezone.utc))
    posts: so.WriteOnlyMapped['Post'] = so.relationship(back_populates='author')
    following: so.WriteOnlyMapped['User'] = so.relationship(
        secondary=followers, primaryjoin=(followers.c.follower_id == id),
        secondaryjoin=(followers.c.followed_id == id),
        back_populates='followers')
    followers: so.WriteOnlyMapped['User'] = so.relationship(
        secondary=followers, primaryjoin=(followers.c.followed_id == id),
        secondaryjoin=(followers.c.follower_id == id),
        back_populates='following')

    def __repr__(self):
        return '<User {}>'.format(self.username)

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def avatar(self, size):
        digest = md5(self.email.lower().encode('utf-8')).hexdigest()
        return f'https://www.gravatar.com/avatar/{digest}?d=identicon&s={size}'

    def follow(self, user):
        if not self.is_following(user):
            self.following.add(user)

    def unfollow(self, user):
        if self.is_following(user):
            self.following.remove(user)

    def is_following(self, user):
        query = self.following.select().where(User.id == user.id)
        return db.session.scalar(query) is not None

    def followers_count(self):
        query = sa.select(sa.func.count()).select_from(
            self.followers.select().subquery())
        return db.session.scalar(query)

    def following_count(self):
        query = sa.select(sa.func.count()).select_from(
            self.following.select().subquery())
        return db.session.scalar(query)

    def following_posts(self):
        Author = so.aliased(User)
        Follower = so.aliased(User)
        return (
            sa.select(Post)
            .join(Post.author.of_type(Author))
            .join(Author.followers.of_type(Follower), isouter=True)
            .where(sa.or_(
                Follower.id == self.id,
                Author.id == self.id,
            ))
            .group_by(Post)
            .order_by(Post.timestamp.desc())
        )


class Post(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    body: so.Mapped[str] = so.mapped_column(sa.String(140))
    timestamp: so.Mapped[datetime] = so.mapped_column(default=lambda: datetime(2024, 1, 1, tzinfo=timezone.utc))
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey(User.id), index=True)
    author: so.Mapped[User] = so.relationship(back_populates='posts')

    def __repr__(self):
        return '<Post {}>'.format(self.body)


db.create_all()
u = User(username='susan', email='susan@example.com')
u.set_password('cat')
print(u.check_password('dog'), u.check_password('cat'))
print(u.avatar(128))
u1 = User(username='john', email='john@example.com')
u2 = User(username='susan2', email='susan2@example.com')
db.session.add_all([u1, u2])
db.session.commit()
following = db.session.scalars(u1.following.select()).all()
print(following)
u1.follow(u2)
db.session.commit()
print(u1, u2)
print(u1.is_following(u2), u1.following_count(), u2.followers_count())
print(db.session.scalars(u1.following.select()).first().username)
now = datetime(2024, 1, 1, tzinfo=timezone.utc)
from datetime import timedelta
p1 = Post(body="post from john", author=u1, timestamp=now + timedelta(seconds=1))
p2 = Post(body="post from susan", author=u2, timestamp=now + timedelta(seconds=4))
db.session.add_all([p1, p2])
db.session.commit()
print(db.session.scalars(u1.following_posts()).all())
print(db.session.scalars(u2.following_posts()).all())
u1.unfollow(u2)
db.session.commit()
print(u1, u2)
print(u1.is_following(u2), u2.followers_count())
query = sa.select(User).where(User.username == 'john')
print(db.session.scalars(query).all())
posts = db.session.scalars(u1.posts.select()).all()
print(posts)
query = u1.posts.select().where(Post.body.like('%john%'))
print(db.session.scalars(query).all())
