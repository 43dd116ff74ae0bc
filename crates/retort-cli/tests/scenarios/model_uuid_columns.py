# UUID columns as tutorials write them: db.Uuid with a uuid4 default,
# Mapped[uuid.UUID] primary keys, as_uuid=False strings, and the UUID type.
# (uuid4() is random in CPython, so the recorded default counts instead.)
import uuid
from sqlalchemy import Uuid, UUID, select
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.schema import CreateTable


issued = []


def next_key():
    issued.append(len(issued) + 1)
    return uuid.UUID(int=0x1000 + issued[-1])


class ApiKey(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    key = db.Column(db.Uuid, default=next_key, nullable=False, unique=True)
    owner_ref = db.Column(db.Uuid(as_uuid=False))
    legacy = db.Column(UUID)


class Order(db.Model):
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    item: Mapped[str] = mapped_column(db.String(30))


print(CreateTable(ApiKey.__table__))
print(CreateTable(Order.__table__))
for column in ApiKey.__table__.c:
    print(column.name, column.type, repr(column.type))
print(repr(Order.__table__.c.id.type), repr(Uuid(native_uuid=False)))

db.create_all()
fixed = uuid.UUID('6f1d2c3b-0a9e-4f7d-8c6b-5a4e3d2c1b0a')
k1 = ApiKey(key=fixed, owner_ref='A1B2C3D4-0000-4000-8000-000000000001', legacy=uuid.UUID(int=255))
k2 = ApiKey()
db.session.add_all([k1, k2])
db.session.commit()
print(k1.key, isinstance(k1.key, uuid.UUID), k1.key.hex)
print(k1.owner_ref, type(k1.owner_ref).__name__)
print(isinstance(k2.key, uuid.UUID), k2.key, len(str(k2.key)))
print(uuid.uuid4().version, isinstance(uuid.uuid4(), uuid.UUID))
print(repr(k1.legacy))

found = ApiKey.query.filter_by(key=fixed).one()
print(found is k1, found.id)
print(db.session.scalars(select(ApiKey.id).where(ApiKey.owner_ref == 'a1b2c3d4-0000-4000-8000-000000000001')).all())
print(db.session.execute(db.text('SELECT key, owner_ref, legacy FROM api_key WHERE id = 1')).one())

o = Order(id=uuid.UUID(int=7), item='book')
db.session.add(o)
db.session.commit()
db.session.expunge_all()
again = db.session.get(Order, uuid.UUID('00000000-0000-0000-0000-000000000007'))
print(again.item, again.id == uuid.UUID(int=7), repr(again.id))
print({again.id: 'seven'}[uuid.UUID(int=7)])

bad = ApiKey(key='6f1d2c3b0a9e4f7d8c6b5a4e3d2c1b0a')
db.session.add(bad)
try:
    db.session.commit()
except Exception as e:
    print(type(e).__name__, '|', e.orig.__class__.__name__, '|', e.orig)
    db.session.rollback()
print(ApiKey.query.count())
