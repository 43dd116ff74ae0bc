# uuid 模块：UUID 解析、uuid4() 的格式（不把随机值写进数据库）
import uuid


class Token(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(36), unique=True)


db.create_all()
fixed = uuid.UUID('{12345678-1234-5678-1234-567812345678}')
db.session.add(Token(code=str(fixed)))
db.session.commit()
print(fixed, repr(fixed), fixed.hex, fixed.version)
print(fixed == uuid.UUID('12345678123456781234567812345678'), {fixed: 1}[uuid.UUID(fixed.hex)])
r = uuid.uuid4()
print(len(str(r)), str(r)[14], r.version, r != fixed, type(r).__name__)
print(Token.query.filter_by(code='12345678-1234-5678-1234-567812345678').one().id)
try:
    uuid.UUID('not-a-uuid')
except ValueError as e:
    print('ValueError', e)
