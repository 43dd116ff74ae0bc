# 用户密码：werkzeug.security 的 generate_password_hash / check_password_hash，
# 以及头像用的 hashlib.md5（gravatar）。盐是随机的，所以只打印校验结果和格式。
import hashlib
import hmac
import secrets
from werkzeug.security import generate_password_hash, check_password_hash


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, nullable=False)
    email = db.Column(db.String(120))
    password_hash = db.Column(db.String(256))

    @property
    def password(self):
        raise AttributeError('password is not a readable attribute')

    @password.setter
    def password(self, password):
        self.password_hash = generate_password_hash(password)

    def verify_password(self, password):
        return check_password_hash(self.password_hash, password)

    def avatar(self, size=80):
        digest = hashlib.md5(self.email.lower().encode('utf-8')).hexdigest()
        return f'https://www.gravatar.com/avatar/{digest}?d=identicon&s={size}'

    def __repr__(self):
        return f'<User {self.username!r}>'


db.create_all()

# 新用户：设置密码后只看哈希的格式
u = User(username='tmp', email='Tmp@Example.com')
u.password = 'cat'
method, salt, digest = u.password_hash.split('$')
print(method, len(salt), len(digest), salt.isalnum())
print(u.verify_password('cat'), u.verify_password('dog'))
try:
    u.password
except AttributeError as e:
    print('AttributeError:', e)

# 数据库里存的是固定的哈希（scrypt 与 pbkdf2），校验结果是确定的
susan = User(username='susan', email='Susan@Example.com',
             password_hash='scrypt:32768:8:1$fixedSalt123abcd$256c2ab4270baa2f1c2f3e6287d86f8ead8866009c641785d8ee09cd66d5c28e34c8f32c5a911c879e75af7751121064e768db3e343f47b008053e2bdb837728')
john = User(username='john', email='john@example.com',
            password_hash='pbkdf2:sha256:1000$Salt5678$6d78a1595441c53064a2a130b8e0c54c1173fee4502e4db220c20e758dc9e085')
ghost = User(username='ghost', email='ghost@example.com')
db.session.add_all([susan, john, ghost])
db.session.commit()

for user in User.query.order_by(User.username).all():
    try:
        print(user, user.verify_password('cat'), user.verify_password('secret'))
    except AttributeError as e:
        print(user, 'AttributeError:', e)
print(susan.avatar(), john.avatar(128))

h = generate_password_hash('secret', method='pbkdf2:sha1:2000', salt_length=8)
print(h.split('$')[0], len(h.split('$')[1]), check_password_hash(h, 'secret'))
print(check_password_hash('pbkdf2:sha1:2000$abc$77ba5c1ded50a33b83b33240d4caa97f5fb8d9f3', 'pw'))
print(check_password_hash('plain-text', 'plain-text'))
for bad in ['md5', 'scrypt:1:2']:
    try:
        generate_password_hash('x', method=bad)
    except ValueError as e:
        print('ValueError:', e)

# hashlib / hmac / secrets
m = hashlib.sha256()
m.update('你好'.encode())
m.update(b'!')
print(m.name, m.digest_size, m.block_size, m.hexdigest())
print(hashlib.sha1(b'abc').hexdigest(), hashlib.new('sha512', b'').hexdigest()[:16])
print(hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 10).hex())
print(hmac.new(b'key', b'message', hashlib.sha256).hexdigest())
print(hmac.compare_digest('abc', 'abc'), len(secrets.token_hex(16)), len(secrets.token_urlsafe(16)))
try:
    hashlib.md5('not bytes')
except TypeError as e:
    print('TypeError:', e)
print(User.query.filter_by(username='susan').first().verify_password('cat'))
